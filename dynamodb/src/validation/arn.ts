// Table ARN checks shared by the tagging validations, messages as recorded in dynalite's
// validations/tagResource.js.

import { validation } from '../errors.ts';

const ARN = /^arn:aws:dynamodb:.+:\d+:table\/[^/]{2}[^/]+$/;

export function checkArn(arn: string | undefined): string {
  if (arn === undefined) throw validation('Invalid TableArn');
  if (!ARN.test(arn)) throw validation(`Invalid TableArn: Invalid ResourceArn provided as input ${arn}`);
  return arn;
}

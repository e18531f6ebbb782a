// UntagResource request: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UntagResource.html

import { validation } from '../errors.ts';
import { checkArn } from './arn.ts';
import { validateShape } from './schema.ts';

export function validateUntagResource(body: Record<string, unknown>) {
  const d = validateShape<{ ResourceArn: string; TagKeys: string[] }>(body, {
    ResourceArn: { type: 'String' },
    TagKeys: { type: 'List', notNull: true, member: { type: 'String' } },
  });
  checkArn(d.ResourceArn);
  if (!d.TagKeys.length) throw validation('Atleast one Tag Key needs to be provided as Input.');
  return d;
}

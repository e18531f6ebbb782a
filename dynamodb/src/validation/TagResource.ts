// TagResource request: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html

import { validation } from '../errors.ts';
import { checkArn } from './arn.ts';
import { validateShape } from './schema.ts';
import { TAGS } from './shapes.ts';

export function validateTagResource(body: Record<string, unknown>) {
  const d = validateShape<{ ResourceArn: string; Tags: Array<{ Key: string; Value: string }> }>(body, {
    ResourceArn: { type: 'String' },
    Tags: { ...TAGS, notNull: true },
  });
  checkArn(d.ResourceArn);
  if (!d.Tags.length) throw validation('Atleast one Tag needs to be provided as Input.');
  return d;
}

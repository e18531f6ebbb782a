// ListTagsOfResource request: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html

import { checkArn } from './arn.ts';
import { validateShape } from './schema.ts';

export function validateListTags(body: Record<string, unknown>) {
  const d = validateShape<{ ResourceArn: string; NextToken?: string }>(body, {
    ResourceArn: { type: 'String' },
    NextToken: { type: 'String' },
  });
  checkArn(d.ResourceArn);
  return d;
}

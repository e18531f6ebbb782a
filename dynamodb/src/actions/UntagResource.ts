// UntagResource: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UntagResource.html

import type { OpContext } from './context.ts';
import { tableByArn } from './tags.ts';

export function untagResource(d: { ResourceArn: string; TagKeys: string[] }, ctx: OpContext) {
  const table = tableByArn(ctx, d.ResourceArn);
  for (const key of d.TagKeys) table.tags.delete(key);
  return {};
}

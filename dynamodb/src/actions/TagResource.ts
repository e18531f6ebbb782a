// TagResource: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TagResource.html

import type { OpContext } from './context.ts';
import { tableByArn } from './tags.ts';

export function tagResource(d: { ResourceArn: string; Tags: Array<{ Key: string; Value: string }> }, ctx: OpContext) {
  const table = tableByArn(ctx, d.ResourceArn);
  for (const tag of d.Tags) table.tags.set(tag.Key, tag.Value);
  return {};
}

// ListTagsOfResource: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTagsOfResource.html

import type { OpContext } from './context.ts';
import { tableByArn } from './tags.ts';

export function listTagsOfResource(d: { ResourceArn: string }, ctx: OpContext) {
  const table = tableByArn(ctx, d.ResourceArn);
  return { Tags: [...table.tags].map(([Key, Value]) => ({ Key, Value })) };
}

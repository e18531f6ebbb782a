// TagResource / UntagResource / ListTagsOfResource on table ARNs.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html
// The not-found message keeps DynamoDB's own typo ("ResourcArn").

import { resourceNotFound } from '../errors.ts';
import type { Table } from '../storage/table.ts';
import type { OpContext } from './context.ts';

function tableByArn(ctx: OpContext, arn: string): Table {
  const name = arn.slice(arn.indexOf(':table/') + ':table/'.length);
  const table = ctx.store.tables(ctx.namespace, ctx.region).get(name);
  if (!table || table.arn !== arn) throw resourceNotFound(`Requested resource not found: ResourcArn: ${arn} not found`);
  ctx.note({ table: name });
  return table;
}

export function tagResource(d: { ResourceArn: string; Tags: Array<{ Key: string; Value: string }> }, ctx: OpContext) {
  const table = tableByArn(ctx, d.ResourceArn);
  for (const tag of d.Tags) table.tags.set(tag.Key, tag.Value);
  return {};
}

export function untagResource(d: { ResourceArn: string; TagKeys: string[] }, ctx: OpContext) {
  const table = tableByArn(ctx, d.ResourceArn);
  for (const key of d.TagKeys) table.tags.delete(key);
  return {};
}

export function listTagsOfResource(d: { ResourceArn: string }, ctx: OpContext) {
  const table = tableByArn(ctx, d.ResourceArn);
  return { Tags: [...table.tags].map(([Key, Value]) => ({ Key, Value })) };
}

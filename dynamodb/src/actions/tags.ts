// Shared by TagResource / UntagResource / ListTagsOfResource: the table a table ARN names.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Tagging.html
// The not-found message keeps DynamoDB's own typo ("ResourcArn").

import { resourceNotFound } from '../errors.ts';
import type { Table } from '../storage/table.ts';
import type { OpContext } from './context.ts';

export function tableByArn(ctx: OpContext, arn: string): Table {
  const name = arn.slice(arn.indexOf(':table/') + ':table/'.length);
  const table = ctx.store.tables(ctx.namespace, ctx.region).get(name);
  if (!table || table.arn !== arn) throw resourceNotFound(`Requested resource not found: ResourcArn: ${arn} not found`);
  ctx.note({ table: name });
  return table;
}

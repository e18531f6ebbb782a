// UpdateItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html

import { Consumed } from '../capacity.ts';
import type { UpdateItemInput } from '../validation/items.ts';
import type { OpContext } from './context.ts';
import { runWrite } from './runWrite.ts';
import { prepareUpdate } from './write.ts';

export function updateItem(d: UpdateItemInput, ctx: OpContext) {
  return runWrite(prepareUpdate(d, ctx), d, ctx, new Consumed(d.TableName, 'write'));
}

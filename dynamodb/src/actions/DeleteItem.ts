// DeleteItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html

import { Consumed } from '../capacity.ts';
import type { DeleteItemInput } from '../validation/items.ts';
import type { OpContext } from './context.ts';
import { runWrite } from './runWrite.ts';
import { prepareDelete } from './write.ts';

export function deleteItem(d: DeleteItemInput, ctx: OpContext) {
  return runWrite(prepareDelete(d, ctx), d, ctx, new Consumed(d.TableName, 'write'));
}

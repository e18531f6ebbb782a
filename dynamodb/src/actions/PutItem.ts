// PutItem: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html

import { Consumed } from '../capacity.ts';
import type { PutItemInput } from '../validation/items.ts';
import type { OpContext } from './context.ts';
import { runWrite } from './runWrite.ts';
import { preparePut } from './write.ts';

export function putItem(d: PutItemInput, ctx: OpContext) {
  return runWrite(preparePut(d, ctx), d, ctx, new Consumed(d.TableName, 'write'));
}

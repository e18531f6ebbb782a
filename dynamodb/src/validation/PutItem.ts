// PutItem request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html

import { validation } from '../errors.ts';
import type { PutItemInput } from './items.ts';
import { WRITE_COMMON } from './items.ts';
import { ITEM, RETURN_VALUES, TABLE_NAME, validateShape } from './schema.ts';

export function validate(body: Record<string, unknown>): PutItemInput {
  const d = validateShape<PutItemInput>(body, { TableName: TABLE_NAME, Item: { ...ITEM, notNull: true }, ReturnValues: RETURN_VALUES, ...WRITE_COMMON });
  if (d.ReturnValues && d.ReturnValues !== 'ALL_OLD' && d.ReturnValues !== 'NONE') throw validation('ReturnValues can only be ALL_OLD or NONE');
  return d;
}

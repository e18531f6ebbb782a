// DeleteItem request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html

import { validation } from '../errors.ts';
import type { DeleteItemInput } from './items.ts';
import { WRITE_COMMON } from './items.ts';
import { KEY, RETURN_VALUES, TABLE_NAME, validateShape } from './schema.ts';

export function validate(body: Record<string, unknown>): DeleteItemInput {
  const d = validateShape<DeleteItemInput>(body, { TableName: TABLE_NAME, Key: { ...KEY, notNull: true }, ReturnValues: RETURN_VALUES, ...WRITE_COMMON });
  if (d.ReturnValues && d.ReturnValues !== 'ALL_OLD' && d.ReturnValues !== 'NONE') throw validation('ReturnValues can only be ALL_OLD or NONE');
  return d;
}

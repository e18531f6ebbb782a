// UpdateItem request shape: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html

import type { UpdateItemInput } from './items.ts';
import { WRITE_COMMON } from './items.ts';
import { KEY, RETURN_VALUES, TABLE_NAME, validateShape } from './schema.ts';

export function validate(body: Record<string, unknown>): UpdateItemInput {
  return validateShape<UpdateItemInput>(body, {
    TableName: TABLE_NAME,
    Key: { ...KEY, notNull: true },
    ReturnValues: RETURN_VALUES,
    UpdateExpression: { type: 'String' },
    AttributeUpdates: {
      type: 'Map',
      value: {
        type: 'Struct',
        name: 'AttributeValueUpdate',
        fields: { Action: { type: 'String', enum: ['ADD', 'PUT', 'DELETE'] }, Value: { type: 'AttrValue' } },
      },
    },
    ...WRITE_COMMON,
  });
}

// UpdateTimeToLive request: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html

import { validateShape } from './schema.ts';
import { TABLE_NAME } from './shapes.ts';

export function validateUpdateTtl(body: Record<string, unknown>) {
  return validateShape<{ TableName: string; TimeToLiveSpecification: { Enabled: boolean; AttributeName: string } }>(body, {
    TableName: TABLE_NAME,
    TimeToLiveSpecification: {
      type: 'Struct',
      name: 'TimeToLiveSpecification',
      notNull: true,
      fields: {
        Enabled: { type: 'Boolean', notNull: true },
        AttributeName: { type: 'String', notNull: true, minLen: 1, maxLen: 255 },
      },
    },
  });
}

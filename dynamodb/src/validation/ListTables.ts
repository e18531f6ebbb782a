// ListTables request: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html

import { OPTIONAL_TABLE_NAME, validateShape } from './schema.ts';

export function validateListTables(body: Record<string, unknown>) {
  return validateShape<{ Limit?: number; ExclusiveStartTableName?: string }>(body, {
    ExclusiveStartTableName: OPTIONAL_TABLE_NAME,
    Limit: { type: 'Integer', min: 1, max: 100 },
  });
}

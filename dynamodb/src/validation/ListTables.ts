// ListTables request: https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html

import { validateShape } from './schema.ts';
import { OPTIONAL_TABLE_NAME } from './shapes.ts';

export function validateListTables(body: Record<string, unknown>) {
  return validateShape<{ Limit?: number; ExclusiveStartTableName?: string }>(body, {
    ExclusiveStartTableName: OPTIONAL_TABLE_NAME,
    Limit: { type: 'Integer', min: 1, max: 100 },
  });
}

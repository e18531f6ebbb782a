// Requests whose only field is the table name (DescribeTable, DeleteTable,
// DescribeTimeToLive), and requests without fields (DescribeLimits, DescribeEndpoints).

import { validateShape } from './schema.ts';
import { TABLE_NAME } from './shapes.ts';

export const validateTableName = (body: Record<string, unknown>) => validateShape<{ TableName: string }>(body, { TableName: TABLE_NAME });

export const validateNothing = (body: Record<string, unknown>) => validateShape<Record<string, never>>(body, {});

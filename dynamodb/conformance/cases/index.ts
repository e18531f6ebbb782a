// Every conformance case, in the order FAILURES.md lists them.

import type { Case } from '../harness.ts';
import { batchWriteItem } from './batchWriteItem.ts';
import { createTable } from './createTable.ts';
import { describeTable } from './describeTable.ts';
import { getItem } from './getItem.ts';
import { putItem } from './putItem.ts';
import { query } from './query.ts';
import { scan } from './scan.ts';
import { transactWriteItems } from './transactWriteItems.ts';
import { updateExpression } from './updateExpression.ts';
import { updateItem } from './updateItem.ts';

export const ALL_CASES: Case[] = [
  ...putItem,
  ...getItem,
  ...updateItem,
  ...updateExpression,
  ...query,
  ...scan,
  ...createTable,
  ...describeTable,
  ...batchWriteItem,
  ...transactWriteItems,
];

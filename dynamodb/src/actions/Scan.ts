// Scan: every item of the table or index in partition-token order, split into
// Segment/TotalSegments by token range (parallel scan).
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html

import type { ScanInput } from '../validation/reads.ts';
import type { OpContext } from './context.ts';
import { exprContext } from './items.ts';
import { checkScanStartKey, planRead, readPage, translateLegacy } from './read.ts';

const TOKENS = 2 ** 32;

export function scan(d: ScanInput, ctx: OpContext) {
  const legacyProjection = !!d.AttributesToGet;
  translateLegacy(d, d.ScanFilter);
  const ectx = exprContext(d.ExpressionAttributeNames, d.ExpressionAttributeValues);
  const plan = planRead(d, ctx, ectx, legacyProjection);
  ectx.assertAllUsed();
  const start = checkScanStartKey(plan, d.ExclusiveStartKey);
  const segments = d.TotalSegments ?? 1;
  const segment = d.Segment ?? 0;
  const from = Math.floor((segment * TOKENS) / segments);
  const to = Math.floor(((segment + 1) * TOKENS) / segments);
  const store = plan.index?.items ?? plan.table.items;
  return readPage(plan, d, ctx, store.scan(from, to, start));
}

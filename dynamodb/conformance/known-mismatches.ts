// Cases our server does not yet answer as DynamoDB does (details in FAILURES.md, regenerated
// by `node dynamodb/conformance/report.ts`). Case id → who should fix it.

export const KNOWN_MISMATCHES = new Map<string, string>([]);

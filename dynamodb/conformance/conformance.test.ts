// Runs every conformance case against our server. Cases listed in known-mismatches.ts are
// expected to fail (vitest `it.fails`) so the suite stays green while FAILURES.md tracks them;
// once the server is fixed such a test fails, telling whoever fixed it to drop the entry.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CASES } from './cases/index.ts';
import { Conformance } from './harness.ts';
import { KNOWN_MISMATCHES } from './known-mismatches.ts';

let conf: Conformance;
beforeAll(async () => {
  conf = await Conformance.start();
});
afterAll(() => conf.close());

describe('DynamoDB conformance', () => {
  it('case ids are unique', () => {
    const ids = ALL_CASES.map((c) => c.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('known mismatches name existing cases', () => {
    const ids = new Set(ALL_CASES.map((c) => c.id));
    expect([...KNOWN_MISMATCHES.keys()].filter((id) => !ids.has(id))).toEqual([]);
  });

  for (const c of ALL_CASES) {
    const test = KNOWN_MISMATCHES.has(c.id) ? it.fails : it;
    test(c.id, async () => {
      const outcome = await conf.run(c);
      expect(outcome.got, `source: ${c.source}`).toBe(outcome.ok ? outcome.got : outcome.expected);
    });
  }
});

// The results of grading one submission, in the shape of Exercism's test-runner interface v3
// (https://exercism.org/docs/building/tooling/test-runners/interface), so tools that read
// Exercism results read ours. Every field is documented in labs/RESULTS.md.
import { z } from 'zod';
import { parseWithFriendlyErrors } from './friendly.ts';

/** Longest learner output kept per test; the rest is cut with a marker. */
export const OUTPUT_CAP = 2_000;
/** Marker appended when output was cut. */
export const TRUNCATION_MARKER = '\n… output truncated';

/** pass: every check passed; fail: some check failed; error: the code could not be graded. */
export const Status = z.enum(['pass', 'fail', 'error']).describe('pass | fail | error');
export type Status = z.infer<typeof Status>;

/** Where in the learner's file a compile or runtime error points (1-based). */
export const Location = z
  .strictObject({
    /** 1-based line in the learner's file. */
    line: z.number().int().min(1).describe('1-based line.'),
    /** 1-based column in the learner's file. */
    column: z.number().int().min(1).describe('1-based column.'),
  })
  .describe("A position in the learner's file.");

export const TestResult = z
  .strictObject({
    /** Human-readable name of the check. */
    name: z.string().describe('Name of the check.'),
    /** Outcome of this check. */
    status: Status,
    /** Why it failed or errored, written to teach; null when it passed. */
    message: z.string().nullable().describe('Why it failed; null on pass.'),
    /** The learner's console output while this check ran, capped at OUTPUT_CAP; null if none. */
    output: z.string().max(OUTPUT_CAP + TRUNCATION_MARKER.length).nullable().describe('Learner output, capped.'),
    /** 1-based position of the check's task in the manifest's `tasks` (Exercism's task_id). */
    task_id: z.number().int().min(1).describe('1-based task position in the manifest.'),
    /** The task's id from the manifest. */
    task: z.string().describe('Task id from the manifest.'),
    /** How long the check took, in milliseconds. */
    duration_ms: z.number().min(0).describe('Duration of the check, ms.'),
  })
  .describe('The outcome of one check.');
export type TestResult = z.infer<typeof TestResult>;

export const Results = z
  .strictObject({
    /** Interface version; always 3. */
    version: z.literal(3).describe('Always 3.'),
    /** Overall outcome: pass only when every test passed. */
    status: Status,
    /** Present when status is error (compile error, crash at import, time limit); null otherwise. */
    message: z.string().nullable().describe('Why grading errored; null otherwise.'),
    /** For compile and import errors: where in the learner's file; null otherwise. */
    location: Location.nullable().describe("Error position in the learner's file, or null."),
    /** One entry per check, in manifest task order; empty when status is error before any check ran. */
    tests: z.array(TestResult).describe('Per-check results in task order.'),
    /** The lab that was graded. */
    lab: z.string().describe('Lab id.'),
    /** Total wall time of the grading, in milliseconds. */
    duration_ms: z.number().min(0).describe('Total grading time, ms.'),
  })
  .superRefine((r, ctx) => {
    if (r.status === 'error' && !r.message) ctx.addIssue({ code: 'custom', path: ['message'], message: 'required when status is error' });
    if (r.status === 'pass' && (r.tests.length === 0 || r.tests.some((t) => t.status !== 'pass')))
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'pass requires at least one test and every test passing' });
    if (r.status === 'fail' && !r.tests.some((t) => t.status !== 'pass'))
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'fail requires a test that did not pass' });
  })
  .describe('Results of grading one submission.');
export type Results = z.infer<typeof Results>;

/** Validate results (the engine does this before returning them). */
export function parseResults(input: unknown): Results {
  return parseWithFriendlyErrors(Results, input, 'Invalid results:');
}

/** Cap learner output to OUTPUT_CAP characters, marking the cut. */
export function capOutput(text: string): string | null {
  if (text.length === 0) return null;
  return text.length > OUTPUT_CAP ? text.slice(0, OUTPUT_CAP) + TRUNCATION_MARKER : text;
}

// The lab manifest: `labs/catalog/<id>/lab.json`. One schema, types inferred; every field
// documented here and in labs/README.md. A lab folder holds, beside the manifest:
//   starter.ts   what the learner edits (must compile and fail the checks)
//   solution.ts  the reference solution (passes; only served through the reveal endpoint)
//   checks.ts    the hidden checks (trusted; never sent to the learner's process or browser)
//   fixture.ts   optional: schema, tables, collections, keys and seed data applied before each run
//   wrong/*.ts   plausible wrong solutions; `keyspace verify` proves each one fails
import { z } from 'zod';
import { parseWithFriendlyErrors } from './friendly.ts';

/** The backends a lab can ask for. */
export const BackendName = z.enum(['postgres', 'mongo', 'redis', 'dynamodb']).describe('A database the lab runs against.');
export type BackendName = z.infer<typeof BackendName>;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase words joined by dashes, e.g. "order-keys"');

/** One graded step of a lab. */
export const Task = z
  .strictObject({
    /** Stable id the checks refer to (slug). */
    id: slug.describe('Stable id the checks refer to.'),
    /** One-line title the chapter shows as a step. */
    title: z.string().min(3).max(120).describe('One-line title shown as a step.'),
  })
  .describe('One graded step of a lab.');
export type Task = z.infer<typeof Task>;

export const LabManifest = z
  .strictObject({
    /** Unique lab id; equals the folder name. */
    id: slug.describe('Unique lab id; equals the folder name.'),
    /** Title shown above the editor. */
    title: z.string().min(3).max(100).describe('Title shown above the editor.'),
    /** Outline section the lab belongs to, e.g. "19.1". */
    chapter: z.string().regex(/^\d+\.\d+$/, 'an outline section such as "19.1"').describe('Outline section, e.g. "19.1".'),
    /** What the learner builds, in one or two sentences (Markdown). */
    summary: z.string().min(10).max(600).describe('What the learner builds (Markdown).'),
    /** Backends the lab needs; each gets its own namespace per learner. */
    backends: z
      .array(BackendName)
      .min(1)
      .refine((b) => new Set(b).size === b.length, 'each backend at most once')
      .describe('Backends the lab needs.'),
    /** Ordered tasks; every check names one of these ids. */
    tasks: z
      .array(Task)
      .min(1)
      .refine((t) => new Set(t.map((x) => x.id)).size === t.length, 'task ids must be unique')
      .describe('Ordered tasks.'),
    /** Ordered hints (Markdown), revealed one at a time. */
    hints: z.array(z.string().min(5)).default([]).describe('Ordered hints, revealed one at a time.'),
    /** Wall-time limit for one run or submit, in milliseconds. */
    timeLimitMs: z.number().int().min(1_000).max(60_000).default(10_000).describe('Wall-time limit per run, ms.'),
    /** File name the learner's code is shown and saved under, e.g. "orders.ts". */
    learnerFile: z
      .string()
      .regex(/^[A-Za-z0-9_-]+\.ts$/, 'a plain TypeScript file name such as "orders.ts"')
      .default('solution.ts')
      .describe("Learner file name, e.g. 'orders.ts'."),
  })
  .describe('A lab manifest (lab.json).');

/** A validated lab manifest. */
export type LabManifest = z.output<typeof LabManifest>;

/** Validate a parsed lab.json; throws a ContractError naming every bad field. */
export function parseManifest(input: unknown, source = 'lab.json'): LabManifest {
  return parseWithFriendlyErrors(LabManifest, input, `Invalid lab manifest ${source}:`);
}

/** npm packages a lab's code may import, by backend; the editor bundles their typings. */
export const PACKAGES_BY_BACKEND: Record<BackendName, readonly string[]> = {
  postgres: ['pg', 'postgres'],
  mongo: ['mongodb'],
  redis: ['redis'],
  dynamodb: ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb-streams'],
};

// Friendly validation errors, after Starlight's `parseWithFriendlyErrors`
// (https://github.com/withastro/starlight/blob/main/packages/starlight/utils/error-map.ts):
// one line per problem, naming the field by its path, so an author fixing a lab.json or a
// client sending a bad payload knows exactly what to change.
import type { z } from 'zod';

/** Thrown when a value does not match a contract; `issues` lists one line per problem. */
export class ContractError extends Error {
  /** One human-readable line per problem, each starting with the field path. */
  readonly issues: string[];
  constructor(what: string, issues: string[]) {
    super(`${what}\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ContractError';
    this.issues = issues;
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = `**${pathOf(issue.path)}**`;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${where}: required` : `${where}: expected ${issue.expected}, got ${typeof issue.input}`;
    case 'unrecognized_keys':
      return `${where}: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `${where}: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    default:
      return `${where}: ${issue.message}`;
  }
}

/** Parse `input` with `schema`; on failure throw a ContractError that names every bad field. */
export function parseWithFriendlyErrors<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ContractError(what, result.error.issues.map(describeIssue));
}

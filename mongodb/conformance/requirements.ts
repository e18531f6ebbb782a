// runOnRequirements evaluation and version strings.
// https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#runonrequirement
import { scalarEquals } from './values.ts';
import type { RunOnRequirement, ServerInfo } from './types.ts';

/** Parses "<major>[.<minor>[.<patch>]]", ignoring pre-release suffixes ("4.9.0-alpha4-…" → 4.9.0). */
export function parseVersion(v: string): [number, number, number] {
  const parts = v.split('-')[0].split('.').map((p) => Number.parseInt(p, 10));
  if (parts.some((p) => Number.isNaN(p))) throw new Error(`bad version string '${v}'`);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0];
}

export function compareVersions(a: [number, number, number], b: [number, number, number]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** Highest test-file schema version this runner implements (spec: "Schema Version"). */
export const SUPPORTED_SCHEMA: [number, number, number] = [1, 21, 0];

export function schemaSupported(schemaVersion: string): boolean {
  const v = parseVersion(schemaVersion);
  return v[0] === SUPPORTED_SCHEMA[0] && compareVersions(v, SUPPORTED_SCHEMA) <= 0;
}

/** Why one requirement is not met, or null when it is. */
export function unmetReason(req: RunOnRequirement, server: ServerInfo): string | null {
  const sv = server.version.join('.');
  if (req.minServerVersion && compareVersions(server.version, parseVersion(req.minServerVersion)) < 0) {
    return `minServerVersion ${req.minServerVersion} > server ${sv}`;
  }
  if (req.maxServerVersion && compareVersions(server.version, parseVersion(req.maxServerVersion)) > 0) {
    return `maxServerVersion ${req.maxServerVersion} < server ${sv}`;
  }
  if (req.topologies) {
    // "sharded" accepts any sharded cluster, and every supported sharded cluster is backed by replica sets.
    const ok = req.topologies.some((t) => t === server.topology || (t === 'sharded-replicaset' && server.topology === 'sharded'));
    if (!ok) return `topologies [${req.topologies.join(', ')}] exclude ${server.topology}`;
  }
  if (req.serverless === 'require' && !server.serverless) return 'serverless: require';
  if (req.serverless === 'forbid' && server.serverless) return 'serverless: forbid';
  if (req.auth === true && !server.auth) return 'auth: true (server runs without auth)';
  if (req.auth === false && server.auth) return 'auth: false (server runs with auth)';
  if (req.authMechanism) {
    const mechs = (server.parameters?.authenticationMechanisms as string[] | undefined) ?? [];
    if (!mechs.some((m) => m.toLowerCase() === req.authMechanism!.toLowerCase())) return `authMechanism ${req.authMechanism}`;
  }
  if (req.csfle !== undefined && req.csfle !== false) return 'csfle (client-side encryption is not available)';
  if (req.serverParameters) {
    for (const [name, want] of Object.entries(req.serverParameters)) {
      const have = server.parameters?.[name];
      if (have === undefined || !scalarEquals(want, have)) return `serverParameters.${name}`;
    }
  }
  return null;
}

/** Null when at least one requirement is met (or none are given), else the reasons joined. */
export function requirementsSkipReason(reqs: RunOnRequirement[] | undefined, server: ServerInfo): string | null {
  if (!reqs || reqs.length === 0) return null;
  const reasons: string[] = [];
  for (const r of reqs) {
    const why = unmetReason(r, server);
    if (why === null) return null;
    reasons.push(why);
  }
  return `runOnRequirements: ${reasons.join(' / ')}`;
}

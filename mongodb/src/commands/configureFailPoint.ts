// configureFailPoint "failCommand": test hook that makes the next matching commands fail, as the
// real server's test-commands mode offers (used by the unified CRUD tests).
// https://github.com/mongodb/mongo/wiki/The-%22failCommand%22-fail-point
import type { Document } from 'bson';
import type { CommandInvocation, CommandSpec } from '../core.ts';
import { CommandError, errors } from '../errors.ts';

export interface FailPoint { remaining: number; skip: number; data: Document }

export const configureFailPoint: CommandSpec = {
  name: 'configureFailPoint',
  run(inv) {
    if (inv.db !== 'admin') throw errors.unauthorized('configureFailPoint may only be run against the admin database.');
    const name = inv.body.configureFailPoint;
    if (name !== 'failCommand') throw errors.badValue(`Unknown fail point: ${String(name)} (only failCommand is supported)`);
    const mode = inv.body.mode;
    const fps = inv.core.failPoints;
    if (mode === 'off') fps.delete(name);
    else if (mode === 'alwaysOn') fps.set(name, { remaining: Infinity, skip: 0, data: (inv.body.data as Document) ?? {} });
    else if (mode && typeof mode === 'object' && ('times' in mode || 'skip' in mode)) {
      const m = mode as Document;
      fps.set(name, { remaining: Number(m.times ?? Infinity), skip: Number(m.skip ?? 0), data: (inv.body.data as Document) ?? {} });
    } else throw errors.badValue('mode must be "alwaysOn", "off", or { times: n } / { skip: n }');
    return {};
  },
};

/** Result of consulting failCommand for one command: nothing, a forced error, or a write concern error. */
export function triggerFailPoint(inv: CommandInvocation): { error?: CommandError; writeConcernError?: Document; close?: boolean } | undefined {
  const fp = inv.core.failPoints.get('failCommand');
  if (!fp || fp.remaining <= 0) return undefined;
  const names = (fp.data.failCommands as string[]) ?? [];
  if (!names.includes(inv.name)) return undefined;
  if (fp.data.appName && fp.data.appName !== inv.conn.state.get('appName')) return undefined;
  if (fp.skip > 0) { fp.skip--; return undefined; }
  fp.remaining--;
  if (fp.data.closeConnection) return { close: true };
  if (fp.data.writeConcernError) return { writeConcernError: fp.data.writeConcernError as Document };
  if (fp.data.errorCode !== undefined) {
    const code = Number(fp.data.errorCode);
    const extra: Document = {};
    if (fp.data.errorLabels) extra.errorLabels = fp.data.errorLabels;
    return { error: new CommandError(code, codeNameOf(code), `Failing command via 'failCommand' failpoint`, extra) };
  }
  return undefined;
}

function codeNameOf(code: number): string {
  const known: Record<number, string> = { 8: 'UnknownError', 91: 'ShutdownInProgress', 11600: 'InterruptedAtShutdown', 189: 'PrimarySteppedDown', 10107: 'NotWritablePrimary', 13435: 'NotPrimaryNoSecondaryOk', 6: 'HostUnreachable', 89: 'NetworkTimeout', 112: 'WriteConflict', 11000: 'DuplicateKey' };
  return known[code] ?? `Location${code}`;
}

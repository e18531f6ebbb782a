// Command dispatch: find the handler, apply the auth hook, attach the session / transaction /
// retryable-write context, run it, and shape the reply ({ok, errmsg, code, codeName} on error,
// plus $clusterTime/operationTime as a replica-set member sends them).
import type { Document } from 'bson';
import { Binary, Long } from 'bson';
import type { CommandInvocation, CommandSpec, ConnectionContext, ServerCore } from '../core.ts';
import { triggerFailPoint } from './configureFailPoint.ts';
import { CommandError, errors, toCommandError } from '../errors.ts';
import { Transaction } from '../sessions/transaction.ts';
import { abort } from '../sessions/commit.ts';

const RETRYABLE = new Set(['insert', 'update', 'delete', 'findAndModify', 'bulkWrite']);
const LEGACY_ALLOWED = new Set(['isMaster', 'ismaster', 'hello']);

export async function dispatch(core: ServerCore, conn: ConnectionContext, raw: Document, legacy: boolean): Promise<Document> {
  let body = raw;
  if (legacy && body.$query && typeof body.$query === 'object') body = body.$query as Document;
  const name = Object.keys(body)[0];
  let reply: Document;
  try {
    if (legacy && !LEGACY_ALLOWED.has(name)) throw errors.location(5739101, 'OP_QUERY is no longer supported. The client driver may require an upgrade.');
    reply = await run(core, conn, name, body);
  } catch (e) {
    const err = toCommandError(e);
    if (!(e instanceof CommandError)) core.log(`command ${name} failed: ${(e as Error).stack ?? e}`);
    reply = err.toReply();
  }
  const t = core.clock.now();
  reply.$clusterTime = { clusterTime: t, signature: { hash: new Binary(Buffer.alloc(20)), keyId: Long.ZERO } };
  reply.operationTime = t;
  return reply;
}

async function run(core: ServerCore, conn: ConnectionContext, name: string, body: Document): Promise<Document> {
  const spec = name ? core.commands.get(name) : undefined;
  if (!spec) throw errors.commandNotFound(`no such command: '${name}'`);
  const db = typeof body.$db === 'string' ? body.$db : 'admin';
  const inv: CommandInvocation = { name: spec.name, db, body, conn, core };
  if (spec.requiresAuth !== false) core.hooks.auth?.authorize(inv);
  if (name === 'hello' || name === 'isMaster' || name === 'ismaster') {
    const client = (body.client as Document | undefined)?.application as Document | undefined;
    if (client?.name) conn.state.set('appName', client.name);
  }
  const fp = core.failPoints.size ? triggerFailPoint(inv) : undefined;
  if (fp?.close) { conn.close('closed by failCommand fail point'); return {}; }
  if (fp?.error) throw fp.error;
  if (fp?.writeConcernError) {
    const reply = await runCommand(inv, spec);
    reply.writeConcernError = fp.writeConcernError;
    return reply;
  }
  return runCommand(inv, spec);
}

/** Runs the handler inside its session context: transaction statement, retryable write or plain. */
async function runCommand(inv: CommandInvocation, spec: CommandSpec): Promise<Document> {
  const body = inv.body;
  if (body.lsid && typeof body.lsid === 'object') inv.session = inv.core.sessions.get(body.lsid as Document);
  const txnNumber = toBigInt(body.txnNumber);
  if (inv.session && txnNumber !== undefined && body.autocommit === false) return runInTransaction(inv, txnNumber, spec.run);
  if (inv.session && txnNumber !== undefined && RETRYABLE.has(spec.name)) {
    const cached = inv.session.retries.get(txnNumber);
    if (cached) return { ...cached, retriedStmtIds: undefined };
    if (txnNumber < inv.session.txnNumber) throw errors.transactionTooOld(`Retryable write with txnNumber ${txnNumber} is prohibited on session ${inv.session.key} because a newer retryable write with txnNumber ${inv.session.txnNumber} has already started on this session.`);
    inv.session.txnNumber = txnNumber;
    const reply = withOk(await spec.run(inv));
    inv.session.retries.clear();
    inv.session.retries.set(txnNumber, reply);
    return reply;
  }
  return withOk(await spec.run(inv));
}

async function runInTransaction(inv: CommandInvocation, n: bigint, runCmd: (i: CommandInvocation) => Document | Promise<Document>): Promise<Document> {
  const session = inv.session!;
  const core = inv.core;
  if (inv.body.startTransaction === true) {
    if (n < session.txnNumber) throw errors.transactionTooOld(`Cannot start transaction ${n} on session ${session.key} because a newer transaction ${session.txnNumber} has already started.`);
    if (n === session.txnNumber && session.txn) throw errors.location(50911, `Cannot start a transaction at given transaction number ${n} a transaction with the same number is in state ${session.txn.state}`);
    if (session.txn?.state === 'active') abort(session.txn);
    session.txnNumber = n;
    session.txn = new Transaction(core.storage, session.lsid, session.key, n);
  }
  const txn = session.txn;
  const isEnd = inv.name === 'commitTransaction' || inv.name === 'abortTransaction';
  if (!txn || txn.txnNumber !== n) {
    throw errors.noSuchTransaction(`Given transaction number ${n} does not match any in-progress transactions. The active transaction number is ${session.txnNumber}`);
  }
  if (txn.state !== 'active' && !isEnd) {
    throw errors.noSuchTransaction(`Transaction with { txnNumber: ${n} } has been aborted.`);
  }
  inv.txn = txn;
  try {
    return withOk(await runCmd(inv));
  } catch (e) {
    // Any failed statement aborts the whole transaction on the real server.
    if (!isEnd && txn.state === 'active') abort(txn);
    throw e;
  }
}

function withOk(reply: Document): Document {
  if (reply.ok === undefined) reply.ok = 1;
  return reply;
}

export function toBigInt(v: unknown): bigint | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  if (typeof v === 'bigint') return v;
  if (v instanceof Long) return v.toBigInt();
  return undefined;
}

// Assertions after an operation or a test: expectError, expectEvents and outcome.
// https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#expectederror
import { MongoBulkWriteError, MongoClientBulkWriteError, MongoError, MongoOperationTimeoutError, MongoServerError, type MongoClient } from 'mongodb';
import type { EntityMap, ObservedEvent } from './entities.ts';
import { exactMatch, match, type MatchContext, type Mismatch } from './match.ts';
import { bulkResultDoc, clientBulkResultDoc, mapToDoc } from './operations/context.ts';
import type { CollectionData, Doc, ExpectedError, ExpectedEventsForClient } from './types.ts';
import { show } from './values.ts';

type ErrorLike = Error & Record<string, unknown>;

/** Server errors aggregated in a bulk write error, which errorContains/errorCode also search. */
function nestedErrors(err: ErrorLike): Doc[] {
  if (err instanceof MongoClientBulkWriteError) return err.cause ? [err.cause as unknown as Doc] : [];
  const out: Doc[] = [];
  if (err instanceof MongoBulkWriteError) {
    for (const we of err.writeErrors as unknown as Doc[]) out.push(we);
    const wce = (err.result as unknown as { getWriteConcernError?: () => Doc | undefined })?.getWriteConcernError?.();
    if (wce) out.push(wce);
  }
  if (err.writeConcernError) out.push(err.writeConcernError as Doc);
  return out;
}

function messageOf(e: Doc): string {
  return String(e.errmsg ?? e.message ?? '');
}

export function checkError(expected: ExpectedError, error: unknown, ctx: MatchContext): Mismatch {
  if (!(error instanceof Error)) return `expected an error, got ${show(error)}`;
  const err = error as ErrorLike;
  const label = `${err.name}: ${err.message}`;
  const isClient = !(err instanceof MongoServerError);
  if (expected.isClientError !== undefined && expected.isClientError !== isClient) {
    return `expected a ${expected.isClientError ? 'client' : 'server'} error, got ${label}`;
  }
  if (expected.isTimeoutError !== undefined && expected.isTimeoutError !== err instanceof MongoOperationTimeoutError) {
    return `expected isTimeoutError=${expected.isTimeoutError}, got ${label}`;
  }
  const nested = nestedErrors(err);
  if (expected.errorContains !== undefined) {
    const needle = expected.errorContains.toLowerCase();
    const haystacks = [err.message, ...nested.map(messageOf)];
    if (!haystacks.some((h) => h.toLowerCase().includes(needle))) {
      return `expected the error message to contain '${expected.errorContains}', got ${haystacks.map((h) => `'${h}'`).join(' / ')}`;
    }
  }
  if (expected.errorCode !== undefined) {
    const codes = [err.code, ...nested.map((e) => e.code)].filter((c) => c !== undefined);
    if (!codes.includes(expected.errorCode)) return `expected error code ${expected.errorCode}, got [${codes.join(', ')}] (${label})`;
  }
  if (expected.errorCodeName !== undefined) {
    const names = [err.codeName, ...nested.map((e) => e.codeName)].filter((c) => c !== undefined).map(String);
    if (!names.some((n) => n.toLowerCase() === expected.errorCodeName!.toLowerCase())) {
      return `expected codeName ${expected.errorCodeName}, got [${names.join(', ')}] (${label})`;
    }
  }
  const hasLabel = (l: string) => err instanceof MongoError && err.hasErrorLabel(l);
  for (const l of expected.errorLabelsContain ?? []) if (!hasLabel(l)) return `expected error label ${l} (${label})`;
  for (const l of expected.errorLabelsOmit ?? []) if (hasLabel(l)) return `unexpected error label ${l} (${label})`;
  if (expected.writeErrors !== undefined) {
    const actual = (mapToDoc(err.writeErrors) ?? {}) as Doc;
    const extra = Object.keys(actual).filter((k) => !(k in expected.writeErrors!));
    if (extra.length) return `unexpected writeErrors at index ${extra.join(', ')}`;
    for (const [i, we] of Object.entries(expected.writeErrors)) {
      const r = match(we, actual[i], true, ctx);
      if (r) return `writeErrors[${i}] ${r}`;
    }
  }
  if (expected.writeConcernErrors !== undefined) {
    const actual = (err.writeConcernErrors ?? []) as Doc[];
    if (actual.length !== expected.writeConcernErrors.length) {
      return `expected ${expected.writeConcernErrors.length} writeConcernErrors, got ${show(actual)}`;
    }
    for (let i = 0; i < actual.length; i++) {
      const r = match(expected.writeConcernErrors[i], actual[i], true, ctx);
      if (r) return `writeConcernErrors[${i}] ${r}`;
    }
  }
  if (expected.errorResponse !== undefined) {
    const source = err instanceof MongoClientBulkWriteError ? (err.cause as ErrorLike | undefined) : err;
    const r = match(expected.errorResponse, source?.errorResponse, true, ctx);
    if (r) return `errorResponse ${r}`;
  }
  if (expected.expectResult !== undefined) {
    const partial =
      err instanceof MongoClientBulkWriteError
        ? clientBulkResultDoc(err.partialResult)
        : err instanceof MongoBulkWriteError
          ? bulkResultDoc(err.result)
          : undefined;
    const r = match(expected.expectResult, partial, true, ctx);
    if (r) return `error result ${r}`;
  }
  return null;
}

function eventMismatch(expected: Doc, actual: ObservedEvent, ctx: MatchContext): Mismatch {
  const [type] = Object.keys(expected);
  if (type !== actual.type) return `expected ${type}, got ${actual.type} for ${actual.commandName}`;
  const e = expected[type] as Doc;
  for (const [k, v] of Object.entries(e)) {
    if (k === 'command' || k === 'reply') {
      const r = match(v, actual[k], true, ctx);
      if (r) return `${actual.commandName} ${k} ${r}`;
    } else if (k === 'commandName' || k === 'databaseName') {
      if (v !== actual[k]) return `expected ${k} ${String(v)}, got ${actual[k]}`;
    } else {
      throw new Error(`unsupported event assertion ${type}.${k}`);
    }
  }
  return null;
}

export function checkEvents(expectations: ExpectedEventsForClient[], entities: EntityMap, ctx: MatchContext): Mismatch {
  for (const exp of expectations) {
    if ((exp.eventType ?? 'command') !== 'command') throw new Error(`unsupported eventType ${exp.eventType}`);
    const actual = entities.client(exp.client).events;
    const summary = () => actual.map((a) => `${a.type.replace('Event', '')}:${a.commandName}`).join(', ');
    if (actual.length < exp.events.length || (!exp.ignoreExtraEvents && actual.length > exp.events.length)) {
      return `${exp.client}: expected ${exp.events.length} events, observed ${actual.length} [${summary()}]`;
    }
    for (let i = 0; i < exp.events.length; i++) {
      const r = eventMismatch(exp.events[i], actual[i], ctx);
      if (r) return `${exp.client} event ${i}: ${r}`;
    }
  }
  return null;
}

export async function checkOutcome(outcome: CollectionData[], client: MongoClient): Promise<Mismatch> {
  for (const c of outcome) {
    const docs = await client
      .db(c.databaseName)
      .collection(c.collectionName)
      .find({}, { sort: { _id: 1 }, readPreference: 'primary', readConcern: { level: 'local' } })
      .toArray();
    const r = exactMatch(c.documents, docs);
    if (r) return `outcome ${c.databaseName}.${c.collectionName}: ${r}`;
  }
  return null;
}

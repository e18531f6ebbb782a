// Unified test format runner for the CRUD conformance suite, driving the official Node driver.
// https://github.com/mongodb/specifications/blob/master/source/unified-test-format/unified-test-format.md#test-runner-implementation
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BSON, MongoClient, MongoServerError } from 'mongodb';
import { EntityMap } from './entities.ts';
import { checkError, checkEvents, checkOutcome } from './expect.ts';
import { match, type MatchContext } from './match.ts';
import { entityOperations, ITERABLE_RESULTS, testRunnerOperations, type FailPointRecord, type OperationContext } from './operations/index.ts';
import { parseVersion, requirementsSkipReason, schemaSupported } from './requirements.ts';
import { DEFAULT_POLICY, policySkipReason, type SkipPolicy } from './skips.ts';
import type { CollectionData, FileResult, Operation, ServerInfo, TestCase, TestFile, TestResult, Topology } from './types.ts';
import { show } from './values.ts';

export interface RunnerOptions {
  uri: string;
  policy?: SkipPolicy;
  /** Per-test time budget; a test still running then fails. */
  testTimeoutMs?: number;
  /** Only tests whose description contains this string. */
  grep?: string;
  onTest?: (r: TestResult) => void;
}

class Failure extends Error {}

/** Server version and topology via buildInfo/hello (spec: "Initializing the Test Runner"). */
export async function probeServer(client: MongoClient, uri: string): Promise<ServerInfo> {
  const admin = client.db('admin');
  const build = await admin.command({ buildInfo: 1 });
  const hello = await admin.command({ hello: 1 });
  const va = build.versionArray as number[] | undefined;
  const version = (va ? [va[0], va[1], va[2]] : parseVersion(String(build.version))) as [number, number, number];
  let topology: Topology = 'single';
  if (hello.serviceId) topology = 'load-balanced';
  else if (hello.msg === 'isdbgrid') topology = 'sharded';
  else if (hello.setName) topology = 'replicaset';
  const parameters = await admin.command({ getParameter: '*' }).catch(() => null);
  const auth = new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:')).username !== '';
  return { version, topology, auth, serverless: false, parameters };
}

/** initialData: drop, optionally create, insert with majority write concern. */
async function setUpData(client: MongoClient, data: CollectionData[] | undefined): Promise<void> {
  for (const c of data ?? []) {
    const db = client.db(c.databaseName);
    const wc = { writeConcern: { w: 'majority' as const } };
    for (const name of [c.collectionName, `enxcol_.${c.collectionName}.esc`, `enxcol_.${c.collectionName}.ecoc`]) {
      await db.dropCollection(name, wc).catch((e: unknown) => {
        if (!(e instanceof MongoServerError && e.code === 26)) throw e;
      });
    }
    if (c.createOptions || c.documents.length === 0) await db.createCollection(c.collectionName, { ...c.createOptions, ...wc });
    if (c.documents.length > 0) await db.collection(c.collectionName).insertMany(c.documents, wc);
  }
}

function matchContext(entities: EntityMap): MatchContext {
  return { entity: (n) => entities.get(n), sessionLsid: (n) => entities.session(n).id };
}

function checkResult(op: Operation, result: unknown, ctx: MatchContext): void {
  const expected = op.expectResult;
  if (ITERABLE_RESULTS.has(op.name) && Array.isArray(expected)) {
    if (!Array.isArray(result) || result.length !== expected.length) {
      throw new Failure(`${op.name}: expected ${expected.length} documents, got ${show(result)}`);
    }
    expected.forEach((e, i) => {
      const r = match(e, result[i], true, ctx);
      if (r) throw new Failure(`${op.name} result[${i}] ${r}`);
    });
    return;
  }
  const r = match(expected, result, true, ctx);
  if (r) throw new Failure(`${op.name} result ${r}`);
}

async function executeOperation(op: Operation, octx: OperationContext, mctx: MatchContext): Promise<void> {
  if (op.object === 'testRunner') {
    const fn = testRunnerOperations[op.name];
    if (!fn) throw new Failure(`unsupported special operation ${op.name}`);
    await fn(octx);
    return;
  }
  const fn = entityOperations[op.name];
  if (!fn) throw new Failure(`unsupported operation ${op.name}`);
  let result: unknown;
  let error: unknown;
  let threw = false;
  try {
    result = await fn(octx);
  } catch (e) {
    threw = true;
    error = e;
  }
  if (op.ignoreResultAndError) return;
  if (op.expectError) {
    if (!threw) throw new Failure(`${op.name}: expected an error, got result ${show(result)}`);
    const r = checkError(op.expectError, error, mctx);
    if (r) throw new Failure(`${op.name}: ${r}`);
    return;
  }
  if (threw) {
    const e = error as Error;
    throw new Failure(`${op.name}: unexpected ${e?.name ?? 'error'}: ${e?.message ?? show(error)}`);
  }
  if (op.expectResult !== undefined) checkResult(op, result, mctx);
  if (op.saveResultAsEntity) octx.entities.set(op.saveResultAsEntity, result);
}

async function disableFailPoints(fps: FailPointRecord[]): Promise<void> {
  for (const fp of fps) await fp.client.db('admin').command({ configureFailPoint: fp.name, mode: 'off' }).catch(() => {});
}

async function executeTest(file: TestFile, test: TestCase, internal: MongoClient, opts: RunnerOptions, server: ServerInfo): Promise<void> {
  await setUpData(internal, file.initialData);
  const entities = new EntityMap(opts.uri);
  const failPoints: FailPointRecord[] = [];
  try {
    entities.create(file.createEntities);
    const mctx = matchContext(entities);
    for (const op of test.operations) {
      await executeOperation(op, { op, entities, server, failPoints }, mctx);
    }
    for (const c of entities.clients()) c.stopListening();
    await disableFailPoints(failPoints.splice(0));
    const ev = checkEvents(test.expectEvents ?? [], entities, mctx);
    if (ev) throw new Failure(ev);
    if (test.outcome) {
      const r = await checkOutcome(test.outcome, internal);
      if (r) throw new Failure(r);
    }
  } finally {
    await disableFailPoints(failPoints);
    await entities.close();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Failure(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export function skipReason(file: TestFile, test: TestCase, server: ServerInfo, policy: SkipPolicy): string | null {
  if (test.skipReason) return `skipReason: ${test.skipReason}`;
  return (
    requirementsSkipReason(file.runOnRequirements, server) ??
    requirementsSkipReason(test.runOnRequirements, server) ??
    policySkipReason(test, server, policy)
  );
}

export async function loadTestFile(path: string): Promise<TestFile> {
  // Test files are Extended JSON; relaxed parsing keeps plain numbers as JS numbers for driver options.
  return BSON.EJSON.parse(await readFile(path, 'utf8'), { relaxed: true }) as TestFile;
}

export async function runFile(path: string, internal: MongoClient, server: ServerInfo, opts: RunnerOptions): Promise<FileResult> {
  return runTestFile(basename(path), await loadTestFile(path), internal, server, opts);
}

/** Runs every test of an already-parsed file (tests may build files in memory). */
export async function runTestFile(name: string, file: TestFile, internal: MongoClient, server: ServerInfo, opts: RunnerOptions): Promise<FileResult> {
  const tests: TestResult[] = [];
  const policy = opts.policy ?? DEFAULT_POLICY;
  for (const test of file.tests) {
    if (opts.grep && !test.description.includes(opts.grep)) continue;
    const started = Date.now();
    const res = (status: TestResult['status'], reason?: string): TestResult => ({
      file: name,
      description: test.description,
      status,
      reason,
      ms: Date.now() - started,
    });
    let r: TestResult;
    const skip = skipReason(file, test, server, policy);
    if (!schemaSupported(file.schemaVersion)) r = res('failed', `unsupported schemaVersion ${file.schemaVersion}`);
    else if (skip) r = res('skipped', skip);
    else {
      try {
        await withTimeout(executeTest(file, test, internal, opts, server), opts.testTimeoutMs ?? 15_000);
        r = res('passed');
      } catch (e) {
        const msg = e instanceof Failure ? e.message : `runner error: ${e instanceof Error ? `${e.name}: ${e.message}` : show(e)}`;
        r = res('failed', msg);
      }
    }
    tests.push(r);
    opts.onTest?.(r);
  }
  return { file: name, tests };
}

export interface RunSummary {
  server: ServerInfo;
  files: FileResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** passed / (passed + failed); 1 when nothing was applicable. */
  passRate: number;
}

export function summarize(server: ServerInfo, files: FileResult[]): RunSummary {
  const all = files.flatMap((f) => f.tests);
  const count = (s: TestResult['status']) => all.filter((t) => t.status === s).length;
  const passed = count('passed');
  const failed = count('failed');
  return { server, files, passed, failed, skipped: count('skipped'), passRate: passed + failed === 0 ? 1 : passed / (passed + failed) };
}

export async function runAll(paths: string[], opts: RunnerOptions): Promise<RunSummary> {
  const internal = new MongoClient(opts.uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await internal.connect();
    const server = await probeServer(internal, opts.uri);
    const files: FileResult[] = [];
    for (const p of paths) files.push(await runFile(p, internal, server, opts));
    return summarize(server, files);
  } finally {
    await internal.close();
  }
}


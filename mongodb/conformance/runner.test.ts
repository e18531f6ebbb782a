// The runner end to end against the in-process server: a real suite file passes, and synthetic
// files prove that wrong results, wrong events and wrong outcomes are reported as failures.
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMongo, type RunningMongo } from '../src/server.ts';
import { conformanceDir } from './paths.ts';
import { probeServer, runFile, runTestFile } from './runner.ts';
import type { ServerInfo, TestFile } from './types.ts';

let srv: RunningMongo;
let internal: MongoClient;
let server: ServerInfo;

beforeAll(async () => {
  srv = await startMongo({ port: 0 });
  internal = new MongoClient(srv.uri);
  await internal.connect();
  server = await probeServer(internal, srv.uri);
});
afterAll(async () => {
  await internal?.close();
  await srv?.close();
});

function file(test: Partial<TestFile['tests'][number]>): TestFile {
  return {
    description: 'synthetic',
    schemaVersion: '1.0',
    createEntities: [
      { client: { id: 'client0', observeEvents: ['commandStartedEvent'] } },
      { database: { id: 'db0', client: 'client0', databaseName: 'runner-tests' } },
      { collection: { id: 'coll0', database: 'db0', collectionName: 'c' } },
    ],
    initialData: [{ collectionName: 'c', databaseName: 'runner-tests', documents: [{ _id: 1, x: 11 }] }],
    tests: [{ description: 't', operations: [], ...test }],
  };
}

const findOp = { name: 'find', object: 'coll0', arguments: { filter: {} } };

describe('conformance runner', () => {
  it('probes the server as a 7.x replica set', () => {
    expect(server.topology).toBe('replicaset');
    expect(server.version[0]).toBeGreaterThanOrEqual(7);
  });

  it('passes a real suite file', async () => {
    const dir = path.join(conformanceDir(), 'crud-unified');
    const r = await runFile(path.join(dir, 'insertOne.json'), internal, server, { uri: srv.uri });
    expect(r.tests.length).toBeGreaterThan(0);
    expect(r.tests.map((t) => t.status)).toEqual(r.tests.map(() => 'passed'));
  });

  it('passes matching results, events and outcome', async () => {
    const r = await runTestFile('ok', file({
      operations: [{ ...findOp, expectResult: [{ _id: 1, x: 11 }] }],
      expectEvents: [{ client: 'client0', events: [{ commandStartedEvent: { command: { find: 'c', filter: {} }, commandName: 'find' } }] }],
      outcome: [{ collectionName: 'c', databaseName: 'runner-tests', documents: [{ _id: 1, x: 11 }] }],
    }), internal, server, { uri: srv.uri });
    expect(r.tests[0]).toMatchObject({ status: 'passed' });
  });

  it('fails a wrong result', async () => {
    const r = await runTestFile('bad', file({ operations: [{ ...findOp, expectResult: [{ _id: 1, x: 12 }] }] }), internal, server, { uri: srv.uri });
    expect(r.tests[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('x: expected 12, got 11') });
  });

  it('fails unexpected extra events and a wrong outcome', async () => {
    const events = await runTestFile('ev', file({
      operations: [findOp, findOp],
      expectEvents: [{ client: 'client0', events: [{ commandStartedEvent: { commandName: 'find' } }] }],
    }), internal, server, { uri: srv.uri });
    expect(events.tests[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('expected 1 events, observed 2') });
    const outcome = await runTestFile('out', file({
      operations: [{ name: 'insertOne', object: 'coll0', arguments: { document: { _id: 2 } } }],
      outcome: [{ collectionName: 'c', databaseName: 'runner-tests', documents: [{ _id: 1, x: 11 }] }],
    }), internal, server, { uri: srv.uri });
    expect(outcome.tests[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('outcome') });
  });

  it('checks expectError against the server error', async () => {
    const dup = { name: 'insertOne', object: 'coll0', arguments: { document: { _id: 1 } } };
    const ok = await runTestFile('e1', file({ operations: [{ ...dup, expectError: { errorCode: 11000, isClientError: false } }] }), internal, server, { uri: srv.uri });
    expect(ok.tests[0].status).toBe('passed');
    const wrong = await runTestFile('e2', file({ operations: [{ ...dup, expectError: { errorCode: 121 } }] }), internal, server, { uri: srv.uri });
    expect(wrong.tests[0]).toMatchObject({ status: 'failed', reason: expect.stringContaining('expected error code 121') });
  });

  it('skips with a named reason', async () => {
    const r = await runTestFile('skip', file({ runOnRequirements: [{ topologies: ['sharded'] }], operations: [findOp] }), internal, server, { uri: srv.uri });
    expect(r.tests[0]).toMatchObject({ status: 'skipped', reason: 'runOnRequirements: topologies [sharded] exclude replicaset' });
  });
});

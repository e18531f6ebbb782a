// The runner's matching rules on synthetic cases, per the unified test format's
// "Evaluating Matches" section.
import { Int32, Long, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { exactMatch, match } from './match.ts';
import { requirementsSkipReason } from './requirements.ts';
import type { ServerInfo } from './types.ts';

const ok = (expected: unknown, actual: unknown, root = true) => expect(match(expected, actual, root)).toBeNull();
const bad = (expected: unknown, actual: unknown, root = true) => expect(match(expected, actual, root)).toMatch(/.+/);

describe('root-level documents', () => {
  it('allow extra fields at the root only', () => {
    ok({ x: 1 }, { x: 1, y: 1 });
    bad({ x: 1, y: 1 }, { x: 1 });
    bad({ x: { y: 1 } }, { x: { y: 1, z: 1 } });
    bad({ x: 1 }, { x: 1, y: 1 }, false);
  });
  it('ignore key order and compare numbers flexibly', () => {
    ok({ x: 1, y: { a: 1, b: 2 } }, { y: { b: 2, a: 1 }, x: 1 });
    ok({ n: 1 }, { n: new Int32(1) });
    ok({ n: 1 }, { n: 1.0 });
    ok({ n: new Long(5) }, { n: 5 });
    bad({ n: 1 }, { n: 1.5 });
    bad({ n: 1 }, { n: '1' });
  });
  it('require arrays of the same length, elements matched as nested documents', () => {
    ok([1, 2, 3], [1, 2, 3]);
    bad([1, 2, 3], [1, 2, 3, 4]);
    bad([{ x: 1 }], [{ x: 1, y: 1 }]);
  });
  it('compares BSON values by value', () => {
    const id = new ObjectId();
    ok({ _id: id }, { _id: new ObjectId(id.toHexString()) });
    bad({ _id: id }, { _id: new ObjectId() });
    ok({ d: new Date(5) }, { d: new Date(5) });
  });
});

describe('$$exists', () => {
  it('true asserts presence, including a null value', () => {
    ok({ a: { $$exists: true } }, { a: null });
    bad({ a: { $$exists: true } }, {});
  });
  it('false asserts absence; undefined-valued properties count as absent', () => {
    ok({ a: { $$exists: false } }, { b: 1 });
    ok({ a: { $$exists: false } }, { a: undefined });
    bad({ a: { $$exists: false } }, { a: 0 });
  });
});

describe('$$type', () => {
  it('accepts one alias or a list', () => {
    ok({ id: { $$type: 'objectId' } }, { id: new ObjectId() });
    ok({ n: { $$type: ['int', 'long'] } }, { n: new Long(3) });
    ok({ n: { $$type: ['int', 'long'] } }, { n: 3 });
    ok({ s: { $$type: 'string' } }, { s: 'x' });
    bad({ s: { $$type: 'string' } }, { s: 1 });
    bad({ n: { $$type: 'int' } }, { n: 1.5 });
  });
  it('requires the value to exist', () => {
    bad({ s: { $$type: 'string' } }, {});
  });
  it('checks the array itself, not its elements', () => {
    ok({ a: { $$type: 'array' } }, { a: [1, 'x'] });
    bad({ a: { $$type: 'int' } }, { a: [1] });
  });
});

describe('$$unsetOrMatches', () => {
  it('passes when unset and matches otherwise', () => {
    ok({ insertedId: { $$unsetOrMatches: 2 } }, {});
    ok({ insertedId: { $$unsetOrMatches: 2 } }, { insertedId: 2 });
    bad({ insertedId: { $$unsetOrMatches: 2 } }, { insertedId: 3 });
  });
  it('keeps root-ness: an unset whole result passes, a present one is matched as a root document', () => {
    ok({ $$unsetOrMatches: { insertedId: 2 } }, undefined);
    ok({ $$unsetOrMatches: { insertedId: 2 } }, { insertedId: 2, acknowledged: true });
    bad({ $$unsetOrMatches: { insertedId: 2 } }, { insertedId: 1 });
  });
  it('nests inside nested documents without allowing extra fields there', () => {
    ok({ ids: { $$unsetOrMatches: { '0': 1 } } }, { ids: { '0': 1 } });
    bad({ ids: { $$unsetOrMatches: { '0': 1 } } }, { ids: { '0': 1, '1': 2 } });
  });
});

describe('other operators', () => {
  it('$$lte compares numerically', () => {
    ok({ n: { $$lte: 5 } }, { n: 5 });
    ok({ n: { $$lte: 5 } }, { n: 0 });
    bad({ n: { $$lte: 5 } }, { n: 6 });
  });
  it('$$matchAsRoot permits extra fields in a nested document', () => {
    ok({ a: { $$matchAsRoot: { x: 1 } } }, { a: { x: 1, y: 2 } });
  });
  it('unknown operators are runner errors, not silent passes', () => {
    expect(() => match({ a: { $$bogus: 1 } }, { a: 1 })).toThrow(/\$\$bogus/);
  });
});

describe('exactMatch for outcome data', () => {
  it('forbids extra fields at every level but ignores key order', () => {
    expect(exactMatch([{ _id: 1, x: 1 }], [{ x: 1, _id: 1 }])).toBeNull();
    expect(exactMatch([{ _id: 1 }], [{ _id: 1, x: 1 }])).toMatch(/fields/);
    expect(exactMatch([{ _id: 1 }], [])).toMatch(/expected/);
  });
});

describe('runOnRequirements', () => {
  const server: ServerInfo = { version: [7, 0, 0], topology: 'replicaset', auth: false, serverless: false, parameters: {} };
  it('runs when any requirement is met', () => {
    expect(requirementsSkipReason([{ minServerVersion: '8.0' }, { maxServerVersion: '7.99' }], server)).toBeNull();
    expect(requirementsSkipReason([{ minServerVersion: '4.4.0', topologies: ['single', 'replicaset'] }], server)).toBeNull();
  });
  it('names the unmet requirement', () => {
    expect(requirementsSkipReason([{ minServerVersion: '8.2.0' }], server)).toBe('runOnRequirements: minServerVersion 8.2.0 > server 7.0.0');
    expect(requirementsSkipReason([{ topologies: ['sharded'] }], server)).toMatch(/sharded/);
    expect(requirementsSkipReason([{ maxServerVersion: '4.2.99' }], server)).toMatch(/maxServerVersion/);
    expect(requirementsSkipReason([{ serverless: 'require' }], server)).toMatch(/serverless/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Decimal128, Long, MongoBulkWriteError, MongoServerError, type Db } from 'mongodb';
import { startTestServer, type TestServer } from '../testing.ts';

let t: TestServer;
let db: Db;
beforeAll(async () => {
  t = await startTestServer();
  db = t.client.db('crud');
});
afterAll(() => t.close());

describe('CRUD through the official driver', () => {
  it('inserts, finds with filter/projection/sort/skip/limit, counts and deletes', async () => {
    const c = db.collection('people');
    await c.insertMany([
      { name: 'ada', age: 36, langs: ['en', 'fr'] },
      { name: 'bob', age: 25, langs: ['en'] },
      { name: 'cy', age: 41 },
      { name: 'dee', age: 30, langs: ['de'] },
    ]);
    const rows = await c.find({ age: { $gte: 30 } }, { projection: { _id: 0, name: 1 } }).sort({ age: -1 }).skip(1).limit(2).toArray();
    expect(rows).toEqual([{ name: 'ada' }, { name: 'dee' }]);
    expect(await c.countDocuments({ langs: 'en' })).toBe(2);
    expect(await c.estimatedDocumentCount()).toBe(4);
    expect((await c.distinct('langs')).sort()).toEqual(['de', 'en', 'fr']);
    const del = await c.deleteMany({ age: { $lt: 31 } });
    expect(del.deletedCount).toBe(2);
    expect(await c.countDocuments()).toBe(2);
  });

  it('keeps _id first and rejects a duplicate _id', async () => {
    const c = db.collection('ids');
    await c.insertOne({ a: 1, _id: 7 } as never);
    expect(Object.keys((await c.findOne({ _id: 7 } as never))!)).toEqual(['_id', 'a']);
    await expect(c.insertOne({ _id: 7 } as never)).rejects.toMatchObject({ code: 11000 });
  });

  it('pages results with batchSize/getMore and kills cursors', async () => {
    const c = db.collection('many');
    await c.insertMany(Array.from({ length: 25 }, (_, i) => ({ i })));
    const seen: number[] = [];
    for await (const d of c.find({}, { batchSize: 4 }).sort({ i: 1 })) seen.push(d.i);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i));
    const first = await db.command({ find: 'many', batchSize: 3 });
    expect(first.cursor.firstBatch).toHaveLength(3);
    const killed = await db.command({ killCursors: 'many', cursors: [first.cursor.id] });
    expect(killed.cursorsKilled).toHaveLength(1);
    await expect(db.command({ getMore: first.cursor.id, collection: 'many' })).rejects.toMatchObject({ code: 43 });
  });

  it('applies update operators, positional $, $[], $[id] and upserts', async () => {
    const c = db.collection('grades');
    await c.insertOne({ _id: 1, scores: [80, 95, 70], items: [{ k: 'a', q: 1 }, { k: 'b', q: 2 }] } as never);
    await c.updateOne({ _id: 1, scores: 95 } as never, { $set: { 'scores.$': 96 } });
    await c.updateOne({ _id: 1 } as never, { $inc: { 'items.$[].q': 10 } });
    await c.updateOne({ _id: 1 } as never, { $set: { 'items.$[it].k': 'z' } }, { arrayFilters: [{ 'it.q': { $gt: 11 } }] });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, scores: [80, 96, 70], items: [{ k: 'a', q: 11 }, { k: 'z', q: 12 }] });
    const up = await c.updateOne({ name: 'new' }, { $set: { n: 1 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(up.upsertedCount).toBe(1);
    expect(await c.findOne({ _id: up.upsertedId } as never)).toMatchObject({ name: 'new', n: 1, created: true });
    const many = await c.updateMany({}, [{ $set: { touched: { $literal: true } } }]);
    expect(many.modifiedCount).toBe(2);
  });

  it('validates replacements and immutable _id', async () => {
    const c = db.collection('repl');
    await c.insertOne({ _id: 1, a: 1 } as never);
    await c.replaceOne({ _id: 1 } as never, { b: 2 });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, b: 2 });
    await expect(c.replaceOne({ _id: 1 } as never, { _id: 2, b: 3 } as never)).rejects.toMatchObject({ code: 66 });
    await expect(db.command({ update: 'repl', updates: [{ q: {}, u: { $bogus: { a: 1 } } }] })).resolves.toMatchObject({ writeErrors: [{ code: 9 }] });
  });

  it('rejects update operators on values of the wrong type like mongod', async () => {
    const c = db.collection('types');
    await c.insertOne({ _id: 1, name: 'x', n: 5 } as never);
    await expect(c.updateOne({ _id: 1 } as never, { $inc: { name: 1 } })).rejects.toMatchObject({
      code: 14,
      message: "Cannot apply $inc to a value of non-numeric type. {_id: 1} has the field 'name' of non-numeric type string",
    });
    await expect(c.updateOne({ _id: 1 } as never, { $push: { name: 'y' } } as never)).rejects.toMatchObject({ code: 2 });
    await expect(c.updateOne({ _id: 1 } as never, { $set: { 'n.b': 1 } })).rejects.toMatchObject({ code: 28, message: "Cannot create field 'b' in element {n: 5}" });
    await expect(c.updateOne({ _id: 1 } as never, { $set: { _id: 2 } })).rejects.toMatchObject({ code: 66 });
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, name: 'x', n: 5 });
  });

  it('keeps stored field order in projections and puts _id first in aggregate output', async () => {
    const c = db.collection('order');
    await c.insertOne({ _id: 1, b: 2, a: 1, arr: [1, 2, 3] } as never);
    const [p] = await c.find({}, { projection: { a: 1, b: 1 } }).toArray();
    expect(Object.keys(p)).toEqual(['_id', 'b', 'a']);
    expect(await c.findOne({}, { projection: { arr: { $slice: 1 } } })).toEqual({ _id: 1, b: 2, a: 1, arr: [1] });
    const [g] = await c.aggregate([{ $project: { a: 1 } }]).toArray();
    expect(Object.keys(g)).toEqual(['_id', 'a']);
    const [h] = await c.aggregate([{ $project: { sum: { $add: ['$a', '$b'] }, b: 1, a: 1 } }]).toArray();
    expect(Object.keys(h)).toEqual(['_id', 'b', 'a', 'sum']);
  });

  it('findAndModify returns before/after documents', async () => {
    const c = db.collection('fam');
    await c.insertOne({ _id: 1, v: 1 } as never);
    expect(await c.findOneAndUpdate({ _id: 1 } as never, { $inc: { v: 1 } })).toEqual({ _id: 1, v: 1 });
    expect(await c.findOneAndUpdate({ _id: 1 } as never, { $inc: { v: 1 } }, { returnDocument: 'after' })).toEqual({ _id: 1, v: 3 });
    expect(await c.findOneAndDelete({ _id: 1 } as never)).toEqual({ _id: 1, v: 3 });
    expect(await c.countDocuments()).toBe(0);
  });

  it('aggregates with $group, $lookup, $out and $merge', async () => {
    const orders = db.collection('orders');
    const users = db.collection('users');
    await users.insertMany([{ _id: 1, name: 'ada' }, { _id: 2, name: 'bob' }] as never);
    await orders.insertMany([{ u: 1, total: 5 }, { u: 1, total: 7 }, { u: 2, total: 1 }]);
    const totals = await orders.aggregate([
      { $group: { _id: '$u', sum: { $sum: '$total' } } },
      { $lookup: { from: 'users', localField: '_id', foreignField: '_id', as: 'user' } },
      { $project: { sum: 1, name: { $first: '$user.name' } } },
      { $sort: { _id: 1 } },
    ]).toArray();
    expect(totals).toEqual([{ _id: 1, sum: 12, name: 'ada' }, { _id: 2, sum: 1, name: 'bob' }]);
    await orders.aggregate([{ $group: { _id: '$u', n: { $sum: 1 } } }, { $out: 'counts' }]).toArray();
    expect(await db.collection('counts').find().sort({ _id: 1 }).toArray()).toEqual([{ _id: 1, n: 2 }, { _id: 2, n: 1 }]);
    await orders.aggregate([{ $match: { u: 2 } }, { $group: { _id: '$u', n: { $sum: 10 } } }, { $merge: { into: 'counts', whenMatched: 'merge' } }]).toArray();
    expect(await db.collection('counts').findOne({ _id: 2 } as never)).toEqual({ _id: 2, n: 10 });
    await expect(orders.aggregate([{ $nope: {} }]).toArray()).rejects.toMatchObject({ code: 40324 });
  });

  it('compares, sorts and sums Decimal128, Long and doubles by value', async () => {
    const c = db.collection('money');
    await c.insertMany([
      { _id: 1, p: Decimal128.fromString('9.99') },
      { _id: 2, p: Decimal128.fromString('10.50') },
      { _id: 3, p: 3 },
      { _id: 4, p: Long.fromString('9007199254740993') },
    ] as never[]);
    expect((await c.find({ p: { $gt: 5 } }).toArray()).map((d) => d._id)).toEqual([1, 2, 4]);
    expect((await c.aggregate([{ $sort: { p: -1 } }]).toArray()).map((d) => d._id)).toEqual([4, 2, 1, 3]);
    const [g] = await c.aggregate([{ $match: { _id: { $lte: 3 } } }, { $group: { _id: null, s: { $sum: '$p' }, a: { $avg: '$p' } } }]).toArray();
    expect(g.s).toEqual(Decimal128.fromString('23.49'));
    expect(g.a).toEqual(Decimal128.fromString('7.83'));
    await c.updateOne({ _id: 1 } as never, { $inc: { p: Decimal128.fromString('0.02') } });
    await c.updateOne({ _id: 4 } as never, { $inc: { p: 1 } });
    expect((await c.findOne({ _id: 1 } as never))!.p).toEqual(Decimal128.fromString('10.01'));
    expect((await c.findOne({ _id: 4 } as never))!.p).toEqual(Long.fromString('9007199254740994'));
    const [x] = await c.aggregate([{ $match: { _id: 2 } }, { $project: { t: { $multiply: ['$p', 3] } } }]).toArray();
    expect(x.t).toEqual(Decimal128.fromString('31.50'));
    const [m] = await c.aggregate([{ $match: { _id: { $lte: 3 } } }, { $group: { _id: null, lo: { $min: '$p' }, hi: { $max: '$p' } } }]).toArray();
    expect(m).toEqual({ _id: null, lo: 3, hi: Decimal128.fromString('10.50') });
  });

  it('never lets a pipeline modify stored documents', async () => {
    const c = db.collection('immutable');
    await c.insertOne({ _id: 1, sub: { y: 2 } } as never);
    await c.aggregate([{ $addFields: { 'sub.x': 1 } }, { $unset: 'sub.y' }]).toArray();
    await c.aggregate([{ $group: { _id: null, all: { $push: '$sub' } } }]).toArray();
    expect(await c.findOne({ _id: 1 } as never)).toEqual({ _id: 1, sub: { y: 2 } });
  });

  it('reports bulkWrite writeErrors for ordered and unordered batches', async () => {
    const c = db.collection('bulk');
    await c.insertOne({ _id: 1 } as never);
    const ops = [{ insertOne: { document: { _id: 2 } } }, { insertOne: { document: { _id: 1 } } }, { insertOne: { document: { _id: 3 } } }] as never[];
    const ordered = await c.bulkWrite(ops).catch((e) => e);
    expect(ordered).toBeInstanceOf(MongoBulkWriteError);
    expect(ordered.writeErrors.map((e: { index: number; code: number }) => [e.index, e.code])).toEqual([[1, 11000]]);
    expect(ordered.result.insertedCount).toBe(1);
    await c.deleteMany({ _id: { $ne: 1 } } as never);
    const unordered = await c.bulkWrite(ops, { ordered: false }).catch((e) => e);
    expect(unordered.result.insertedCount).toBe(2);
    expect(unordered.writeErrors[0].err.keyValue ?? unordered.writeErrors[0].errInfo ?? unordered.writeErrors[0].index).toBeDefined();
  });

  it('keeps only the newest documents in a capped collection', async () => {
    await db.createCollection('log', { capped: true, size: 100000, max: 3 });
    const c = db.collection('log');
    for (let i = 0; i < 5; i++) await c.insertOne({ i });
    expect((await c.find().toArray()).map((d) => d.i)).toEqual([2, 3, 4]);
    expect((await db.listCollections({ name: 'log' }, { nameOnly: false }).toArray() as Array<{ options?: unknown }>)[0].options).toMatchObject({ capped: true, max: 3 });
  });

  it('serves read-only views over a pipeline', async () => {
    const src = db.collection('scores');
    await src.insertMany([{ _id: 1, s: 50 }, { _id: 2, s: 90 }, { _id: 3, s: 70 }] as never[]);
    await db.createCollection('passing', { viewOn: 'scores', pipeline: [{ $match: { s: { $gte: 60 } } }] });
    const v = db.collection('passing');
    expect(await v.find({}, { sort: { s: -1 } }).toArray()).toEqual([{ _id: 2, s: 90 }, { _id: 3, s: 70 }]);
    expect(await v.countDocuments({ s: { $lt: 80 } })).toBe(1);
    expect(await v.estimatedDocumentCount()).toBe(2);
    await expect(v.insertOne({ s: 1 })).rejects.toMatchObject({ code: 166 });
    const kinds = (await db.listCollections({ name: 'passing' }).toArray()).map((c) => c.type);
    expect(kinds).toEqual(['view']);
  });

  it('answers unknown commands with CommandNotFound', async () => {
    const err = await db.command({ frobnicate: 1 }).catch((e) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect(err).toMatchObject({ code: 59, codeName: 'CommandNotFound', message: "no such command: 'frobnicate'" });
  });

  it('refuses server-side JavaScript ($where, $function, $accumulator)', async () => {
    const c = db.collection('people');
    await expect(c.find({ $where: 'this.age > 1' }).toArray()).rejects.toMatchObject({ code: 31264 });
    await expect(c.find({ $expr: { $function: { body: 'return true', args: [], lang: 'js' } } }).toArray()).rejects.toMatchObject({ code: 31264 });
    await expect(c.aggregate([{ $group: { _id: null, x: { $accumulator: {} } } }]).toArray()).rejects.toMatchObject({ code: 31264 });
  });

  it('closes cursors idle for ten minutes', async () => {
    const first = await db.command({ find: 'many', batchSize: 1 });
    expect(t.srv.core.cursors.reap(Date.now() + 11 * 60_000)).toBeGreaterThanOrEqual(1);
    await expect(db.command({ getMore: first.cursor.id, collection: 'many' })).rejects.toMatchObject({ code: 43 });
  });

  it('refuses the collation options it cannot apply faithfully', async () => {
    const people = db.collection('people');
    await expect(people.find({}, { collation: { locale: 'fr', strength: 4 } }).toArray()).rejects.toMatchObject({ code: 238 });
    await expect(people.find({}, { collation: { locale: 'fr', backwards: true } }).toArray()).rejects.toMatchObject({ code: 238 });
    await expect(db.createCollection('collated', { collation: { locale: 'fr' } })).rejects.toMatchObject({ code: 238 });
    await expect(people.createIndex({ name: 1 }, { collation: { locale: 'fr' } })).rejects.toMatchObject({ code: 238 });
    await expect(people.aggregate([{ $group: { _id: '$name' } }], { collation: { locale: 'fr' } }).toArray()).rejects.toMatchObject({ code: 238 });
  });
});

describe('schema validation', () => {
  it('enforces $jsonSchema validators on insert and update', async () => {
    await db.createCollection('products', {
      validator: {
        $jsonSchema: {
          bsonType: 'object',
          required: ['name', 'price'],
          properties: {
            name: { bsonType: 'string', minLength: 2 },
            price: { bsonType: ['int', 'double', 'decimal'], minimum: 0 },
            tags: { bsonType: 'array', items: { bsonType: 'string' } },
          },
        },
      },
    });
    const c = db.collection('products');
    await c.insertOne({ name: 'pen', price: 1.5, tags: ['office'] });
    await expect(c.insertOne({ name: 'x', price: 1 })).rejects.toMatchObject({ code: 121, codeName: 'DocumentValidationFailure' });
    await expect(c.insertOne({ name: 'cup' })).rejects.toMatchObject({ code: 121 });
    await expect(c.updateOne({ name: 'pen' }, { $set: { price: -1 } })).rejects.toMatchObject({ code: 121 });
    await expect(c.updateOne({ name: 'pen' }, { $push: { tags: 5 } } as never)).rejects.toMatchObject({ code: 121 });
    expect(await c.countDocuments({ $jsonSchema: { required: ['tags'] } })).toBe(1);
    await c.insertOne({ name: 'x' }, { bypassDocumentValidation: true });
    expect(await c.countDocuments()).toBe(2);
    await expect(db.createCollection('bad', { validator: { $jsonSchema: { format: 'x' } } })).rejects.toMatchObject({ code: 9 });
  });
});

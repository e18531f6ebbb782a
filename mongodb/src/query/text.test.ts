import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from 'mongodb';
import { startTestServer, type TestServer } from '../testing.ts';
import { parseSearch, tokenize } from './text.ts';

let t: TestServer;
let db: Db;
beforeAll(async () => {
  t = await startTestServer();
  db = t.client.db('text');
  await db.collection('articles').insertMany([
    { _id: 1, title: 'Baking bread at home', body: 'Flour, water and salt make bread.' },
    { _id: 2, title: 'Coffee roasting', body: 'Roasted beans and fresh bread for breakfast.' },
    { _id: 3, title: 'Bread bread bread', body: 'All about sourdough.' },
    { _id: 4, title: 'Tea', body: 'Green tea is not coffee.' },
  ] as never[]);
  await db.collection('articles').createIndex({ title: 'text', body: 'text' }, { weights: { title: 2 } });
});
afterAll(() => t.close());

describe('$text search', () => {
  it('tokenises, drops stop words and stems', () => {
    expect(tokenize('The Roasted beans are roasting')).toEqual(['roast', 'bean', 'roast']);
    expect(parseSearch('coffee -tea "fresh bread"')).toEqual({ terms: ['coffee', 'fresh', 'bread'], negated: ['tea'], phrases: ['fresh bread'] });
  });

  it('matches terms, phrases and negations and sorts by textScore', async () => {
    const c = db.collection('articles');
    const hits = await c.find({ $text: { $search: 'bread' } }, { projection: { score: { $meta: 'textScore' } } }).sort({ score: { $meta: 'textScore' } }).toArray();
    expect(hits.map((d) => d._id)).toEqual([3, 1, 2]);
    expect(hits[0].score).toBeGreaterThan(hits[2].score);
    expect((await c.find({ $text: { $search: '"fresh bread"' } }).toArray()).map((d) => d._id)).toEqual([2]);
    expect((await c.find({ $text: { $search: 'coffee -tea' } }).toArray()).map((d) => d._id)).toEqual([2]);
    expect(await c.countDocuments({ $text: { $search: 'bread' }, _id: { $gt: 1 } } as never)).toBe(2);
  });

  it('works as the first $match of an aggregation with $meta', async () => {
    const out = await db.collection('articles').aggregate([
      { $match: { $text: { $search: 'roasting' } } },
      { $project: { title: 1, score: { $meta: 'textScore' } } },
    ]).toArray();
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ _id: 2, title: 'Coffee roasting' });
    expect(out[0].score).toBeGreaterThan(0);
  });

  it('requires a text index and allows only one per collection', async () => {
    await expect(db.collection('none').find({ $text: { $search: 'x' } }).toArray()).rejects.toMatchObject({ code: 27 });
    await expect(db.collection('articles').createIndex({ body: 'text' })).rejects.toMatchObject({ code: 85 });
    const [ix] = (await db.collection('articles').listIndexes().toArray()).filter((i) => i.weights);
    expect(ix).toMatchObject({ key: { _fts: 'text', _ftsx: 1 }, weights: { title: 2, body: 1 } });
  });
});

// The PartiQL parser on its own: statements, literals, parameters, conditions, and the
// ValidationException messages DynamoDB answers for what its subset refuses.
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../expressions/index.ts';
import type { AttributeValue, Item } from '../types.ts';
import { parseStatement, type SelectStatement, type UpdateStatement } from './parser.ts';

const select = (text: string, params?: AttributeValue[]) => parseStatement(text, params) as SelectStatement;
const messageOf = (text: string, params?: AttributeValue[]) => {
  try {
    parseStatement(text, params);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`parsed: ${text}`);
};
/** Whether `where` of a SELECT holds for `item`. */
const holds = (where: string, item: Item, params?: AttributeValue[]) =>
  evaluateCondition(select(`SELECT * FROM "tbl" WHERE ${where}`, params).where!, item);

describe('statements', () => {
  it('parses a SELECT with projection, index, WHERE and ORDER BY, keywords in any case', () => {
    const s = select(`select a, "b c".d[2], e FROM "Music"."ByYear" where a = 1 order by b desc, c`);
    expect(s).toMatchObject({
      kind: 'select',
      table: 'Music',
      index: 'ByYear',
      projection: [
        { path: ['a'], name: 'a' },
        { path: ['b c', 'd', 2], name: '_2' },
        { path: ['e'], name: 'e' },
      ],
    });
    expect(s.orderBy).toEqual([{ name: 'b', desc: true }, { name: 'c', desc: false }]);
  });

  it('parses INSERT values of every type, with comments and a final semicolon', () => {
    const s = parseStatement(
      `INSERT INTO Tbl /* the table */ VALUE {'s': 'it''s', 'n': -1.50, 'b': TRUE, 'z': NULL, 'l': [1, 'x'], 'm': {'k': [FALSE]}, 'ss': <<'a', 'b'>>, 'ns': <<1, 2e2>>, 'p': ?}; -- done`,
      [{ B: 'AAE=' }],
    );
    expect(s).toEqual({
      kind: 'insert',
      table: 'Tbl',
      item: {
        s: { S: "it's" },
        n: { N: '-1.5' },
        b: { BOOL: true },
        z: { NULL: true },
        l: { L: [{ N: '1' }, { S: 'x' }] },
        m: { M: { k: { L: [{ BOOL: false }] } } },
        ss: { SS: ['a', 'b'] },
        ns: { NS: ['1', '200'] },
        p: { B: 'AAE=' },
      },
    });
  });

  it('turns UPDATE clauses into SET / ADD / DELETE / REMOVE actions and RETURNING into ReturnValues', () => {
    const s = parseStatement(
      `UPDATE "tbl" SET a = a + 1, l = list_append(l, [2]) SET tags = set_add(tags, <<'x'>>) SET gone = set_delete(gone, <<1>>) REMOVE tmp, m.k WHERE pk = 'p' RETURNING MODIFIED NEW *`,
    ) as UpdateStatement;
    expect(s.update.actions.map((a) => [a.action, a.path.elements.join('.')])).toEqual([
      ['SET', 'a'],
      ['SET', 'l'],
      ['ADD', 'tags'],
      ['DELETE', 'gone'],
      ['REMOVE', 'tmp'],
      ['REMOVE', 'm.k'],
    ]);
    expect(s.returning).toBe('UPDATED_NEW');
  });

  it('parses DELETE and EXISTS', () => {
    expect(parseStatement(`DELETE FROM "tbl" WHERE pk = 'a' RETURNING ALL OLD *`)).toMatchObject({ kind: 'delete', returning: 'ALL_OLD' });
    expect(parseStatement(`EXISTS(SELECT * FROM "tbl" WHERE pk = 'a' AND n > 1)`)).toMatchObject({ kind: 'exists', table: 'tbl' });
  });
});

describe('conditions', () => {
  const item: Item = { pk: { S: 'a' }, n: { N: '5' }, s: { S: 'hello' }, l: { L: [{ N: '1' }] }, z: { NULL: true }, tags: { SS: ['x'] } };

  it('compares, with precedence NOT > AND > OR and parentheses', () => {
    expect(holds(`n = 5 AND s = 'hello'`, item)).toBe(true);
    expect(holds(`n <> 5 OR s != 'hello'`, item)).toBe(false);
    expect(holds(`n = 1 OR n = 5 AND s = 'x'`, item)).toBe(false);
    expect(holds(`(n = 1 OR n = 5) AND NOT s = 'x'`, item)).toBe(true);
    expect(holds(`n >= ? AND n < ?`, item, [{ N: '5' }, { N: '6' }])).toBe(true);
  });

  it('supports BETWEEN, IN (list or parentheses), NOT IN', () => {
    expect(holds(`n BETWEEN 1 AND 5 AND s = 'hello'`, item)).toBe(true);
    expect(holds(`n IN [1, 5]`, item)).toBe(true);
    expect(holds(`n IN (1, 2)`, item)).toBe(false);
    expect(holds(`n NOT IN [1, 2]`, item)).toBe(true);
  });

  it('supports IS [NOT] MISSING and type tests, and the functions', () => {
    expect(holds(`q IS MISSING AND n IS NOT MISSING`, item)).toBe(true);
    expect(holds(`z IS NULL AND n IS NUMERIC AND s IS STRING AND l IS LIST`, item)).toBe(true);
    expect(holds(`n IS STRING`, item)).toBe(false);
    // IS NULL tests the type: a missing attribute is not NULL.
    expect(holds(`q IS NULL`, item)).toBe(false);
    expect(holds(`q IS NOT NULL`, item)).toBe(true);
    expect(holds(`begins_with(s, 'he') AND contains(tags, 'x') AND contains(s, 'll')`, item)).toBe(true);
    expect(holds(`attribute_type(n, 'N') AND size(s) = 5 AND size(l) > 0`, item)).toBe(true);
    expect(holds(`BEGINS_WITH("s", 'x')`, item)).toBe(false);
  });
});

describe('refusals, with DynamoDB messages', () => {
  it('rejects what is not well formed', () => {
    expect(messageOf('')).toMatch(/^Statement wasn't well formed, can't be processed: /);
    expect(messageOf('UPSERT INTO tbl VALUE {}')).toBe("Statement wasn't well formed, can't be processed: Expected data manipulation");
    expect(messageOf(`SELECT * FROM tbl WHERE`)).toMatch(/^Statement wasn't well formed/);
    expect(messageOf(`SELECT * FROM tbl WHERE a = 'x`)).toMatch(/Unterminated string literal/);
    expect(messageOf(`SELECT * FROM tbl; SELECT * FROM tbl`)).toBe('Only one operation is allowed in a statement.');
    expect(messageOf(`SELECT * FROM "t"`)).toBe(
      "Table name should be within the length [3, 255] and only contain 'a-z', 'A-Z', '0-9', '-', '_', '.'.",
    );
  });

  it('refuses reserved words as bare names, anywhere in a path, and accepts them quoted', () => {
    expect(messageOf(`SELECT * FROM tbl WHERE pad = 'x'`)).toMatch(/^Statement wasn't well formed, can't be processed: Unexpected keyword 'pad'/);
    expect(messageOf(`SELECT a.from FROM tbl`)).toMatch(/Unexpected keyword 'from'/);
    expect(messageOf(`UPDATE tbl SET value = 1 WHERE pk = 1`)).toMatch(/Unexpected keyword 'value'/);
    expect(select(`SELECT "pad", a."from" FROM "table" WHERE "value" = 1`).projection!.map((c) => c.path)).toEqual([['pad'], ['a', 'from']]);
  });

  it('checks parameters against the ? count', () => {
    expect(messageOf(`SELECT * FROM tbl WHERE a = ?`)).toBe("Number of parameters in request and statement don't match.");
    expect(messageOf(`SELECT * FROM tbl WHERE a = 1`, [{ S: 'x' }])).toBe("Number of parameters in request and statement don't match.");
  });

  it('refuses MISSING outside IS, mixed projections, aliases and multi-row inserts', () => {
    expect(messageOf(`SELECT * FROM tbl WHERE a = MISSING`)).toBe('MISSING must be compared using IS operator');
    expect(messageOf(`SELECT *, a FROM tbl`)).toBe("Other attributes should not be present in the projection when '*' is used.");
    expect(messageOf(`SELECT a, a FROM tbl`)).toBe('Duplicate identifiers in select clause: a');
    expect(messageOf(`SELECT a.x, b.x FROM tbl`)).toBe('Duplicate identifiers in select clause: x');
    expect(messageOf(`SELECT * FROM tbl AS x`)).toBe('Aliasing is not supported');
    expect(messageOf(`SELECT * FROM tbl LIMIT 5`)).toBe('Unsupported clause: LIMIT');
    expect(messageOf(`INSERT INTO tbl VALUES ('a')`)).toMatch(/^Unsupported operation: Inserting multiple items/);
    expect(messageOf(`INSERT INTO tbl VALUE {'a': 1} RETURNING ALL OLD *`)).toBe('RETURNING is not supported in INSERT');
  });

  it('refuses bad values and bad update clauses', () => {
    expect(messageOf(`INSERT INTO tbl VALUE {'a': 1, 'a': 2}`)).toBe('Duplicate keys in tuple. Key: a under item');
    expect(messageOf(`INSERT INTO tbl VALUE {'a': <<>>}`)).toBe('Empty bags are not supported');
    expect(messageOf(`INSERT INTO tbl VALUE {'a': <<1, 'x'>>}`)).toMatch(/^Unsupported data type in Bag/);
    expect(messageOf(`UPDATE tbl SET a = set_add(b, <<1>>) WHERE pk = 1`)).toBe('The first argument to SET_ADD must equal the assignment value');
    expect(messageOf(`UPDATE tbl SET a = set_add(a, 1) WHERE pk = 1`)).toBe('The second argument to SET_ADD must be a value with type SET');
    expect(messageOf(`UPDATE tbl SET a = 1 WHERE pk = 1 RETURNING ALL NEW`)).toBe("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
    expect(messageOf(`DELETE FROM tbl WHERE pk = 1 RETURNING ALL NEW *`)).toBe(
      'Invalid returning clause: RETURNING ALL NEW *. Only RETURNING ALL OLD * is allowed in DELETE statements.',
    );
    expect(messageOf(`UPDATE tbl SET a = 1, a.b = 2 WHERE pk = 1`)).toMatch(/Two document paths overlap/);
    expect(messageOf(`SELECT * FROM tbl WHERE nope(a)`)).toBe('Unrecognized function: nope');
    expect(messageOf(`SELECT * FROM tbl WHERE attribute_type(a, 'X')`)).toBe(
      'Invalid attribute type name found; type: X, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}',
    );
    expect(messageOf(`SELECT * FROM tbl WHERE a IS DATE`)).toMatch(/^Unsupported data type for IS operator: DATE/);
  });
});

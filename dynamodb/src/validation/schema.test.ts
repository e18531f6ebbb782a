// The shape engine's conversions that the conformance cases (dynalite's recorded messages) do
// not reach: attribute names that are also JavaScript property names, and AttributeValues
// with zero, one or several type keys.
import { describe, expect, it } from 'vitest';
import { DynamoError } from '../errors.ts';
import { validate as validatePut } from './PutItem.ts';

const put = (json: string) => validatePut(JSON.parse(json) as Record<string, unknown>);

describe('validateShape', () => {
  it('keeps an attribute called __proto__ as an ordinary attribute', () => {
    const d = put('{"TableName":"Tbl","Item":{"pk":{"S":"k"},"__proto__":{"S":"x"},"constructor":{"N":"1"}}}');
    expect(Object.keys(d.Item)).toEqual(['pk', '__proto__', 'constructor']);
    expect(Object.getPrototypeOf(d.Item)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(d.Item, '__proto__')?.value).toEqual({ S: 'x' });
    expect(d.Item.constructor).toEqual({ N: '1' });
  });

  it('drops unknown type keys and nulls, and reports several types as DynamoDB does', () => {
    expect(() => put('{"TableName":"Tbl","Item":{"pk":{"X":"k"}}}')).toThrow('Supplied AttributeValue is empty');
    expect(() => put('{"TableName":"Tbl","Item":{"pk":{"S":null}}}')).toThrow('Supplied AttributeValue is empty');
    expect(() => put('{"TableName":"Tbl","Item":{"pk":{"S":"k","N":"1"}}}')).toThrow('Supplied AttributeValue has more than one datatypes set');
    expect(put('{"TableName":"Tbl","Item":{"pk":{"S":"k","X":1}}}').Item).toEqual({ pk: { S: 'k' } });
  });

  it('converts the value of a single type key and rejects a wrong JSON type', () => {
    expect(put('{"TableName":"Tbl","Item":{"n":{"N":"01.50"}}}').Item).toEqual({ n: { N: '1.5' } });
    let err: unknown;
    try {
      put('{"TableName":"Tbl","Item":{"pk":{"S":5}}}');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DynamoError);
    expect((err as DynamoError).type).toBe('SerializationException');
    expect((err as DynamoError).message).toBe('NUMBER_VALUE cannot be converted to String');
  });
});

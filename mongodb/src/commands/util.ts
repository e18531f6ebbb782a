// Shared argument validation and helpers for command handlers. Messages follow the server's
// IDL parser ("BSON field 'find.limit' is the wrong type 'string', expected types '[long, int, ...]'").
import type { Document } from 'bson';
import type { CommandInvocation } from '../core.ts';
import { DataView } from '../sessions/view.ts';
import { errors } from '../errors.ts';
import { validateCollectionName } from '../storage/storage.ts';
import { toNumber, typeRank } from '../storage/bson-order.ts';
import { evalLet } from '../query/mingo.ts';

export const view = (inv: CommandInvocation): DataView =>
  new DataView(inv.core, inv.txn, { bypassValidation: inv.body.bypassDocumentValidation === true });

/** The collection name given as the command's first field. */
export function collName(inv: CommandInvocation): string {
  const v = inv.body[inv.name] ?? inv.body[Object.keys(inv.body)[0]];
  if (typeof v !== 'string') {
    throw errors.invalidNamespace(`collection name has invalid type ${bsonTypeName(v)}`);
  }
  validateCollectionName(inv.db, v);
  return v;
}

export function bsonTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (Array.isArray(v)) return 'array';
  const bt = (v as { _bsontype?: string })._bsontype;
  if (bt) return bt === 'ObjectId' ? 'objectId' : bt.toLowerCase();
  if (v instanceof Date) return 'date';
  return 'object';
}

function wrongType(cmd: string, field: string, v: unknown, expected: string): Error {
  return errors.typeMismatch(`BSON field '${cmd}.${field}' is the wrong type '${bsonTypeName(v)}', expected type${expected.includes(',') ? 's' : ''} '${expected}'`);
}

export function optNumber(inv: CommandInvocation, field: string): number | undefined {
  const v = inv.body[field];
  if (v === undefined || v === null) return undefined;
  if (typeRank(v) !== 3) throw wrongType(inv.name, field, v, '[long, int, decimal, double]');
  return toNumber(v);
}

export function optNonNegative(inv: CommandInvocation, field: string): number | undefined {
  const n = optNumber(inv, field);
  if (n !== undefined && n < 0) throw errors.badValue(`BSON field '${field}' value must be >= 0, actual value '${n}'`);
  return n;
}

export function optDoc(inv: CommandInvocation, field: string): Document | undefined {
  const v = inv.body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v) || (v as { _bsontype?: string })._bsontype) throw wrongType(inv.name, field, v, 'object');
  return v as Document;
}

export function optBool(inv: CommandInvocation, field: string): boolean | undefined {
  const v = inv.body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  throw wrongType(inv.name, field, v, 'bool');
}

export function requireArray(inv: CommandInvocation, field: string): unknown[] {
  const v = inv.body[field];
  if (v === undefined) throw errors.location(40414, `BSON field '${inv.name}.${field}' is missing but a required field`);
  if (!Array.isArray(v)) throw wrongType(inv.name, field, v, 'array');
  return v;
}

export const isPlainObject = (v: unknown): v is Document =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Write commands report per-statement failures in writeErrors rather than failing outright. */
export interface WriteErrorEntry { index: number; code: number; codeName?: string; errmsg: string; keyPattern?: Document; keyValue?: Document; errInfo?: Document }

export function writeErrorFrom(index: number, e: { code: number; message: string; extra?: Document; codeName?: string }): WriteErrorEntry {
  const out: WriteErrorEntry = { index, code: e.code, codeName: e.codeName, errmsg: e.message };
  if (e.extra?.keyPattern) { out.keyPattern = e.extra.keyPattern; out.keyValue = e.extra.keyValue; }
  if (e.extra?.errInfo) out.errInfo = e.extra.errInfo;
  return out;
}

/** `let` values are aggregation expressions, evaluated once per command ($literal, $$NOW, ...). */
export function letVars(inv: CommandInvocation): Document | undefined {
  const raw = optDoc(inv, 'let');
  return raw ? evalLet(raw) : undefined;
}

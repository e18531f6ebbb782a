// Item sizes and capacity units by DynamoDB's published rules:
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
// - size = sum over attributes of (UTF-8 name bytes + value size);
// - S: UTF-8 bytes; B: raw bytes; N: ceil(significant digits / 2) + 1; BOOL/NULL: 1;
//   L/M: 3 bytes + 1 byte per element + contents (map keys count like names); sets: sum of members;
// - reads: 4 KB units (eventually consistent costs half), writes: 1 KB units, transactions double.

import { significantDigits } from './numbers.ts';
import type { AttributeValue, Item } from './types.ts';

/** UTF-8 length; short ASCII strings (most names and values) are counted without a native call. */
function utf8(s: string): number {
  if (s.length > 256) return Buffer.byteLength(s, 'utf8');
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return Buffer.byteLength(s, 'utf8');
  return s.length;
}
const numberSize = (n: string) => Math.ceil(significantDigits(n) / 2) + 1;
const binarySize = (b: string) => Buffer.byteLength(b, 'base64');

export function valueSize(v: AttributeValue): number {
  if ('S' in v) return utf8(v.S);
  if ('N' in v) return numberSize(v.N);
  if ('B' in v) return binarySize(v.B);
  if ('BOOL' in v || 'NULL' in v) return 1;
  if ('SS' in v) return v.SS.reduce((n, s) => n + utf8(s), 0);
  if ('NS' in v) return v.NS.reduce((n, s) => n + numberSize(s), 0);
  if ('BS' in v) return v.BS.reduce((n, s) => n + binarySize(s), 0);
  if ('L' in v) return 3 + v.L.reduce((n, e) => n + 1 + valueSize(e), 0);
  return 3 + Object.entries((v as { M: Item }).M).reduce((n, [k, e]) => n + 1 + utf8(k) + valueSize(e), 0);
}

export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  let n = 0;
  for (const name in item) n += utf8(name) + valueSize(item[name]!);
  return n;
}

/** Read units for `bytes` read in one request (at least one unit per request). */
export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096));
  return consistent ? units : units / 2;
}

export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024));
}

export type CapacityMode = 'NONE' | 'TOTAL' | 'INDEXES';

interface Units {
  CapacityUnits: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

/** Accumulates the ConsumedCapacity of one table in one request. */
export class Consumed {
  readonly table: string;
  readonly kind: 'read' | 'write';
  tableUnits = 0;
  readonly gsi = new Map<string, number>();
  readonly lsi = new Map<string, number>();

  constructor(table: string, kind: 'read' | 'write') {
    this.table = table;
    this.kind = kind;
  }

  get total(): number {
    let n = this.tableUnits;
    for (const u of this.gsi.values()) n += u;
    for (const u of this.lsi.values()) n += u;
    return n;
  }

  addIndex(name: string, global: boolean, units: number): void {
    const map = global ? this.gsi : this.lsi;
    map.set(name, (map.get(name) ?? 0) + units);
  }

  private units(n: number): Units {
    return this.kind === 'read' ? { CapacityUnits: n, ReadCapacityUnits: n } : { CapacityUnits: n, WriteCapacityUnits: n };
  }

  /** The ConsumedCapacity object for the response, or undefined for NONE. */
  toJSON(mode: CapacityMode | undefined): Record<string, unknown> | undefined {
    if (!mode || mode === 'NONE') return undefined;
    const out: Record<string, unknown> = { TableName: this.table, ...this.units(this.total) };
    if (mode === 'INDEXES') {
      out.Table = this.units(this.tableUnits);
      if (this.gsi.size) out.GlobalSecondaryIndexes = Object.fromEntries([...this.gsi].map(([k, u]) => [k, this.units(u)]));
      if (this.lsi.size) out.LocalSecondaryIndexes = Object.fromEntries([...this.lsi].map(([k, u]) => [k, this.units(u)]));
    }
    return out;
  }
}

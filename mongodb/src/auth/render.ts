// Renders a command the way the server prints it in "not authorized … to execute command { … }"
// messages: unquoted keys, double-quoted strings, UUID("…") for session ids.
import { Binary, type Document } from 'bson';

function value(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.length ? `[ ${v.map(value).join(', ')} ]` : '[]';
  if (v instanceof Date) return `new Date(${v.getTime()})`;
  if (v instanceof Binary) {
    return v.sub_type === Binary.SUBTYPE_UUID ? `UUID("${v.toUUID().toHexString()}")` : `BinData(${v.sub_type}, ${Buffer.from(v.buffer).toString('hex').toUpperCase()})`;
  }
  const t = (v as { _bsontype?: string })._bsontype;
  if (t === 'ObjectId') return `ObjectId('${(v as { toHexString(): string }).toHexString()}')`;
  if (t === 'Timestamp') {
    const ts = v as { t: number; i: number };
    return `Timestamp(${ts.t}, ${ts.i})`;
  }
  if (t) return String(v);
  return renderDocument(v as Document);
}

export function renderDocument(doc: Document): string {
  const entries = Object.entries(doc).filter(([, v]) => v !== undefined);
  return entries.length ? `{ ${entries.map(([k, v]) => `${k}: ${value(v)}`).join(', ')} }` : '{}';
}

// NextToken of ExecuteStatement: an opaque string that resumes a SELECT after the last item
// read. It carries the LastEvaluatedKey and a digest of the statement and its parameters, so
// a token of another statement is refused with DynamoDB's "NextToken does not match request":
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ExecuteStatement.html#DDB-ExecuteStatement-request-NextToken

import { createHash } from 'node:crypto';
import { validation } from '../errors.ts';
import type { AttributeValue, Key } from '../types.ts';
import { INVALID_NEXT_TOKEN, TOKEN_MISMATCH } from './errors.ts';

/** Digest of what identifies a SELECT: its text and parameters. */
export function requestDigest(statement: string, parameters: AttributeValue[] | undefined): string {
  return createHash('sha256').update(JSON.stringify([statement, parameters ?? []])).digest('base64url').slice(0, 22);
}

export function encodeToken(digest: string, lastKey: Key): string {
  return Buffer.from(JSON.stringify({ d: digest, k: lastKey })).toString('base64url');
}

/** The LastEvaluatedKey a token resumes after; ValidationException when it is not ours or not this request's. */
export function decodeToken(token: string, digest: string): Key {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw validation(INVALID_NEXT_TOKEN);
  }
  const t = parsed as { d?: unknown; k?: unknown };
  if (typeof t !== 'object' || t === null || typeof t.d !== 'string' || typeof t.k !== 'object' || t.k === null) {
    throw validation(INVALID_NEXT_TOKEN);
  }
  if (t.d !== digest) throw validation(TOKEN_MISMATCH);
  return t.k as Key;
}

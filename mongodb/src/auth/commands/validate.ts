// Argument checks shared by the user-management commands.
import type { Document } from 'bson';
import { authErrors } from '../errors.ts';
import { MECHANISM } from '../scram.ts';

export function userName(body: Document, command: string): string {
  const name = body[command];
  if (typeof name !== 'string' || name === '') throw authErrors.badValue("User document needs 'user' field to be non-empty");
  return name;
}

export function password(v: unknown): string {
  if (typeof v !== 'string' || v === '') throw authErrors.badValue('Password cannot be empty');
  return v;
}

/** Only SCRAM-SHA-256 credentials exist on this server. */
export function checkMechanisms(v: unknown): void {
  if (v === undefined) return;
  if (!Array.isArray(v) || v.some((m) => m !== MECHANISM)) {
    throw authErrors.badValue(`mechanisms field must be a subset of the authenticationMechanisms: [ "${MECHANISM}" ]`);
  }
}

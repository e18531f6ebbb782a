// SCRAM-SHA-256 against the RFC 7677 §3 test vector (user "user", password "pencil").
import { describe, expect, it } from 'vitest';
import { deriveCredential, parseClientFirst, verifyClientFinal, type ServerFirst } from './scram.ts';

const clientFirst = 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO';
const nonce = 'rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
const server: ServerFirst = { nonce, message: `r=${nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096` };
const clientFinal = `c=biws,r=${nonce},p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=`;

describe('SCRAM-SHA-256', () => {
  const cred = deriveCredential('pencil', 4096, Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'));

  it('parses the client-first message', () => {
    expect(parseClientFirst(clientFirst)).toEqual({ user: 'user', nonce: 'rOprNGfwEbeRWgbNEkqO', bare: 'n=user,r=rOprNGfwEbeRWgbNEkqO' });
    expect(parseClientFirst('n,,n=a=2Cb=3Dc,r=x').user).toBe('a,b=c');
    expect(() => parseClientFirst('p=tls-unique,,n=user,r=x')).toThrow(/channel binding/);
  });

  it('verifies the RFC proof and returns the RFC server signature', () => {
    expect(verifyClientFinal(clientFinal, parseClientFirst(clientFirst), server, cred)).toBe('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=');
  });

  it('rejects a proof made with another password', () => {
    const other = deriveCredential('pencil2', 4096, Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'));
    expect(verifyClientFinal(clientFinal, parseClientFirst(clientFirst), server, other)).toBeNull();
  });

  it('rejects a nonce that is not the server nonce', () => {
    const tampered = clientFinal.replace(nonce, `${nonce}x`);
    expect(verifyClientFinal(tampered, parseClientFirst(clientFirst), server, cred)).toBeNull();
  });
});

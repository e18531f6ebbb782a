// Authorization header parsing: the SDK's exact form (one regex) and the general parse agree,
// and malformed headers still get DynamoDB's errors.
import { describe, expect, it } from 'vitest';
import { parseAuthorization } from './auth.ts';

const DATE = { 'x-amz-date': '20240101T000000Z' };
const sdk = (cred: string, signed = 'host;x-amz-date;x-amz-target', sig = 'ab12') =>
  `AWS4-HMAC-SHA256 Credential=${cred}, SignedHeaders=${signed}, Signature=${sig}`;

describe('parseAuthorization', () => {
  it.each([
    'AKIDEXAMPLE/20240101/us-east-1/dynamodb/aws4_request',
    'learner-42/20260101/eu-west-1/dynamodb/aws4_request',
    'key.with_chars-1/20240101/ap-south-1/dynamodb/other_term',
  ])('reads %s as the general parse does', (cred) => {
    const fast = parseAuthorization({ ...DATE, authorization: sdk(cred) });
    // Extra whitespace takes the general path.
    const general = parseAuthorization({ ...DATE, authorization: sdk(cred).replace(', ', ',   ').replace(' Credential', '  Credential') });
    expect(fast).toEqual(general);
    expect(fast.accessKeyId).toBe(cred.split('/')[0]);
    expect(fast.region).toBe(cred.split('/')[2]);
    expect(fast.signedHeaders).toEqual(['host', 'x-amz-date', 'x-amz-target']);
  });

  it.each([
    ['no header', undefined, 'MissingAuthenticationTokenException'],
    ['another scheme', 'Basic abc', 'MissingAuthenticationTokenException'],
    ['four scope elements', sdk('a/b/c/d'), 'IncompleteSignatureException'],
    ['a trailing slash too many', sdk('a/b/c/d/e/f'), 'IncompleteSignatureException'],
    ['another algorithm', sdk('a/b/c/d/e').replace('HMAC-SHA256', 'HMAC-SHA1'), 'IncompleteSignatureException'],
  ])('refuses %s', (_what, authorization, type) => {
    expect(() => parseAuthorization({ ...DATE, authorization })).toThrow(expect.objectContaining({ type }));
  });

  it('still wants a date header in the SDK form', () => {
    expect(() => parseAuthorization({ authorization: sdk('a/b/c/d/e') })).toThrow(/requires existence of either a 'X-Amz-Date' or a 'Date' header/);
  });
});

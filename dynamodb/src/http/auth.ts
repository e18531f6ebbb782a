// AWS Signature Version 4 on the Authorization header
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html).
// The access key id picks the namespace and the credential scope's region picks the region.
// Full verification runs only when the server requires signatures.

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  incompleteSignature,
  invalidSignature,
  missingAuthenticationToken,
  unrecognizedClient,
} from '../errors.ts';

export interface Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

// The exact form every AWS SDK and aws4 signer sends: one regex instead of the general
// parse below (which handles extra whitespace, other orders and the error cases).
const SDK_FORM = /^AWS4-HMAC-SHA256 Credential=([^\s,/]+)\/([^\s,/]+)\/([^\s,/]+)\/([^\s,/]+)\/([^\s,/]+), SignedHeaders=([^\s,]+), Signature=([^\s,]+)$/;

/** Parses the Authorization header, throwing the errors DynamoDB answers for malformed ones. */
export function parseAuthorization(headers: IncomingHttpHeaders): Credential {
  const header = headers.authorization;
  const m = header !== undefined ? SDK_FORM.exec(header) : null;
  if (m && (headers['x-amz-date'] || headers.date)) {
    return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[6]!.split(';'), signature: m[7]! };
  }
  if (!header || !header.trim().startsWith('AWS4-')) throw missingAuthenticationToken();
  const [algorithm, ...rest] = header.trim().split(/\s+/);
  const params: Record<string, string> = {};
  for (const part of rest.join(' ').split(/,\s*/)) {
    const eq = part.indexOf('=');
    if (eq > 0) params[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  let msg = '';
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params[name]) msg += `Authorization header requires '${name}' parameter. `;
  }
  if (!headers['x-amz-date'] && !headers.date) {
    msg += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (msg) throw incompleteSignature(`${msg}Authorization=${header}`);
  if (algorithm !== 'AWS4-HMAC-SHA256') {
    throw incompleteSignature(`Unsupported AWS 'algorithm': '${algorithm}' (only AWS4-HMAC-SHA256 for now). `);
  }
  const scope = params.Credential!.replace(/\/+$/, '').split('/');
  if (scope.length !== 5) {
    throw incompleteSignature(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${params.Credential}'`,
    );
  }
  const [accessKeyId, date, region, service] = scope as [string, string, string, string, string];
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: params.SignedHeaders!.split(';'),
    signature: params.Signature!,
  };
}

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const basicIso = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Signed requests are valid for 15 minutes either side of the server's clock. */
function checkFreshness(amzDate: string, now: number): void {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) {
    throw incompleteSignature(`Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
  }
  const at = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (at < now - FIFTEEN_MINUTES) {
    throw invalidSignature(`Signature expired: ${amzDate} is now earlier than ${basicIso(now - FIFTEEN_MINUTES)} (${basicIso(now)} - 15 min.)`);
  }
  if (at > now + FIFTEEN_MINUTES) {
    throw invalidSignature(`Signature not yet current: ${amzDate} is still later than ${basicIso(now + FIFTEEN_MINUTES)} (${basicIso(now)} + 15 min.)`);
  }
}

/**
 * Verifies the signature of a request against the secrets it may use.
 * Stale date → InvalidSignatureException; unknown key → UnrecognizedClientException;
 * mismatch → InvalidSignatureException.
 */
export function verifySignature(
  cred: Credential,
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  secrets: Record<string, string>,
  now: number = Date.now(),
): void {
  checkFreshness(String(headers['x-amz-date'] ?? ''), now);
  const secret = secrets[cred.accessKeyId];
  if (secret === undefined) throw unrecognizedClient();
  const [path = '/', query = ''] = url.split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .map((p) => p.split('='))
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([k, v = '']) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = cred.signedHeaders
    .map((h) => {
      const v = headers[h];
      const text = Array.isArray(v) ? v.join(',') : (v ?? '');
      return `${h}:${text.trim().replace(/\s+/g, ' ')}\n`;
    })
    .join('');
  const payloadHash = (headers['x-amz-content-sha256'] as string | undefined) ?? sha256(body);
  const canonicalRequest = [method, path, canonicalQuery, canonicalHeaders, cred.signedHeaders.join(';'), payloadHash].join('\n');
  const amzDate = (headers['x-amz-date'] as string | undefined) ?? '';
  const scope = `${cred.date}/${cred.region}/${cred.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, cred.date), cred.region), cred.service), 'aws4_request');
  const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
  const given = Buffer.from(cred.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw invalidSignature(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
}

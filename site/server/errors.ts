// Every error the HTTP API answers with: `{ error: { code, message } }` and a status. Handlers
// throw these; serve.ts turns them into responses. Factories keep codes and wording in one place.
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
  body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const httpErrors = {
  notFound: (what: string) => new HttpError(404, 'not_found', `${what} not found`),
  unknownLab: (id: string) => new HttpError(404, 'unknown_lab', `Unknown lab "${id}"`),
  methodNotAllowed: (method: string, allowed: string[]) =>
    new HttpError(405, 'method_not_allowed', `${method} is not allowed here; use ${allowed.join(' or ')}`, { allow: allowed.join(', ') }),
  unsupportedMediaType: () => new HttpError(415, 'unsupported_media_type', 'Send the body as JSON with "Content-Type: application/json"'),
  invalidJson: (why: string) => new HttpError(400, 'invalid_json', `The body is not valid JSON: ${why}`),
  invalidBody: (issues: string) => new HttpError(400, 'invalid_body', `The body does not match the expected shape: ${issues}`),
  payloadTooLarge: (limit: number) => new HttpError(413, 'payload_too_large', `Code is limited to ${limit} bytes (UTF-8)`),
  forbiddenOrigin: (origin: string) => new HttpError(403, 'forbidden_origin', `Requests from ${origin} are not accepted`),
  submitFirst: () => new HttpError(409, 'submit_first', 'Submit your code at least once before revealing the solution'),
  busy: () => new HttpError(429, 'busy', 'You already have runs in progress; wait for them to finish', { 'retry-after': '1' }),
  internal: () => new HttpError(500, 'internal', 'Something went wrong on the server; the details are in its log'),
};

// Browser side of the lab API (site/server/README.md). Same origin; the learner cookie rides along.
import type { Results } from '../../../labs/engine/contracts/results.ts';
import type { RunOutcome } from '../../../labs/engine/api.ts';

export type { Results, RunOutcome };

/** An API error as the server reports it: `{ error: { code, message } }`. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

async function failure(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    return new ApiError(res.status, body.error?.code ?? 'http_error', body.error?.message ?? `HTTP ${res.status}`);
  } catch {
    return new ApiError(res.status, 'http_error', `The server answered HTTP ${res.status}.`);
  }
}

async function post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'offline', 'Could not reach the Keyspace server. Is `npm start` still running?');
  }
  if (!res.ok) throw await failure(res);
  return res;
}

export async function submit(labId: string, code: string, signal?: AbortSignal): Promise<Results> {
  return (await post(`/api/labs/${encodeURIComponent(labId)}/submit`, { code }, signal)).json();
}

export async function solution(labId: string): Promise<string> {
  const body = (await (await post(`/api/labs/${encodeURIComponent(labId)}/solution`, {})).json()) as { solution: string };
  return body.solution;
}

/**
 * Run main(): the server answers with Server-Sent Events (`output` chunks, then one `result`).
 * EventSource only does GET, so we read the stream by hand.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export async function run(labId: string, code: string, onOutput: (chunk: string) => void, signal?: AbortSignal): Promise<RunOutcome> {
  const res = await post(`/api/labs/${encodeURIComponent(labId)}/run`, { code }, signal);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let outcome: RunOutcome | null = null;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = parseEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      if (event.type === 'output') onOutput((JSON.parse(event.data) as { chunk: string }).chunk);
      else if (event.type === 'result') outcome = JSON.parse(event.data) as RunOutcome;
      else if (event.type === 'error') {
        const e = JSON.parse(event.data) as { error: { code: string; message: string } };
        throw new ApiError(500, e.error.code, e.error.message);
      }
    }
  }
  if (!outcome) throw new ApiError(0, 'stream_ended', 'The run stream ended without a result.');
  return outcome;
}

function parseEvent(block: string): { type: string; data: string } {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { type, data: data.join('\n') };
}

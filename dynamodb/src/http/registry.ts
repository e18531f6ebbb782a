// Maps `X-Amz-Target` values to handlers. DynamoDB operations are registered by the server;
// other helpers (DynamoDB Streams) add `DynamoDBStreams_20120810.*` targets through an
// extension without touching the router.

import type { Store } from '../storage/store.ts';

/** What every handler gets besides the request body. */
export interface RequestContext {
  store: Store;
  /** Access key id of the caller: the namespace its tables live in. */
  namespace: string;
  region: string;
  operation: string;
}

export type Handler = (body: Record<string, unknown>, ctx: RequestContext) => unknown | Promise<unknown>;

export class Registry {
  private readonly handlers = new Map<string, Handler>();

  /** `target` is the full header value, e.g. `DynamoDBStreams_20120810.GetRecords`. */
  register(target: string, handler: Handler): void {
    this.handlers.set(target, handler);
  }

  get(target: string): Handler | undefined {
    return this.handlers.get(target);
  }
}

export const DYNAMODB_PREFIX = 'DynamoDB_20120810.';
export const STREAMS_PREFIX = 'DynamoDBStreams_20120810.';

// ServiceState: what every docker service relies on to never lose a container — a failed start
// runs its undo, and a stop can wait for a start in flight. Needs no container runtime.
import { describe, expect, it } from 'vitest';
import { ServiceState } from './state.ts';

describe('ServiceState', () => {
  it('records a start: starting, then running with version and address', async () => {
    const state = new ServiceState('postgres', 'PostgreSQL (image)');
    let finish!: (r: { version: string; address: string }) => void;
    const started = state.track(() => new Promise((resolve) => (finish = resolve)), async () => undefined);
    expect(state.info()).toMatchObject({ name: 'postgres', provider: 'docker', state: 'starting' });
    finish({ version: 'PostgreSQL 15.18', address: 'localhost:5432' });
    await started;
    expect(state.info()).toEqual({ name: 'postgres', provider: 'docker', version: 'PostgreSQL 15.18', state: 'running', address: 'localhost:5432' });
  });

  it('runs undo when a start fails, then reports the failure', async () => {
    const state = new ServiceState('mongo', 'MongoDB (image)');
    const undone: string[] = [];
    const failing = state.track(
      async () => {
        throw new Error('auth failed');
      },
      async () => {
        undone.push('container stopped');
      },
    );
    await expect(failing).rejects.toThrow('auth failed');
    expect(undone).toEqual(['container stopped']);
    expect(state.info()).toMatchObject({ state: 'failed', error: 'auth failed' });
  });

  it('settled() waits for the start in flight, and does not throw when it failed', async () => {
    const state = new ServiceState('dynamodb', 'DynamoDB Local (image)');
    await state.settled();
    let fail!: (e: Error) => void;
    const started = state.track(() => new Promise((_, reject) => (fail = reject)), async () => undefined);
    started.catch(() => undefined);
    let settled = false;
    const waiting = state.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    fail(new Error('no runtime'));
    await waiting;
    expect(settled).toBe(true);
  });

  it('a retried start clears the previous error', async () => {
    const state = new ServiceState('redis', 'Redis (image)');
    await state.track(() => Promise.reject(new Error('first')), async () => undefined).catch(() => undefined);
    await state.track(async () => ({ address: 'localhost' }), async () => undefined);
    expect(state.info()).not.toHaveProperty('error');
    expect(state.info().state).toBe('running');
  });
});

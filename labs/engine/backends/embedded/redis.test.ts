import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { EmbeddedRedisService } from './redis.ts';

describe('EmbeddedRedisService', () => {
  it('explains how to install redis-server when it is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const service = new EmbeddedRedisService(os.tmpdir());
      await expect(service.start()).rejects.toThrow('redis-server not found: install it with `apt-get install redis-server` (Debian/Ubuntu) or `brew install redis`');
      expect(service.info()).toMatchObject({ name: 'redis', state: 'failed' });
    } finally {
      process.env.PATH = path;
    }
  });
});

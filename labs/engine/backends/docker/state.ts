// Book-keeping every docker service shares: state, version, address, last error.
import type { BackendName } from '../../contracts/manifest.ts';
import type { BackendInfo } from '../../api.ts';

export class ServiceState {
  private readonly name: BackendName;
  private version: string;
  private state: BackendInfo['state'] = 'stopped';
  private address: string | undefined;
  private error: string | undefined;
  private pending: Promise<void> | null = null;

  constructor(name: BackendName, version: string) {
    this.name = name;
    this.version = version;
  }

  info(): BackendInfo {
    return {
      name: this.name,
      provider: 'docker',
      version: this.version,
      state: this.state,
      ...(this.address ? { address: this.address } : {}),
      ...(this.error ? { error: this.error } : {}),
    };
  }

  /**
   * Run a start, recording starting → running (with version/address) or failed. A start that
   * fails after its container is up runs `undo`, so a retried start does not leave the first
   * container running beside the second.
   */
  track(start: () => Promise<{ version?: string; address?: string }>, undo: () => Promise<void>): Promise<void> {
    this.pending = this.run(start, undo);
    return this.pending;
  }

  /**
   * Wait for a start in flight: a stop during it (Ctrl-C while "starting postgres…") must see the
   * container the start is about to hand over, or the container outlives the engine.
   */
  async settled(): Promise<void> {
    await this.pending?.catch(() => undefined);
  }

  private async run(start: () => Promise<{ version?: string; address?: string }>, undo: () => Promise<void>): Promise<void> {
    this.state = 'starting';
    this.error = undefined;
    try {
      const r = await start();
      if (r.version) this.version = r.version;
      this.address = r.address;
      this.state = 'running';
    } catch (e) {
      await undo().catch(() => undefined);
      this.state = 'failed';
      this.error = e instanceof Error ? e.message : String(e);
      throw e;
    }
  }

  stopped(): void {
    this.state = 'stopped';
    this.address = undefined;
  }
}

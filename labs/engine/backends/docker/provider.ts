// The docker provider (testcontainers). Not built yet: asking for it fails clearly.
import type { Provider } from '../provider.ts';
import type { SelectOptions } from '../select.ts';

export function dockerProvider(_opts: SelectOptions): Provider {
  throw new Error('the docker backend provider is not available yet; use KEYSPACE_BACKEND=embedded');
}

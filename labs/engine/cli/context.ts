// What every command receives, and the shared engine opener (with a spinner on backend start).
import { createEngine, type KeyspaceEngine } from '../engine.ts';
import { DEFAULT_STATE_DIR } from '../paths.ts';
import { Workspace } from '../workspace.ts';
import { spinner } from './format.ts';

export interface CommandInput {
  args: string[];
  file?: string;
}

/** A command returns its exit code. */
export type Command = (input: CommandInput) => Promise<number>;

/** Open the engine; backend start messages drive a spinner. Close it when done. */
export async function openEngine(): Promise<KeyspaceEngine> {
  let spin: ReturnType<typeof spinner> | null = null;
  const starting = new Set<string>();
  // Messages are "starting <name> (…)…" then "<name> is running"; several may overlap.
  return createEngine({
    onProgress(m) {
      const name = /^starting (\S+)/.exec(m)?.[1] ?? /^(\S+) is running/.exec(m)?.[1];
      if (!name) return;
      if (m.startsWith('starting')) starting.add(name);
      else starting.delete(name);
      const text = `starting ${[...starting].join(', ')}…`;
      if (starting.size && !spin) spin = spinner(text);
      else if (starting.size) spin?.update(text);
      else {
        spin?.stop();
        spin = null;
      }
    },
  });
}

export const workspace = (): Workspace => new Workspace(DEFAULT_STATE_DIR);

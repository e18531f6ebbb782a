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
  const engine = await createEngine({
    onProgress(m) {
      if (m.startsWith('starting')) spin = spinner(m);
      else {
        (spin as ReturnType<typeof spinner> | null)?.stop();
        spin = null;
      }
    },
  });
  return engine;
}

export const workspace = (): Workspace => new Workspace(DEFAULT_STATE_DIR);

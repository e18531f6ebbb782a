// The local learner's files for the CLI: one editable copy of each lab's starter under the
// state dir, plus the last `check` status per lab (for `keyspace labs`).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LabManifest } from './contracts/manifest.ts';
import type { Status } from './contracts/results.ts';

export class Workspace {
  readonly dir: string;
  private readonly progressFile: string;

  constructor(stateDir: string) {
    this.dir = path.join(stateDir, 'work');
    this.progressFile = path.join(this.dir, 'progress.json');
  }

  /** Path of the learner's file for a lab, created from the starter when missing. */
  fileFor(manifest: LabManifest, starter: string): string {
    const file = path.join(this.dir, manifest.id, manifest.learnerFile);
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, starter);
    }
    return file;
  }

  progress(): Record<string, Status> {
    try {
      return JSON.parse(readFileSync(this.progressFile, 'utf8')) as Record<string, Status>;
    } catch {
      return {};
    }
  }

  record(lab: string, status: Status): void {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.progressFile, JSON.stringify({ ...this.progress(), [lab]: status }, null, 2));
  }
}

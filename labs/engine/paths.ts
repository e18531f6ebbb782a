// Where things are: the repo root (for node_modules and the default catalog), resolved from this file.
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

/** Absolute path of the repository root. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The repo's node_modules: the learner's drivers resolve from here. */
export const NODE_MODULES = path.join(REPO_ROOT, 'node_modules');
/** Bare imports in learner code resolve as if imported from this URL. */
export const RESOLVE_FROM = pathToFileURL(path.join(REPO_ROOT, 'package.json')).href;
/** Default catalog of lab folders. */
export const DEFAULT_LABS_DIR = path.join(REPO_ROOT, 'labs', 'catalog');
/** Default state dir (Postgres data, Redis configs). */
export const DEFAULT_STATE_DIR = path.join(REPO_ROOT, '.keyspace');

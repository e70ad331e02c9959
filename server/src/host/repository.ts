import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The repository a path lies in: the nearest folder at or above it holding `.git` (a folder, or a file in a git
 * worktree or submodule). Undefined outside any repository. No git process is started.
 */
export function findRepositoryRoot(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The root of the git repository holding `start` (the nearest folder upwards with a `.git`
 * folder or file — worktrees and submodules have a file), or undefined outside any.
 * Read from the file system, without running git, so it costs a few stat calls.
 */
export function findRepositoryRoot(start: string): string | undefined {
  let folder = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(folder, '.git'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

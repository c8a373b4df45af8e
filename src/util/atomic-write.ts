import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { throwIfInterrupted } from './process-cleanup.js';

/**
 * Writes a file so that readers see either the old content or the complete new one:
 * the data goes to a temporary file in the same folder (same file system), then is
 * renamed over the target. A failure leaves the target untouched and no temp file.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  // An interrupted run writes nothing: its data may be partial (e.g. a browser closed mid-way).
  throwIfInterrupted();
  const directory = path.dirname(path.resolve(target));
  ensureDirectory(directory);
  const temporary = path.join(directory, `.${path.basename(target)}.omni-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Creates a folder and its missing parents, one level at a time from the deepest existing
 * one (mkdirSync's own recursion spins forever under /proc). Errors are Node's errno errors
 * (EACCES, ENOTDIR, EROFS…) naming the folder that could not be made.
 */
export function ensureDirectory(folder: string): void {
  const missing: string[] = [];
  let current = path.resolve(folder);
  for (;;) {
    const stats = statOrUndefined(current);
    if (stats) {
      if (!stats.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${folder}'`), { code: 'ENOTDIR', syscall: 'mkdir', path: current });
      break;
    }
    missing.push(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const dir of missing.reverse()) {
    try {
      mkdirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statOrUndefined(dir)?.isDirectory()) continue;
      throw error;
    }
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes a file so that readers see either the old content or the complete new one:
 * the data goes to a temporary file in the same folder (same file system), then is
 * renamed over the target. A failure leaves the target untouched and no temp file.
 */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const directory = path.dirname(path.resolve(target));
  mkdirSync(directory, { recursive: true });
  const temporary = path.join(directory, `.${path.basename(target)}.omni-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

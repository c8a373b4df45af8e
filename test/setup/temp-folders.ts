import { rmSync } from 'node:fs';

/**
 * Temporary folders made by test helpers, removed after the test file that made them.
 * The unit tier shares modules between the files a worker runs (`isolate: false`), so a
 * helper's own module-level `afterAll` would be registered for the first file only;
 * test/setup/after-each-file.ts (a setup file, run again before every test file) removes them.
 */
const folders: string[] = [];

export function removeAfterThisFile(folder: string): string {
  folders.push(folder);
  return folder;
}

export function removeTempFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

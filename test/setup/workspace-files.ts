import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkspaceSource } from '../../src/loader/discover.js';

/** A workspace's YAML files by path relative to its folder, for loading from memory. */
export type Files = Record<string, string>;

/** Every .yaml/.yml file under dir (omni.yaml too, unless `withConfig` is false), read as text. */
export function workspaceFiles(dir: string, withConfig = true, base = dir): Files {
  const files: Files = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(files, workspaceFiles(full, withConfig, base));
    else if (/\.ya?ml$/.test(entry.name) && (withConfig || path.relative(base, full) !== 'omni.yaml')) files[path.relative(base, full)] = readFileSync(full, 'utf8');
  }
  return files;
}

/** The files as the source `loadWorkspace` reads (in place of the file system). */
export const sourceOf = (files: Files): WorkspaceSource => ({
  listFiles: () => Object.keys(files).sort(),
  readFile: (file) => Buffer.from(files[file]!, 'utf8'),
});

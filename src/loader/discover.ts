import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';

export const CONFIG_FILE = 'omni.yaml';
export const DEFAULT_INCLUDE = ['**/*.yaml', '**/*.yml'];
/** Never model files: dependencies and the default output folder. Dot-folders are skipped too. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'out']);

/** The nearest folder holding omni.yaml, from `start` upwards; else `start` itself. */
export function findWorkspaceRoot(start: string): string {
  let current = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(current, CONFIG_FILE))) return current;
    const parent = path.dirname(current);
    if (parent === current) return path.resolve(start);
    current = parent;
  }
}

/** Model files of a workspace, relative to its root with forward slashes, sorted. */
export function discoverModelFiles(root: string, include: readonly string[], exclude: readonly string[]): string[] {
  const isIncluded = picomatch([...include], { dot: false });
  const isExcluded = exclude.length > 0 ? picomatch([...exclude], { dot: true }) : () => false;
  const found: string[] = [];
  const walk = (relativeDir: string) => {
    const absoluteDir = path.join(root, relativeDir);
    const entries = readdirSync(absoluteDir, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      // Linked folders are not followed (no cycles); linked files are read.
      const kind = entry.isSymbolicLink() ? (statKind(path.join(root, relative)) === 'file' ? 'file' : 'other') : entry.isDirectory() ? 'dir' : 'file';
      if (kind === 'dir') {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(relative);
      } else if (kind === 'file' && relative !== CONFIG_FILE && isIncluded(relative) && !isExcluded(relative)) {
        found.push(relative);
      }
    }
  };
  walk('');
  return found;
}

function statKind(absolute: string): 'dir' | 'file' | 'other' {
  try {
    const stats = statSync(absolute);
    return stats.isDirectory() ? 'dir' : stats.isFile() ? 'file' : 'other';
  } catch {
    return 'other'; // a dangling link is no model file
  }
}

/** Code-point order, independent of the machine's locale, so outputs are reproducible. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

import { Buffer } from 'node:buffer';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

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
  const { isIncluded, isExcluded } = matchers(include, exclude);
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

/**
 * Where a workspace's files come from when they are not read from the file system
 * (e.g. a git revision): every file under the root, and their bytes.
 */
/** A file's bytes, or only its size when it is over the size limit and was not read. */
export type FileContent = Uint8Array | { tooLarge: number };

export interface FileReader {
  readFile(file: string): FileContent;
}

/** Somewhere other than the file system under root to read a workspace from (e.g. a git revision). */
export interface WorkspaceSource extends FileReader {
  /** Every file under the workspace root, relative with forward slashes; discovery filters them. */
  listFiles(): readonly string[];
}

/** Reads workspace files from disk, without reading files over the size limit. */
export function fileSystemSource(root: string, maxFileBytes: number): FileReader {
  return {
    readFile(file) {
      // One open, one fstat, one read: the size check costs no extra path lookup.
      const fd = openSync(path.join(root, file), 'r');
      try {
        const size = fstatSync(fd).size;
        if (size > maxFileBytes) return { tooLarge: size };
        const bytes = Buffer.allocUnsafe(size);
        let read = 0;
        while (read < size) {
          const count = readSync(fd, bytes, read, size - read, read);
          if (count === 0) break; // the file shrank meanwhile
          read += count;
        }
        return read === size ? bytes : bytes.subarray(0, read);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * The model files among a flat list of workspace-relative files, with the rules and the
 * order of `discoverModelFiles` (dot-folders, node_modules/ and out/ skipped; sorted folder
 * by folder, so `a/b.yaml` comes before `a.yaml` as in a directory walk).
 */
export function selectModelFiles(files: readonly string[], include: readonly string[], exclude: readonly string[]): string[] {
  const { isIncluded, isExcluded } = matchers(include, exclude);
  return files
    .filter((file) => {
      const segments = file.split('/');
      if (segments.some((segment) => segment.startsWith('.'))) return false;
      if (segments.slice(0, -1).some((segment) => SKIPPED_FOLDERS.has(segment))) return false;
      return file !== CONFIG_FILE && isIncluded(file) && !isExcluded(file);
    })
    .sort(compareSegments);
}

function compareSegments(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const order = compareNames(left[i]!, right[i]!);
    if (order !== 0) return order;
  }
  return left.length - right.length;
}

type Matcher = (file: string) => boolean;

/**
 * Glob matchers for include/exclude. The default include (every .yaml and .yml file at any
 * depth) needs no glob engine, since dot entries are skipped before matching; picomatch is
 * loaded only for other patterns, which keeps it off the start-up of a default lint.
 */
function matchers(include: readonly string[], exclude: readonly string[]): { isIncluded: Matcher; isExcluded: Matcher } {
  const isDefault = include.length === DEFAULT_INCLUDE.length && include.every((pattern, i) => pattern === DEFAULT_INCLUDE[i]);
  const isIncluded: Matcher = isDefault ? (file) => file.endsWith('.yaml') || file.endsWith('.yml') : loadPicomatch()([...include], { dot: false });
  const isExcluded: Matcher = exclude.length > 0 ? loadPicomatch()([...exclude], { dot: true }) : () => false;
  return { isIncluded, isExcluded };
}

function loadPicomatch(): typeof import('picomatch') {
  return createRequire(import.meta.url)('picomatch') as typeof import('picomatch');
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

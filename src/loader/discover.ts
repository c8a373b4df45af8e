import { Buffer } from 'node:buffer';
import { closeSync, constants, existsSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { CONFIG_FILE } from '../util/workspace-files.js';

export { CONFIG_FILE };
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

/** Something under the workspace omni did not read, and why (shown as a notice). */
export type DiscoveryNotice = {
  /** Workspace-relative, forward slashes. */
  file: string;
} & NoticeReason;

/**
 * Why something was left out, as data: the CLI words it in the run's language
 * (src/i18n/cli-*.ts, `loader`).
 */
export type NoticeReason =
  /** A link to a folder or YAML file outside the workspace. */
  | { reason: 'linkOutside' }
  /** An included name that is not a regular file. */
  | { reason: 'notRegular'; kind: EntryKind }
  /** A YAML file that starts like a model file but matches no include pattern. */
  | { reason: 'notIncluded' }
  /** A folder with an omni.yaml of its own: another workspace, whose files are not this one's. */
  | { reason: 'nestedWorkspace' };

/** What a path is, when it is not a regular file. */
export type EntryKind = 'folder' | 'fifo' | 'socket' | 'device' | 'other';

/** Why a workspace file cannot be read, as data (worded by the CLI). */
export type ReadFailure = { kind: 'notRegular'; what: EntryKind } | { kind: 'linkOutside' } | { kind: 'errno'; code: ReadErrno };

/** The errno codes a read failure is explained with; other errors pass through as they are. */
export const READ_ERRNOS = ['EACCES', 'EPERM', 'ENXIO', 'ENOENT', 'EISDIR', 'ELOOP', 'EMFILE'] as const;
export type ReadErrno = (typeof READ_ERRNOS)[number];

export interface Discovery {
  /** Model files, relative to the root with forward slashes, sorted. */
  files: string[];
  notices: DiscoveryNotice[];
}

/** Top-level keys of model files (SECTION_KINDS, which src/loader may not import; test/loader/discover.test.ts compares them): a YAML file starting with one is most likely meant as one. */
export const MODEL_KEY_LINE = /^(stages|channels|touchpoints|lifecycle|targets|programs|useCases|scenarios|sources|variables|events|personas)[ \t]*:/m;
const SNIFF_BYTES = 4096;

/** Model files of a workspace, relative to its root with forward slashes, sorted. */
export function discoverModelFiles(root: string, include: readonly string[], exclude: readonly string[]): string[] {
  return discoverWorkspaceFiles(root, include, exclude).files;
}

/**
 * Model files of a workspace and notices for what was left out that looks like it matters:
 * only regular files are model files (a FIFO or socket would block the read forever), links
 * are followed only when they stay inside the workspace (never to /etc/passwd), and YAML
 * files that start like a model file but match no include pattern are named.
 */
export function discoverWorkspaceFiles(root: string, include: readonly string[], exclude: readonly string[]): Discovery {
  const { isIncluded, isExcluded } = matchers(include, exclude);
  const found: string[] = [];
  const notices: DiscoveryNotice[] = [];
  let realRoot: string | undefined;
  const wanted = (relative: string) => relative !== CONFIG_FILE && isIncluded(relative) && !isExcluded(relative);
  const walk = (relativeDir: string) => {
    const absoluteDir = path.join(root, relativeDir);
    const entries = readdirSync(absoluteDir, { withFileTypes: true }).sort((a, b) => compareNames(a.name, b.name));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      let stats: Stats | undefined;
      if (entry.isSymbolicLink()) {
        realRoot ??= realpathSync(root);
        const target = linkTarget(path.join(root, relative));
        if (target === undefined) continue; // a dangling link is no model file
        if (!isWithin(target.real, realRoot)) {
          if (target.stats.isDirectory() || looksLikeYaml(relative)) notices.push({ file: relative, reason: 'linkOutside' });
          continue;
        }
        if (target.stats.isDirectory()) continue; // linked folders are not followed (no cycles)
        stats = target.stats;
      }
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name)) continue;
        // A folder with its own omni.yaml is another workspace (as findWorkspaceRoot finds from
        // inside it), named unless exclude patterns leave its omni.yaml out.
        if (existsSync(path.join(absoluteDir, entry.name, CONFIG_FILE))) {
          if (!isExcluded(`${relative}/${CONFIG_FILE}`)) notices.push({ file: `${relative}/`, reason: 'nestedWorkspace' });
        } else walk(relative);
        continue;
      }
      const regular = stats ? stats.isFile() : entry.isFile();
      if (!regular) {
        if (wanted(relative)) notices.push({ file: relative, reason: 'notRegular', kind: stats ? kindOf(stats) : entryKind(entry) });
        continue;
      }
      if (wanted(relative)) found.push(relative);
      else if (relative !== CONFIG_FILE && looksLikeYaml(relative) && !isExcluded(relative) && startsLikeModel(path.join(root, relative))) {
        notices.push({ file: relative, reason: 'notIncluded' });
      }
    }
  };
  walk('');
  return { files: found, notices };
}

function looksLikeYaml(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

function startsLikeModel(file: string): boolean {
  try {
    const fd = openSync(file, constants.O_RDONLY | NONBLOCK);
    try {
      const head = Buffer.alloc(SNIFF_BYTES);
      return MODEL_KEY_LINE.test(head.subarray(0, readSync(fd, head, 0, SNIFF_BYTES, 0)).toString('utf8'));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

function linkTarget(link: string): { real: string; stats: Stats } | undefined {
  try {
    const real = realpathSync(link);
    return { real, stats: statSync(real) };
  } catch {
    return undefined;
  }
}

function isWithin(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function entryKind(entry: Dirent): EntryKind {
  if (entry.isFIFO()) return 'fifo';
  if (entry.isSocket()) return 'socket';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'device';
  return 'other';
}

function kindOf(stats: Stats): EntryKind {
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return 'other';
}

/** A workspace file that cannot be read: the CLI prints it as one line, exit 2. */
export class WorkspaceReadError extends Error {
  constructor(
    /** Absolute path. */
    readonly file: string,
    /** Why, as data: the CLI words it in the run's language. */
    readonly failure: ReadFailure,
  ) {
    // Not shown to users (the CLI words `failure`): only for logs and debugging.
    super(`cannot read ${file} (${failure.kind === 'errno' ? failure.code : failure.kind})`);
  }
}

// Opening a FIFO without O_NONBLOCK waits for a writer forever; a regular file ignores it.
const NONBLOCK = constants.O_NONBLOCK ?? 0;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

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
      const fd = openWorkspaceFile(root, file);
      try {
        const stats = fstatSync(fd);
        if (!stats.isFile()) throw new WorkspaceReadError(path.join(root, file), { kind: 'notRegular', what: kindOf(stats) });
        const size = stats.size;
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
 * Opens a workspace file for reading without blocking (FIFO) and without following a link
 * out of the workspace; errors become WorkspaceReadError naming the file.
 */
function openWorkspaceFile(root: string, file: string): number {
  const absolute = path.join(root, file);
  try {
    return openSync(absolute, constants.O_RDONLY | NONBLOCK | NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ELOOP: the file is a link (O_NOFOLLOW); read it only when it stays inside the workspace.
    if (code === 'ELOOP' && NOFOLLOW !== 0) {
      const target = linkTarget(absolute);
      if (target !== undefined && !isWithin(target.real, realpathSync(root))) {
        throw new WorkspaceReadError(absolute, { kind: 'linkOutside' });
      }
      try {
        return openSync(absolute, constants.O_RDONLY | NONBLOCK);
      } catch (second) {
        throw asReadError(second, absolute);
      }
    }
    throw asReadError(error, absolute);
  }
}

function asReadError(error: unknown, absolute: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  return code && (READ_ERRNOS as readonly string[]).includes(code) ? new WorkspaceReadError(absolute, { kind: 'errno', code: code as ReadErrno }) : (error as Error);
}

/**
 * The model files among a flat list of workspace-relative files, with the rules and the
 * order of `discoverModelFiles` (dot-folders, node_modules/ and out/ skipped; sorted folder
 * by folder, so `a/b.yaml` comes before `a.yaml` as in a directory walk).
 */
export function selectModelFiles(files: readonly string[], include: readonly string[], exclude: readonly string[]): string[] {
  const { isIncluded, isExcluded } = matchers(include, exclude);
  // Folders with an omni.yaml of their own are other workspaces, as in a directory walk.
  const nested = new Set(files.filter((file) => file.endsWith(`/${CONFIG_FILE}`)).map((file) => file.slice(0, -CONFIG_FILE.length)));
  const inNested = (file: string) => {
    for (let slash = file.indexOf('/'); slash !== -1; slash = file.indexOf('/', slash + 1)) if (nested.has(file.slice(0, slash + 1))) return true;
    return false;
  };
  return files
    .filter((file) => {
      const segments = file.split('/');
      if (segments.some((segment) => segment.startsWith('.'))) return false;
      if (segments.slice(0, -1).some((segment) => SKIPPED_FOLDERS.has(segment))) return false;
      if (nested.size > 0 && inNested(file)) return false;
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

/** Code-point order, independent of the machine's locale, so outputs are reproducible. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

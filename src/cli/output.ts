/**
 * The one place where commands talk to the outside world: data to stdout, messages to
 * stderr, and every file or folder they write. It owns the output policy:
 *
 * - never overwrite what omni reads: a workspace model file, any `omni.yaml`, or anything
 *   inside a git folder (`.git/…`, or a bare/separate git dir) — whatever `--force` says;
 *   only `omni init` and `omni import`, which exist to create model files, may write YAML;
 * - the extension matches what is written (`--xlsx` needs `.xlsx`, a report `.html`…),
 *   unless `--force`;
 * - a folder, a read-only file or something that is not a regular file (a FIFO, a device)
 *   is never a target;
 * - files are written atomically, never after an interruption (SIGINT/SIGTERM), and any
 *   failure is one line naming the path, exit 2.
 *
 * Commands find the run's streams, folder and environment here (`currentIo()`), so that
 * `run(argv, io)` can drive the CLI in-process without touching the real process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, existsSync, lstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { ensureDirectory, writeFileAtomic } from '../util/atomic-write.js';
import { InterruptedError, interruptedBy } from '../util/process-cleanup.js';
import { CliError, EXIT } from './errors.js';

export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

interface RunState {
  io: CliIo;
  exitCode: number;
}

const runs = new AsyncLocalStorage<RunState>();

/** The streams, folder and environment of the current run (the real process outside `run`). */
export function currentIo(): CliIo {
  return runs.getStore()?.io ?? { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Runs `task` with `io` as the current run's world; resolves to the exit code it set. */
export async function withIo(io: CliIo, task: () => Promise<void>): Promise<number> {
  const state: RunState = { io, exitCode: EXIT.ok };
  await runs.run(state, task);
  return state.exitCode;
}

/** A command's exit code (the highest set wins, so a later success cannot hide a failure). */
export function setExitCode(code: number): void {
  const state = runs.getStore();
  if (state) state.exitCode = Math.max(state.exitCode, code);
  else if (code !== EXIT.ok) process.exitCode = code;
}

/** Data (what a pipe or a redirection should get): stdout, newline-terminated. */
export function writeData(text: string): void {
  if (text === '') return;
  currentIo().stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A message for people (progress, warnings, "written to …"): stderr, prefixed `omni: `. */
export function writeMessage(text: string): void {
  currentIo().stderr.write(`omni: ${text}\n`);
}

/** The path as the user would type it: relative under the current folder, else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(currentIo().cwd, path.resolve(currentIo().cwd, file));
  if (relative === '') return '.';
  const shown = !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
  return shown.split(path.sep).join('/');
}

// ---------------------------------------------------------------------------------------
// Output policy

/** What a command writes, which decides the extensions it accepts. */
export const OUTPUT_EXTENSIONS = {
  json: ['.json'],
  sarif: ['.sarif', '.json'],
  junit: ['.xml'],
  text: ['.txt', '.log', '.diff'],
  markdown: ['.md', '.markdown'],
  xlsx: ['.xlsx'],
  html: ['.html', '.htm'],
} as const satisfies Record<string, readonly string[]>;

export type OutputKind = keyof typeof OUTPUT_EXTENSIONS;

const KIND_NAMES: Record<OutputKind, string> = { json: 'JSON', sarif: 'SARIF', junit: 'JUnit XML', text: 'text', markdown: 'Markdown', xlsx: 'workbook', html: 'HTML' };

export interface OutputFilePolicy {
  /** How the user named the path, for messages: `--output-file`, `--xlsx`, `--out`. */
  flag: string;
  kind: OutputKind;
  /** Workspace roots the command reads: their model files are never targets. */
  workspaces?: readonly string[];
  /** Accept an unusual extension. Never lifts the protection of model files and .git. */
  force?: boolean;
  /** The folder `given` is relative to (default: the run's). */
  cwd?: string;
}

const MODEL_EXTENSIONS = new Set(['.yaml', '.yml']);
const CONFIG_FILE = 'omni.yaml';

/**
 * Checks a file a command is about to write, before any work; returns its absolute path.
 * Throws a one-line CliError when the policy refuses it.
 */
export function checkOutputFile(given: string, policy: OutputFilePolicy): string {
  const target = path.resolve(policy.cwd ?? currentIo().cwd, given);
  const named = `${policy.flag} ${given}`;
  const existing = statOrUndefined(target);
  if (existing?.isDirectory())
    throw refusal(
      `${named} is a folder: pass the file to write, e.g. ${path.join(given, `${policy.kind === 'xlsx' ? 'plan' : 'report'}${OUTPUT_EXTENSIONS[policy.kind][0]}`)}`,
    );
  refuseProtected(target, named, policy.workspaces ?? [], { allowModelFiles: false });
  const extension = path.extname(target).toLowerCase();
  const allowed: readonly string[] = OUTPUT_EXTENSIONS[policy.kind];
  if (!policy.force && !allowed.includes(extension)) {
    throw refusal(`${named}: a ${KIND_NAMES[policy.kind]} file should end in ${allowed.join(' or ')} (pass --force to write it anyway)`);
  }
  if (existing) refuseUnwritable(target, existing, named);
  return target;
}

export interface OutputFolderPolicy {
  flag: string;
  workspaces?: readonly string[];
  /** `omni init` and `omni import` exist to write model files; other commands never do. */
  allowModelFiles?: boolean;
  /** The folder `given` is relative to (default: the run's). */
  cwd?: string;
}

/** Checks a folder a command will write files into; returns its absolute path. */
export function checkOutputFolder(given: string, policy: OutputFolderPolicy): string {
  const target = path.resolve(policy.cwd ?? currentIo().cwd, given);
  const named = `${policy.flag} ${given}`;
  const existing = statOrUndefined(target);
  if (existing && !existing.isDirectory()) throw refusal(`${named} is not a folder`);
  refuseProtected(target, named, policy.workspaces ?? [], { allowModelFiles: true });
  return target;
}

export interface WriteOptions {
  /** Workspaces whose model files must not be replaced (checked again per file). */
  workspaces?: readonly string[];
  allowModelFiles?: boolean;
}

/**
 * Writes one output file atomically through the policy: nothing after an interruption,
 * never a protected file, one readable line naming the path on any failure.
 */
export function writeOutputFile(target: string, data: string | Uint8Array, options: WriteOptions = {}): void {
  const absolute = path.resolve(currentIo().cwd, target);
  const shown = displayPath(absolute);
  const signal = interruptedBy();
  if (signal) throw new InterruptedError(signal);
  refuseProtected(absolute, shown, options.workspaces ?? [], { allowModelFiles: options.allowModelFiles ?? false });
  const existing = statOrUndefined(absolute);
  if (existing?.isDirectory()) throw refusal(`cannot write ${shown}: it is a folder`);
  if (existing) refuseUnwritable(absolute, existing, shown);
  makeFolder(path.dirname(absolute));
  try {
    writeFileAtomic(absolute, data);
  } catch (error) {
    throw asWriteError(error, shown);
  }
  // Keep the permissions the user gave the file it replaces (e.g. 0600).
  if (existing) {
    try {
      chmodSync(absolute, existing.mode & 0o7777);
    } catch {
      // Best effort: the content is written, which is what was asked.
    }
  }
}

/** Creates a folder and its parents; one readable line when it cannot (never a loop). */
export function makeFolder(folder: string): void {
  try {
    ensureDirectory(folder);
  } catch (error) {
    const { code, path: failed = folder } = error as NodeJS.ErrnoException;
    if (code === 'ENOTDIR') throw refusal(`cannot create ${displayPath(folder)}: ${displayPath(failed)} is not a folder`);
    throw asWriteError(error, displayPath(failed), 'cannot create');
  }
}

/** Model files, omni.yaml and git folders are never replaced. */
function refuseProtected(target: string, named: string, workspaces: readonly string[], { allowModelFiles }: { allowModelFiles: boolean }): void {
  for (const candidate of candidatePaths(target)) {
    const gitDir = enclosingGitDir(candidate);
    if (gitDir !== undefined) throw refusal(`${named} is inside the git folder ${displayPath(gitDir)}: omni never writes there`);
    if (allowModelFiles) continue;
    if (path.basename(candidate).toLowerCase() === CONFIG_FILE) throw refusal(`${named} is a workspace settings file (omni.yaml): omni never overwrites it`);
    if (!MODEL_EXTENSIONS.has(path.extname(candidate).toLowerCase())) continue;
    const roots = [...workspaces.flatMap((root) => [root, realOrSelf(root)]), enclosingWorkspace(candidate)].filter((root): root is string => root !== undefined);
    // The innermost workspace holding the file names it best.
    const root = roots.filter((workspace) => isInside(candidate, workspace)).sort((a, b) => b.length - a.length)[0];
    if (root !== undefined) {
      const verb = existsSync(candidate) ? 'would replace a model file of' : 'would add a model file to';
      throw refusal(`${named} ${verb} the workspace ${displayPath(root)}: omni never writes YAML into a workspace`);
    }
  }
}

/** The target as given and as it really is (links resolved), so no link gets around the policy. */
function candidatePaths(target: string): string[] {
  const candidates = new Set([target]);
  const parent = realOrSelf(deepestExisting(path.dirname(target)));
  const rest = path.relative(deepestExisting(path.dirname(target)), target);
  candidates.add(path.join(parent, rest));
  try {
    candidates.add(realpathSync(target));
  } catch {
    // Not there yet, or a dangling link: the paths above are what will be written.
  }
  return [...candidates];
}

function deepestExisting(folder: string): string {
  let current = folder;
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return current;
}

/** The git folder holding `target`: a `.git` segment, or a folder laid out as a git dir (bare, --separate-git-dir). */
function enclosingGitDir(target: string): string | undefined {
  const segments = target.split(path.sep);
  const dotGit = segments.findIndex((segment) => segment.toLowerCase() === '.git');
  if (dotGit >= 0) return segments.slice(0, dotGit + 1).join(path.sep) || path.sep;
  for (let current = path.dirname(target); ; current = path.dirname(current)) {
    if (looksLikeGitDir(current)) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

// Render writes thousands of files into a handful of folders: answer each folder once.
const gitDirAnswers = new Map<string, boolean>();

function looksLikeGitDir(folder: string): boolean {
  let answer = gitDirAnswers.get(folder);
  if (answer === undefined) {
    if (gitDirAnswers.size > 10_000) gitDirAnswers.clear();
    answer = isLaidOutAsGitDir(folder);
    // Only a "no" is remembered for long: a folder that does not exist yet may become anything.
    if (!answer && existsSync(folder)) gitDirAnswers.set(folder, answer);
  }
  return answer;
}

function isLaidOutAsGitDir(folder: string): boolean {
  return (
    statOrUndefined(path.join(folder, 'HEAD'))?.isFile() === true &&
    statOrUndefined(path.join(folder, 'objects'))?.isDirectory() === true &&
    statOrUndefined(path.join(folder, 'refs'))?.isDirectory() === true
  );
}

/** The nearest folder above `file` holding omni.yaml: the workspace the file would belong to. */
function enclosingWorkspace(file: string): string | undefined {
  for (let current = path.dirname(file); ; current = path.dirname(current)) {
    if (existsSync(path.join(current, CONFIG_FILE))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

function refuseUnwritable(target: string, stats: Stats, named: string): void {
  const link = lstatSync(target);
  if (!stats.isFile()) throw refusal(`${named} is not a regular file (${kindOf(stats)}): omni writes regular files only`);
  // Checked on the mode bits, not access(): root may write anything, but a file its owner
  // made read-only is a statement, and the atomic rename would silently bypass it.
  if ((stats.mode & 0o222) === 0 && !link.isSymbolicLink()) throw refusal(`${named} is read-only: make it writable or choose another path`);
}

export function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'a regular file';
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

function refusal(message: string): CliError {
  return new CliError(message);
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a parent is not a folder',
  ENOENT: 'no such file or folder',
  ENXIO: 'no such device (a socket or a FIFO nobody writes to)',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'name too long',
  EEXIST: 'already exists',
  EBUSY: 'busy',
  EMFILE: 'too many open files',
  EINVAL: 'invalid path for this file system',
  EXDEV: 'cannot rename across file systems',
};

/** An errno's meaning in words, with the code for searching: "permission denied (EACCES)". */
export function describeErrno(error: unknown): string {
  const { code } = error as NodeJS.ErrnoException;
  if (code && REASONS[code]) return `${REASONS[code]} (${code})`;
  return code ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
}

/** Whether an error is a file-system failure (an errno with a code) the user can act on. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function asWriteError(error: unknown, shown: string, verb = 'cannot write'): Error {
  if (error instanceof CliError) return error;
  if (isFileSystemError(error) || (error as NodeJS.ErrnoException).code) return new CliError(`${verb} ${shown}: ${describeErrno(error)}`);
  return error as Error;
}

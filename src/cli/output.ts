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
import { cliMessage, formatMessage, isLocale, vocabularyFor, type CliMessageId, type Locale, type MessageData, type WordedError } from '../i18n/index.js';
import type { NoticeReason, ReadFailure } from '../loader/discover.js';

export { formatMessage };
import { CliError, EXIT } from './errors.js';
import { CONFIG_FILE } from '../util/workspace-files.js';

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
  /** The language of messages (see messageLocale); `given` when --locale fixed it. */
  locale: Locale;
  localeGiven: boolean;
}

const runs = new AsyncLocalStorage<RunState>();

/** The streams, folder and environment of the current run (the real process outside `run`). */
export function currentIo(): CliIo {
  return runs.getStore()?.io ?? { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** Runs `task` with `io` as the current run's world; resolves to the exit code it set. */
export async function withIo(io: CliIo, task: () => Promise<void>, locale?: Locale): Promise<number> {
  const state: RunState = { io, exitCode: EXIT.ok, locale: locale ?? 'en', localeGiven: locale !== undefined };
  await runs.run(state, task);
  return state.exitCode;
}

/** A command's exit code (the highest set wins, so a later success cannot hide a failure). */
export function setExitCode(code: number): void {
  const state = runs.getStore();
  if (state) state.exitCode = Math.max(state.exitCode, code);
  else if (code !== EXIT.ok) process.exitCode = code;
}

// ---------------------------------------------------------------------------------------
// The language of messages (docs/locale.md): --locale when given, else the locale the
// workspace's omni.yaml declares once the command knows its workspace, else English.
// LANG is not read: the same command on the same workspace says the same words on every
// machine, like its lint findings.

/** The language messages of the current run are written in. */
export function messageLocale(): Locale {
  return runs.getStore()?.locale ?? 'en';
}

/** The workspace a command works on declares `locale`: messages follow it, unless --locale was given. */
export function useWorkspaceLocale(locale: unknown): void {
  const state = runs.getStore();
  if (state && !state.localeGiven && isLocale(locale)) state.locale = locale;
}

/** The `--locale X` (or `--locale=X`) of a command line, if it names a known locale. */
export function localeArgument(argv: readonly string[]): Locale | undefined {
  return optionValues(argv, '--locale').find(isLocale);
}

/** The values given to a long option on a command line (`--into ws`, `--into=ws`), in order, before any `--`. */
export function optionValues(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (const [index, arg] of argv.entries()) {
    if (arg === '--') break;
    if (arg === name && argv[index + 1] !== undefined) values.push(argv[index + 1]!);
    else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
  }
  return values;
}

/** A message of the vocabulary (src/i18n/cli-*.ts) in the run's language. */
export function say(id: CliMessageId, data?: MessageData): string {
  return cliMessage(id, data, messageLocale());
}

/**
 * A lower layer's error (a WordedError: a message id and data) as a CliError in the run's
 * language; `hint` replaces the error's own when the command knows better what to do.
 */
export function wordedError(error: WordedError, hint?: string): CliError {
  return new CliError(error.messageIn(messageLocale()), hint ?? error.hintIn(messageLocale()));
}

/** The run's words for things the CLI names (errno reasons, file kinds, output kinds). */
export function cliWords() {
  return vocabularyFor(messageLocale()).cli;
}

/** The help's words (descriptions of commands and options) in the run's language. */
export function helpWords() {
  return vocabularyFor(messageLocale()).cli.help;
}

/** `--locale`, on every command that works on a workspace: the language of omni's messages. */
export const LOCALE_CHOICES = ['en', 'fr'] as const;

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

/**
 * Checks a file a command is about to write, before any work; returns its absolute path.
 * Throws a one-line CliError when the policy refuses it.
 */
export function checkOutputFile(given: string, policy: OutputFilePolicy): string {
  const target = path.resolve(policy.cwd ?? currentIo().cwd, given);
  const named = `${policy.flag} ${given}`;
  const existing = statOrUndefined(target);
  if (existing?.isDirectory())
    throw refusal(say('targetIsFolder', { named, example: path.join(given, `${policy.kind === 'xlsx' ? 'plan' : 'report'}${OUTPUT_EXTENSIONS[policy.kind][0]}`) }));
  refuseProtected(target, named, policy.workspaces ?? [], { allowModelFiles: false });
  const extension = path.extname(target).toLowerCase();
  const allowed: readonly string[] = OUTPUT_EXTENSIONS[policy.kind];
  if (!policy.force && !allowed.includes(extension)) {
    const extensions = allowed.length === 1 ? allowed[0]! : say('or', { a: allowed.slice(0, -1).join(', '), b: allowed[allowed.length - 1]! });
    throw refusal(say('wrongExtension', { named, kind: cliWords().outputKinds[policy.kind], extensions }));
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
  if (existing && !existing.isDirectory()) throw refusal(say('notAFolder', { named }));
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
  if (existing?.isDirectory()) throw refusal(say('cannotWriteFolder', { file: shown }));
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
    if (code === 'ENOTDIR') throw refusal(say('cannotCreateNotFolder', { folder: displayPath(folder), parent: displayPath(failed) }));
    throw asWriteError(error, displayPath(failed), 'cannotCreate');
  }
}

/** Model files, omni.yaml and git folders are never replaced. */
function refuseProtected(target: string, named: string, workspaces: readonly string[], { allowModelFiles }: { allowModelFiles: boolean }): void {
  for (const candidate of candidatePaths(target)) {
    const gitDir = enclosingGitDir(candidate);
    if (gitDir !== undefined) throw refusal(say('insideGit', { named, gitDir: displayPath(gitDir) }));
    if (allowModelFiles) continue;
    if (path.basename(candidate).toLowerCase() === CONFIG_FILE) throw refusal(say('settingsFile', { named }));
    if (!MODEL_EXTENSIONS.has(path.extname(candidate).toLowerCase())) continue;
    const roots = [...workspaces.flatMap((root) => [root, realOrSelf(root)]), enclosingWorkspace(candidate)].filter((root): root is string => root !== undefined);
    // The innermost workspace holding the file names it best.
    const root = roots.filter((workspace) => isInside(candidate, workspace)).sort((a, b) => b.length - a.length)[0];
    if (root !== undefined) {
      throw refusal(say(existsSync(candidate) ? 'replacesModelFile' : 'addsModelFile', { named, root: displayPath(root) }));
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
  if (!stats.isFile()) throw refusal(say('notRegularFile', { named, kind: kindOf(stats) }));
  // Checked on the mode bits, not access(): root may write anything, but a file its owner
  // made read-only is a statement, and the atomic rename would silently bypass it.
  if ((stats.mode & 0o222) === 0 && !link.isSymbolicLink()) throw refusal(say('readOnly', { named }));
}

export function kindOf(stats: Stats): string {
  const kinds = cliWords().fileKinds;
  if (stats.isDirectory()) return kinds.folder;
  if (stats.isFIFO()) return kinds.fifo;
  if (stats.isSocket()) return kinds.socket;
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return kinds.device;
  if (stats.isSymbolicLink()) return kinds.link;
  return kinds.file;
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

/** An errno's meaning in words, with the code for searching: "permission denied (EACCES)". */
export function describeErrno(error: unknown): string {
  const { code } = error as NodeJS.ErrnoException;
  const reasons: Readonly<Record<string, string>> = cliWords().errno;
  if (code && Object.hasOwn(reasons, code)) return `${reasons[code]} (${code})`;
  return code ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
}

/** Why discovery left a path out (src/loader's notice), in the run's language. */
export function noticeReason(notice: NoticeReason): string {
  const words = cliWords();
  if (notice.reason === 'notRegular') return formatMessage(words.loader.notRegular, { kind: words.entryKinds[notice.kind] }, messageLocale());
  return words.loader[notice.reason];
}

/** Why a workspace file cannot be read (src/loader's WorkspaceReadError), in the run's language. */
export function readFailureReason(failure: ReadFailure): string {
  const words = cliWords();
  if (failure.kind === 'notRegular') return formatMessage(words.loader.readNotRegular, { kind: words.entryKinds[failure.what] }, messageLocale());
  if (failure.kind === 'linkOutside') return words.loader.readLinkOutside;
  return words.loader[failure.code];
}

/** Whether an error is a file-system failure (an errno with a code) the user can act on. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function asWriteError(error: unknown, shown: string, verb: 'cannotWrite' | 'cannotCreate' = 'cannotWrite'): Error {
  if (error instanceof CliError) return error;
  if (isFileSystemError(error) || (error as NodeJS.ErrnoException).code)
    return new CliError(
      verb === 'cannotWrite' ? say('cannotWrite', { file: shown, reason: describeErrno(error) }) : say('cannotCreate', { folder: shown, reason: describeErrno(error) }),
    );
  return error as Error;
}

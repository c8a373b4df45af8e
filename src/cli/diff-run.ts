import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { diffWorkspaces, type DiffSide } from '../diff/diff.js';
import { formatDiffJson } from '../diff/format-json.js';
import { formatDiffMarkdown } from '../diff/format-markdown.js';
import { formatDiffText } from '../diff/format-text.js';
import { defaultBase, GitError, gitSource, gitTopLevel, resolveCommit } from '../diff/git.js';
import { findWorkspaceRoot, type WorkspaceSource } from '../loader/discover.js';
import { lintWorkspace } from '../pipeline/lint.js';
import { loadWorkspace } from '../pipeline/load.js';
import { WorkspaceReuse } from '../pipeline/reuse.js';
import { emit, useColor, workspaceArgument } from './context.js';
import type { DiffCommandOptions } from './diff.js';
import { CliError, EXIT } from './errors.js';
import { checkOutputFile, currentIo, messageLocale, say, wordedError } from './output.js';
import { peekWorkspaceLocale, writeNotices } from './workspace.js';

export interface DiffIo {
  cwd: string;
  /** Where the diff goes when there is no --output-file. */
  write: (text: string) => void;
  color: boolean;
}

const defaultIo = (options: DiffCommandOptions): DiffIo => ({
  cwd: currentIo().cwd,
  write: (text) => emit(text, undefined),
  color: useColor(currentIo().stdout, options.color),
});

/**
 * Loads and lints one side; `reuse` carries the first side's work on identical files over to
 * the second. Text and Markdown word the gaps in the run's language (`--locale`) like the rest
 * of the diff; JSON keeps lint's, the workspace's (docs/locale.md).
 */
export async function side(
  label: string,
  root: string,
  reuse: WorkspaceReuse,
  { source, plugins, inRunLocale = false }: { source?: WorkspaceSource; plugins?: boolean; inRunLocale?: boolean } = {},
): Promise<DiffSide> {
  const workspace = await loadWorkspace(root, { source, reuse, ...(plugins !== undefined ? { plugins } : {}) });
  writeNotices(workspace);
  const checkRule = reuse.checkRule(workspace.model);
  return {
    label,
    model: workspace.model,
    lint: await lintWorkspace(workspace, { ...(checkRule ? { checkRule } : {}), ...(inRunLocale ? { locale: messageLocale() } : {}) }),
  };
}

function folderSide(dir: string, cwd: string, flag: string, reuse: WorkspaceReuse, inRunLocale: boolean): Promise<DiffSide> {
  const absolute = path.resolve(cwd, dir);
  try {
    workspaceArgument(absolute);
  } catch {
    throw new CliError(say('folderNotFound', { flag, path: dir }), say('workspaceNotFoundHint'));
  }
  return side(dir, absolute, reuse, { inRunLocale });
}

/** Loads both sides, diffs them, prints the chosen format; returns the exit code. */
export async function runDiff(base: string | undefined, head: string | undefined, options: DiffCommandOptions, io: DiffIo = defaultIo(options)): Promise<number> {
  // Before any work: the diff must never replace a model file of either side, or git's files.
  const outputFile =
    options.outputFile === undefined
      ? undefined
      : checkOutputFile(options.outputFile, {
          cwd: io.cwd,
          flag: '--output-file',
          kind: options.format,
          workspaces: [options.workspace ?? '.', options.from, options.to].filter((dir): dir is string => dir !== undefined).map((dir) => path.resolve(io.cwd, dir)),
          force: options.force,
        });
  let sides: [DiffSide, DiffSide];
  const inRunLocale = options.format !== 'json';
  if (options.from !== undefined || options.to !== undefined) {
    if (options.from === undefined || options.to === undefined) throw new CliError(say('fromAndTo'), say('fromAndToHint'));
    if (base !== undefined || head !== undefined) throw new CliError(say('revisionsOrFolders'));
    const reuse = new WorkspaceReuse();
    sides = [await folderSide(options.from, io.cwd, '--from', reuse, inRunLocale), await folderSide(options.to, io.cwd, '--to', reuse, inRunLocale)];
  } else {
    sides = await gitSides(base, head, options, io.cwd, inRunLocale);
  }
  const [before, after] = sides;
  const diff = diffWorkspaces(before, after);
  const output =
    options.format === 'json'
      ? formatDiffJson(diff)
      : options.format === 'markdown'
        ? formatDiffMarkdown(diff, { head: after.model, locale: messageLocale() })
        : formatDiffText(diff, { color: outputFile ? false : io.color, locale: messageLocale() });
  if (outputFile)
    emit(output, outputFile, {
      workspaces: [options.workspace ?? '.', options.from, options.to].filter((dir): dir is string => dir !== undefined).map((dir) => path.resolve(io.cwd, dir)),
    });
  else io.write(output);
  return options.exitCode && diff.summary.introduced.errors > 0 ? EXIT.problems : EXIT.ok;
}

async function gitSides(
  base: string | undefined,
  head: string | undefined,
  options: DiffCommandOptions,
  cwd: string,
  inRunLocale: boolean,
): Promise<[DiffSide, DiffSide]> {
  const root = realpathSync(options.workspace !== undefined ? workspaceArgument(path.resolve(cwd, options.workspace)) : findWorkspaceRoot(cwd));
  // Git's failures come before the workspace is loaded: they speak its declared language too.
  peekWorkspaceLocale(root);
  try {
    const top = realpathSync(gitTopLevel(root));
    const prefix = path.relative(top, root).split(path.sep).join('/');
    const short = (commit: string) => commit.slice(0, 7);
    const baseCommit = base !== undefined ? { revision: base, commit: resolveCommit(top, base) } : defaultBase(top);
    const reuse = new WorkspaceReuse();
    // Both sides run the same rules: the plugins of the working tree (its code, as omni lint
    // runs it), never a revision's files.
    const baseSide = await side(`${baseCommit.revision} (${short(baseCommit.commit)})`, root, reuse, {
      source: gitSource(top, baseCommit.commit, prefix),
      plugins: true,
      inRunLocale,
    });
    if (head === undefined) return [baseSide, await side(say('workingTree'), root, reuse, { inRunLocale })];
    const headCommit = resolveCommit(top, head);
    return [baseSide, await side(`${head} (${short(headCommit)})`, root, reuse, { source: gitSource(top, headCommit, prefix), plugins: true, inRunLocale })];
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    // `omni diff old/ new/`: folders where revisions go, which git cannot know.
    const folder = (argument: string | undefined): argument is string => argument !== undefined && isFolder(path.resolve(cwd, argument));
    if (folder(base) && head === undefined) throw wordedError(error, say('folderAsRevision', { folder: base }));
    if (folder(base) && folder(head)) throw wordedError(error, say('foldersAsRevisions', { folder: base, from: base, to: head }));
    const either = [base, head].find(folder);
    throw wordedError(error, either === undefined ? undefined : say('folderNotRevision', { folder: either }));
  }
}

function isFolder(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}

import { Buffer } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { countBySeverity } from '../diagnostics/sort.js';
import type { LintResult } from '../diagnostics/types.js';
import { CONFIG_FILE, DEFAULT_INCLUDE, findWorkspaceRoot } from '../loader/discover.js';
import { lintWorkspace } from '../pipeline/lint.js';
import { simulationsOf } from '../simulate/engine.js';
import { loadWorkspace, type LoadedWorkspace } from '../pipeline/load.js';
import { workspaceArgument } from './context.js';
import { CliError } from './errors.js';
import { currentIo, displayPath, noticeReason, say, useWorkspaceLocale, writeMessage } from './output.js';

export interface CheckedWorkspace {
  workspace: LoadedWorkspace;
  lint: LintResult;
}

/** The root of the workspace a command works on, without loading it (for output checks); messages take its locale from here. */
export function workspaceRootOf(argument: string | undefined): string {
  const root = argument === undefined ? findWorkspaceRoot(currentIo().cwd) : workspaceArgument(argument);
  peekWorkspaceLocale(root);
  return root;
}

/**
 * Messages written before the workspace is loaded (a usage error) speak its language too:
 * the top-level `locale:` of its omni.yaml, read with a glance. Loading reads it properly
 * and has the last word (writeNotices).
 */
const PEEK_BYTES = 64 * 1024;

export function peekWorkspaceLocale(root: string): void {
  let text: string;
  try {
    // A glance only: never blocks on a FIFO, never reads a device or a huge file (loading reports those).
    const fd = openSync(path.join(root, CONFIG_FILE), constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      if (!fstatSync(fd).isFile()) return;
      const head = Buffer.alloc(PEEK_BYTES);
      text = head.subarray(0, readSync(fd, head, 0, PEEK_BYTES, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return;
  }
  const declared = /^locale:[ \t]*["']?(en|fr)["']?[ \t]*(?:#.*)?$/m.exec(text)?.[1];
  useWorkspaceLocale(declared);
}

/**
 * Loads and lints the workspace a command works on (the argument, else the one around
 * the current folder). With `refuseOnErrors`, lint errors stop the command unless
 * `force` is set: a diagram or workbook built from a broken model would mislead.
 */
export async function loadCheckedWorkspace(
  argument: string | undefined,
  /**
   * `documentLocale`: lint messages in the workspace's locale, for outputs written in it (report, workbook).
   * `showsCalendars`: the command shows the personas' calendars (report): they are simulated
   * in full before lint, whose pressure rules then read them instead of simulating again.
   */
  options: { refuseOnErrors: boolean; force?: boolean; command: string; documentLocale?: boolean; showsCalendars?: boolean },
): Promise<CheckedWorkspace> {
  const root = workspaceRootOf(argument);
  const workspace = await loadWorkspace(root);
  writeNotices(workspace);
  requireModelFiles(workspace);
  if (options.showsCalendars) simulationsOf(workspace.model);
  const lint = await lintWorkspace(workspace, options.documentLocale ? { locale: workspace.model.settings.locale } : {});
  const { errors } = countBySeverity(lint.diagnostics);
  if (errors > 0 && options.refuseOnErrors && !options.force) {
    const first = lint.diagnostics.find((diagnostic) => diagnostic.severity === 'error')!;
    throw new CliError(
      say('lintErrorsRefused', { count: errors, where: `${first.file}:${first.range.start.line}:${first.range.start.column}`, message: first.message }),
      say('lintErrorsRefusedHint', { command: options.command }),
    );
  }
  return { workspace, lint };
}

/** At most this many notices are listed one by one; the rest are counted. */
const NOTICES_SHOWN = 10;

/** What discovery left out (FIFOs, links out of the workspace, unmatched YAML), on stderr. */
export function writeNotices(workspace: LoadedWorkspace): void {
  // Every command calls this once it has loaded its workspace: from here on, messages speak its language.
  useWorkspaceLocale(workspace.declaredLocale);
  const notices = workspace.notices ?? [];
  const shown = notices.slice(0, NOTICES_SHOWN);
  for (const notice of shown) writeMessage(say('notice', { file: displayPath(`${workspace.root}/${notice.file}`), reason: noticeReason(notice) }));
  const more = notices.length - shown.length;
  if (more > 0) writeMessage(say('noticeMore', { count: more }));
}

/**
 * A workspace whose patterns match no model file is a usage error (most likely a wrong
 * path or a typo in include): passing, or exporting an empty workbook, would hide it.
 */
export function requireModelFiles(workspace: LoadedWorkspace): void {
  if (workspace.files.some((file) => file !== CONFIG_FILE)) return;
  const where = displayPath(workspace.root);
  const { include } = workspace.settings;
  const isDefault = include.length === DEFAULT_INCLUDE.length && include.every((pattern, i) => pattern === DEFAULT_INCLUDE[i]);
  if (isDefault) {
    throw new CliError(say('noModelFile', { where }), say('noModelFileHint'));
  }
  throw new CliError(
    include.length === 0 ? say('includesNothing', { where }) : say('includeMatchesNothing', { include: JSON.stringify(include), where }),
    say('includeHint'),
  );
}

import { countBySeverity } from '../diagnostics/sort.js';
import type { LintResult } from '../diagnostics/types.js';
import { CONFIG_FILE, DEFAULT_INCLUDE, findWorkspaceRoot } from '../loader/discover.js';
import { lintWorkspace } from '../pipeline/lint.js';
import { loadWorkspace, type LoadedWorkspace } from '../pipeline/load.js';
import { workspaceArgument } from './context.js';
import { CliError } from './errors.js';
import { currentIo, displayPath, writeMessage } from './output.js';

export interface CheckedWorkspace {
  workspace: LoadedWorkspace;
  lint: LintResult;
}

/** The root of the workspace a command works on, without loading it (for output checks). */
export function workspaceRootOf(argument: string | undefined): string {
  return argument === undefined ? findWorkspaceRoot(currentIo().cwd) : workspaceArgument(argument);
}

/**
 * Loads and lints the workspace a command works on (the argument, else the one around
 * the current folder). With `refuseOnErrors`, lint errors stop the command unless
 * `force` is set: a diagram or workbook built from a broken model would mislead.
 */
export async function loadCheckedWorkspace(
  argument: string | undefined,
  /** `documentLocale`: lint messages in the workspace's locale, for outputs written in it (report, workbook). */
  options: { refuseOnErrors: boolean; force?: boolean; command: string; documentLocale?: boolean },
): Promise<CheckedWorkspace> {
  const root = workspaceRootOf(argument);
  const workspace = await loadWorkspace(root);
  writeNotices(workspace);
  requireModelFiles(workspace);
  const lint = await lintWorkspace(workspace, options.documentLocale ? { locale: workspace.model.settings.locale } : {});
  const { errors } = countBySeverity(lint.diagnostics);
  if (errors > 0 && options.refuseOnErrors && !options.force) {
    const first = lint.diagnostics.find((diagnostic) => diagnostic.severity === 'error')!;
    throw new CliError(
      `${errors} lint error${errors > 1 ? 's' : ''} in the workspace (first: ${first.file}:${first.range.start.line}:${first.range.start.column} ${first.message})`,
      `run \`omni lint\` to see them, or pass --force to ${options.command} anyway`,
    );
  }
  return { workspace, lint };
}

/** At most this many notices are listed one by one; the rest are counted. */
const NOTICES_SHOWN = 10;

/** What discovery left out (FIFOs, links out of the workspace, unmatched YAML), on stderr. */
export function writeNotices(workspace: LoadedWorkspace): void {
  const notices = workspace.notices ?? [];
  const shown = notices.slice(0, NOTICES_SHOWN);
  for (const notice of shown) writeMessage(`notice: ${displayPath(`${workspace.root}/${notice.file}`)}: ${notice.reason}`);
  const more = notices.length - shown.length;
  if (more > 0) writeMessage(`notice: and ${more} more file${more > 1 ? 's' : ''} left out`);
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
    throw new CliError(`no model file in ${where}`, 'model files are the .yaml/.yml files the workspace includes (see include/exclude in omni.yaml)');
  }
  throw new CliError(
    include.length === 0
      ? `no model file matches include [] of ${where}/omni.yaml: it includes nothing`
      : `no model file matches include ${JSON.stringify(include)} of ${where}/omni.yaml`,
    'fix include/exclude in omni.yaml (default ["**/*.yaml", "**/*.yml"])',
  );
}

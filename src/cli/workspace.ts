import { countBySeverity } from '../diagnostics/sort.js';
import type { LintResult } from '../diagnostics/types.js';
import { findWorkspaceRoot } from '../loader/discover.js';
import { lintWorkspace } from '../pipeline/lint.js';
import { loadWorkspace, type LoadedWorkspace } from '../pipeline/load.js';
import { workspaceArgument } from './context.js';
import { CliError } from './errors.js';

export interface CheckedWorkspace {
  workspace: LoadedWorkspace;
  lint: LintResult;
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
  const root = argument === undefined ? findWorkspaceRoot(process.cwd()) : workspaceArgument(argument);
  const workspace = await loadWorkspace(root);
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

import type { Diagnostic, LintResult } from '../diagnostics/types.js';
import { displayPath, messageWithSuggestion, type FormatContext } from './shared.js';

/**
 * GitHub Actions workflow commands, one per diagnostic, which GitHub turns into
 * annotations on the pull request:
 * `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message`
 * (`::warning` for warnings). GitHub places `file=` relative to the repository root, so
 * paths are relative to `context.repositoryRoot` when the workspace is in a git
 * repository, whatever folder omni runs from (e.g. `working-directory: plan`); outside
 * one, relative to the current folder. GitHub shows at most 10 errors and 10 warnings
 * per step; the Markdown summary lists everything.
 */
export function formatGithub(result: LintResult, context: FormatContext): string {
  return result.diagnostics.map((diagnostic) => `${command(diagnostic, result, context)}\n`).join('');
}

function command(diagnostic: Diagnostic, result: LintResult, context: FormatContext): string {
  const { start, end } = diagnostic.range;
  const properties = [
    `file=${escapeProperty(displayPath(result, { ...context, cwd: context.repositoryRoot ?? context.cwd }, diagnostic.file))}`,
    `line=${start.line}`,
    `col=${start.column}`,
    `endLine=${end.line}`,
    `endColumn=${end.column}`,
    `title=${escapeProperty(diagnostic.ruleId)}`,
  ].join(',');
  const name = diagnostic.severity === 'error' ? 'error' : 'warning';
  return `::${name} ${properties}::${escapeData(messageWithSuggestion(diagnostic))}`;
}

/** Escaping of a command's message, as in @actions/core's `escapeData`. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value, as in @actions/core's `escapeProperty`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

import path from 'node:path';
import type { Diagnostic, LintResult, Severity } from '../diagnostics/types.js';
import { formatMessage, VOCABULARY, type Locale } from '../i18n/index.js';
import type { RuleMeta } from '../rules/create-rule.js';

/** What every formatter needs besides the result; passed explicitly so formatters stay pure. */
export interface FormatContext {
  /** Metadata of every known rule (SARIF lists them all, Markdown shows descriptions). */
  rules: readonly RuleMeta[];
  /** Emit ANSI colours (stylish only); decided by the CLI, never by global state. */
  color: boolean;
  /** Absolute working directory: displayed paths are relative to it. */
  cwd: string;
  /** Version of omni, written into SARIF. */
  toolVersion: string;
  /**
   * Root of the git repository holding the workspace, when there is one: SARIF and GitHub
   * annotation paths are relative to it, where code scanning and pull requests look for them.
   */
  repositoryRoot?: string;
  /** Each rule's doc page (Markdown) by rule id, for SARIF's `help`; read by the CLI. */
  ruleDocs?: ReadonlyMap<string, string>;
}

export type Formatter = (result: LintResult, context: FormatContext) => string;

/**
 * Path of a diagnostic's file as a user in `cwd` would type it, with forward slashes.
 * Diagnostics hold paths relative to `result.root`; cwd may differ (e.g. `omni lint sub/`).
 */
export function displayPath(result: LintResult, context: FormatContext, file: string): string {
  const absolute = path.resolve(result.root, file);
  const relative = path.relative(context.cwd, absolute);
  // A file on another Windows drive has no relative path: path.relative returns it absolute.
  return (relative === '' ? '.' : relative).split(path.sep).join('/');
}

/** The message followed by the suggestion, the one-line form every flat format uses. */
export function messageWithSuggestion(diagnostic: Diagnostic): string {
  return diagnostic.suggestion ? `${diagnostic.message} (${diagnostic.suggestion})` : diagnostic.message;
}

export interface Counts {
  errors: number;
  warnings: number;
}

export function countSeverities(diagnostics: readonly Diagnostic[]): Counts {
  let errors = 0;
  let warnings = 0;
  for (const diagnostic of diagnostics) {
    if (diagnostic.severity === 'error') errors += 1;
    else warnings += 1;
  }
  return { errors, warnings };
}

/** The word machine formats (JSON) write: `warn` is the configuration spelling, `warning` the displayed one. */
export function severityLabel(severity: Severity): 'error' | 'warning' {
  return severity === 'error' ? 'error' : 'warning';
}

/** The words of lint's output in the language of its messages (English when unknown). */
export function outputWords(result: Pick<LintResult, 'locale'>) {
  return VOCABULARY[(result.locale ?? 'en') as Locale].lint.output;
}

/** The severity as people read it, in the language of the messages. */
export function severityWord(severity: Severity, result: Pick<LintResult, 'locale'>): string {
  return outputWords(result).severity[severity];
}

/** `3 problems`, `1 file`: a count and its noun, [one, many]. */
export function counted(count: number, [one, many]: readonly [string, string]): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `✖ 3 problems (2 errors, 1 warning)`, the summary stylish and Markdown share. */
export function problemSummary(counts: Counts, result: Pick<LintResult, 'locale'> = {}): string {
  const words = outputWords(result);
  const locale = (result.locale ?? 'en') as Locale;
  return formatMessage(
    words.summary,
    { problems: counted(counts.errors + counts.warnings, words.problem), errors: counted(counts.errors, words.error), warnings: counted(counts.warnings, words.warning) },
    locale,
  );
}

/** Diagnostics grouped by file, keeping the order they arrived in (already sorted upstream). */
export function groupByFile(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) {
    const group = groups.get(diagnostic.file);
    if (group) group.push(diagnostic);
    else groups.set(diagnostic.file, [diagnostic]);
  }
  return groups;
}

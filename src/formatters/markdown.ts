import type { Diagnostic, LintResult } from '../diagnostics/types.js';
import { formatMessage } from '../i18n/index.js';
import { counted, countSeverities, displayPath, groupByFile, outputWords, problemSummary, severityWord, type FormatContext } from './shared.js';

/** GitHub refuses a step summary over 1 MiB; stay under it with room for the closing note. */
export const MARKDOWN_SUMMARY_MAX_BYTES = 1000 * 1000;

export interface MarkdownSummaryOptions {
  /** Byte budget of the report; rows past it are counted, not shown. */
  maxBytes?: number;
}

/**
 * Full Markdown report for `$GITHUB_STEP_SUMMARY` (annotations stop at 10 errors and
 * 10 warnings per step): a headline, one row per rule that fired (linked to its docs,
 * in order of first occurrence), then one row per diagnostic `file:line:col`. All text
 * from the workspace is escaped so a message cannot inject Markdown or HTML.
 */
export function formatMarkdownSummary(result: LintResult, context: FormatContext, options: MarkdownSummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? MARKDOWN_SUMMARY_MAX_BYTES;
  const counts = countSeverities(result.diagnostics);
  const fileCount = result.files.length;
  const words = outputWords(result);
  const locale = result.locale ?? 'en';
  if (result.diagnostics.length === 0) {
    return `## omni lint\n\n\u2714 ${formatMessage(words.clean, { files: counted(fileCount, words.file) }, locale)}\n`;
  }

  const filesWithProblems = groupByFile(result.diagnostics).size;
  const descriptions = new Map(context.rules.map((rule) => [rule.id, rule.description]));
  const perRule = new Map<string, { docsUrl: string; errors: number; warnings: number }>();
  for (const diagnostic of result.diagnostics) {
    const entry = perRule.get(diagnostic.ruleId) ?? { docsUrl: diagnostic.docsUrl, errors: 0, warnings: 0 };
    if (diagnostic.severity === 'error') entry.errors += 1;
    else entry.warnings += 1;
    perRule.set(diagnostic.ruleId, entry);
  }

  let head = '## omni lint\n\n';
  head += `\u2716 ${formatMessage(words.inFiles, { summary: problemSummary(counts, result), withProblems: String(filesWithProblems), files: counted(fileCount, words.file) }, locale)}\n\n`;
  head += `| ${words.rule} | ${words.description} | ${words.errors} | ${words.warnings} |\n| --- | --- | ---: | ---: |\n`;
  for (const [ruleId, entry] of perRule) {
    const description = escapeCell(descriptions.get(ruleId) ?? '');
    head += `| ${link(ruleId, entry.docsUrl)} | ${description} | ${entry.errors} | ${entry.warnings} |\n`;
  }
  head += `\n### ${words.problems}\n\n| ${words.location} | ${words.severityHeader} | ${words.message} | ${words.rule} |\n| --- | --- | --- | --- |\n`;

  const rows = result.diagnostics.map((diagnostic) => diagnosticRow(diagnostic, result, context));
  let used = byteLength(head);
  let shown = 0;
  let body = '';
  for (const row of rows) {
    const remaining = rows.length - shown - 1;
    // Keep room for the note that would follow if a later row does not fit.
    const reserve = remaining > 0 ? byteLength(truncationNote(remaining, result)) : 0;
    const size = byteLength(row);
    if (used + size + reserve > maxBytes) break;
    body += row;
    used += size;
    shown += 1;
  }
  const hidden = rows.length - shown;
  return head + body + (hidden > 0 ? truncationNote(hidden, result) : '');
}

function diagnosticRow(diagnostic: Diagnostic, result: LintResult, context: FormatContext): string {
  const { line, column } = diagnostic.range.start;
  const location = escapeCell(`${displayPath(result, context, diagnostic.file)}:${line}:${column}`);
  let message = escapeCell(diagnostic.message);
  if (diagnostic.suggestion) message += `<br>${escapeCell(diagnostic.suggestion)}`;
  return `| ${location} | ${severityWord(diagnostic.severity, result)} | ${message} | ${link(diagnostic.ruleId, diagnostic.docsUrl)} |\n`;
}

function truncationNote(hidden: number, result: LintResult): string {
  const words = outputWords(result);
  return `\n${formatMessage(words.notShown, { more: counted(hidden, words.more) }, result.locale ?? 'en')}\n`;
}

function link(text: string, url: string): string {
  // Parentheses, spaces and angle brackets would end or break the link destination.
  const destination = url.replace(/[()\s<>]/g, (char) => (char === '(' ? '%28' : char === ')' ? '%29' : encodeURIComponent(char)));
  return `[${escapeCell(text)}](${destination})`;
}

/**
 * Text inside a table cell: no raw HTML (entities), no inline Markdown markup (backslash
 * escapes, including `|` which would split the cell), line breaks as <br>. Block markup
 * (`#`, `-`, `1.`) has no effect inside a cell, so it is left readable.
 */
export function escapeCell(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, '<br>');
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

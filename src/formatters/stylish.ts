import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic, LintResult } from '../diagnostics/types.js';
import { countSeverities, displayPath, groupByFile, messageWithSuggestion, problemSummary, severityWord, type FormatContext } from './shared.js';
import { blankLike, frameWindow, padEndVisible, textWidth, visibleText } from './terminal-text.js';

/**
 * Human output modelled on ESLint's `stylish`: one block per file (underlined path),
 * one row per diagnostic `line:col  severity  message  rule-id` aligned per file,
 * a code frame under each row, then `✖ N problems (E errors, W warnings)`.
 * Returns '' when there is nothing to report, so a clean run prints nothing.
 */
export function formatStylish(result: LintResult, context: FormatContext): string {
  if (result.diagnostics.length === 0) return '';
  const chalk = new Chalk({ level: context.color ? 1 : 0 });
  let output = '\n';
  for (const [file, diagnostics] of groupByFile(result.diagnostics)) {
    output += `${chalk.underline(visibleText(displayPath(result, context, file)))}\n`;
    output += formatFileBlock(diagnostics, result.sources.get(file), chalk, result);
    output += '\n';
  }
  const counts = countSeverities(result.diagnostics);
  const summaryColor = counts.errors > 0 ? chalk.red : chalk.yellow;
  output += `${summaryColor.bold(`\u2716 ${problemSummary(counts, result)}`)}\n`;
  return output;
}

function formatFileBlock(diagnostics: readonly Diagnostic[], source: string | undefined, chalk: ChalkInstance, result: LintResult): string {
  const rows = diagnostics.map((diagnostic) => ({
    diagnostic,
    line: String(diagnostic.range.start.line),
    column: String(diagnostic.range.start.column),
    severity: severityWord(diagnostic.severity, result),
    // Messages may span lines: the first goes in the row, the rest under it.
    messageLines: visibleText(messageWithSuggestion(diagnostic)).split(/\r\n|\r|\n/),
  }));
  const lineWidth = Math.max(...rows.map((row) => row.line.length));
  const columnWidth = Math.max(...rows.map((row) => row.column.length));
  const severityWidth = Math.max(...rows.map((row) => row.severity.length));
  const messageWidth = Math.max(...rows.map((row) => textWidth(row.messageLines[0] ?? '')));
  const sourceLines = source === undefined ? undefined : linesOf(source);

  let output = '';
  for (const row of rows) {
    const position = chalk.dim(`${row.line.padStart(lineWidth)}:${row.column.padEnd(columnWidth)}`);
    const severityColor = row.diagnostic.severity === 'error' ? chalk.red : chalk.yellow;
    const severity = severityColor(row.severity.padEnd(severityWidth));
    const [first = '', ...rest] = row.messageLines;
    output += `  ${position}  ${severity}  ${padEndVisible(first, messageWidth)}  ${chalk.dim(visibleText(row.diagnostic.ruleId))}\n`;
    const messageIndent = ' '.repeat(2 + lineWidth + 1 + columnWidth + 2 + severityWidth + 2);
    for (const line of rest) output += `${messageIndent}${line}\n`;
    if (sourceLines) output += codeFrame(row.diagnostic, sourceLines, severityColor, chalk);
  }
  return output;
}

/**
 * The diagnostic's first line of source and a marker under its range:
 *     12 | channel: sms
 *        |          ^^^
 * A range running past the line is underlined to the line's end; an empty one gets one caret.
 * Of a line longer than MAX_FRAME_WIDTH, only a window around the column is shown.
 * Columns are 1-based UTF-16 offsets with an exclusive end, as in SARIF.
 */
function codeFrame(diagnostic: Diagnostic, sourceLines: SourceLines, markerColor: ChalkInstance, chalk: ChalkInstance): string {
  const { start, end } = diagnostic.range;
  const text = sourceLines.line(start.line);
  if (text === undefined) return '';
  const from = clamp(start.column - 1, 0, text.length);
  const to = end.line > start.line ? text.length : clamp(end.column - 1, from, text.length);
  // A long line shows a window around the column, cut ends marked with `…`.
  const shown = frameWindow(text, from);
  const markedEnd = Math.min(to, shown.end);
  const before = (shown.start > 0 ? '\u2026' : '') + visibleText(text.slice(shown.start, from));
  const marked = visibleText(text.slice(from, markedEnd));
  const after = visibleText(text.slice(markedEnd, shown.end)) + (shown.end < text.length ? '\u2026' : '');
  const gutterWidth = String(start.line).length;
  const gutter = chalk.dim(`    ${String(start.line).padStart(gutterWidth)} |`);
  const emptyGutter = chalk.dim(`    ${' '.repeat(gutterWidth)} |`);
  const marker = markerColor('^'.repeat(Math.max(1, textWidth(marked.replace(/\t/g, ' ')))));
  const sourceLine = before + marked + after;
  return `${gutter}${sourceLine === '' ? '' : ` ${sourceLine}`}\n${emptyGutter} ${blankLike(before)}${marker}\n`;
}

interface SourceLines {
  /** The 1-based line, without its line break; undefined past the end. */
  line(number: number): string | undefined;
}

/**
 * The lines of a file as `split(/\r\n|\r|\n/)` gives them, each cut out only when a frame
 * shows it: a file with a few findings is not split whole. Files with CR use the split.
 */
function linesOf(source: string): SourceLines {
  if (source.includes('\r')) {
    const lines = source.split(/\r\n|\r|\n/);
    return { line: (number) => lines[number - 1] };
  }
  let starts: number[] | undefined;
  return {
    line(number) {
      if (!starts) {
        starts = [0];
        for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) starts.push(at + 1);
      }
      const start = starts[number - 1];
      if (start === undefined) return undefined;
      const next = starts[number];
      return source.slice(start, next === undefined ? source.length : next - 1);
    },
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

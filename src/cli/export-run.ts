import { describeWorkbook, summariseLint, type LazyWorkbook, type LintSummary } from '../exporters/build-workbook.js';
import { writeXlsx } from '../exporters/write-xlsx.js';
import { CliError, EXIT } from './errors.js';
import type { ExportCommandOptions } from './export.js';
import { checkOutputFile, displayPath, say, writeMessage, writeOutputFile } from './output.js';
import { loadCheckedWorkspace, workspaceRootOf } from './workspace.js';

/** Rules whose errors mean part of the workspace was not read: the workbook would silently miss it. */
const UNREADABLE = new Set(['yaml-syntax', 'schema']);

export async function runExport(workspaceArgument: string | undefined, options: ExportCommandOptions): Promise<number> {
  if (!options.xlsx) throw new CliError(say('nothingToExport'));
  const target = checkOutputFile(options.xlsx, { flag: '--xlsx', kind: 'xlsx', workspaces: [workspaceRootOf(workspaceArgument)], force: options.force });
  const { workbook, root, summary } = await loadForExport(workspaceArgument, options);
  // Sheets are built as they are written, each dropped once written: the model and one sheet in memory, never all.
  const bytes = await writeXlsx({ ...workbook.head, sheets: workbook.sheets }, { release: true });
  for (const warning of workbook.warnings) writeMessage(say('warning', { text: warning }));
  writeOutputFile(target, bytes, { workspaces: [root] });
  if (summary.errors > 0 || summary.warnings > 0) {
    writeMessage(
      say('exportedWithProblems', { errors: say('lintErrorCount', { count: summary.errors }), warnings: say('lintWarningCount', { count: summary.warnings }) }),
    );
  }
  writeMessage(say('workbookWritten', { file: displayPath(target) }));
  return EXIT.ok;
}

/** Loads and lints the workspace (a function of its own: the diagnostics are garbage once it returns). */
async function loadForExport(
  workspaceArgument: string | undefined,
  options: ExportCommandOptions,
): Promise<{ workbook: LazyWorkbook; root: string; summary: LintSummary }> {
  const { workspace, lint } = await loadCheckedWorkspace(workspaceArgument, { refuseOnErrors: false, command: 'export', documentLocale: true });
  const unreadable = lint.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && UNREADABLE.has(diagnostic.ruleId));
  if (unreadable.length > 0 && !options.force) {
    const first = unreadable[0]!;
    throw new CliError(
      say('unreadableRefused', { count: unreadable.length, where: `${first.file}:${first.range.start.line}:${first.range.start.column}`, message: first.message }),
      say('unreadableRefusedHint'),
    );
  }
  const summary = summariseLint(lint.diagnostics);
  return { workbook: describeWorkbook(workspace.model, summary), root: workspace.root, summary };
}

import { buildWorkbook, summariseLint } from '../exporters/build-workbook.js';
import { writeXlsx } from '../exporters/write-xlsx.js';
import { CliError, EXIT } from './errors.js';
import type { ExportCommandOptions } from './export.js';
import { checkOutputFile, displayPath, writeMessage, writeOutputFile } from './output.js';
import { loadCheckedWorkspace, workspaceRootOf } from './workspace.js';

/** Rules whose errors mean part of the workspace was not read: the workbook would silently miss it. */
const UNREADABLE = new Set(['yaml-syntax', 'schema']);

export async function runExport(workspaceArgument: string | undefined, options: ExportCommandOptions): Promise<number> {
  if (!options.xlsx) throw new CliError('nothing to export: pass --xlsx FILE');
  const target = checkOutputFile(options.xlsx, { flag: '--xlsx', kind: 'xlsx', workspaces: [workspaceRootOf(workspaceArgument)], force: options.force });
  const { workspace, lint } = await loadCheckedWorkspace(workspaceArgument, { refuseOnErrors: false, command: 'export', documentLocale: true });
  const unreadable = lint.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && UNREADABLE.has(diagnostic.ruleId));
  if (unreadable.length > 0 && !options.force) {
    const first = unreadable[0]!;
    throw new CliError(
      `${unreadable.length} file problem${unreadable.length > 1 ? 's' : ''} (yaml-syntax or schema) would leave entities out of the workbook (first: ${first.file}:${first.range.start.line}:${first.range.start.column} ${first.message})`,
      'fix them (see `omni lint`), or pass --force to export what could be read',
    );
  }
  const summary = summariseLint(lint.diagnostics);
  const spec = buildWorkbook(workspace.model, summary);
  for (const warning of spec.warnings ?? []) writeMessage(`warning: ${warning}`);
  const bytes = await writeXlsx(spec);
  writeOutputFile(target, bytes, { workspaces: [workspace.root] });
  if (summary.errors > 0 || summary.warnings > 0) {
    writeMessage(`exported with ${summary.errors} lint error(s) and ${summary.warnings} warning(s), listed in the Read me tab`);
  }
  writeMessage(`workbook written to ${displayPath(target)}`);
  return EXIT.ok;
}

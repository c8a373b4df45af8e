import type { Command } from 'commander';
import { setExitCode } from './output.js';

export interface ReportCommandOptions {
  out: string;
  /** False with --no-diagrams. */
  diagrams: boolean;
  browser?: string;
  force?: boolean;
}

export const DEFAULT_REPORT_FILE = 'out/report.html';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('Write the whole plan as one self-contained HTML page for stakeholders: matrix, priorities, scenarios, data needs and lint gaps.')
    .argument('[workspace]', 'workspace folder (default: the workspace around the current folder)')
    .option('-o, --out <file>', 'HTML file to write', DEFAULT_REPORT_FILE)
    .option('--no-diagrams', 'leave the diagrams out (no browser needed); every table is still there')
    .option('--force', 'write --out even when it does not end in .html')
    .option('--browser <path>', 'Chromium or Chrome to draw the diagrams with (default: PUPPETEER_EXECUTABLE_PATH, then the usual install paths)')
    .addHelpText(
      'after',
      '\nThe report is built even when lint finds problems: it lists them. Without a browser the diagrams are left out with a note.\nExit codes: 0 report written, 2 usage or fatal error.',
    )
    .action(async (workspace: string | undefined, options: ReportCommandOptions) => {
      const { runReport } = await import('./report-run.js');
      const exitCode = await runReport(workspace, options);
      setExitCode(exitCode);
    });
}

import { Option, type Command } from 'commander';
import { helpWords, LOCALE_CHOICES, setExitCode } from './output.js';

export interface ReportCommandOptions {
  out: string;
  /** False with --no-diagrams. */
  diagrams: boolean;
  browser?: string;
  force?: boolean;
}

export const DEFAULT_REPORT_FILE = 'out/report.html';

export function registerReport(program: Command): void {
  const words = helpWords();
  const help = words.report;
  program
    .command('report')
    .description(help.description)
    .argument('[workspace]', words.workspace)
    .option('-o, --out <file>', help.out, DEFAULT_REPORT_FILE)
    .option('--no-diagrams', help.noDiagrams)
    .option('--force', help.force)
    .option('--browser <path>', help.browser)
    .addOption(new Option('--locale <locale>', words.locale).choices(LOCALE_CHOICES))
    .addHelpText('after', help.after)
    .action(async (workspace: string | undefined, options: ReportCommandOptions) => {
      const { runReport } = await import('./report-run.js');
      const exitCode = await runReport(workspace, options);
      setExitCode(exitCode);
    });
}

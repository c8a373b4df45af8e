import type { Command } from 'commander';
import { Option } from 'commander';
import { helpWords, LOCALE_CHOICES, setExitCode } from './output.js';
import { parsePositiveInteger } from './context.js';

export const LINT_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github'] as const;

export interface LintCommandOptions {
  format: (typeof LINT_FORMATS)[number];
  outputFile?: string;
  maxWarnings?: number;
  quiet?: boolean;
  rule?: string[];
  failSeverity: 'error' | 'warn';
  color?: boolean;
  maxFileSize?: number;
  locale?: 'en' | 'fr';
  force?: boolean;
  reportUnusedDisableDirectives?: 'warn' | 'error';
  baseline?: string;
  updateBaseline?: string;
}

export function registerLint(program: Command, version: string): void {
  const words = helpWords();
  const help = words.lint;
  program
    .command('lint')
    .description(help.description)
    .argument('[paths...]', help.paths)
    .addOption(new Option('-f, --format <format>', words.format).choices(LINT_FORMATS).default('stylish'))
    .option('-o, --output-file <file>', help.outputFile)
    .option('--force', help.force)
    .option('--max-warnings <n>', help.maxWarnings, parsePositiveInteger('--max-warnings'))
    .option('-q, --quiet', help.quiet)
    .option('--rule <id=severity>', help.rule, (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .addOption(new Option('--fail-severity <severity>', help.failSeverity).choices(['error', 'warn']).default('error'))
    .option('--no-color', words.noColor)
    .addOption(new Option('--locale <locale>', help.locale).choices(LOCALE_CHOICES))
    .addOption(new Option('--report-unused-disable-directives [severity]', help.reportUnused).choices(['warn', 'error']).preset('warn'))
    .option('--baseline <file>', help.baseline)
    .option('--update-baseline <file>', help.updateBaseline)
    .option('--max-file-size <MiB>', help.maxFileSize, parsePositiveInteger('--max-file-size', 1))
    .addHelpText('after', help.after)
    .action(async (paths: string[], options: LintCommandOptions) => {
      const { runLint } = await import('./lint-run.js');
      const exitCode = await runLint(paths, options, version);
      setExitCode(exitCode);
    });
}

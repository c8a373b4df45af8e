import type { Command } from 'commander';
import { Option } from 'commander';
import { setExitCode } from './output.js';
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
  program
    .command('lint')
    .description('Check workspace files against the schema and the rules; report each problem at file:line:col.')
    .argument('[paths...]', 'workspace folders or files (default: the workspace around the current folder)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(LINT_FORMATS).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file instead of stdout')
    .option('--force', 'write --output-file even when its extension does not match the format')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parsePositiveInteger('--max-warnings'))
    .option('-q, --quiet', 'report errors only')
    .option('--rule <id=severity>', 'set a rule to error, warn or off (repeatable)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .addOption(new Option('--fail-severity <severity>', 'lowest severity that fails the run').choices(['error', 'warn']).default('error'))
    .option('--no-color', 'disable colours (also NO_COLOR)')
    .addOption(new Option('--locale <locale>', "language of messages (default: omni.yaml's locale, else en)").choices(['en', 'fr']))
    .addOption(
      new Option('--report-unused-disable-directives [severity]', 'report omni-disable comments that silence nothing (warn, or error)')
        .choices(['warn', 'error'])
        .preset('warn'),
    )
    .option('--baseline <file>', 'report only findings not recorded in this baseline file')
    .option('--update-baseline <file>', "record today's findings in this baseline file (then report none)")
    .option('--max-file-size <MiB>', 'refuse model files larger than this (default 16)', parsePositiveInteger('--max-file-size', 1))
    .addHelpText('after', '\nExit codes: 0 clean, 1 errors (or warnings over --max-warnings, or any problem with --fail-severity warn), 2 usage or fatal error.')
    .action(async (paths: string[], options: LintCommandOptions) => {
      const { runLint } = await import('./lint-run.js');
      const exitCode = await runLint(paths, options, version);
      setExitCode(exitCode);
    });
}

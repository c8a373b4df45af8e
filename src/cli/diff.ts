import type { Command } from 'commander';
import { Option } from 'commander';
import { helpWords, LOCALE_CHOICES, setExitCode } from './output.js';

export const DIFF_FORMATS = ['text', 'markdown', 'json'] as const;

export interface DiffCommandOptions {
  format: (typeof DIFF_FORMATS)[number];
  from?: string;
  to?: string;
  workspace?: string;
  outputFile?: string;
  exitCode?: boolean;
  color?: boolean;
  force?: boolean;
}

export function registerDiff(program: Command): void {
  const words = helpWords();
  const help = words.diff;
  program
    .command('diff')
    .description(help.description)
    .argument('[base]', help.base)
    .argument('[head]', help.head)
    .option('--from <dir>', help.from)
    .option('--to <dir>', help.to)
    .option('-w, --workspace <dir>', help.workspace)
    .addOption(new Option('-f, --format <format>', words.format).choices(DIFF_FORMATS).default('text'))
    .option('-o, --output-file <file>', help.outputFile)
    .option('--force', help.force)
    .option('--exit-code', help.exitCode)
    .option('--no-color', words.noColor)
    .addOption(new Option('--locale <locale>', words.locale).choices(LOCALE_CHOICES))
    .addHelpText('after', help.after)
    .action(async (base: string | undefined, head: string | undefined, options: DiffCommandOptions) => {
      const { runDiff } = await import('./diff-run.js');
      const exitCode = await runDiff(base, head, options);
      setExitCode(exitCode);
    });
}

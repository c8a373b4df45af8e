import { Option, type Command } from 'commander';
import { helpWords, LOCALE_CHOICES, setExitCode } from './output.js';

export interface ExportCommandOptions {
  xlsx?: string;
  force?: boolean;
}

export function registerExport(program: Command): void {
  const words = helpWords();
  const help = words.export;
  program
    .command('export')
    .description(help.description)
    .argument('[workspace]', words.workspace)
    .requiredOption('--xlsx <file>', help.xlsx)
    .option('--force', help.force)
    .addOption(new Option('--locale <locale>', words.locale).choices(LOCALE_CHOICES))
    .addHelpText('after', help.after)
    .action(async (workspace: string | undefined, options: ExportCommandOptions) => {
      const { runExport } = await import('./export-run.js');
      const exitCode = await runExport(workspace, options);
      setExitCode(exitCode);
    });
}

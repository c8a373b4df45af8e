import { Option, type Command } from 'commander';
import { helpWords, LOCALE_CHOICES, setExitCode } from './output.js';

export interface ImportCommandOptions {
  xlsx?: string;
  out?: string;
  /** The deprecated -o alias of --out. */
  o?: string;
  into?: string;
  dryRun?: boolean;
  force?: boolean;
}

export function registerImport(program: Command): void {
  const words = helpWords();
  const help = words.import;
  program
    .command('import')
    .description(help.description)
    .requiredOption('--xlsx <file>', help.xlsx)
    .option('-d, --out <dir>', help.out)
    // -o was this folder before it meant a file everywhere: kept, hidden, so scripts keep working.
    .addOption(new Option('-o <dir>', words.deprecatedOut).hideHelp())
    .option('--into <workspace>', help.into)
    .option('--dry-run', help.dryRun)
    .option('--force', help.force)
    .addOption(new Option('--locale <locale>', words.locale).choices(LOCALE_CHOICES))
    .addHelpText('after', help.after)
    .action(async (options: ImportCommandOptions) => {
      const { runImport } = await import('./import-run.js');
      // -o is the deprecated alias of --out (it was this folder before -o meant a file everywhere).
      const out = options.out ?? options.o;
      if (out !== undefined) options.out = out;
      const exitCode = await runImport(options);
      setExitCode(exitCode);
    });
}

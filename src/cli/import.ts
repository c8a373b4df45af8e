import { Option, type Command } from 'commander';
import { CliError } from './errors.js';
import { setExitCode } from './output.js';

export interface ImportCommandOptions {
  xlsx?: string;
  out: string;
  /** The deprecated -o alias of --out. */
  o?: string;
  force?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Turn a workbook (exported by omni, or the team template filled in by hand) into YAML workspace files.')
    .requiredOption('--xlsx <file>', 'workbook to read')
    .option('-d, --out <dir>', 'folder to write the workspace to')
    // -o was this folder before it meant a file everywhere: kept, hidden, so scripts keep working.
    .addOption(new Option('-o <dir>', 'same as --out (deprecated)').hideHelp())
    .option('--force', 'replace files that already exist in --out')
    .addHelpText(
      'after',
      '\nWarnings (stderr) name the sheet and cell of anything that could not be imported as is.' +
        '\nExit codes: 0 written (even with warnings), 2 usage or fatal error (unreadable workbook, missing sheet, existing files without --force).',
    )
    .action(async (options: ImportCommandOptions) => {
      const { runImport } = await import('./import-run.js');
      const out = (options.out as string | undefined) ?? options.o;
      if (out === undefined) throw new CliError('nothing to write to: pass --out DIR (or -d DIR)');
      options.out = out;
      const exitCode = await runImport(options);
      setExitCode(exitCode);
    });
}

import type { Command } from 'commander';
import { EXIT } from './errors.js';

export interface ImportCommandOptions {
  xlsx?: string;
  out: string;
  force?: boolean;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Turn a workbook (exported by omni, or the team template filled in by hand) into YAML workspace files.')
    .requiredOption('--xlsx <file>', 'workbook to read')
    .requiredOption('-o, --out <dir>', 'folder to write the workspace to')
    .option('--force', 'replace files that already exist in --out')
    .addHelpText(
      'after',
      '\nWarnings (stderr) name the sheet and cell of anything that could not be imported as is.' +
        '\nExit codes: 0 written (even with warnings), 2 usage or fatal error (unreadable workbook, missing sheet, existing files without --force).',
    )
    .action(async (options: ImportCommandOptions) => {
      const { runImport } = await import('./import-run.js');
      const exitCode = await runImport(options);
      if (exitCode !== EXIT.ok) process.exitCode = exitCode;
    });
}

import type { Command } from 'commander';
import { setExitCode } from './output.js';

export interface ExportCommandOptions {
  xlsx?: string;
  force?: boolean;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description("Write the stakeholders' workbook (.xlsx): Read me with the lint summary, then the template's five tabs.")
    .argument('[workspace]', 'workspace folder (default: the workspace around the current folder)')
    .requiredOption('--xlsx <file>', 'workbook to write (replaced atomically)')
    .option('--force', 'export even when files cannot be read (yaml-syntax or schema errors); other lint errors never block the export')
    .addHelpText(
      'after',
      '\nLint errors such as unknown references are exported and listed in the Read me tab, so stakeholders see the gaps;' +
        '\nonly unreadable files (yaml-syntax, schema) stop the export, unless --force.' +
        '\nExit codes: 0 written, 2 usage or fatal error.',
    )
    .action(async (workspace: string | undefined, options: ExportCommandOptions) => {
      const { runExport } = await import('./export-run.js');
      const exitCode = await runExport(workspace, options);
      setExitCode(exitCode);
    });
}

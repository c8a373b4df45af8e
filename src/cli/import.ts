import { Option, type Command } from 'commander';
import { setExitCode } from './output.js';

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
  program
    .command('import')
    .description('Turn a workbook into YAML: a new workspace (--out), or the edits of an omni workbook applied to its workspace (--into).')
    .requiredOption('--xlsx <file>', 'workbook to read')
    .option('-d, --out <dir>', "folder to write a new workspace to (from omni's data sheet, or a hand-filled template)")
    // -o was this folder before it meant a file everywhere: kept, hidden, so scripts keep working.
    .addOption(new Option('-o <dir>', 'same as --out (deprecated)').hideHelp())
    .option('--into <workspace>', "apply the edits made in the visible tabs of an omni workbook to this workspace's YAML files, in place")
    .option('--dry-run', 'with --into: print the change as `omni diff` would, write nothing')
    .option('--force', 'with --out: replace files that already exist')
    .addHelpText(
      'after',
      '\nWarnings (stderr) name the sheet and cell of anything that could not be imported as is.' +
        '\n--into keeps comments, key order and layout of the YAML: only the edited values change. An entity edited in the' +
        '\nworkbook that also changed in the YAML since the export is a conflict: reported, and nothing is written; so is a' +
        '\ndeletion that would leave references dangling (each one listed). Added rows become new entities (derived ids).' +
        '\nExit codes: 0 written (even with warnings), 1 conflicts or dangling references (nothing written), 2 usage or fatal error (unreadable workbook,' +
        '\nmissing sheet, existing files without --force).',
    )
    .action(async (options: ImportCommandOptions) => {
      const { runImport } = await import('./import-run.js');
      // -o is the deprecated alias of --out (it was this folder before -o meant a file everywhere).
      const out = options.out ?? options.o;
      if (out !== undefined) options.out = out;
      const exitCode = await runImport(options);
      setExitCode(exitCode);
    });
}

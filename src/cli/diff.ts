import type { Command } from 'commander';
import { Option } from 'commander';
import { setExitCode } from './output.js';

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
  program
    .command('diff')
    .description('Compare the journey at two git revisions (or two folders): entities, matrix cells, priorities, and the gaps opened or closed.')
    .argument('[base]', 'base revision (default: the merge-base of HEAD with the default branch)')
    .argument('[head]', 'head revision (default: the working tree)')
    .option('--from <dir>', 'compare two folders instead of revisions: the base folder')
    .option('--to <dir>', 'the head folder (with --from)')
    .option('-w, --workspace <dir>', 'the workspace folder in the repository (default: the workspace around the current folder)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('text'))
    .option('-o, --output-file <file>', 'write the diff to a file instead of stdout')
    .option('--force', 'write --output-file even when its extension does not match the format')
    .option('--exit-code', 'exit 1 when the head introduces lint errors the base did not have')
    .option('--no-color', 'disable colours (also NO_COLOR)')
    .addHelpText('after', '\nExit codes: 0 done (or no new error with --exit-code), 1 new lint errors with --exit-code, 2 usage or fatal error.')
    .action(async (base: string | undefined, head: string | undefined, options: DiffCommandOptions) => {
      const { runDiff } = await import('./diff-run.js');
      const exitCode = await runDiff(base, head, options);
      setExitCode(exitCode);
    });
}

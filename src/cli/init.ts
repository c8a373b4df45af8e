import type { Command } from 'commander';
import { Option } from 'commander';
import { currentIo } from './output.js';

export interface InitCommandOptions {
  locale?: 'fr' | 'en';
  name?: string;
  channels?: string;
  yes?: boolean;
  force?: boolean;
  xlsx?: string;
}

export function registerInit(program: Command, version: string): void {
  program
    .command('init')
    .description('Create a starter workspace (omni.yaml, matrix, use cases, programmes, data, one file per scenario, CI workflow, README) that lints clean.')
    .argument('[dir]', 'folder to create it in (default: the current folder)')
    .addOption(new Option('--locale <locale>', 'language of the starter content').choices(['fr', 'en']))
    .option('--name <name>', 'name of the plan')
    .option('--channels <ids>', 'comma-separated channel ids: web, email, sms, app, store, call-center, or your own (e.g. whatsapp)')
    .option('-y, --yes', 'ask nothing: use the options given and the defaults')
    .option('--force', 'overwrite existing files')
    .option('--xlsx <file>', 'write the blank template workbook instead (fill it by hand, then `omni import --xlsx FILE --out DIR`)')
    .addHelpText(
      'after',
      '\nOn a terminal, omni init asks for the name, locale and channels (Enter keeps the default), and, below the root of a git repository, whether to write the CI workflow at the root (without a terminal it does). Exit codes: 0 created, 2 usage error or existing files.',
    )
    .action(async (dir: string | undefined, options: InitCommandOptions) => {
      if (options.xlsx !== undefined) {
        const { runInitTemplate } = await import('./import-run.js');
        await runInitTemplate(options.xlsx, options.locale ?? 'fr', options.force === true);
        return;
      }
      const { runInit } = await import('./init-run.js');
      const { cwd, stderr } = currentIo();
      const interactive = stderr === process.stderr && process.stdin.isTTY === true;
      await runInit(dir, options, version, { cwd, input: process.stdin, output: stderr as NodeJS.WritableStream, interactive, log: (text) => void stderr.write(text) });
    });
}

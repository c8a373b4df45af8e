import type { Command } from 'commander';
import { Option } from 'commander';
import { currentIo, helpWords, LOCALE_CHOICES } from './output.js';

export interface InitCommandOptions {
  locale?: 'fr' | 'en';
  name?: string;
  channels?: string;
  yes?: boolean;
  force?: boolean;
  xlsx?: string;
}

export function registerInit(program: Command, version: string): void {
  const help = helpWords().init;
  program
    .command('init')
    .description(help.description)
    .argument('[dir]', help.dir)
    .addOption(new Option('--locale <locale>', help.locale).choices(['fr', 'en'] satisfies (typeof LOCALE_CHOICES)[number][]))
    .option('--name <name>', help.name)
    .option('--channels <ids>', help.channels)
    .option('-y, --yes', help.yes)
    .option('--force', help.force)
    .option('--xlsx <file>', help.xlsx)
    .addHelpText('after', help.after)
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

import type { Command } from 'commander';
import { Option } from 'commander';
import { formatMessage, helpWords, LOCALE_CHOICES, messageLocale, setExitCode } from './output.js';
// renderers/types.ts holds the list and imports nothing at run time: registering the command stays free.
import { VIEW_NAMES } from '../renderers/types.js';

export const RENDER_VIEWS = VIEW_NAMES;
export const RENDER_FORMATS = ['svg', 'png'] as const;

export interface RenderCommandOptions {
  out: string;
  /** The deprecated -o alias of --out. */
  o?: string;
  view: string[];
  format?: (typeof RENDER_FORMATS)[number];
  check?: boolean;
  checkSyntax?: boolean;
  force?: boolean;
  browser?: string;
}

export function registerRender(program: Command): void {
  const words = helpWords();
  const help = words.render;
  program
    .command('render')
    .description(help.description)
    .argument('[workspace]', words.workspace)
    .option('-d, --out <dir>', help.out, 'out/diagrams')
    // -o was this folder before it meant a file everywhere: kept, hidden, so scripts keep working.
    .addOption(new Option('-o <dir>', words.deprecatedOut).hideHelp())
    .option(
      '--view <name>',
      formatMessage(help.view, { views: RENDER_VIEWS.join(', ') }, messageLocale()),
      (value: string, previous: string[]) => [
        ...previous,
        ...value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      ],
      [],
    )
    .addOption(new Option('-f, --format <format>', help.format).choices(RENDER_FORMATS))
    .option('--check', help.check)
    .option('--check-syntax', help.checkSyntax)
    .option('--force', help.force)
    .option('--browser <path>', help.browser)
    .addOption(new Option('--locale <locale>', words.locale).choices(LOCALE_CHOICES))
    .addHelpText('after', help.after)
    .action(async (workspace: string | undefined, options: RenderCommandOptions) => {
      const { runRender } = await import('./render-run.js');
      if (options.o !== undefined) options.out = options.o;
      const exitCode = await runRender(workspace, options);
      setExitCode(exitCode);
    });
}

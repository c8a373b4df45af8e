import type { Command } from 'commander';
import { Option } from 'commander';
import { setExitCode } from './output.js';
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
  program
    .command('render')
    .description('Draw every view of the journey as Mermaid (.mmd files and journey.md), and as SVG or PNG with --format.')
    .argument('[workspace]', 'workspace folder (default: the workspace around the current folder)')
    .option('-d, --out <dir>', 'output folder', 'out/diagrams')
    // -o was this folder before it meant a file everywhere: kept, hidden, so scripts keep working.
    .addOption(new Option('-o <dir>', 'same as --out (deprecated)').hideHelp())
    .option(
      '--view <name>',
      `render only these views (repeatable or comma-separated): ${RENDER_VIEWS.join(', ')}`,
      (value: string, previous: string[]) => [
        ...previous,
        ...value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      ],
      [],
    )
    .addOption(new Option('-f, --format <format>', 'also draw each diagram in a headless Chromium').choices(RENDER_FORMATS))
    .option('--check', 'write nothing; exit 1 when the .mmd files or journey.md in --out differ from the model')
    .option('--check-syntax', "also run Mermaid's own parser on every diagram, in Chromium (needs a browser, puppeteer-core and mermaid)")
    .option('--force', 'render even when the workspace has lint errors')
    .option('--browser <path>', 'Chromium or Chrome executable for --format (default: PUPPETEER_EXECUTABLE_PATH, then /usr/bin/chromium, Chrome)')
    .addHelpText(
      'after',
      '\nExit codes: 0 written (or up to date with --check), 1 out of date with --check, 2 usage or fatal error (lint errors without --force, no browser or drawing package for --format/--check-syntax).',
    )
    .action(async (workspace: string | undefined, options: RenderCommandOptions) => {
      const { runRender } = await import('./render-run.js');
      if (options.o !== undefined) options.out = options.o;
      const exitCode = await runRender(workspace, options);
      setExitCode(exitCode);
    });
}

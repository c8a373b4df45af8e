import { Option, type Command } from 'commander';
import { loadWorkspace } from '../pipeline/load.js';
import { DEFAULT_HORIZON, periodMinutes, simulate } from '../simulate/engine.js';
import { formatSimulationJson, formatSimulationMarkdown, formatSimulationText } from '../simulate/format.js';
import { closestMatch } from '../util/closest-match.js';
import { CliError, EXIT } from './errors.js';
import {
  checkOutputFile,
  displayPath,
  formatMessage,
  helpWords,
  LOCALE_CHOICES,
  messageLocale,
  say,
  setExitCode,
  writeData,
  writeMessage,
  writeOutputFile,
  type OutputKind,
} from './output.js';
import { requireModelFiles, workspaceRootOf, writeNotices } from './workspace.js';

export interface SimulateCommandOptions {
  persona?: string;
  horizon?: string;
  format: string;
  output?: string;
  force?: boolean;
}

const FORMATS = ['text', 'markdown', 'json'] as const;
/** What each format writes, for the extension -o must have (see output.ts). */
const OUTPUT_KIND: Record<(typeof FORMATS)[number], OutputKind> = { text: 'text', markdown: 'markdown', json: 'json' };

export function registerSimulate(program: Command): void {
  const words = helpWords();
  const help = words.simulate;
  program
    .command('simulate')
    .description(help.description)
    .argument('[workspace]', words.workspace)
    .option('--persona <id>', help.persona)
    .option('--horizon <period>', formatMessage(help.horizon, { default: DEFAULT_HORIZON }, messageLocale()))
    .option('--format <format>', formatMessage(help.format, { formats: FORMATS.join(', ') }, messageLocale()), 'text')
    .option('-o, --output <file>', help.output)
    .option('--force', help.force)
    .addOption(new Option('--locale <locale>', words.locale).choices(LOCALE_CHOICES))
    .addHelpText('after', help.after)
    .action(async (workspace: string | undefined, options: SimulateCommandOptions) => {
      const exitCode = await runSimulate(workspace, options);
      setExitCode(exitCode);
    });
}

export async function runSimulate(argument: string | undefined, options: SimulateCommandOptions): Promise<number> {
  const root = workspaceRootOf(argument);
  if (!(FORMATS as readonly string[]).includes(options.format))
    throw new CliError(say('unknownFormat', { format: options.format }), say('useFormats', { formats: FORMATS.join(', ') }));
  const horizon = options.horizon === undefined ? undefined : periodMinutes(options.horizon);
  if (options.horizon !== undefined && horizon === undefined)
    throw new CliError(say('badHorizon', { value: options.horizon }), say('horizonShapes', { default: DEFAULT_HORIZON }));
  // Before any work: the calendar must never replace what simulate reads (see output.ts).
  const target =
    options.output === undefined
      ? undefined
      : checkOutputFile(options.output, { flag: '--output', kind: OUTPUT_KIND[options.format as (typeof FORMATS)[number]], workspaces: [root], force: options.force });
  const workspace = await loadWorkspace(root);
  writeNotices(workspace);
  requireModelFiles(workspace);
  // Entities the schema rejected are left out of the model: a calendar without them would mislead.
  const first = workspace.diagnostics[0];
  if (first) {
    throw new CliError(say('fileProblems', { count: workspace.diagnostics.length, file: first.location.file, message: first.message }), say('runLint'));
  }
  const model = workspace.model;
  if (options.persona !== undefined && !model.index.personas.has(options.persona)) {
    const closest = closestMatch(options.persona, model.index.personas.keys());
    throw new CliError(
      say('noPersona', { persona: options.persona }),
      closest
        ? say('didYouMean', { closest })
        : model.personas.length > 0
          ? say('personasList', { personas: model.personas.map((persona) => persona.id).join(', ') })
          : say('declarePersonas'),
    );
  }
  const results = simulate(model, options.persona, { horizon });
  const text =
    options.format === 'json'
      ? formatSimulationJson(model, results)
      : options.format === 'markdown'
        ? formatSimulationMarkdown(model, results)
        : formatSimulationText(model, results);
  if (target !== undefined) {
    writeOutputFile(target, text, { workspaces: [root] });
    writeMessage(say('simulationWritten', { file: displayPath(target) }));
  } else {
    writeData(text);
  }
  return results.some((result) => result.pressure.length > 0 || result.quietHours.length > 0) ? EXIT.problems : EXIT.ok;
}

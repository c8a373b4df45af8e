import path from 'node:path';
import type { Command } from 'commander';
import { findWorkspaceRoot } from '../loader/discover.js';
import { loadWorkspace } from '../pipeline/load.js';
import { simulate } from '../simulate/engine.js';
import { formatSimulationJson, formatSimulationMarkdown, formatSimulationText } from '../simulate/format.js';
import { closestMatch } from '../util/closest-match.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { workspaceArgument } from './context.js';
import { CliError, EXIT } from './errors.js';

export interface SimulateCommandOptions {
  persona?: string;
  format: string;
  output?: string;
}

const FORMATS = ['text', 'markdown', 'json'] as const;

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description(
      "Play the personas' stories through every scenario they trigger: the calendar of messages across channels, and each contact-pressure or quiet-hours violation.",
    )
    .argument('[workspace]', 'workspace folder (default: the workspace around the current folder)')
    .option('--persona <id>', 'only this persona')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .addHelpText('after', '\nExit codes: 0 no violation, 1 a pressure or quiet-hours violation, 2 usage or fatal error (including files that do not load).')
    .action(async (workspace: string | undefined, options: SimulateCommandOptions) => {
      const exitCode = await runSimulate(workspace, options);
      if (exitCode !== EXIT.ok) process.exitCode = exitCode;
    });
}

export async function runSimulate(argument: string | undefined, options: SimulateCommandOptions): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(options.format)) throw new CliError(`unknown format "${options.format}"`, `use ${FORMATS.join(', ')}`);
  const root = argument === undefined ? findWorkspaceRoot(process.cwd()) : workspaceArgument(argument);
  const workspace = await loadWorkspace(root);
  // Entities the schema rejected are left out of the model: a calendar without them would mislead.
  const first = workspace.diagnostics[0];
  if (first) {
    throw new CliError(
      `${workspace.diagnostics.length} file problem${workspace.diagnostics.length > 1 ? 's' : ''} in the workspace (first: ${first.location.file} ${first.message})`,
      'run `omni lint` to see them',
    );
  }
  const model = workspace.model;
  if (options.persona !== undefined && !model.index.personas.has(options.persona)) {
    const closest = closestMatch(options.persona, model.index.personas.keys());
    throw new CliError(
      `no persona "${options.persona}"`,
      closest
        ? `did you mean "${closest}"?`
        : model.personas.length > 0
          ? `personas: ${model.personas.map((persona) => persona.id).join(', ')}`
          : 'declare personas under personas: (see docs/simulate.md)',
    );
  }
  const results = simulate(model, options.persona);
  const text =
    options.format === 'json'
      ? formatSimulationJson(model, results)
      : options.format === 'markdown'
        ? formatSimulationMarkdown(model, results)
        : formatSimulationText(model, results);
  if (options.output !== undefined) {
    writeFileAtomic(path.resolve(options.output), text);
    process.stderr.write(`omni: simulation written to ${options.output}\n`);
  } else {
    process.stdout.write(text);
  }
  return results.some((result) => result.pressure.length > 0 || result.quietHours.length > 0) ? EXIT.problems : EXIT.ok;
}

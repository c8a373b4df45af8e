import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { CliError, EXIT } from './errors.js';
import { registerDiff } from './diff.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerInit } from './init.js';
import { registerLint } from './lint.js';
import { registerLsp } from './lsp.js';
import { registerRender } from './render.js';
import { registerReport } from './report.js';
import { registerRules } from './rules.js';
import { registerSchema } from './schema.js';
import { registerSimulate } from './simulate.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export function buildProgram(): Command {
  const program = new Command('omni')
    .description('Omnichannel customer-relationship planning as code: lint, render and export journey workspaces kept in YAML.')
    .version(version, '-v, --version')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({
      // One voice for every error: commander's own usage errors get omni's prefix and a pointer to help.
      outputError: (text, write) => write(`${text.replace(/^error: /, 'omni: ')}  see \`omni --help\`\n`),
    });
  // In the order a team meets them: start, check, show, share, review.
  registerInit(program, version);
  registerLint(program, version);
  registerRules(program);
  registerSchema(program);
  registerRender(program);
  registerExport(program);
  registerImport(program);
  registerReport(program);
  registerDiff(program);
  registerSimulate(program);
  registerLsp(program);
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Help and version are not failures; any other parse error is a usage error.
    return error.exitCode === 0 ? EXIT.ok : EXIT.fatal;
  }
  if (error instanceof CliError) {
    process.stderr.write(`omni: ${error.message}\n${error.hint ? `  ${error.hint}\n` : ''}`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`omni: unexpected error: ${message}\n`);
  if (process.env.OMNI_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('  run again with OMNI_DEBUG=1 for details, and please report it\n');
  return EXIT.fatal;
}

await main(process.argv);

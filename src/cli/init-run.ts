import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { fileURLToPath } from 'node:url';
import {
  BUILT_IN_CHANNELS,
  DEFAULT_CHANNELS,
  defaultPlanName,
  parseChannels as parseStarterChannels,
  renderStarter,
  StarterInputError,
  WORKFLOW_PATH,
  type StarterAnswers,
  type StarterLayout,
} from '../init/starter.js';
import type { Locale } from '../model/types.js';
import { checkOutputFolder, say, wordedError, writeOutputFile } from './output.js';
import { findRepositoryRoot } from '../util/repository-root.js';
import { CliError } from './errors.js';
import type { InitCommandOptions } from './init.js';
import { schemaFiles } from './schema.js';

/** omni's own install: the package folder holding dist/ and schemas/. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where `omni init` copies the schemas when omni is not installed in the project. */
export const SCHEMA_COPY_FOLDER = '.omni/schemas';

export type InitAnswers = StarterAnswers;

const toPosix = (relative: string) => relative.split(path.sep).join('/');

/** Channel ids from "web, email", or a usage error saying what is wrong. */
export function parseChannels(text: string): string[] {
  try {
    return parseStarterChannels(text);
  } catch (error) {
    if (error instanceof StarterInputError) throw wordedError(error);
    throw error;
  }
}

/**
 * The `node_modules/omni-journey` folder omni runs from when it belongs to a project that
 * holds `folder` (so editors find the schemas there); undefined for a global install, npx's
 * cache or a clone of omni.
 */
export function projectInstall(folder: string, packageRoot = PACKAGE_ROOT): string | undefined {
  const root = path.resolve(packageRoot);
  const modules = path.dirname(root);
  if (path.basename(modules) !== 'node_modules' || path.basename(root) !== 'omni-journey') return undefined;
  const project = path.dirname(modules);
  const relative = path.relative(project, path.resolve(folder));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative)) ? root : undefined;
}

export interface PromptIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

type Ask = <T>(question: string, fallback: string, parse: (text: string) => T) => Promise<T>;

/**
 * One question per line; Enter keeps the default shown in brackets, and an invalid answer
 * is asked again (at most three times). The iterator buffers lines, so answers typed (or
 * piped) ahead of a question are kept.
 */
function openPrompt(io: PromptIo): { ask: Ask; close(): void } {
  const rl = createInterface({ input: io.input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask: Ask = async (question, fallback, parse) => {
    for (let attempt = 1; ; attempt++) {
      io.output.write(`${question} [${fallback}]: `);
      const next = await lines.next();
      // End of input answers with the default.
      const answer = next.done ? '' : String(next.value).trim();
      try {
        return parse(answer === '' ? fallback : answer);
      } catch (error) {
        if (!(error instanceof CliError) || attempt === 3 || next.done) throw error;
        io.output.write(`  ${error.message}${error.hint ? ` (${error.hint})` : ''}\n`);
      }
    }
  };
  return { ask, close: () => rl.close() };
}

async function askAnswers(given: Partial<InitAnswers>, ask: Ask): Promise<InitAnswers> {
  const locale =
    given.locale ??
    (await ask(say('askLocale'), 'fr', (text) => {
      if (text !== 'fr' && text !== 'en') throw new CliError(say('unknownLocale', { locale: text }), say('answerLocale'));
      return text as Locale;
    }));
  const name = given.name ?? (await ask(say('askName'), defaultPlanName(locale), (text) => text));
  const channels = given.channels ?? (await ask(say('askChannels', { channels: BUILT_IN_CHANNELS.join(', ') }), DEFAULT_CHANNELS.join(', '), parseChannels));
  return { name, locale, channels };
}

const yesNo = (text: string): boolean => {
  if (/^(y|yes|o|oui)$/i.test(text)) return true;
  if (/^(n|no|non)$/i.test(text)) return false;
  throw new CliError(say('unclearAnswer', { answer: text }), say('answerYesNo'));
};

export interface InitIo extends PromptIo {
  cwd: string;
  /** Whether to ask: stdin is a terminal. */
  interactive: boolean;
  /** Messages for people (the created files): stderr, like every command's messages. */
  log: (text: string) => void;
}

const defaultIo = (): InitIo => ({
  cwd: process.cwd(),
  input: process.stdin,
  output: process.stderr,
  interactive: process.stdin.isTTY === true,
  log: (text) => process.stderr.write(text),
});

/** Creates the starter workspace; returns the files written (relative to the folder). */
export async function runInit(dir: string | undefined, options: InitCommandOptions, version: string, io: InitIo = defaultIo()): Promise<string[]> {
  const folder = path.resolve(io.cwd, dir ?? '.');
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw new CliError(say('notAFolderArgument', { path: String(dir) }), say('initNotAFolderHint'));
  checkOutputFolder(dir ?? '.', { cwd: io.cwd, flag: 'omni init', allowModelFiles: true });
  if (options.name !== undefined && options.name.trim() === '') throw new CliError(say('emptyName'));
  const given: Partial<InitAnswers> = {
    ...(options.locale && { locale: options.locale }),
    ...(options.name !== undefined && { name: options.name.trim() }),
    ...(options.channels !== undefined && { channels: parseChannels(options.channels) }),
  };
  const asking = io.interactive && !options.yes;
  const prompt = asking ? openPrompt(io) : undefined;
  const notes: string[] = [];
  let answers: InitAnswers;
  let layout: StarterLayout;
  try {
    answers = prompt
      ? await askAnswers(given, prompt.ask)
      : { locale: given.locale ?? 'fr', name: given.name ?? defaultPlanName(given.locale ?? 'fr'), channels: given.channels ?? DEFAULT_CHANNELS };

    // GitHub reads workflows only at the repository root: below it, offer the root.
    const repository = findRepositoryRoot(folder);
    const below = repository !== undefined && path.resolve(repository) !== folder ? toPosix(path.relative(repository, folder)) : '';
    let workflowAtRoot = false;
    if (below !== '') {
      const question = say('askWorkflowAtRoot', { below, workflow: WORKFLOW_PATH });
      workflowAtRoot = prompt ? await prompt.ask(question, 'y', yesNo) : true;
      notes.push(workflowAtRoot ? say('workflowAtRoot', { below }) : say('workflowBelowRoot', { below, workflow: WORKFLOW_PATH }));
    }

    const install = projectInstall(folder);
    const schemaTarget = (kind: 'model' | 'config') =>
      install ? toPosix(path.relative(folder, path.join(install, 'schemas', `${kind}.schema.json`))) : `${SCHEMA_COPY_FOLDER}/${kind}.schema.json`;
    layout = {
      schema: { model: schemaTarget('model'), config: schemaTarget('config') },
      workflowPath: workflowAtRoot ? toPosix(path.relative(folder, path.join(repository!, WORKFLOW_PATH))) : WORKFLOW_PATH,
      workflowLintTarget: workflowAtRoot ? below : '',
      workflowBelowRoot: below !== '' && !workflowAtRoot,
      installedInProject: install !== undefined,
      // CI runs from the repository root (or the workspace, when the workflow stays there).
      workflowInstallsProject: install !== undefined && path.dirname(path.dirname(install)) === (workflowAtRoot ? path.resolve(repository!) : folder),
    };
  } finally {
    prompt?.close();
  }

  const files = renderStarter(answers, version, layout);
  if (!layout.installedInProject) for (const [file, text] of await schemaFiles(SCHEMA_COPY_FOLDER)) files.set(file, text);
  const existing = [...files.keys()].filter((file) => existsSync(path.join(folder, file)));
  if (existing.length > 0 && !options.force) {
    throw new CliError(say('wouldOverwrite', { count: existing.length, folder: dir ?? '.', files: existing.join(', ') }), say('wouldOverwriteHint'));
  }
  for (const [file, text] of files) writeOutputFile(path.join(folder, file), text, { allowModelFiles: true });
  // Relative when the folder is under the current one, else absolute (as displayPath shows paths): not ../../x.
  const relative = toPosix(path.relative(io.cwd, folder));
  const shown = relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? toPosix(folder) : relative;
  io.log(
    `${say('created', { count: files.size, folder: shown })}\n${[...files.keys()].map((file) => `  ${file}\n`).join('')}${notes.map((note) => `${note}\n`).join('')}` +
      `${say('next', { command: `omni lint ${shown === '.' ? '' : shown}`.trimEnd() })}\n`,
  );
  return [...files.keys()];
}

import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { countBySeverity } from '../diagnostics/sort.js';
import { buildJourney, renderDiagrams, VIEW_NAMES, type Diagram, type ViewName } from '../renderers/index.js';
import { closestMatch } from '../util/closest-match.js';
import { CliError, EXIT } from './errors.js';
import type { RenderCommandOptions } from './render.js';
import { checkOutputFolder, currentIo, writeData, writeMessage, writeOutputFile } from './output.js';
import { loadCheckedWorkspace } from './workspace.js';

const toPosix = (file: string) => file.split(path.sep).join('/');

export function parseViews(names: readonly string[]): ViewName[] {
  if (names.length === 0) return [...VIEW_NAMES];
  for (const name of names) {
    if (!(VIEW_NAMES as readonly string[]).includes(name)) {
      const close = closestMatch(name, VIEW_NAMES);
      throw new CliError(`unknown view "${name}"${close ? ` (did you mean "${close}"?)` : ''}`, `views: ${VIEW_NAMES.join(', ')}`);
    }
  }
  return VIEW_NAMES.filter((name) => names.includes(name));
}

/** The text outputs of a run: every .mmd, plus journey.md when every view is rendered. */
export function textOutputs(diagrams: readonly Diagram[], journey: string | undefined): Map<string, string> {
  const outputs = new Map(diagrams.map((diagram) => [diagram.file, diagram.text]));
  if (journey !== undefined) outputs.set('journey.md', journey);
  return outputs;
}

/** Files under scenarios/ that no current scenario produces (a renamed or deleted scenario). */
function staleScenarioFiles(out: string, diagrams: readonly Diagram[], extensions: readonly string[]): string[] {
  const folder = path.join(out, 'scenarios');
  if (!existsSync(folder)) return [];
  const current = new Set(diagrams.filter((diagram) => diagram.view === 'scenario').map((diagram) => path.posix.basename(diagram.file, '.mmd')));
  return readdirSync(folder)
    .filter((file) => extensions.includes(path.extname(file)) && !current.has(path.basename(file, path.extname(file))))
    .sort()
    .map((file) => `scenarios/${file}`);
}

export interface Drift {
  file: string;
  state: 'differs' | 'missing' | 'stale';
}

export function findDrift(out: string, outputs: ReadonlyMap<string, string>, diagrams: readonly Diagram[], views: readonly ViewName[]): Drift[] {
  const drift: Drift[] = [];
  for (const [file, text] of outputs) {
    const target = path.join(out, file);
    if (!existsSync(target)) drift.push({ file, state: 'missing' });
    else if (readFileSync(target, 'utf8') !== text) drift.push({ file, state: 'differs' });
  }
  if (views.includes('scenario')) for (const file of staleScenarioFiles(out, diagrams, ['.mmd'])) drift.push({ file, state: 'stale' });
  return drift;
}

export async function runRender(workspaceArgument: string | undefined, options: RenderCommandOptions): Promise<number> {
  const views = parseViews(options.view);
  if (options.check && options.format) {
    throw new CliError('--check compares the .mmd files and journey.md only', 'drop --format, or drop --check to write SVG/PNG');
  }
  // Before any work: an --out that is a file or inside .git, then a missing browser.
  if (!options.check) checkOutputFolder(options.out, { flag: '--out' });
  const executable = options.format ? await resolveBrowser(options.browser) : undefined;
  const { workspace, lint } = await loadCheckedWorkspace(workspaceArgument, { refuseOnErrors: true, force: options.force, command: 'render' });
  const { errors } = countBySeverity(lint.diagnostics);
  if (errors > 0) writeMessage(`warning: rendering despite ${errors} lint error${errors > 1 ? 's' : ''} (--force)`);
  const model = workspace.model;

  const diagrams = renderDiagrams(model, views);
  const journey = views.length === VIEW_NAMES.length ? buildJourney(model, diagrams) : undefined;
  const out = path.resolve(currentIo().cwd, options.out);
  const shownOut = toPosix(options.out);
  const outputs = textOutputs(diagrams, journey);

  // Mermaid's parser checks every diagram in Node while Chromium starts and draws them:
  // the two overlap, and nothing is written until both are done and the check passed.
  const drawing = executable && options.format ? drawImages(diagrams, options.format, executable) : undefined;
  const [checked, drawn] = await Promise.allSettled([checkGenerated(diagrams), drawing ?? Promise.resolve(undefined)]);
  if (checked.status === 'rejected') throw checked.reason;
  if (drawn.status === 'rejected') throw drawn.reason;
  const images = drawn.value;

  if (options.check) {
    const drift = findDrift(out, outputs, diagrams, views);
    if (drift.length === 0) {
      writeMessage(`${outputs.size} diagram files in ${shownOut} are up to date`);
      return EXIT.ok;
    }
    writeMessage(`${drift.length} file${drift.length > 1 ? 's' : ''} in ${shownOut} out of date with the model (run \`omni render\` to update):`);
    for (const { file, state } of drift) writeData(`${state}\t${toPosix(path.join(shownOut, file))}`);
    return EXIT.problems;
  }

  const workspaces = [workspace.root];
  for (const [file, text] of outputs) writeOutputFile(path.join(out, file), text, { workspaces });
  if (images) for (const [file, data] of images) writeOutputFile(path.join(out, file), data, { workspaces });
  if (views.includes('scenario')) {
    for (const file of staleScenarioFiles(out, diagrams, ['.mmd', '.svg', '.png'])) rmSync(path.join(out, file), { force: true });
  }
  const imageNote = images && options.format ? ` and ${images.size} ${options.format.toUpperCase()}` : '';
  writeMessage(`wrote ${diagrams.length} diagram${diagrams.length === 1 ? '' : 's'}${journey ? ' and journey.md' : ''}${imageNote} to ${shownOut}`);
  return EXIT.ok;
}

async function checkGenerated(diagrams: readonly Diagram[]): Promise<void> {
  const { checkDiagrams, DiagramSyntaxError } = await import('../renderers/parse.js');
  try {
    await checkDiagrams(diagrams);
  } catch (error) {
    if (error instanceof DiagramSyntaxError) throw new CliError(error.message, 'this is a bug in omni: please report it with the workspace that causes it');
    throw error;
  }
}

async function resolveBrowser(browserOption: string | undefined): Promise<string> {
  const { findBrowser, BrowserNotFoundError } = await import('../renderers/browser.js');
  try {
    return findBrowser(browserOption);
  } catch (error) {
    if (error instanceof BrowserNotFoundError) {
      throw new CliError(
        `${error.message}`,
        'install one (Debian/Ubuntu: `apt-get install chromium`; macOS: install Google Chrome) or pass --browser PATH / set PUPPETEER_EXECUTABLE_PATH',
      );
    }
    throw error;
  }
}

/** Every diagram drawn in one Chromium page, in memory: output file (.svg/.png sibling of the .mmd) → bytes. */
async function drawImages(diagrams: readonly Diagram[], format: 'svg' | 'png', executable: string): Promise<Map<string, Uint8Array>> {
  const { openMermaidPage } = await import('../renderers/browser.js');
  let page;
  try {
    page = await openMermaidPage(executable);
  } catch (error) {
    throw new CliError(`could not start ${executable}: ${(error as Error).message.split('\n')[0]}`, 'check that it is Chromium or Chrome, or pass another with --browser');
  }
  const images = new Map<string, Uint8Array>();
  const progress = createProgress(diagrams.length, process.stderr);
  try {
    for (const [index, diagram] of diagrams.entries()) {
      progress.update(index, diagram.file);
      try {
        images.set(diagram.file.replace(/\.mmd$/, `.${format}`), await page.render(diagram.text, format));
      } catch (error) {
        throw new CliError(`${diagram.file}: Mermaid could not draw it: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    progress.update(diagrams.length, '');
  } finally {
    progress.done();
    await page.close();
  }
  return images;
}

/** A one-line progress bar on a terminal; nothing when stderr is a file or a pipe (CI logs stay clean). */
export function createProgress(total: number, stream: NodeJS.WriteStream) {
  const enabled = stream.isTTY === true && total > 1;
  const width = 24;
  return {
    update(done: number, label: string) {
      if (!enabled) return;
      const filled = Math.round((done / total) * width);
      const columns = stream.columns ?? 80;
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${label}`;
      stream.write(`\r${line.slice(0, columns - 1).padEnd(Math.min(columns - 1, 80))}`);
    },
    done() {
      if (enabled) stream.write(`\r${' '.repeat(Math.min((stream.columns ?? 80) - 1, 80))}\r`);
    },
  };
}

import { rmSync } from 'node:fs';
import path from 'node:path';
import { countBySeverity } from '../diagnostics/sort.js';
import {
  assertWithinLimits,
  buildJourney,
  DiagramLimitError,
  findDrift,
  renderDiagrams,
  selectViews,
  staleFiles,
  textOutputs,
  VIEW_NAMES,
  type Diagram,
  type ViewName,
} from '../renderers/index.js';
import type { MermaidPage } from '../renderers/browser.js';
import { closestMatch } from '../util/closest-match.js';
import { CliError, EXIT } from './errors.js';
import type { RenderCommandOptions } from './render.js';
import { checkOutputFolder, currentIo, say, wordedError, writeData, writeMessage, writeOutputFile } from './output.js';
import { loadCheckedWorkspace, workspaceRootOf } from './workspace.js';

const toPosix = (file: string) => file.split(path.sep).join('/');

export function parseViews(names: readonly string[]): ViewName[] {
  const selected = selectViews(names);
  if (!Array.isArray(selected)) {
    const close = closestMatch(selected.unknown, VIEW_NAMES);
    throw new CliError(
      close ? say('unknownViewClose', { view: selected.unknown, closest: close }) : say('unknownView', { view: selected.unknown }),
      say('viewsList', { views: VIEW_NAMES.join(', ') }),
    );
  }
  return selected;
}

export async function runRender(workspaceArgument: string | undefined, options: RenderCommandOptions): Promise<number> {
  // The workspace is found first, so that even a usage error speaks its language.
  workspaceRootOf(workspaceArgument);
  const views = parseViews(options.view);
  if (options.check && options.format) {
    throw new CliError(say('checkWithFormat'), say('checkWithFormatHint'));
  }
  // Before any work: an --out that is a file or inside .git, then a missing package or browser.
  if (!options.check) checkOutputFolder(options.out, { flag: '--out' });
  const needsBrowser = options.format !== undefined || options.checkSyntax === true;
  const executable = needsBrowser ? await resolveBrowser(options.browser) : undefined;
  const { workspace, lint } = await loadCheckedWorkspace(workspaceArgument, { refuseOnErrors: true, force: options.force, command: 'render' });
  const { errors } = countBySeverity(lint.diagnostics);
  if (errors > 0) writeMessage(say('renderingDespite', { count: errors }));
  const model = workspace.model;

  const diagrams = renderDiagrams(model, views);
  // omni's structural limits, always: a scan of the text, no Mermaid. Views split themselves to stay under them.
  try {
    assertWithinLimits(diagrams);
  } catch (error) {
    if (error instanceof DiagramLimitError) throw wordedError(error, say('bug'));
    throw error;
  }
  const journey = views.length === VIEW_NAMES.length ? buildJourney(model, diagrams) : undefined;
  const out = path.resolve(currentIo().cwd, options.out);
  const shownOut = toPosix(options.out);
  const outputs = textOutputs(diagrams, journey);

  // Mermaid runs only in Chromium, once: its parser under --check-syntax, its renderer for --format.
  const images = executable ? await inBrowser(executable, diagrams, options) : undefined;

  if (options.check) {
    const drift = findDrift(out, outputs, diagrams, views);
    if (drift.length === 0) {
      writeMessage(say('upToDate', { count: outputs.size, folder: shownOut }));
      return EXIT.ok;
    }
    writeMessage(say('outOfDate', { count: drift.length, folder: shownOut }));
    for (const { file, state } of drift) writeData(`${state}\t${toPosix(path.join(shownOut, file))}`);
    return EXIT.problems;
  }

  const workspaces = [workspace.root];
  for (const [file, text] of outputs) writeOutputFile(path.join(out, file), text, { workspaces });
  if (images) for (const [file, data] of images) writeOutputFile(path.join(out, file), data, { workspaces });
  for (const file of staleFiles(out, diagrams, views, ['.mmd', '.svg', '.png'])) rmSync(path.join(out, file), { force: true });
  const imageNote = images && options.format ? say('andImages', { count: images.size, format: options.format.toUpperCase() }) : '';
  writeMessage(say('wroteDiagrams', { count: diagrams.length, journey: journey ? say('andJourney') : '', images: imageNote, folder: shownOut }));
  return EXIT.ok;
}

async function resolveBrowser(browserOption: string | undefined): Promise<string> {
  const { findBrowser, BrowserNotFoundError, missingDrawingPackages, MissingPackageError } = await import('../renderers/browser.js');
  const missing = missingDrawingPackages();
  if (missing.length > 0) {
    throw wordedError(new MissingPackageError(missing), say('noDrawingPackage'));
  }
  try {
    return findBrowser(browserOption);
  } catch (error) {
    if (error instanceof BrowserNotFoundError) {
      throw wordedError(error, say('installBrowser'));
    }
    throw error;
  }
}

/** One Chromium page for the run: the parser check (--check-syntax), then the images (--format), in memory. */
async function inBrowser(executable: string, diagrams: readonly Diagram[], options: RenderCommandOptions): Promise<Map<string, Uint8Array> | undefined> {
  const { openMermaidPage } = await import('../renderers/browser.js');
  let page: MermaidPage;
  try {
    page = await openMermaidPage(executable);
  } catch (error) {
    throw new CliError(say('couldNotStart', { browser: executable, reason: (error as Error).message.split('\n')[0]! }), say('couldNotStartHint'));
  }
  try {
    if (options.checkSyntax) {
      const problems = await page.parse(diagrams.map((diagram) => diagram.text));
      const index = problems.findIndex((problem) => problem !== undefined);
      if (index >= 0) {
        const detail = problems[index]!.split('\n').slice(0, 4).join(' ');
        throw new CliError(say('mermaidCannotParse', { file: diagrams[index]!.file, detail }), say('bug'));
      }
    }
    return options.format ? await drawImages(page, diagrams, options.format) : undefined;
  } finally {
    await page.close();
  }
}

/** Every diagram drawn in the browser: output file (.svg/.png sibling of the .mmd) → bytes. SVGs go many per round trip. */
async function drawImages(page: MermaidPage, diagrams: readonly Diagram[], format: 'svg' | 'png'): Promise<Map<string, Uint8Array>> {
  const images = new Map<string, Uint8Array>();
  const progress = createProgress(diagrams.length, process.stderr);
  const fail = (diagram: Diagram, message: string) => new CliError(say('mermaidCannotDraw', { file: diagram.file, detail: message.split('\n')[0]! }));
  const imageFile = (diagram: Diagram) => diagram.file.replace(/\.mmd$/, `.${format}`);
  try {
    // Every image in one call: the pages share the batches, so none waits for the others between steps.
    progress.update(0, diagrams[0]?.file ?? '');
    const texts = diagrams.map((diagram) => diagram.text);
    const onProgress = (done: number) => progress.update(done, diagrams[done]?.file ?? '');
    const drawn = format === 'svg' ? await page.renderSvgs(texts, onProgress) : await page.renderPngs(texts, onProgress);
    const encoder = new TextEncoder();
    diagrams.forEach((diagram, index) => {
      const result = drawn[index]!;
      if ('error' in result) throw fail(diagram, result.error);
      images.set(imageFile(diagram), 'svg' in result ? encoder.encode(result.svg) : result.png);
    });
    progress.update(diagrams.length, '');
  } finally {
    progress.done();
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

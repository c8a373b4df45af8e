import path from 'node:path';
import { BrowserNotFoundError, findBrowser } from '../../src/renderers/browser.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { diagramRequests, openChromiumRenderer, renderWith, type SvgRenderer } from '../../src/report/diagrams.js';
import { renderReportHtml } from '../../src/report/html.js';
import { buildReportView, type DiagramOutcome } from '../../src/report/view-model.js';
import { RULES } from '../../src/rules/index.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** The system browser, or why browser tests are skipped; in CI a missing browser is a failure. */
export function chromium(): { path: string | undefined; reason: string } {
  try {
    return { path: findBrowser(undefined), reason: '' };
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`CI=true but no Chromium: ${(error as Error).message}`, { cause: error });
    if (error instanceof BrowserNotFoundError) return { path: undefined, reason: `skipped: ${error.message} (install chromium to run them)` };
    throw error;
  }
}

/** The report HTML of a workspace, as `omni report` builds it, with or without diagrams. */
export async function reportHtml(workspace: string, options: { diagrams: boolean; renderer?: SvgRenderer }): Promise<string> {
  const loaded = await loadWorkspace(path.join(ROOT, workspace));
  const lint = await lintWorkspace(loaded);
  let diagrams: DiagramOutcome = { status: 'skipped' };
  if (options.diagrams) diagrams = (await renderWith(options.renderer ?? (await openChromiumRenderer(undefined)), diagramRequests(loaded.model))).outcome;
  return renderReportHtml(buildReportView({ model: loaded.model, diagnostics: lint.diagnostics, rules: RULES, diagrams }));
}

/**
 * One Chromium renderer for the builds of a test file (each launch costs seconds of CPU):
 * `renderer` survives the report's own close, `close` ends it.
 */
export function sharedRenderer(): { renderer: SvgRenderer; close(): Promise<void> } {
  let opened: Promise<SvgRenderer> | undefined;
  const open = () => (opened ??= openChromiumRenderer(undefined));
  return {
    renderer: { renderAll: async (texts) => (await open()).renderAll(texts), close: async () => undefined },
    close: async () => (opened ? (await opened).close() : undefined),
  };
}

/** The renderer's own launch flags, so the report is tested in the browser omni drives. */
export { CHROMIUM_ARGS as CHROMIUM_FLAGS } from '../../src/renderers/browser.js';

import { wordMessage } from '../i18n/index.js';
import { BrowserNotFoundError, MissingPackageError } from '../renderers/browser.js';
import { diagramRequests, openChromiumRenderer, renderWith, type SvgRenderer } from '../report/diagrams.js';
import { renderReportHtml } from '../report/html.js';
import { buildReportView, type DiagramOutcome } from '../report/view-model.js';
import { RULES } from '../rules/index.js';
import { EXIT } from './errors.js';
import type { ReportCommandOptions } from './report.js';
import { checkOutputFile, displayPath, messageLocale, say, wordedError, writeMessage, writeOutputFile } from './output.js';
import { loadCheckedWorkspace, workspaceRootOf } from './workspace.js';

/** Opens the renderer, or says in one line why the diagrams are left out. */
export type RendererOpener = (browser: string | undefined) => Promise<SvgRenderer>;

export async function runReport(
  workspaceArgument: string | undefined,
  options: ReportCommandOptions,
  openRenderer: RendererOpener = openChromiumRenderer,
): Promise<number> {
  const out = checkOutputFile(options.out, { flag: '--out', kind: 'html', workspaces: [workspaceRootOf(workspaceArgument)], force: options.force });
  // The report shows gaps rather than refusing them: lint errors are listed in it.
  const { workspace, lint } = await loadCheckedWorkspace(workspaceArgument, { refuseOnErrors: false, command: 'report', documentLocale: true, showsCalendars: true });
  const model = workspace.model;

  let diagrams: DiagramOutcome = { status: 'skipped' };
  if (options.diagrams) {
    let renderer: SvgRenderer | undefined;
    try {
      renderer = await openRenderer(options.browser);
    } catch (error) {
      // A browser asked for by name must exist; an absent default one only costs the diagrams.
      if (error instanceof BrowserNotFoundError && options.browser !== undefined) throw wordedError(error, say('browserByName'));
      writeMessage(unavailableNotice(error));
      diagrams = { status: 'unavailable' };
    }
    if (renderer) {
      const result = await renderWith(renderer, diagramRequests(model));
      diagrams = result.outcome;
      for (const failure of result.failures)
        writeMessage(wordMessage({ messageId: 'diagramFailed', data: { key: failure.key, message: failure.message } }, messageLocale()));
    }
  }

  const view = buildReportView({ model, diagnostics: lint.diagnostics, rules: RULES, diagrams });
  const html = await renderReportHtml(view);
  writeOutputFile(out, html, { workspaces: [workspace.root] });
  const embedded = diagrams.status === 'rendered' ? diagrams.svgs.size : 0;
  writeMessage(say('reportWritten', { file: displayPath(out), count: embedded }));
  return EXIT.ok;
}

/** One line saying why the report has no diagrams, and what to do about it. */
function unavailableNotice(error: unknown): string {
  if (error instanceof MissingPackageError) return say('noDiagramsPackage', { reason: error.messageIn(messageLocale()) });
  const reason =
    error instanceof BrowserNotFoundError
      ? error.messageId === 'noBrowserForFormat'
        ? say('noBrowserFound')
        : error.messageIn(messageLocale())
      : say('browserDidNotStart', { reason: firstLine(error) });
  return say('noDiagrams', { reason });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

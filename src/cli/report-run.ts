import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { BrowserNotFoundError } from '../renderers/browser.js';
import { diagramRequests, openChromiumRenderer, renderWith, type SvgRenderer } from '../report/diagrams.js';
import { renderReportHtml } from '../report/html.js';
import { buildReportView, type DiagramOutcome } from '../report/view-model.js';
import { RULES } from '../rules/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { CliError, EXIT } from './errors.js';
import type { ReportCommandOptions } from './report.js';
import { loadCheckedWorkspace } from './workspace.js';

/** Opens the renderer, or says in one line why the diagrams are left out. */
export type RendererOpener = (browser: string | undefined) => Promise<SvgRenderer>;

export async function runReport(
  workspaceArgument: string | undefined,
  options: ReportCommandOptions,
  openRenderer: RendererOpener = openChromiumRenderer,
): Promise<number> {
  const out = path.resolve(options.out);
  if (existsSync(out) && statSync(out).isDirectory()) {
    throw new CliError(`--out ${options.out} is a folder`, `pass the HTML file to write, e.g. ${path.join(options.out, 'report.html')}`);
  }
  // The report shows gaps rather than refusing them: lint errors are listed in it.
  const { workspace, lint } = await loadCheckedWorkspace(workspaceArgument, { refuseOnErrors: false, command: 'report', documentLocale: true });
  const model = workspace.model;

  let diagrams: DiagramOutcome = { status: 'skipped' };
  if (options.diagrams) {
    let renderer: SvgRenderer | undefined;
    try {
      renderer = await openRenderer(options.browser);
    } catch (error) {
      // A browser asked for by name must exist; an absent default one only costs the diagrams.
      if (error instanceof BrowserNotFoundError && options.browser !== undefined) throw new CliError(error.message, 'pass the path of a Chromium or Chrome executable');
      const reason =
        error instanceof BrowserNotFoundError
          ? error.message.startsWith('no Chromium') ? 'no Chromium or Chrome found' : error.message
          : `Chromium did not start (${firstLine(error)})`;
      process.stderr.write(`omni: ${reason}: report written without diagrams (install chromium, pass --browser PATH, or --no-diagrams to silence this)\n`);
      diagrams = { status: 'unavailable' };
    }
    if (renderer) {
      const result = await renderWith(renderer, diagramRequests(model));
      diagrams = result.outcome;
      for (const failure of result.failures) process.stderr.write(`omni: diagram ${failure.key} could not be rendered: ${failure.message}\n`);
    }
  }

  const view = buildReportView({ model, diagnostics: lint.diagnostics, rules: RULES, diagrams });
  const html = await renderReportHtml(view);
  writeFileAtomic(out, html);
  const embedded = diagrams.status === 'rendered' ? diagrams.svgs.size : 0;
  process.stderr.write(`omni: report written to ${displayPath(out)} (${embedded} diagram${embedded === 1 ? '' : 's'})\n`);
  return EXIT.ok;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The path as the user would type it: relative under the current folder, else absolute. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

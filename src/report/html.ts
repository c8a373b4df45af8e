import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportView } from './view-model.js';

/** templates/report/ of the package, from src/report/ (vitest) and dist/report/ (built CLI) alike. */
export const REPORT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/report/', import.meta.url));

/**
 * Lays the view out as one self-contained HTML page: handlebars templates from
 * templates/report/ (report.hbs, partials/*.hbs) with report.css inlined. Every user
 * text goes through {{ }} and is HTML-escaped; only the stylesheet and the checked
 * diagram SVG are inserted raw. Handlebars is imported here, never on the lint path.
 */
export async function renderReportHtml(view: ReportView, templatesDir: string = REPORT_TEMPLATES_DIR): Promise<string> {
  const { default: Handlebars } = await import('handlebars');
  const handlebars = Handlebars.create();
  const read = (file: string) => readFileSync(path.join(templatesDir, file), 'utf8');
  const partialsDir = path.join(templatesDir, 'partials');
  for (const file of readdirSync(partialsDir)
    .filter((name) => name.endsWith('.hbs'))
    .sort()) {
    handlebars.registerPartial(path.basename(file, '.hbs'), read(path.join('partials', file)));
  }
  handlebars.registerHelper('inc', (value: unknown) => Number(value) + 1);
  const template = handlebars.compile(read('report.hbs'), { noEscape: false, strict: false, preventIndent: true });
  const css = read('report.css');
  const html = template({ ...view, css });
  return html.endsWith('\n') ? html : `${html}\n`;
}

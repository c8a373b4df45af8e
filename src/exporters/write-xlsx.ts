import { STATUS_COLORS } from '../model/labels.js';
import { PassThrough } from 'node:stream';
import { readZip, writeZip } from './zip.js';
import { address } from './workbook-spec.js';
import type { CellSpec, CellStyle, SheetSpec, WorkbookSpec } from './workbook-spec.js';

type ExcelJS = typeof import('exceljs');
type Worksheet = import('exceljs').Worksheet;
type Style = Partial<import('exceljs').Style>;

const FONT = 'Calibri';
const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const fill = (rgb: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: `FF${rgb}` } });
const top = { vertical: 'top' as const, wrapText: true };

function status(rgb: { fill: string; text: string }): Style {
  return { font: { name: FONT, size: 10, color: { argb: `FF${rgb.text}` } }, fill: fill(rgb.fill), border, alignment: top };
}

const STYLES: Record<CellStyle, Style> = {
  title: { font: { name: FONT, size: 16, bold: true, color: { argb: 'FF1F3864' } }, alignment: { vertical: 'middle' } },
  subtitle: { font: { name: FONT, size: 12, bold: true, color: { argb: 'FF1F3864' } }, alignment: { vertical: 'middle' } },
  header: {
    font: { name: FONT, size: 10, bold: true, color: { argb: 'FFFFFFFF' } },
    fill: fill('1F3864'),
    border,
    alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  },
  rowHeader: { font: { name: FONT, size: 10, bold: true }, fill: fill('D9E1F2'), border, alignment: top },
  rowHeaderContinued: { font: { name: FONT, size: 10, bold: true }, fill: fill('D9E1F2'), border: { ...border, top: undefined }, alignment: top },
  wrapContinued: { font: { name: FONT, size: 10 }, border: { ...border, top: undefined }, alignment: top },
  group: { font: { name: FONT, size: 11, bold: true, color: { argb: 'FF1F3864' } }, fill: fill('B4C6E7'), border, alignment: { vertical: 'middle' } },
  text: { font: { name: FONT, size: 10 }, border, alignment: { vertical: 'top' } },
  wrap: { font: { name: FONT, size: 10 }, border, alignment: top },
  number: { font: { name: FONT, size: 10 }, border, alignment: { vertical: 'top', horizontal: 'left' } },
  score: { font: { name: FONT, size: 10 }, border, alignment: { vertical: 'top', horizontal: 'center' } },
  muted: { font: { name: FONT, size: 10, italic: true, color: { argb: 'FF7F7F7F' } }, border, alignment: top },
  link: { font: { name: FONT, size: 10 }, border: { ...border, bottom: undefined }, alignment: { vertical: 'top' } },
  channels: { font: { name: FONT, size: 9, italic: true, color: { argb: 'FF595959' } }, border: { ...border, top: undefined }, alignment: top },
  gap: { font: { name: FONT, size: 10, bold: true, color: { argb: 'FF9C0006' } }, fill: fill('FFC7CE'), border, alignment: top },
  error: { font: { name: FONT, size: 10, bold: true, color: { argb: 'FF9C0006' } }, fill: fill('FFC7CE'), border, alignment: { vertical: 'top', horizontal: 'left' } },
  warn: { font: { name: FONT, size: 10, bold: true, color: { argb: 'FF9C5700' } }, fill: fill('FFEB9C'), border, alignment: { vertical: 'top', horizontal: 'left' } },
  'status-normal': status(STATUS_COLORS.normal),
  'status-friction': status(STATUS_COLORS.friction),
  'status-opportunity': status(STATUS_COLORS.opportunity),
};

/** Header/footer text is a mini-language where `&` starts a code: user text escapes it. */
const headerText = (text: string) => text.replace(/&/g, '&&').replace(/[\r\n]+/g, ' ');

/**
 * A cell value exactly as exceljs should store it. Strings are always plain strings
 * (exceljs writes them as shared strings, never as formulas, whatever their first
 * character); only a FormulaValue, which only the exporter itself creates, is a formula.
 */
function excelValue(spec: CellSpec): import('exceljs').CellValue {
  const { value } = spec;
  if (value === null) return null;
  if (typeof value === 'object') return { formula: value.formula, result: value.result };
  if (spec.link && typeof value === 'string') return { text: value, hyperlink: spec.link };
  return value;
}

/**
 * Row height for wrapped text, estimated from the column widths: viewers do not grow
 * rows of a generated file by themselves, and a cut-off message is no deliverable.
 */
function rowHeight(cells: (CellSpec | null)[], columns: SheetSpec['columns']): number {
  let lines = 1;
  cells.forEach((cell, c) => {
    if (!cell || typeof cell.value !== 'string') return;
    // About 1.1 characters of 10-point text per width unit; bold headers take more room.
    const perLine = Math.max(4, Math.floor(((columns[c]?.width ?? 10) - 1) * (cell.style === 'header' ? 0.95 : 1.1)));
    let wrapped = 0;
    for (let start = 0; start <= cell.value.length;) {
      const end = cell.value.indexOf('\n', start);
      const stop = end < 0 ? cell.value.length : end;
      wrapped += Math.max(1, Math.ceil((stop - start) / perLine));
      start = stop + 1;
    }
    lines = Math.max(lines, wrapped);
  });
  return Math.min(409, 4 + lines * 13);
}

type WorkbookWriter = import('exceljs').stream.xlsx.WorkbookWriter;

function writeSheet(workbook: WorkbookWriter, spec: SheetSpec, workbookTitle: string): void {
  const printed = spec.state !== 'hidden';
  const worksheet = workbook.addWorksheet(spec.name, {
    state: spec.state ?? 'visible',
    views: spec.freeze ? [{ state: 'frozen', xSplit: spec.freeze.columns, ySplit: spec.freeze.rows, showGridLines: false }] : [{ showGridLines: false }],
    pageSetup: printed
      ? {
          orientation: 'landscape',
          paperSize: 9,
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
        }
      : {},
    headerFooter: printed ? { oddHeader: `&L&8${headerText(workbookTitle)}&R&8&A`, oddFooter: '&C&8&P / &N' } : {},
    ...outlineProperties(spec),
  }) as unknown as Worksheet & { commit(): void };
  worksheet.columns = spec.columns.map((column) => ({ width: column.width, hidden: column.hidden ?? false }));
  // Merges are applied when their first row is written: merging ahead would make the
  // streaming writer hold (and shift through) every row up to the merge, a quadratic cost.
  const mergesByRow = new Map<number, string[]>();
  for (const range of spec.merges) {
    const top = Number(/\d+/.exec(range)![0]);
    mergesByRow.set(top, [...(mergesByRow.get(top) ?? []), range]);
  }
  if (spec.autoFilter) worksheet.autoFilter = spec.autoFilter;
  (spec.conditionalScales ?? []).forEach((scale, index) => {
    worksheet.addConditionalFormatting({
      ref: scale.ref,
      rules: [
        {
          type: 'colorScale',
          priority: index + 1,
          cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }],
          color: scale.colors.map((rgb) => ({ argb: `FF${rgb}` })),
        },
      ],
    });
  });
  spec.rows.forEach((cells, r) => {
    for (const range of mergesByRow.get(r + 1) ?? []) worksheet.mergeCells(range);
    if (cells.length === 0) return;
    const row = worksheet.getRow(r + 1);
    cells.forEach((cellSpec, c) => {
      if (!cellSpec) return;
      const target = row.getCell(c + 1);
      const value = excelValue(cellSpec);
      if (value !== null) target.value = value;
      if (cellSpec.link) target.style = LINK_STYLES[cellSpec.style ?? 'text'];
      else if (cellSpec.indent) target.style = indented(cellSpec.style ?? 'text', cellSpec.indent);
      else if (cellSpec.style) target.style = STYLES[cellSpec.style];
      if (cellSpec.scoreDropdown) {
        target.dataValidation = {
          type: 'list',
          allowBlank: false,
          formulae: ['"1,2,3,4,5"'],
          showErrorMessage: true,
          errorTitle: '1–5',
          error: '1, 2, 3, 4, 5',
        };
      }
    });
    const level = spec.outline?.[r];
    if (level) row.outlineLevel = level;
    if (printed) row.height = cells[0]?.style === 'title' ? 26 : rowHeight(cells, spec.columns);
    row.commit();
  });
  worksheet.commit();
}

/** A sheet with grouped rows: the outline buttons sized to its deepest level, each group's summary row above it. */
function outlineProperties(spec: SheetSpec): { properties?: Partial<import('exceljs').WorksheetProperties> } {
  const deepest = (spec.outline ?? []).reduce((max, level) => Math.max(max, level ?? 0), 0);
  return deepest > 0 ? { properties: { outlineLevelRow: deepest, outlineProperties: { summaryBelow: false, summaryRight: false } } } : {};
}

/** One style object per style and indent level, so exceljs shares it between cells; viewers indent left-aligned cells only. */
const INDENTED = new Map<string, Style>();
function indented(style: CellStyle, indent: number): Style {
  const key = `${style}/${indent}`;
  let found = INDENTED.get(key);
  if (!found) INDENTED.set(key, (found = { ...STYLES[style], alignment: { ...STYLES[style].alignment, horizontal: 'left', indent } }));
  return found;
}

/** The 1–5 list, one validation per range. */
const scoreValidation = (sqref: string) =>
  `<dataValidation type="list" allowBlank="0" showErrorMessage="1" errorTitle="1–5" error="1, 2, 3, 4, 5" sqref="${sqref}"><formula1>&quot;1,2,3,4,5&quot;</formula1></dataValidation>`;

/**
 * The dropdown cells as disjoint rectangles: runs of rows per column, then side-by-side
 * columns with the same run joined. exceljs's own optimiser writes overlapping ranges
 * (E10:G17 and E4:G17), which Excel refuses to open without a repair.
 */
export function dropdownRanges(sheet: Pick<SheetSpec, 'rows'>): string[] {
  const runs = new Map<number, [number, number][]>();
  sheet.rows.forEach((cells, r) =>
    cells.forEach((cell, c) => {
      if (!cell?.scoreDropdown) return;
      const list = runs.get(c) ?? [];
      const last = list[list.length - 1];
      if (last && last[1] === r) last[1] = r + 1;
      else list.push([r, r + 1]);
      runs.set(c, list);
    }),
  );
  const columns = [...runs.keys()].sort((a, b) => a - b);
  const ranges: { left: number; right: number; top: number; bottom: number }[] = [];
  for (const column of columns) {
    for (const [top, end] of runs.get(column)!) {
      const joined = ranges.find((range) => range.right === column - 1 && range.top === top && range.bottom === end - 1);
      if (joined) joined.right = column;
      else ranges.push({ left: column, right: column, top, bottom: end - 1 });
    }
  }
  return ranges.map((range) => {
    const from = address(range.top + 1, range.left + 1);
    const to = address(range.bottom + 1, range.right + 1);
    return from === to ? from : `${from}:${to}`;
  });
}

/** Link cells: the cell's style in link blue, underlined. */
const LINK_STYLES = Object.fromEntries(
  Object.entries(STYLES).map(([name, style]) => [name, { ...style, font: { ...style.font, color: { argb: 'FF0563C1' }, underline: true } }]),
) as Record<CellStyle, Style>;

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A sheet name as formulas and defined names quote it. */
const quotedSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/**
 * What exceljs does not write right, fixed in the package: internal links (exceljs
 * stores them as external relationships, which Excel would try to open as files),
 * print titles (the streaming writer drops them), and entry dates (the clock). The
 * parts come uncompressed and are zipped once, here.
 */
function finishPackage(bytes: Buffer, spec: WorkbookSpec): Buffer {
  const entries = readZip(bytes);
  const entry = (name: string) => entries.find((candidate) => candidate.name === name);
  const replace = (name: string, edit: (xml: string) => string) => {
    const found = entry(name);
    if (found) found.data = Buffer.from(edit(found.data.toString('utf8')), 'utf8');
  };
  for (const [index, sheet] of spec.sheets.entries()) {
    const validations = dropdownRanges(sheet);
    if (validations.length > 0) {
      replace(`xl/worksheets/sheet${index + 1}.xml`, (xml) =>
        xml.replace(
          /<dataValidations[^>]*>[\s\S]*?<\/dataValidations>/,
          `<dataValidations count="${validations.length}">${validations.map(scoreValidation).join('')}</dataValidations>`,
        ),
      );
    }
    const links: string[] = [];
    sheet.rows.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        if (cell?.link) links.push(`<hyperlink ref="${address(r + 1, c + 1)}" location="${xmlEscape(cell.link)}" display="${xmlEscape(String(cell.value))}"/>`);
      }),
    );
    if (links.length === 0) continue;
    replace(`xl/worksheets/sheet${index + 1}.xml`, (xml) => xml.replace(/<hyperlinks>[\s\S]*?<\/hyperlinks>/, `<hyperlinks>${links.join('')}</hyperlinks>`));
    replace(`xl/worksheets/_rels/sheet${index + 1}.xml.rels`, (xml) => xml.replace(/<Relationship [^>]*relationships\/hyperlink"[^>]*\/>/g, ''));
  }
  const titles = spec.sheets
    .map((sheet, index) => {
      if (!sheet.printTitleRows) return '';
      const [first, last] = sheet.printTitleRows.split(':');
      return `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${xmlEscape(quotedSheet(sheet.name))}!$${first}:$${last}</definedName>`;
    })
    .join('');
  if (titles) {
    replace('xl/workbook.xml', (xml) =>
      xml.replace(/<definedNames\/>|<definedNames>([\s\S]*?)<\/definedNames>/, '').replace('</sheets>', `</sheets><definedNames>${titles}</definedNames>`),
    );
  }
  // [Content_Types].xml first, as Office writes it; the rest in exceljs's order.
  entries.sort((a, b) => (a.name === '[Content_Types].xml' ? -1 : b.name === '[Content_Types].xml' ? 1 : 0));
  return writeZip(entries, spec.date);
}

/**
 * Writes the described workbook to xlsx bytes with exceljs's streaming writer (rows
 * go out as they are written, so a 10,000-scenario plan stays well under 1 GB). exceljs
 * is loaded here, lazily, so that the lint path never pays for it. Document dates come
 * from the plan and zip entry dates are pinned: the same description, the same bytes.
 */
export async function writeXlsx(spec: WorkbookSpec): Promise<Buffer> {
  const ExcelJS: ExcelJS = ((await import('exceljs')) as unknown as { default: ExcelJS }).default;
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    // Shared strings, not inline ones: exceljs's inline strings lose entities (&amp; reads back as &).
    useSharedStrings: true,
    // Stored, not deflated: finishPackage re-zips once, so compressing here would be paid twice.
    zip: { store: true },
  } as ConstructorParameters<ExcelJS['stream']['xlsx']['WorkbookWriter']>[0]);
  workbook.creator = 'omni';
  workbook.lastModifiedBy = 'omni';
  workbook.title = spec.title;
  workbook.subject = spec.subject;
  workbook.keywords = 'omni, omnichannel, customer journey';
  (workbook as unknown as { language: string }).language = spec.locale;
  workbook.created = spec.date;
  workbook.modified = spec.date;
  for (const sheet of spec.sheets) writeSheet(workbook, sheet, spec.title);
  await workbook.commit();
  await new Promise((resolve) => (sink.writableFinished ? resolve(undefined) : sink.on('finish', resolve)));
  return finishPackage(Buffer.concat(chunks), spec);
}

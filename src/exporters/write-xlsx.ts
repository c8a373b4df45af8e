import { EventEmitter } from 'node:events';
import { STATUS_COLORS } from '../model/labels.js';
import { releaseMemory } from '../util/memory.js';
import { ZipStreamWriter, type ZipPartWriter } from './zip.js';
import { address } from './workbook-spec.js';
import type { CellSpec, CellStyle, SheetSpec, WorkbookSpec } from './workbook-spec.js';

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

/** Cell styles by name (exported for the tests that compare with exceljs's own rendering). */
export const STYLES: Record<CellStyle, Style> = {
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
 * Row height for wrapped text, estimated from the column widths: viewers do not grow
 * rows of a generated file by themselves, and a cut-off message is no deliverable.
 */
export function rowHeight(cells: (CellSpec | null)[], columns: SheetSpec['columns']): number {
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

type WorkbookWriter = import('./exceljs.js').WorkbookWriter;

/** What omni uses of exceljs's streaming writer beyond its typed API (exceljs 4.4, pinned by the golden tests). */
interface WorkbookInternals {
  zip: unknown;
  stream: unknown;
  promise: Promise<unknown>;
  styles: { addStyleModel(style: object, cellType?: number): number };
  sharedStrings: { add(text: string): number; readonly count: number; readonly values: readonly string[] };
  addThemes(): Promise<void>;
  addOfficeRels(): Promise<void>;
  addSharedStrings(): Promise<void>;
  _openStream(path: string): PartStream;
}

interface WorksheetInternals {
  stream: PartStream;
  startedData: boolean;
  _merges: string[];
  _sheetRelsWriter: { count: number; _writeOpen(): void };
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  _writeHyperlinks(): void;
  _writeDataValidations(): void;
  commit(): void;
}

/** A zip part as exceljs writes to it: text (or its string buffers) in, deflated as it comes. */
type PartStream = import('node:events').EventEmitter & { write(data: unknown): boolean; end(): void; pause(): unknown; drained(): Promise<void> };

/** exceljs's Enums.ValueType: the cell types its style and string tables are keyed by. */
const TYPE = { Null: 0, Merge: 1, Number: 2, String: 3, Hyperlink: 5 } as const;

/** Text flushed to the part's deflater about every 256 KB, then the writer waits for it. */
const BATCH = 1 << 18;

/** Everything a sheet's rows need from the workbook: style ids, the shared-string table, XML escaping. */
interface Tables {
  styles: WorkbookInternals['styles'];
  strings: WorkbookInternals['sharedStrings'];
  xmlEncode(text: string): string;
  /** Style id of an unstyled cell (a fresh `{}` to exceljs) per cell type, once known. */
  plain: Map<number, number>;
}

function plainStyle(tables: Tables, cellType: number): number {
  let id = tables.plain.get(cellType);
  if (id === undefined) tables.plain.set(cellType, (id = tables.styles.addStyleModel({}, cellType)));
  return id;
}

/**
 * Writes a sheet's rows as XML straight into its zip part, the way exceljs's streaming
 * writer would have rendered them (same style ids, same shared-string indexes, same
 * bytes: checked by the golden tests), without building exceljs's row and cell objects.
 * exceljs still writes the sheet's head and tail (views, columns, filters, page setup),
 * but the hyperlinks and validations are omni's own (exceljs writes internal links as
 * external relationships and overlapping validation ranges, which Excel repairs).
 */
async function writeSheet(workbook: WorkbookWriter, tables: Tables, spec: SheetSpec, workbookTitle: string): Promise<void> {
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
  }) as unknown as Worksheet;
  const internals = worksheet as unknown as WorksheetInternals;
  worksheet.columns = spec.columns.map((column) => ({ width: column.width, hidden: column.hidden ?? false }));
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

  // Merged ranges, applied when their first row comes (as exceljs's mergeCells would be):
  // the cells they cover become empty "merge" cells, written even in rows omni leaves empty.
  const mergesByRow = new Map<number, string[]>();
  for (const range of spec.merges) {
    const top = Number(/\d+/.exec(range)![0]);
    mergesByRow.set(top, [...(mergesByRow.get(top) ?? []), range]);
  }
  const followers = new Map<number, Set<number>>();
  const addMerge = (range: string) => {
    const [from, to = from] = range.split(':') as [string, string?];
    const a = decode(from);
    const b = decode(to);
    for (let r = a.row; r <= b.row; r++) {
      for (let c = a.column; c <= b.column; c++) {
        if (r === a.row && c === a.column) continue;
        let set = followers.get(r);
        if (!set) followers.set(r, (set = new Set()));
        set.add(c);
      }
    }
    internals._merges.push(range);
  };

  const links: string[] = [];
  let pending = '';
  const flush = async (force: boolean) => {
    if (pending.length === 0 || (pending.length < BATCH && !force)) return;
    const more = internals.stream.write(pending);
    pending = '';
    if (!more) await internals.stream.drained();
  };
  const emit = (xml: string) => {
    if (!internals.startedData) {
      internals._writeColumns();
      internals._writeOpenSheetData();
      internals.startedData = true;
    }
    pending += xml;
  };

  const rowLinks = { links, hyperlinkCells: 0 };
  spec.rows.forEach((cells, index) => {
    for (const range of mergesByRow.get(index + 1) ?? []) addMerge(range);
  });
  const deepestOutline = (spec.outline ?? []).reduce((max: number, level) => Math.max(max, level ?? 0), 0);
  for (let r = 1; r <= spec.rows.length; r++) {
    const cells = spec.rows[r - 1]!;
    const merged = followers.get(r);
    followers.delete(r);
    const height = printed && cells.length > 0 ? (cells[0]?.style === 'title' ? 26 : rowHeight(cells, spec.columns)) : 0;
    const xml = rowXml(tables, r, cells, merged, height, rowLinks, spec.outline?.[r - 1] ?? 0, deepestOutline);
    if (xml) emit(xml);
    await flush(false);
  }
  // Rows a merge reaches past the last one omni wrote.
  for (const r of [...followers.keys()].sort((a, b) => a - b)) {
    const xml = rowXml(tables, r, [], followers.get(r), 0, rowLinks);
    if (xml) emit(xml);
  }
  await flush(true);

  const validations = dropdownRanges(spec);
  internals._writeDataValidations = () => {
    if (validations.length > 0) internals.stream.write(`<dataValidations count="${validations.length}">${validations.map(scoreValidation).join('')}</dataValidations>`);
  };
  internals._writeHyperlinks = () => {
    if (rowLinks.hyperlinkCells > 0) internals.stream.write(`<hyperlinks>${links.join('')}</hyperlinks>`);
  };
  if (rowLinks.hyperlinkCells > 0) {
    // The sheet's relationships part stays (empty): internal links need no relationship.
    internals._sheetRelsWriter._writeOpen();
    internals._sheetRelsWriter.count = rowLinks.hyperlinkCells;
  }
  internals.commit();
}

/** `B12` → row 12, column 2. */
function decode(ref: string): { row: number; column: number } {
  const match = /^([A-Z]+)(\d+)$/.exec(ref)!;
  let column = 0;
  for (const letter of match[1]!) column = column * 26 + letter.charCodeAt(0) - 64;
  return { row: Number(match[2]), column };
}

/**
 * One `<row>` as exceljs renders it: cells in column order, each with its style id and
 * shared-string index; empty string when exceljs would not write the row at all.
 * Strings are always shared strings, never formulas, whatever their first character;
 * only a FormulaValue, which only the exporter itself creates, is a formula.
 */
function rowXml(
  tables: Tables,
  r: number,
  cells: readonly (CellSpec | null)[],
  merged: Set<number> | undefined,
  height: number,
  found: { links: string[]; hyperlinkCells: number },
  outlineLevel = 0,
  // exceljs marks rows at the sheet's deepest level `collapsed` (Row#collapsed); kept so the bytes are exceljs's.
  deepestLevel = 0,
): string {
  const columns: number[] = [];
  cells.forEach((cell, c) => {
    if (cell || merged?.has(c + 1)) columns.push(c + 1);
  });
  if (merged) {
    for (const c of merged) if (c > cells.length) columns.push(c);
    columns.sort((a, b) => a - b);
  }
  let hasValues = false;
  for (const c of columns) if (merged?.has(c) || (cells[c - 1]?.value ?? null) !== null) hasValues = true;
  if (!hasValues && !height) return '';
  // The row's own (empty) style comes first, as exceljs prepares it.
  plainStyle(tables, TYPE.Number);
  let body = '';
  for (const c of columns) {
    const spec = cells[c - 1] ?? null;
    const ref = address(r, c);
    if (spec?.link) found.links.push(`<hyperlink ref="${ref}" location="${xmlEscape(spec.link)}" display="${xmlEscape(String(spec.value))}"/>`);
    if (merged?.has(c)) {
      const style = spec?.link ? LINK_STYLES[spec.style ?? 'text'] : spec?.style ? STYLES[spec.style] : undefined;
      const id = style ? tables.styles.addStyleModel(style, TYPE.Merge) : plainStyle(tables, TYPE.Merge);
      body += id ? `<c r="${ref}" s="${id}"/>` : `<c r="${ref}"/>`;
      continue;
    }
    const cell = spec!;
    const value = cell.value;
    const type = value === null ? TYPE.Null : cell.link && typeof value === 'string' ? TYPE.Hyperlink : typeof value === 'string' ? TYPE.String : TYPE.Number;
    const style = cell.link ? LINK_STYLES[cell.style ?? 'text'] : cell.indent ? indented(cell.style ?? 'text', cell.indent) : cell.style ? STYLES[cell.style] : undefined;
    const id = style ? tables.styles.addStyleModel(style, type) : plainStyle(tables, type);
    const s = id ? ` s="${id}"` : '';
    if (value === null) {
      if (id) body += `<c r="${ref}"${s}/>`;
    } else if (typeof value === 'string') {
      body += `<c r="${ref}"${s} t="s"><v>${tables.strings.add(value)}</v></c>`;
      if (type === TYPE.Hyperlink) found.hyperlinkCells++;
    } else if (typeof value === 'number') {
      body += `<c r="${ref}"${s}><v>${value}</v></c>`;
    } else {
      body += `<c r="${ref}"${s}><f>${tables.xmlEncode(value.formula)}</f><v>${value.result}</v></c>`;
    }
  }
  const min = columns[0] ?? 0;
  const max = columns[columns.length - 1] ?? 0;
  const head = `<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''}${min > 0 ? ` spans="${min}:${max}"` : ''} x14ac:dyDescent="0.25"${outlineLevel ? ` outlineLevel="${outlineLevel}"${outlineLevel >= deepestLevel ? ' collapsed="1"' : ''}` : ''}`;
  return body ? `${head}>${body}</row>` : `${head}/>`;
}

/** A sheet with grouped rows: the outline buttons sized to its deepest level, each group's summary row above it. */
export function outlineProperties(spec: Pick<SheetSpec, 'outline'>): { properties?: Partial<import('exceljs').WorksheetProperties> } {
  const deepest = (spec.outline ?? []).reduce((max, level) => Math.max(max, level ?? 0), 0);
  return deepest > 0 ? { properties: { outlineLevelRow: deepest, outlineProperties: { summaryBelow: false, summaryRight: false } } } : {};
}

/** One style object per style and indent level, so exceljs shares it between cells; viewers indent left-aligned cells only. */
const INDENTED = new Map<string, Style>();
export function indented(style: CellStyle, indent: number): Style {
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
export const LINK_STYLES = Object.fromEntries(
  Object.entries(STYLES).map(([name, style]) => [name, { ...style, font: { ...style.font, color: { argb: 'FF0563C1' }, underline: true } }]),
) as Record<CellStyle, Style>;

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A sheet name as formulas and defined names quote it. */
const quotedSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** Print titles, which exceljs's streaming writer drops, as defined names of xl/workbook.xml. */
function withPrintTitles(xml: string, sheets: readonly Pick<SheetSpec, 'name' | 'printTitleRows'>[]): string {
  const titles = sheets
    .map((sheet, index) => {
      if (!sheet.printTitleRows) return '';
      const [first, last] = sheet.printTitleRows.split(':');
      return `<definedName name="_xlnm.Print_Titles" localSheetId="${index}">${xmlEscape(quotedSheet(sheet.name))}!$${first}:$${last}</definedName>`;
    })
    .join('');
  if (!titles) return xml;
  return xml.replace(/<definedNames\/>|<definedNames>([\s\S]*?)<\/definedNames>/, '').replace('</sheets>', `</sheets><definedNames>${titles}</definedNames>`);
}

/** A zip part as exceljs's writer expects a stream: writes go to the deflater as they come. */
function partStream(part: ZipPartWriter): PartStream {
  const stream = new EventEmitter() as PartStream;
  stream.write = (data: unknown) => {
    if (typeof data === 'string' || Buffer.isBuffer(data)) return part.write(data);
    // exceljs's StringBuf: a view on a buffer it reuses, so copied.
    return part.write(Buffer.from((data as { toBuffer(): Buffer }).toBuffer()));
  };
  stream.drained = () => part.drained();
  // exceljs pauses a sheet's stream so that it emits no data events: this one emits none.
  stream.pause = () => stream;
  stream.end = () => {
    void part.end().then(() => {
      stream.emit('finish');
      stream.emit('zipped');
    });
  };
  return stream;
}

/**
 * Points exceljs's streaming writer at omni's own zip writer: every part it opens or
 * appends becomes a part deflated as it is written, dated from the plan (never the
 * clock), so nothing is held uncompressed and nothing is zipped twice. The shared
 * strings are streamed too (exceljs would build them as one string).
 */
function attachZip(
  workbook: WorkbookWriter,
  zip: ZipStreamWriter,
  written: readonly Pick<SheetSpec, 'name' | 'printTitleRows'>[],
  xmlEncode: (text: string) => string,
): void {
  const internals = workbook as unknown as WorkbookInternals;
  const finished = new EventEmitter();
  const name = (path: string) => path.replace(/^\//, '');
  internals.stream = finished;
  internals.zip = {
    append(source: string | Buffer, options: { name: string }) {
      const part = zip.part(name(options.name));
      part.write(part.name === 'xl/workbook.xml' ? withPrintTitles(String(source), written) : source);
      void part.end();
    },
    on() {
      return this;
    },
    finalize() {
      finished.emit('finish');
    },
  };
  internals._openStream = (path: string) => partStream(zip.part(name(path)));
  internals.addSharedStrings = async () => {
    const { sharedStrings } = internals;
    if (!sharedStrings.count) return;
    const part = zip.part('xl/sharedStrings.xml');
    const values = sharedStrings.values;
    let text = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${values.length}" uniqueCount="${values.length}">`;
    for (const value of values) {
      text += /^\s|\n|\s$/.test(value) ? `<si><t xml:space="preserve">${xmlEncode(value)}</t></si>` : `<si><t>${xmlEncode(value)}</t></si>`;
      if (text.length >= BATCH) {
        const more = part.write(text);
        text = '';
        if (!more) await part.drained();
      }
    }
    part.write(`${text}</sst>`);
    await part.end();
  };
  // Theme and package relationships were appended by the constructor, before the swap.
  internals.promise = Promise.all([internals.addThemes(), internals.addOfficeRels()]);
}

/** A workbook description whose sheets may come one at a time (see describeWorkbook). */
export type WorkbookInput = Omit<WorkbookSpec, 'sheets' | 'warnings'> & { sheets: Iterable<SheetSpec> };

/**
 * Writes the described workbook to xlsx bytes: exceljs's streaming writer for the
 * package's parts, omni's own row writer for the sheets' cells, every part deflated as
 * it is written. Memory is the description, the string and style tables and the
 * compressed archive, never the uncompressed package. exceljs is loaded here, lazily,
 * so that the lint path never pays for it. Document dates come from the plan and zip
 * entry dates are pinned: the same description, the same bytes. With `release`, each
 * sheet's rows are dropped from the description once written (omni export's case).
 */
export async function writeXlsx(spec: WorkbookInput, options: { release?: boolean } = {}): Promise<Buffer> {
  const { WorkbookWriter, xmlEncode } = await import('./exceljs.js');
  const workbook = new WorkbookWriter({
    useStyles: true,
    // Shared strings, not inline ones: exceljs's inline strings lose entities (&amp; reads back as &).
    useSharedStrings: true,
  });
  const zip = new ZipStreamWriter(spec.date);
  // Names and print titles of the sheets written: xl/workbook.xml comes last.
  const written: Pick<SheetSpec, 'name' | 'printTitleRows'>[] = [];
  attachZip(workbook, zip, written, xmlEncode);
  workbook.creator = 'omni';
  workbook.lastModifiedBy = 'omni';
  workbook.title = spec.title;
  workbook.subject = spec.subject;
  workbook.keywords = 'omni, omnichannel, customer journey';
  (workbook as unknown as { language: string }).language = spec.locale;
  workbook.created = spec.date;
  workbook.modified = spec.date;
  const internals = workbook as unknown as WorkbookInternals;
  const tables: Tables = { styles: internals.styles, strings: internals.sharedStrings, xmlEncode, plain: new Map() };
  for (const sheet of spec.sheets) {
    await writeSheet(workbook, tables, sheet, spec.title);
    written.push({ name: sheet.name, ...(sheet.printTitleRows ? { printTitleRows: sheet.printTitleRows } : {}) });
    // `release`: the caller is done with the description; a written sheet's cells go.
    if (options.release) {
      sheet.rows = [];
      releaseMemory();
    }
  }
  await workbook.commit();
  // [Content_Types].xml first, as Office writes it; the rest in exceljs's order.
  return zip.finish('[Content_Types].xml');
}

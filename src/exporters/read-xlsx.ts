import { StringDecoder } from 'node:string_decoder';
import { DEFAULT_ZIP_BUDGET, ZipFormatError, ZipLimitError, ZipReader, type ZipBudget } from './zip-budget.js';
import { colourOf, indexedColours, themeColours } from './xlsx-colours.js';
import { elementsOf, firstElement, withoutElements } from './xml-scan.js';

/** A workbook as the importer sees it: plain cell text, fill colours and merges, no exceljs types. */
export interface ReadCell {
  /** Text or number shown in the cell (a formula's cached result); merged followers repeat their master's value. */
  value: string | number | null;
  /** Solid fill colour as RRGGBB (theme and palette colours resolved against the workbook's theme). */
  fill?: string;
  /** Part of a merged range, but not its top-left cell. */
  mergedFollower?: boolean;
  /** The cell holds a formula (its value is the cached result, null when the saving tool kept none). */
  formula?: string;
  /** Alignment indent level (Excel's Increase Indent), when set. */
  indent?: number;
}

export interface ReadSheet {
  name: string;
  hidden: boolean;
  /** Highest row and column that hold a cell (never the declared dimension). */
  rowCount: number;
  columnCount: number;
  /** 1-based row and column. */
  cell(row: number, column: number): ReadCell | undefined;
  /** Rows that hold at least one cell, ascending: loops go over content, not the rectangle. */
  rowNumbers(): readonly number[];
  /** Columns of a row that hold a cell, ascending. */
  columnsOf(row: number): readonly number[];
  /** The row's outline level (Excel's Group rows); 0 when not grouped. */
  outlineLevel?(row: number): number;
  /** Whether the column is hidden (`<col hidden="1">`): omni's key columns, or a helper column someone hid. */
  isColumnHidden?(column: number): boolean;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
}

export interface ReadBudget extends ZipBudget {
  /** Cells with a value, over all sheets. */
  cells: number;
  /** Cells that merged ranges may fill with their master's value, over all sheets. */
  mergedCells: number;
}

export const DEFAULT_READ_BUDGET: ReadBudget = { ...DEFAULT_ZIP_BUDGET, cells: 20_000_000, mergedCells: 1_000_000 };

export { ZipLimitError as WorkbookLimitError };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text to a string: line ends normalised (as XML parsers do), entities and OOXML's `_xHHHH_` escapes decoded. */
function xmlText(raw: string): string {
  let text = raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw;
  if (text.includes('&')) {
    text = text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, code: string) => {
      if (code[0] === '#') {
        const point = code[1] === 'x' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
        return point <= 0x10ffff ? String.fromCodePoint(point) : whole;
      }
      return ENTITIES[code] ?? whole;
    });
  }
  if (text.includes('_x')) text = text.replace(/_x([0-9a-fA-F]{4})_/g, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return text;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)(?:\\w+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  if (!match) return undefined;
  return xmlText(match[1] ?? match[2] ?? '');
}

/** The text of every `<t>` of a string item (rich-text runs joined; phonetic runs left out). */
function stringItem(xml: string): string {
  const body = xml.includes('rPh') ? withoutElements(xml, 'rPh') : xml;
  let text = '';
  for (const t of elementsOf(body, 't')) text += xmlText(t.body ?? '');
  return text;
}

/**
 * Calls `onElement` with each complete `<tag …>…</tag>` (or `<tag …/>`) of the named
 * tags as the part inflates, keeping only the unfinished tail between chunks. A
 * megabyte of whitespace costs a megabyte of scanning, never a copy of the part.
 */
async function eachElement(chunks: AsyncIterable<Buffer>, tags: string[], onElement: (tag: string, xml: string) => void): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const open = new RegExp(`<(?:\\w+:)?(${tags.join('|')})(?=[\\s/>])`, 'g');
  let pending = '';
  // The element left unfinished at the start of `pending`, as far as it was searched (relative
  // to its start: the end of its opening tag when found, and how far the search went): the
  // next chunk resumes there, so an element that never closes costs one pass over the part,
  // not one per chunk (a hostile part of a single unclosed row took minutes).
  let carried: { headEnd: number | undefined; searched: number } | undefined;
  const drain = (final: boolean) => {
    let consumed = 0;
    const resumed = carried;
    carried = undefined;
    open.lastIndex = 0;
    for (let match = open.exec(pending); match; match = open.exec(pending)) {
      const start = match.index;
      const known = start === 0 ? resumed : undefined;
      const headEnd = known?.headEnd !== undefined ? known.headEnd : pending.indexOf('>', start + (known?.searched ?? 0));
      if (headEnd < 0) {
        carried = { headEnd: undefined, searched: Math.max(0, pending.length - start - 1) };
        break;
      }
      let end: number;
      if (pending[headEnd - 1] === '/') end = headEnd + 1;
      else {
        const close = new RegExp(`</(?:\\w+:)?${match[1]}\\s*>`, 'g');
        // A little before where the last search stopped: a closing tag may straddle two chunks.
        close.lastIndex = known?.headEnd !== undefined ? Math.max(headEnd, start + known.searched - CLOSING_TAG_OVERLAP) : headEnd;
        const found = close.exec(pending);
        if (!found) {
          carried = { headEnd: headEnd - start, searched: pending.length - start };
          break;
        }
        end = found.index + found[0].length;
      }
      onElement(match[1]!, pending.slice(start, end));
      consumed = end;
      open.lastIndex = end;
    }
    if (final) pending = '';
    else {
      // Keep from the first unfinished element (the one carried, if any); without one, only a tail that may start a tag.
      const rest = pending.slice(consumed);
      open.lastIndex = 0;
      const unfinished = open.exec(rest);
      const tail = rest.lastIndexOf('<');
      pending = unfinished ? rest.slice(unfinished.index) : tail < 0 ? '' : rest.slice(tail);
      if (!unfinished) carried = undefined;
    }
  };
  for await (const chunk of chunks) {
    pending += decoder.write(chunk);
    drain(false);
  }
  pending += decoder.end();
  drain(true);
}

/** How far before the end of the last search a closing tag is looked for again (`</x:row  >` is a few characters). */
const CLOSING_TAG_OVERLAP = 256;

/** `A1`-style reference to 1-based row and column; undefined when malformed or beyond Excel's grid. */
function reference(ref: string): { row: number; column: number } | undefined {
  const match = /^\$?([A-Z]{1,3})\$?([0-9]{1,7})$/.exec(ref.toUpperCase());
  if (!match) return undefined;
  let column = 0;
  for (const letter of match[1]!) column = column * 26 + letter.charCodeAt(0) - 64;
  const row = Number(match[2]);
  if (row < 1 || row > 1_048_576 || column > 16_384) return undefined;
  return { row, column };
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** Relationship id → part path, for the part at `partPath`. */
function relationships(zip: ZipReader, partPath: string): Map<string, { target: string; type: string }> {
  const slash = partPath.lastIndexOf('/');
  const relsPath = `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
  const xml = zip.read(relsPath)?.toString('utf8') ?? '';
  const result = new Map<string, { target: string; type: string }>();
  for (const match of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = attribute(match[0], 'Id');
    const target = attribute(match[0], 'Target');
    if (id && target && attribute(match[0], 'TargetMode') !== 'External')
      result.set(id, { target: resolveTarget(partPath, target), type: attribute(match[0], 'Type') ?? '' });
  }
  return result;
}

/** Fill colour per cell style index (cellXfs), from styles.xml. */
function styleFills(xml: string, themeXml: string | undefined): (string | undefined)[] {
  const colours = { theme: themeColours(themeXml), indexed: indexedColours(xml) };
  const fills: (string | undefined)[] = [];
  for (const fill of elementsOf(firstElement(xml, 'fills')?.body ?? '', 'fill')) {
    const body = fill.body ?? '';
    const pattern = firstElement(body, 'patternFill')?.open;
    const color = firstElement(body, 'fgColor')?.open;
    if (!pattern || attribute(pattern, 'patternType') !== 'solid' || !color) fills.push(undefined);
    else fills.push(colourOf(color, colours));
  }
  const xfs: (string | undefined)[] = [];
  for (const xf of elementsOf(firstElement(xml, 'cellXfs')?.body ?? '', 'xf')) {
    const fillId = Number(attribute(xf.open, 'fillId') ?? 0);
    xfs.push(fills[fillId]);
  }
  return xfs;
}

/** Alignment indent per cell style index (cellXfs), from styles.xml; undefined when none. */
function styleIndents(xml: string): (number | undefined)[] {
  const indents: (number | undefined)[] = [];
  for (const xf of elementsOf(firstElement(xml, 'cellXfs')?.body ?? '', 'xf')) {
    const alignment = firstElement(xf.body ?? '', 'alignment')?.open;
    const indent = alignment ? Number(attribute(alignment, 'indent') ?? 0) : 0;
    indents.push(Number.isInteger(indent) && indent > 0 ? indent : undefined);
  }
  return indents;
}

/** What a cell holds beyond its value; shared between cells (one object per fill colour). */
type CellExtras = Omit<ReadCell, 'value'>;

/**
 * A row's cells in ascending column order, flat: column, value, extras, column, … (one
 * array per row, trimmed to size once the row is read; no object per plain cell).
 */
type RowCells = (number | string | null | CellExtras | undefined)[];

/**
 * The cells of a sheet, compactly: a workbook of 50,000 scenarios holds 3.5 million of
 * them. A cell is three slots of its row's array (column, value, a shared description
 * of its fill); the ReadCell object is made when asked for.
 */
/** Hidden column ranges kept per sheet: a workbook declares a handful; a hostile one cannot make every lookup slow. */
const MAX_HIDDEN_RANGES = 256;

class SheetCells implements ReadSheet {
  private readonly rows = new Map<number, RowCells>();
  private readonly shared = new Map<string, CellExtras>();
  rowCount = 0;
  columnCount = 0;
  private sortedRows?: number[];
  private readonly sortedColumns = new Map<number, number[]>();
  /** Outline levels of grouped rows. */
  readonly outlines = new Map<number, number>();
  /** Ranges of hidden columns, as `<cols>` declares them (a few per sheet; more are ignored). */
  readonly hiddenColumns: [number, number][] = [];

  constructor(
    readonly name: string,
    readonly hidden: boolean,
  ) {}

  set(row: number, column: number, cell: ReadCell): void {
    let cells = this.rows.get(row);
    if (!cells) {
      this.rows.set(row, (cells = []));
      this.sortedRows = undefined;
    }
    this.sortedColumns.delete(row);
    const extras = this.extras(cell);
    if (cells.length === 0 || (cells[cells.length - 3] as number) < column) cells.push(column, cell.value, extras);
    else {
      const at = position(cells, column);
      if (cells[at] === column) {
        cells[at + 1] = cell.value;
        cells[at + 2] = extras;
      } else cells.splice(at, 0, column, cell.value, extras);
    }
    if (row > this.rowCount) this.rowCount = row;
    if (column > this.columnCount) this.columnCount = column;
  }

  /** Trims a row's array to its cells once the row is read (a grown array keeps spare room). */
  seal(row: number): void {
    const cells = this.rows.get(row);
    if (cells) this.rows.set(row, cells.slice());
  }

  /** The cell's fill, indent and merge, shared between cells that have the same ones (formulas are not shared). */
  private extras(cell: ReadCell): CellExtras | undefined {
    const { value: _value, ...extras } = cell;
    if (extras.formula !== undefined) return extras;
    if (extras.fill === undefined && extras.mergedFollower === undefined && extras.indent === undefined) return undefined;
    const key = `${extras.mergedFollower ? 'm' : ''}:${extras.fill ?? ''}:${extras.indent ?? ''}`;
    let found = this.shared.get(key);
    if (!found) this.shared.set(key, (found = Object.freeze(extras)));
    return found;
  }

  cell(row: number, column: number): ReadCell | undefined {
    const cells = this.rows.get(row);
    if (!cells) return undefined;
    const at = position(cells, column);
    if (cells[at] !== column) return undefined;
    const value = cells[at + 1] as ReadCell['value'];
    const extras = cells[at + 2] as CellExtras | undefined;
    return extras ? { value, ...extras } : { value };
  }

  rowNumbers(): readonly number[] {
    return (this.sortedRows ??= [...this.rows.keys()].sort((a, b) => a - b));
  }

  outlineLevel(row: number): number {
    return this.outlines.get(row) ?? 0;
  }

  isColumnHidden(column: number): boolean {
    return this.hiddenColumns.some(([min, max]) => column >= min && column <= max);
  }

  columnsOf(row: number): readonly number[] {
    let columns = this.sortedColumns.get(row);
    if (!columns) {
      const cells = this.rows.get(row) ?? [];
      columns = [];
      for (let at = 0; at < cells.length; at += 3) columns.push(cells[at] as number);
      this.sortedColumns.set(row, columns);
    }
    return columns;
  }
}

/** Index (a multiple of 3) of `column` in a row's flat cells, or where it would go. */
function position(cells: RowCells, column: number): number {
  let low = 0;
  let high = cells.length / 3;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cells[middle * 3] as number) < column) low = middle + 1;
    else high = middle;
  }
  return low * 3;
}

/**
 * Reads xlsx bytes with omni's own bounded reader: the zip directory is checked against
 * the budget before anything inflates, sheets stream row by row, and only cells that
 * are present (with a value) are kept, so a lone cell at XFD1048576 costs one cell.
 * Throws ZipFormatError (or WorkbookLimitError, a budget refusal): WordedErrors, one line each.
 */
export async function readXlsx(bytes: Buffer, budget: ReadBudget = DEFAULT_READ_BUDGET): Promise<ReadWorkbook> {
  const zip = new ZipReader(bytes, budget);
  const workbookPath = 'xl/workbook.xml';
  const workbookXml = zip.read(workbookPath)?.toString('utf8');
  if (workbookXml === undefined) throw new ZipFormatError('notXlsx');
  const rels = relationships(zip, workbookPath);
  const byType = (suffix: string) => [...rels.values()].find((rel) => rel.type.endsWith(suffix))?.target;
  const stylesXml = zip.read(byType('/styles') ?? 'xl/styles.xml')?.toString('utf8') ?? '';
  const themePath = byType('/theme');
  const themeXml = themePath !== undefined ? zip.read(themePath)?.toString('utf8') : undefined;
  const fills = styleFills(stylesXml, themeXml);
  const indents = styleIndents(stylesXml);
  const shared: string[] = [];
  const sharedPath = byType('/sharedStrings') ?? 'xl/sharedStrings.xml';
  if (zip.has(sharedPath)) await eachElement(zip.stream(sharedPath), ['si'], (_tag, xml) => shared.push(stringItem(xml)));
  let cellCount = 0;
  let mergedCount = 0;
  const sheets: ReadSheet[] = [];
  for (const match of workbookXml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attribute(match[0], 'name') ?? '';
    const state = attribute(match[0], 'state') ?? 'visible';
    const id = attribute(match[0], 'id');
    const target = id ? rels.get(id)?.target : undefined;
    const sheet = new SheetCells(name, state !== 'visible');
    sheets.push(sheet);
    if (!target || !zip.has(target)) continue;
    const merges: string[] = [];
    let rowNumber = 0;
    await eachElement(zip.stream(target), ['row', 'mergeCell', 'col'], (tag, xml) => {
      if (tag === 'mergeCell') {
        const ref = attribute(xml, 'ref');
        if (ref) merges.push(ref);
        return;
      }
      if (tag === 'col') {
        const hidden = attribute(xml, 'hidden');
        const min = Number(attribute(xml, 'min'));
        const max = Number(attribute(xml, 'max'));
        if (
          (hidden === '1' || hidden === 'true') &&
          Number.isInteger(min) &&
          Number.isInteger(max) &&
          min >= 1 &&
          max >= min &&
          sheet.hiddenColumns.length < MAX_HIDDEN_RANGES
        )
          sheet.hiddenColumns.push([min, Math.min(max, 16_384)]);
        return;
      }
      const head = xml.slice(0, xml.indexOf('>') + 1);
      const declared = Number(attribute(head, 'r'));
      rowNumber = Number.isInteger(declared) && declared >= 1 && declared <= 1_048_576 ? declared : rowNumber + 1;
      const outline = Number(attribute(head, 'outlineLevel') ?? 0);
      if (Number.isInteger(outline) && outline > 0) sheet.outlines.set(rowNumber, Math.min(outline, 7));
      let columnNumber = 0;
      for (const cell of elementsOf(xml, 'c')) {
        const attributes = cell.open;
        const body = cell.body ?? '';
        const ref = attribute(attributes, 'r');
        const at = ref ? reference(ref) : undefined;
        columnNumber = at ? at.column : columnNumber + 1;
        const row = at ? at.row : rowNumber;
        const read = cellValue(attributes, body, shared);
        if (read === undefined) continue;
        const style = attribute(attributes, 's');
        const fill = style !== undefined ? fills[Number(style)] : undefined;
        if (fill) read.fill = fill;
        const indent = style !== undefined ? indents[Number(style)] : undefined;
        if (indent) read.indent = indent;
        if (++cellCount > budget.cells) throw new ZipLimitError('tooManyCells', { max: budget.cells });
        sheet.set(row, columnNumber, read);
      }
      sheet.seal(rowNumber);
    });
    for (const range of merges) {
      const [from, to] = range.split(':');
      const a = from ? reference(from) : undefined;
      const b = to ? reference(to) : a;
      if (!a || !b) continue;
      const master = sheet.cell(a.row, a.column);
      const area = (b.row - a.row + 1) * (b.column - a.column + 1);
      // Followers repeat their master's value, as exceljs showed them; a hostile A1:XFD1048576 is not expanded.
      if (area <= 1 || area > 100_000) continue;
      mergedCount += area - 1;
      if (mergedCount > budget.mergedCells) throw new ZipLimitError('tooManyMerged', { max: budget.mergedCells });
      for (let r = a.row; r <= b.row; r++) {
        for (let c = a.column; c <= b.column; c++) {
          if (r === a.row && c === a.column) continue;
          const own = sheet.cell(r, c);
          sheet.set(r, c, { value: master?.value ?? null, mergedFollower: true, ...(own?.fill ? { fill: own.fill } : master?.fill ? { fill: master.fill } : {}) });
        }
      }
    }
  }
  return { sheets };
}

/** A cell's value from its attributes and body; undefined for a cell without one (style only). */
function cellValue(attributes: string, body: string, shared: string[]): ReadCell | undefined {
  const type = attribute(attributes, 't') ?? 'n';
  const formulaElement = body.includes('<') ? firstElement(body, 'f') : undefined;
  const formula = formulaElement ? xmlText(formulaElement.body ?? '') || '(shared)' : undefined;
  const rawValue = firstElement(body, 'v')?.body;
  let value: string | number | null = null;
  if (type === 'inlineStr') {
    const inline = firstElement(body, 'is')?.body;
    value = inline === undefined ? null : stringItem(inline);
  } else if (rawValue !== undefined) {
    const text = xmlText(rawValue);
    if (type === 's') value = shared[Number(text)] ?? null;
    else if (type === 'str' || type === 'd') value = text;
    else if (type === 'b') value = text === '1' || text === 'true' ? 'TRUE' : 'FALSE';
    else if (type === 'e') value = text;
    else {
      const number = Number(text);
      value = text.trim() === '' || Number.isNaN(number) ? text : number;
    }
  }
  if (typeof value === 'string' && value.trim() === '') value = null;
  if (value === null && formula === undefined) return undefined;
  return formula !== undefined ? { value, formula } : { value };
}

/** A workbook as the importer sees it: plain cell text, fill colours and merges, no exceljs types. */
export interface ReadCell {
  /** Text or number shown in the cell (a formula's cached result); merged followers repeat their master's value. */
  value: string | number | null;
  /** Solid fill colour as RRGGBB, or `theme:N` for a theme colour. */
  fill?: string;
  /** Part of a merged range, but not its top-left cell. */
  mergedFollower?: boolean;
}

export interface ReadSheet {
  name: string;
  hidden: boolean;
  rowCount: number;
  columnCount: number;
  /** 1-based row and column. */
  cell(row: number, column: number): ReadCell | undefined;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
}

type ExcelJS = typeof import('exceljs');

function plain(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.richText)) return (object.richText as { text: string }[]).map((run) => run.text).join('');
    if ('result' in object) return plain(object.result);
    if ('formula' in object || 'sharedFormula' in object) return null;
    if (typeof object.text === 'string') return object.text;
    if ('error' in object) return String(object.error);
  }
  return String(value);
}

function fillOf(fill: unknown): string | undefined {
  const pattern = fill as { type?: string; pattern?: string; fgColor?: { argb?: string; theme?: number } } | undefined;
  if (!pattern || pattern.type !== 'pattern' || pattern.pattern !== 'solid' || !pattern.fgColor) return undefined;
  if (pattern.fgColor.argb) return pattern.fgColor.argb.slice(-6).toUpperCase();
  if (pattern.fgColor.theme !== undefined) return `theme:${pattern.fgColor.theme}`;
  return undefined;
}

/** Reads xlsx bytes; throws Error with exceljs's message when the bytes are not a workbook. */
export async function readXlsx(bytes: Buffer): Promise<ReadWorkbook> {
  const ExcelJS: ExcelJS = ((await import('exceljs')) as unknown as { default: ExcelJS }).default;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets: ReadSheet[] = [];
  workbook.eachSheet((worksheet) => {
    const cells = new Map<string, ReadCell>();
    let rowCount = 0;
    let columnCount = 0;
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        const follower = cell.isMerged && cell.master.address !== cell.address;
        const read: ReadCell = { value: plain(follower ? cell.master.value : cell.value) };
        if (typeof read.value === 'string' && read.value.trim() === '') read.value = null;
        const fill = fillOf(cell.fill);
        if (fill) read.fill = fill;
        if (follower) read.mergedFollower = true;
        if (read.value === null && !read.fill && !follower) return;
        cells.set(`${rowNumber},${columnNumber}`, read);
        rowCount = Math.max(rowCount, rowNumber);
        columnCount = Math.max(columnCount, columnNumber);
      });
    });
    sheets.push({
      name: worksheet.name,
      hidden: worksheet.state !== 'visible',
      rowCount,
      columnCount,
      cell: (row, column) => cells.get(`${row},${column}`),
    });
  });
  return { sheets };
}

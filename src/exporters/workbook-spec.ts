/**
 * A workbook described as plain data: what the exporter builds from the model (a pure
 * function) and what the xlsx writer turns into bytes. Keeping exceljs out of the
 * description keeps the layout testable without writing a file.
 */

export type CellStyle =
  | 'title'
  | 'subtitle'
  | 'header'
  | 'rowHeader'
  | 'rowHeaderContinued'
  | 'wrapContinued'
  | 'group'
  | 'text'
  | 'wrap'
  | 'number'
  | 'score'
  | 'muted'
  | 'link'
  | 'channels'
  | 'gap'
  | 'status-normal'
  | 'status-friction'
  | 'status-opportunity'
  | 'error'
  | 'warn';

export interface FormulaValue {
  formula: string;
  /** Cached result, so viewers that do not recalculate still show it. */
  result: number;
}

/**
 * The model field a cell shows, so that `omni import --into` can turn an edited cell
 * back into a YAML edit. `step` is the index of a scenario step.
 */
export interface EditTarget {
  kind: 'stages' | 'channels' | 'touchpoints' | 'useCases' | 'lifecycle' | 'targets' | 'programs' | 'scenarios' | 'variables';
  id: string;
  field: EditField;
  step?: number;
  /** A row of a branching scenario's steps: its key within the scenario (`~3`, `0f`, `2`), so its cells map to the YAML. */
  line?: string;
}

export type EditField =
  | 'name'
  | 'category'
  | 'objective'
  | 'business'
  | 'experience'
  | 'difficulty'
  | 'priority'
  | 'touchpoints'
  | 'status'
  | 'useCases'
  | 'target'
  | 'triggerType'
  | 'triggerEvent'
  | 'exit'
  | 'goal'
  | 'description'
  | 'sources'
  | 'pii'
  | 'after'
  | 'channel'
  | 'stepName'
  | 'subject'
  | 'message'
  | 'stepDescription'
  /** The Branche cell of a branching scenario's row (a step's `#id`, a wait, a branch's condition…). */
  | 'branch';

export interface CellSpec {
  value: string | number | FormulaValue | null;
  /** The model field shown (not written to the file). */
  edit?: EditTarget;
  style?: CellStyle;
  /** Internal link, e.g. `'Sheet'!B4`. */
  link?: string;
  /** A 1–5 dropdown. */
  scoreDropdown?: boolean;
  /** Alignment indent level (Excel's Increase Indent), for the steps inside a scenario's branches. */
  indent?: number;
}

export interface ColumnSpec {
  width: number;
  hidden?: boolean;
}

export interface ConditionalScale {
  /** Range such as E5:E20. */
  ref: string;
  /** Colours from low to high (ARGB without alpha: RRGGBB). */
  colors: [string, string, string];
}

export interface SheetSpec {
  name: string;
  state?: 'visible' | 'hidden';
  /** Rows from 1; `rows[0]` is row 1. A row is a list of cells from column A (null: empty). */
  rows: (CellSpec | null)[][];
  columns: ColumnSpec[];
  /** Ranges such as A1:D1. */
  merges: string[];
  /** Frozen rows on top and columns on the left. */
  freeze?: { rows: number; columns: number };
  autoFilter?: string;
  /** Rows repeated on every printed page, e.g. `4:4`. */
  printTitleRows?: string;
  conditionalScales?: ConditionalScale[];
  /** 1-based column (hidden) holding each row's key, so rows pair with entities after a sort, insert or delete. */
  keyColumn?: number;
  /**
   * Row outline levels (Excel's Group rows), by row index from 0; absent or 0: not grouped.
   * A group's summary row is above it (a branch under its wait, decision or split).
   */
  outline?: number[];
}

export interface WorkbookSpec {
  title: string;
  subject: string;
  /** Plan date (never the clock): document dates and zip entry dates. */
  date: Date;
  locale: 'fr' | 'en';
  sheets: SheetSpec[];
  /** Cells cut to fit Excel's limits, each naming the sheet and cell. */
  warnings?: string[];
}

/** Column letters from a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A1-style address from 1-based row and column. */
export function address(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

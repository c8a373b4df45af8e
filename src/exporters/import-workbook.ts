import { stringify } from 'yaml';
import { DEFAULT_PRIORITY_WEIGHTS } from '../model/defaults.js';
import { resolveModel } from '../model/resolve.js';
import { SECTION_KINDS, type Locale, type Model, type SectionKind, type Settings } from '../model/types.js';
import { buildWorkbook } from './build-workbook.js';
import { DATA_MARKER, DATA_SHEET, WORKBOOK_LABELS } from './labels.js';
import type { ReadSheet, ReadWorkbook } from './read-xlsx.js';
import { importTemplate } from './template-import.js';
import { importerMessage } from './messages.js';
import { address } from './workbook-spec.js';

export type RawRecord = Record<string, unknown>;
export type RawSections = Record<SectionKind, RawRecord[]>;

export interface ImportedSettings {
  name: string;
  locale: Locale;
  updated?: string;
  priorityWeights?: Settings['priorityWeights'];
  rules?: Settings['rules'];
}

export interface ImportResult {
  settings: ImportedSettings;
  sections: RawSections;
  /** Where the workspace came from: omni's hidden data sheet, or the visible tabs of a hand-filled template. */
  from: 'data-sheet' | 'template';
  /** Each names the sheet and cell concerned, e.g. `Parcours client!D7: …`. */
  warnings: string[];
  /** `kind/id` → the record's JSON as the data sheet holds it: what the workspace was at export time. */
  records?: Map<string, string>;
  /** The workspace declared no lifecycle (omni's default one was exported). */
  defaultLifecycle?: boolean;
}

/** A problem that makes the workbook unusable (missing sheet, unreadable data): the CLI reports it and stops. */
export class WorkbookError extends Error {}

export const emptySections = (): RawSections => Object.fromEntries(SECTION_KINDS.map((kind) => [kind, []])) as unknown as RawSections;

/** `reportVisibleEdits: false` when the caller compares the visible tabs itself (import --into). */
export function importWorkbook(workbook: ReadWorkbook, options: { reportVisibleEdits?: boolean } = {}): ImportResult {
  const data = workbook.sheets.find((sheet) => sheet.name === DATA_SHEET && sheet.cell(1, 1)?.value === DATA_MARKER);
  if (data) return importDataSheet(workbook, data, options.reportVisibleEdits !== false);
  return importTemplate(workbook);
}

/** A record may continue over several cells (Excel's 32,767-character cap). */
function recordText(sheet: ReadSheet, row: number, firstColumn: number): string {
  let text = '';
  for (let column = firstColumn; ; column++) {
    const value = sheet.cell(row, column)?.value;
    if (value === null || value === undefined) break;
    text += String(value);
  }
  return text;
}

function parseObject(text: string, where: string, locale: Locale): RawRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WorkbookError(`${where}: ${importerMessage(locale, 'dataSheetDamaged', { reason: (error as Error).message })}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new WorkbookError(`${where}: ${importerMessage(locale, 'dataSheetDamaged', { reason: importerMessage(locale, 'recordNotObject') })}`);
  return parsed as RawRecord;
}

function importDataSheet(workbook: ReadWorkbook, sheet: ReadSheet, reportVisibleEdits: boolean): ImportResult {
  // The settings say the locale: their own damage is reported in English.
  const rawSettings = parseObject(recordText(sheet, 1, 2), `${DATA_SHEET}!B1`, 'en');
  const locale: Locale = rawSettings.locale === 'en' ? 'en' : 'fr';
  const settings: ImportedSettings = { name: String(rawSettings.name ?? ''), locale };
  if (typeof rawSettings.updated === 'string') settings.updated = rawSettings.updated;
  if (rawSettings.priorityWeights && typeof rawSettings.priorityWeights === 'object')
    settings.priorityWeights = rawSettings.priorityWeights as Settings['priorityWeights'];
  if (rawSettings.rules && typeof rawSettings.rules === 'object') settings.rules = rawSettings.rules as Settings['rules'];
  const sections = emptySections();
  const warnings: string[] = [];
  const records = new Map<string, string>();
  for (const row of sheet.rowNumbers()) {
    if (row < 3) continue;
    const kind = sheet.cell(row, 1)?.value;
    if (kind === null || kind === undefined) continue;
    if (!(SECTION_KINDS as readonly unknown[]).includes(kind)) {
      warnings.push(`${DATA_SHEET}!A${row}: ${importerMessage(locale, 'unknownSection', { section: String(kind) })}`);
      continue;
    }
    const text = recordText(sheet, row, 3);
    const record = parseObject(text, `${DATA_SHEET}!C${row}`, locale);
    sections[kind as SectionKind].push(record);
    records.set(`${String(kind)}/${String(record.id)}`, text);
  }
  const defaultLifecycle = rawSettings.defaultLifecycle === true;
  if (reportVisibleEdits) warnings.push(...visibleEdits(workbook, settings, sections, defaultLifecycle));
  return { settings, sections, from: 'data-sheet', warnings, records, defaultLifecycle };
}

/** The model the data sheet describes, resolved as omni export saw it. */
export function dataSheetModel(settings: ImportedSettings, sections: RawSections, defaultLifecycle: boolean): Model {
  const fullSettings: Settings = {
    name: settings.name,
    locale: settings.locale,
    include: [],
    exclude: [],
    rules: settings.rules ?? {},
    priorityWeights: settings.priorityWeights ?? DEFAULT_PRIORITY_WEIGHTS,
    declared: true,
    ...(settings.updated !== undefined ? { updated: settings.updated } : {}),
  };
  const data: Record<string, unknown> = { ...sections };
  if (defaultLifecycle) delete data.lifecycle;
  return resolveModel(fullSettings, [{ file: 'workbook', data, invalidPaths: [] }]);
}

/**
 * The visible tabs of an omni workbook are a view of the data sheet. `import --out`
 * rebuilds the workspace from the data sheet, so edits made in the visible tabs are not
 * applied there (`import --into` applies them), but they are never dropped silently.
 */
function visibleEdits(workbook: ReadWorkbook, settings: ImportedSettings, sections: RawSections, defaultLifecycle: boolean): string[] {
  let expected;
  try {
    expected = buildWorkbook(dataSheetModel(settings, sections, defaultLifecycle), { errors: 0, warnings: 0, rules: [] });
  } catch {
    return [`${DATA_SHEET}: ${importerMessage(settings.locale, 'visibleNotCompared')}`];
  }
  const readme = WORKBOOK_LABELS[settings.locale].sheets.readme;
  const warnings: string[] = [];
  for (const sheetSpec of expected.sheets) {
    if (sheetSpec.name === readme || sheetSpec.name === DATA_SHEET) continue;
    const actual = workbook.sheets.find((sheet) => sheet.name === sheetSpec.name);
    if (!actual) {
      warnings.push(`${sheetSpec.name}: ${importerMessage(settings.locale, 'sheetMissingFromData')}`);
      continue;
    }
    let reported = 0;
    // Cells to compare: those omni wrote and those the workbook holds, never the whole rectangle.
    const positions: [number, number][] = [];
    sheetSpec.rows.forEach((cells, r) => cells.forEach((spec, c) => spec && spec.value !== null && positions.push([r + 1, c + 1])));
    for (const r of actual.rowNumbers()) for (const c of actual.columnsOf(r)) if (sheetSpec.rows[r - 1]?.[c - 1]?.value == null) positions.push([r, c]);
    positions.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [r, c] of positions) {
      const want = sheetSpec.rows[r - 1]?.[c - 1]?.value ?? null;
      const wantValue = want !== null && typeof want === 'object' ? want.result : want;
      const got = actual.cell(r, c);
      if (got?.mergedFollower) continue;
      // A formula whose cached result the saving tool dropped (openpyxl does) is not an edit.
      if (want !== null && typeof want === 'object' && got?.formula !== undefined && (got.value === null || got.value === undefined)) continue;
      const gotValue = got?.value ?? null;
      // XML turns a carriage return into a line feed: the data sheet keeps the exact text (JSON-escaped).
      if (lineEnds(String(gotValue ?? '')) === lineEnds(String(wantValue ?? ''))) continue;
      if (reported++ < 20) {
        warnings.push(
          `${sheetSpec.name}!${address(r, c)}: ${importerMessage(settings.locale, 'visibleDiffers', { got: String(gotValue ?? ''), want: String(wantValue ?? '') })}`,
        );
      }
    }
    if (reported > 20) warnings.push(`${sheetSpec.name}: ${importerMessage(settings.locale, 'moreEditedCells', { count: reported - 20 })}`);
  }
  return warnings;
}

const lineEnds = (text: string) => text.replace(/\r\n?/g, '\n');

/** Files the imported workspace is written to, and the sections each holds. */
const FILES: { file: string; kinds: SectionKind[] }[] = [
  { file: 'matrix.yaml', kinds: ['stages', 'channels', 'touchpoints'] },
  { file: 'use-cases.yaml', kinds: ['useCases'] },
  { file: 'programs.yaml', kinds: ['lifecycle', 'targets', 'programs'] },
  { file: 'scenarios.yaml', kinds: ['scenarios'] },
  { file: 'data.yaml', kinds: ['sources', 'variables', 'events', 'personas'] },
];

const SCHEMA_BASE = 'https://raw.githubusercontent.com/omni-journey/omni/main/schemas';
const yaml = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });

/** The workspace as YAML files (name → text): omni.yaml plus one file per group of sections. */
export function toWorkspaceFiles(result: Pick<ImportResult, 'settings' | 'sections'>): Map<string, string> {
  const files = new Map<string, string>();
  const { settings } = result;
  const config: Record<string, unknown> = { name: settings.name, locale: settings.locale };
  if (settings.updated !== undefined) config.updated = settings.updated;
  const weights = settings.priorityWeights;
  if (weights && (Object.keys(weights) as (keyof typeof weights)[]).some((key) => weights[key] !== DEFAULT_PRIORITY_WEIGHTS[key])) config.priority = weights;
  if (settings.rules && Object.keys(settings.rules).length > 0) config.rules = settings.rules;
  files.set('omni.yaml', `# yaml-language-server: $schema=${SCHEMA_BASE}/config.schema.json\n${yaml(config)}`);
  for (const { file, kinds } of FILES) {
    const document: Record<string, unknown> = {};
    for (const kind of kinds) if (result.sections[kind].length > 0) document[kind] = result.sections[kind];
    if (Object.keys(document).length === 0) continue;
    files.set(file, `# yaml-language-server: $schema=${SCHEMA_BASE}/model.schema.json\n# ${importerMessage(settings.locale, 'importedComment')}\n${yaml(document)}`);
  }
  return files;
}

import { Document, isMap, isSeq, stringify } from 'yaml';
import { WordedError } from '../i18n/index.js';
import { DEFAULT_PRIORITY_WEIGHTS } from '../model/defaults.js';
import { resolveModel } from '../model/resolve.js';
import { SECTION_KINDS, type Locale, type Model, type SectionKind, type Settings } from '../model/types.js';
import { releaseMemory } from '../util/memory.js';
import { describeWorkbook } from './build-workbook.js';
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
  ruleOptions?: Settings['ruleOptions'];
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
export class WorkbookError extends WordedError {}

export const emptySections = (): RawSections => Object.fromEntries(SECTION_KINDS.map((kind) => [kind, []])) as unknown as RawSections;

/**
 * `reportVisibleEdits: false` when the caller compares the visible tabs itself (import --into);
 * `locale`: the language of a hand-filled template's warnings (the run's; English by default).
 */
export interface ImportOptions {
  reportVisibleEdits?: boolean;
  locale?: Locale;
  /**
   * The rules a new workspace has (omni's own, for `--out`): the workbook's settings of any
   * other rule (a house rule of customRules, a plugin, a shared config) are left out, with a
   * warning naming them. Without it, every setting is kept.
   */
  knownRules?: { has(id: string): boolean };
}

const dataSheetOf = (workbook: ReadWorkbook): ReadSheet | undefined =>
  workbook.sheets.find((sheet) => sheet.name === DATA_SHEET && sheet.cell(1, 1)?.value === DATA_MARKER);

/** The locale an omni workbook's data sheet declares (undefined for a hand-filled template or unreadable settings). */
export function workbookLocale(workbook: ReadWorkbook): Locale | undefined {
  const data = dataSheetOf(workbook);
  if (!data) return undefined;
  try {
    const locale = parseObject(recordText(data, 1, 2), `${DATA_SHEET}!B1`, 'en').locale;
    return locale === 'en' ? 'en' : 'fr';
  } catch {
    return undefined;
  }
}

export function importWorkbook(workbook: ReadWorkbook, options: ImportOptions = {}): ImportResult {
  const data = dataSheetOf(workbook);
  if (data) return importDataSheet(workbook, data, options.reportVisibleEdits !== false, options.knownRules, options.locale);
  return importTemplate(workbook, options.locale);
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

// The workbook's locale no longer words this error (the CLI does, in the run's language); callers still pass it.
function parseObject(text: string, where: string, _locale: Locale): RawRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WorkbookError('dataSheetDamaged', { where, reason: (error as Error).message });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new WorkbookError('dataSheetDamaged', { where, reason: { messageId: 'recordNotObject' } });
  return parsed as RawRecord;
}

function isObjectOfObjects(value: unknown): value is Record<string, Record<string, unknown>> {
  const isObject = (candidate: unknown) => candidate !== null && typeof candidate === 'object' && !Array.isArray(candidate);
  return isObject(value) && Object.values(value as object).every(isObject);
}

function importDataSheet(
  workbook: ReadWorkbook,
  sheet: ReadSheet,
  reportVisibleEdits: boolean,
  knownRules: ImportOptions['knownRules'],
  messageLocale: Locale | undefined,
): ImportResult {
  // The settings say the locale: their own damage is reported in English.
  const rawSettings = parseObject(recordText(sheet, 1, 2), `${DATA_SHEET}!B1`, 'en');
  const workbookLocale: Locale = rawSettings.locale === 'en' ? 'en' : 'fr';
  // Warnings speak the run's language (--locale), else the workbook's.
  const locale = messageLocale ?? workbookLocale;
  const settings: ImportedSettings = { name: String(rawSettings.name ?? ''), locale: workbookLocale };
  if (typeof rawSettings.updated === 'string') settings.updated = rawSettings.updated;
  if (rawSettings.priorityWeights && typeof rawSettings.priorityWeights === 'object')
    settings.priorityWeights = rawSettings.priorityWeights as Settings['priorityWeights'];
  if (rawSettings.rules && typeof rawSettings.rules === 'object') settings.rules = rawSettings.rules as Settings['rules'];
  if (isObjectOfObjects(rawSettings.ruleOptions)) settings.ruleOptions = rawSettings.ruleOptions;
  const sections = emptySections();
  const warnings: string[] = [];
  if (knownRules) {
    const unknown = Object.keys({ ...settings.rules, ...settings.ruleOptions }).filter((id) => !knownRules.has(id));
    if (unknown.length > 0) {
      const keep = <T>(byRule: Record<string, T> | undefined) => byRule && Object.fromEntries(Object.entries(byRule).filter(([id]) => knownRules.has(id)));
      settings.rules = keep(settings.rules);
      settings.ruleOptions = keep(settings.ruleOptions);
      warnings.push(importerMessage(locale, 'houseRuleSettingsLeftOut', { rules: unknown.join(', ') }));
    }
  }
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
    // A duplicated id (duplicate-id's finding) is its first declaration, as in the model's index.
    const key = `${String(kind)}/${String(record.id)}`;
    if (!records.has(key)) records.set(key, text);
  }
  const defaultLifecycle = rawSettings.defaultLifecycle === true;
  if (reportVisibleEdits) warnings.push(...visibleEdits(workbook, settings, sections, defaultLifecycle, locale));
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
function visibleEdits(workbook: ReadWorkbook, settings: ImportedSettings, sections: RawSections, defaultLifecycle: boolean, messageLocale: Locale): string[] {
  let expected;
  try {
    // Sheet by sheet, each dropped once compared: never the whole expected workbook in memory.
    expected = describeWorkbook(dataSheetModel(settings, sections, defaultLifecycle), { errors: 0, warnings: 0, rules: [] });
  } catch {
    return [`${DATA_SHEET}: ${importerMessage(messageLocale, 'visibleNotCompared')}`];
  }
  const readme = WORKBOOK_LABELS[settings.locale].sheets.readme;
  const warnings: string[] = [];
  const sheets = expected.sheets[Symbol.iterator]();
  for (;;) {
    let next;
    try {
      next = sheets.next();
    } catch {
      return [...warnings, `${DATA_SHEET}: ${importerMessage(messageLocale, 'visibleNotCompared')}`];
    }
    if (next.done) break;
    const sheetSpec = next.value;
    if (sheetSpec.name === readme || sheetSpec.name === DATA_SHEET) continue;
    const actual = workbook.sheets.find((sheet) => sheet.name === sheetSpec.name);
    if (!actual) {
      warnings.push(`${sheetSpec.name}: ${importerMessage(messageLocale, 'sheetMissingFromData')}`);
      continue;
    }
    let reported = 0;
    // Cells to compare, row by row and column by column: those omni wrote and those the
    // workbook holds, never the whole rectangle (nor a list of every position).
    const wanted = (r: number, c: number) => sheetSpec.rows[r - 1]?.[c - 1]?.value ?? null;
    const rows = mergeAscending(
      sheetSpec.rows.flatMap((cells, r) => (cells.length > 0 ? [r + 1] : [])),
      actual.rowNumbers(),
    );
    for (const r of rows) {
      const cells = sheetSpec.rows[r - 1] ?? [];
      const mine: number[] = [];
      cells.forEach((spec, c) => spec && spec.value !== null && mine.push(c + 1));
      for (const c of mergeAscending(
        mine,
        actual.columnsOf(r).filter((c) => wanted(r, c) === null),
      )) {
        const want = wanted(r, c);
        const wantValue = want !== null && typeof want === 'object' ? want.result : want;
        const got = actual.cell(r, c);
        if (got?.mergedFollower) continue;
        // A formula whose cached result the saving tool dropped (openpyxl does) is not an edit.
        if (want !== null && typeof want === 'object' && got?.formula !== undefined && (got.value === null || got.value === undefined)) continue;
        const gotValue = got?.value ?? null;
        // XML turns a carriage return into a line feed: the data sheet keeps the exact text (JSON-escaped);
        // and a cell of spaces only reads as empty (readXlsx), as it looks.
        if (visibleText(gotValue) === visibleText(wantValue)) continue;
        if (reported++ < 20) {
          warnings.push(
            `${sheetSpec.name}!${address(r, c)}: ${importerMessage(messageLocale, 'visibleDiffers', { got: String(gotValue ?? ''), want: String(wantValue ?? '') })}`,
          );
        }
      }
    }
    if (reported > 20) warnings.push(`${sheetSpec.name}: ${importerMessage(messageLocale, 'moreEditedCells', { count: reported - 20 })}`);
    sheetSpec.rows = [];
    releaseMemory();
  }
  return warnings;
}

/** A cell's text as the comparison reads it: line ends as XML keeps them, spaces only as empty. */
function visibleText(value: unknown): string {
  const text = lineEnds(String(value ?? ''));
  return text.trim() === '' ? '' : text;
}

/** The union of two ascending lists of numbers, ascending, each number once. */
function mergeAscending(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out[out.length - 1] !== next) out.push(next);
  }
  return out;
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

/** omni.yaml as the docs write it: a rule with options on one line (`sms-length: [warn, { maxSegments: 1 }]`). */
function configYaml(config: Record<string, unknown>): string {
  const document = new Document(config, { aliasDuplicateObjects: false });
  const rules = document.get('rules');
  if (isMap(rules)) for (const pair of rules.items) if (isSeq(pair.value)) pair.value.flow = true;
  return document.toString({ lineWidth: 0 });
}

/** Records stringified together: the YAML tree of 50,000 scenarios at once would take about 1 GB. */
const CHUNK = 1000;

/**
 * The same text as `yaml(document)`, a section's records stringified a chunk at a time:
 * each chunk renders as `kind:` and then its items, which the whole would render alike.
 */
function sectionsYaml(document: Record<string, unknown>): string {
  let text = '';
  for (const [kind, records] of Object.entries(document)) {
    const list = records as unknown[];
    for (let start = 0; start < list.length; start += CHUNK) {
      const part = yaml({ [kind]: list.slice(start, start + CHUNK) });
      text += start === 0 ? part : part.slice(part.indexOf('\n') + 1);
    }
  }
  return text;
}

/** The workspace as YAML files (name → text): omni.yaml plus one file per group of sections. */
export function toWorkspaceFiles(result: Pick<ImportResult, 'settings' | 'sections'>): Map<string, string> {
  const files = new Map<string, string>();
  const { settings } = result;
  const config: Record<string, unknown> = { name: settings.name, locale: settings.locale };
  if (settings.updated !== undefined) config.updated = settings.updated;
  const weights = settings.priorityWeights;
  if (weights && (Object.keys(weights) as (keyof typeof weights)[]).some((key) => weights[key] !== DEFAULT_PRIORITY_WEIGHTS[key])) config.priority = weights;
  const rules: Record<string, unknown> = {};
  for (const [id, severity] of Object.entries(settings.rules ?? {})) {
    const options = settings.ruleOptions?.[id];
    rules[id] = options && Object.keys(options).length > 0 ? [severity, options] : severity;
  }
  if (Object.keys(rules).length > 0) config.rules = rules;
  files.set('omni.yaml', `# yaml-language-server: $schema=${SCHEMA_BASE}/config.schema.json\n${configYaml(config)}`);
  for (const { file, kinds } of FILES) {
    const document: Record<string, unknown> = {};
    for (const kind of kinds) if (result.sections[kind].length > 0) document[kind] = result.sections[kind];
    if (Object.keys(document).length === 0) continue;
    files.set(
      file,
      `# yaml-language-server: $schema=${SCHEMA_BASE}/model.schema.json\n# ${importerMessage(settings.locale, 'importedComment')}\n${sectionsYaml(document)}`,
    );
    releaseMemory();
  }
  return files;
}

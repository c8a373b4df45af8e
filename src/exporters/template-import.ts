import { importHeaders, VOCABULARY, type ImporterMessageId, type MessageData, type WordedMessage } from '../i18n/index.js';
import { LABELS, STATUS_COLORS } from '../model/labels.js';
import type { Locale, TouchpointStatus } from '../model/types.js';
import { emptySections, WorkbookError, type ImportResult, type RawRecord, type RawSections } from './import-workbook.js';
import { WORKBOOK_LABELS } from './labels.js';
import { importerMessage } from './messages.js';
import type { ReadSheet, ReadWorkbook } from './read-xlsx.js';
import { isBranchRow, readBranchCell, type BranchCell } from './spec-branches.js';
import { address } from './workbook-spec.js';
import { statusOfHue } from './xlsx-colours.js';
import { delayOffset, scoreOf, triggerTypeOf, yesNoOf } from './cell-words.js';

/** Lower case, no accents, one kind of apostrophe and single spaces: how headers and names are compared. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Id from a name: ASCII, lower case, dashes (e.g. "Je me renseigne" → je-me-renseigne). */
export function slugify(name: string): string {
  return normalise(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** Deterministic unique ids per section: the slug, then slug-2, slug-3… */
/** A template variable identifier, as `{{first_name}}` uses it. */
export const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export class IdMaker {
  private readonly used = new Set<string>();
  constructor(private readonly fallback: string) {}
  /** The id as written, made unique the same way when it is taken. */
  keep(id: string): string {
    let unique = id;
    for (let n = 2; this.used.has(unique); n++) unique = `${id}_${n}`;
    this.used.add(unique);
    return unique;
  }
  make(name: string): string {
    const base = slugify(name) || this.fallback;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}

type SheetKey = 'matrix' | 'useCases' | 'scenarioMap' | 'scenarioSpec' | 'data';
const SHEET_KEYS: SheetKey[] = ['matrix', 'useCases', 'scenarioMap', 'scenarioSpec', 'data'];

/** Template colours people actually use (Google Sheets palette and Excel's), besides omni's own. */
export const KNOWN_FILLS: Record<TouchpointStatus, string[]> = {
  normal: ['FFFF00', 'FFF2CC', 'FFE599', 'FFD966', 'FCE8B2', 'FFEB9C', 'FFFF99'],
  friction: ['FF9900', 'F6B26B', 'F9CB9C', 'FCE5CD', 'E69138', 'FFC000', 'F4B183', 'F8CBAD', 'FFCC99'],
  opportunity: ['00FF00', 'B6D7A8', '93C47D', 'D9EAD3', '6AA84F', '92D050', '00B050', 'C6EFCE', 'A9D08E', 'CCFFCC'],
};
const NO_FILL = new Set(['FFFFFF']);

/** One warning: where (`Sheet!A1`), then the reason in the run's language. */
function warn(context: Context, where: string, id: ImporterMessageId, data?: MessageData): void {
  context.warnings.push(`${where}: ${importerMessage(context.messageLocale, id, data)}`);
}

const NOT_A_BRANCH_OF: Record<'wait' | 'decision' | 'split', ImporterMessageId> = {
  wait: 'templateNotABranchOfWait',
  decision: 'templateNotABranchOfDecision',
  split: 'templateNotABranchOfSplit',
};

interface Context {
  warnings: string[];
  /** The workbook's language (its labels). */
  locale: Locale;
  /** The language of the warnings: the run's. */
  messageLocale: Locale;
  sections: RawSections;
  ids: Record<string, IdMaker>;
  /** Normalised name → id, per section. */
  byName: Record<string, Map<string, string>>;
}

const text = (sheet: ReadSheet, row: number, column: number): string | undefined => {
  const value = sheet.cell(row, column)?.value;
  if (value === null || value === undefined) return undefined;
  const string = String(value).trim();
  return string === '' ? undefined : string;
};

function rowIsEmpty(sheet: ReadSheet, row: number): boolean {
  for (const c of sheet.columnsOf(row)) if (text(sheet, row, c) !== undefined) return false;
  return true;
}

/** Rows holding cells, from `first` on: every loop goes over content, never the sheet's rectangle. */
function rowsFrom(sheet: ReadSheet, first: number): number[] {
  return sheet.rowNumbers().filter((row) => row >= first);
}

function columnsFrom(sheet: ReadSheet, row: number, first: number): number[] {
  return sheet.columnsOf(row).filter((column) => column >= first);
}

function findSheet(workbook: ReadWorkbook, key: SheetKey): ReadSheet | undefined {
  const names = new Set(Object.values(WORKBOOK_LABELS).map((labels) => normalise(labels.sheets[key])));
  return workbook.sheets.find((sheet) => !sheet.hidden && names.has(normalise(sheet.name)));
}

/** Adds an entity of `kind` named `name` unless one already has that name; returns its id. */
function entity(context: Context, kind: keyof RawSections, name: string, fields: RawRecord = {}): string {
  const key = normalise(name);
  const known = context.byName[kind]!.get(key);
  if (known) return known;
  const id = context.ids[kind]!.make(name);
  context.byName[kind]!.set(key, id);
  context.sections[kind].push({ id, name, ...fields });
  return id;
}

/**
 * Imports the team's own template, filled in by hand (no ids, no data sheet): ids are
 * derived from names, and anything that cannot be placed is reported with its sheet
 * and cell rather than dropped in silence.
 */
export function importTemplate(workbook: ReadWorkbook, messageLocale: Locale = 'en'): ImportResult {
  const sheets = {} as Record<SheetKey, ReadSheet>;
  const missing: WordedMessage[] = [];
  let locale: Locale = 'fr';
  for (const key of SHEET_KEYS) {
    const sheet = findSheet(workbook, key);
    if (sheet) {
      sheets[key] = sheet;
      if (normalise(sheet.name) === normalise(WORKBOOK_LABELS.en.sheets[key]) && normalise(sheet.name) !== normalise(WORKBOOK_LABELS.fr.sheets[key])) locale = 'en';
    } else missing.push({ messageId: 'sheetEitherName', data: { first: WORKBOOK_LABELS.fr.sheets[key], second: WORKBOOK_LABELS.en.sheets[key] } });
  }
  if (missing.length > 0) {
    const present: WordedMessage | WordedMessage[] =
      workbook.sheets.length > 0 ? workbook.sheets.map((sheet) => ({ messageId: 'sheetName', data: { name: sheet.name } })) : { messageId: 'noSheet' };
    throw new WorkbookError('sheetsNotFound', { count: missing.length, sheets: missing, present });
  }
  const context: Context = {
    warnings: [],
    locale,
    messageLocale,
    sections: emptySections(),
    ids: Object.fromEntries(Object.keys(emptySections()).map((kind) => [kind, new IdMaker(kind.replace(/s$/, ''))])),
    byName: Object.fromEntries(Object.keys(emptySections()).map((kind) => [kind, new Map<string, string>()])),
  };
  importMatrix(context, sheets.matrix);
  importUseCases(context, sheets.useCases);
  const placement = importScenarioMap(context, sheets.scenarioMap);
  importScenarioSpec(context, sheets.scenarioSpec, placement);
  importDataNeeds(context, sheets.data);
  const title = sheets.matrix.cell(1, 1)?.value;
  const name = typeof title === 'string' && title.includes(' — ') ? title.split(' — ').slice(1).join(' — ') : WORKBOOK_LABELS[locale].importedPlanName;
  return { settings: { name, locale }, sections: context.sections, from: 'template', warnings: context.warnings };
}

const legendWords = (): Set<string> => new Set(Object.values(LABELS).map((labels) => normalise(labels.legend)));

/** Status per fill colour: omni's colours, the usual template colours, and those of the sheet's own legend. */
function statusFills(sheet: ReadSheet, legendRow: number | undefined): Map<string, TouchpointStatus> {
  const fills = new Map<string, TouchpointStatus>();
  for (const status of ['normal', 'friction', 'opportunity'] as const) {
    fills.set(STATUS_COLORS[status].fill, status);
    for (const rgb of KNOWN_FILLS[status]) fills.set(rgb, status);
  }
  if (legendRow !== undefined) {
    const words = new Map<string, TouchpointStatus>();
    for (const labels of Object.values(LABELS)) for (const status of ['normal', 'friction', 'opportunity'] as const) words.set(normalise(labels.status[status]), status);
    words.set('friction', 'friction');
    words.set('opportunite', 'opportunity');
    for (const c of columnsFrom(sheet, legendRow, 2)) {
      const word = text(sheet, legendRow, c);
      const fill = sheet.cell(legendRow, c)?.fill;
      const status = word ? words.get(normalise(word)) : undefined;
      if (status && fill) fills.set(fill, status);
    }
  }
  return fills;
}

function importMatrix(context: Context, sheet: ReadSheet): void {
  const legend = legendWords();
  let legendRow: number | undefined;
  let headerRow: number | undefined;
  for (const r of sheet.rowNumbers()) {
    if (headerRow !== undefined) break;
    const first = text(sheet, r, 1);
    if (first && legend.has(normalise(first))) {
      legendRow = r;
      continue;
    }
    for (const c of columnsFrom(sheet, r, 2)) if (text(sheet, r, c) !== undefined) headerRow = r;
  }
  if (headerRow === undefined) {
    warn(context, sheet.name, 'templateNoStage');
    return;
  }
  const fills = statusFills(sheet, legendRow);
  const stageOf = new Map<number, string>();
  for (const c of columnsFrom(sheet, headerRow, 2)) {
    const name = text(sheet, headerRow, c);
    if (name && !sheet.cell(headerRow, c)?.mergedFollower) stageOf.set(c, entity(context, 'stages', name));
    else if (name && stageOf.has(c - 1)) stageOf.set(c, stageOf.get(c - 1)!);
  }
  let channel: string | undefined;
  for (const r of rowsFrom(sheet, headerRow + 1)) {
    if (rowIsEmpty(sheet, r)) continue;
    const channelName = text(sheet, r, 1);
    if (channelName && !sheet.cell(r, 1)?.mergedFollower) channel = entity(context, 'channels', channelName);
    for (const c of columnsFrom(sheet, r, 2)) {
      const cell = sheet.cell(r, c);
      const name = text(sheet, r, c);
      if (!name || cell?.mergedFollower) continue;
      const where = `${sheet.name}!${address(r, c)}`;
      const stage = stageOf.get(c);
      if (!stage) {
        warn(context, where, 'templateNoStageHeader', { name });
        continue;
      }
      if (!channel) {
        warn(context, where, 'templateNoChannelRow', { name });
        continue;
      }
      let status: TouchpointStatus = 'normal';
      const fill = cell?.fill;
      if (fill && !NO_FILL.has(fill)) {
        const known = fills.get(fill);
        const guessed = known ? undefined : statusOfHue(fill);
        if (known) status = known;
        else if (guessed) {
          status = guessed;
          warn(context, where, 'templateFillByHue', { fill, status: guessed });
        } else warn(context, where, 'templateUnknownFill', { fill });
      }
      const id = context.ids.touchpoints!.make(name);
      context.byName.touchpoints!.set(normalise(name), context.byName.touchpoints!.get(normalise(name)) ?? id);
      context.sections.touchpoints.push({ id, name, stage, channel, status });
    }
  }
}

type Columns<K extends string> = Partial<Record<K, number>>;

/**
 * Finds the header row (the first holding the `key` column) and maps known headers to
 * fields; unknown headers with values below them are reported, not guessed.
 */
function readHeader<K extends string>(
  context: Context,
  sheet: ReadSheet,
  synonyms: Record<K, string[]>,
  key: NoInfer<K>,
): { row: number; columns: Columns<K> } | undefined {
  const lookup = new Map<string, K>();
  for (const field of Object.keys(synonyms) as K[]) for (const word of synonyms[field]) lookup.set(normalise(word), field);
  for (const r of sheet.rowNumbers()) {
    if (r > 20) break;
    const columns: Columns<K> = {};
    const unknown: number[] = [];
    for (const c of sheet.columnsOf(r)) {
      const header = text(sheet, r, c);
      if (!header) continue;
      const field = lookup.get(normalise(header));
      if (field !== undefined && columns[field] === undefined) columns[field] = c;
      else unknown.push(c);
    }
    // The header row names the key column and at least one more (a title row naming the sheet is not one).
    if (columns[key] === undefined || Object.keys(columns).length < 2) continue;
    // One pass over the cells below the header: values of unknown columns are counted,
    // values under no header at all are data too, and reported.
    const unknownValues = new Map<number, number>(unknown.map((c) => [c, 0]));
    const headerless: [number, number, string][] = [];
    for (const row of rowsFrom(sheet, r + 1)) {
      for (const c of sheet.columnsOf(row)) {
        const value = text(sheet, row, c);
        if (value === undefined || sheet.cell(row, c)?.mergedFollower) continue;
        if (unknownValues.has(c)) unknownValues.set(c, unknownValues.get(c)! + 1);
        // A hidden column without a header (omni's row keys, a helper someone hid) is not the template's.
        else if (text(sheet, r, c) === undefined && !sheet.isColumnHidden?.(c)) headerless.push([c, row, value]);
      }
    }
    for (const c of unknown) {
      const values = unknownValues.get(c)!;
      warn(context, `${sheet.name}!${address(r, c)}`, values === 1 ? 'templateUnknownColumnOne' : 'templateUnknownColumn', {
        name: text(sheet, r, c) ?? '',
        count: values,
      });
    }
    headerless.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [c, row, value] of headerless) warn(context, `${sheet.name}!${address(row, c)}`, 'cellWithoutHeader', { text: value });
    return { row: r, columns };
  }
  return undefined;
}

const { useCase: useCaseHeaders, ...otherUseCaseHeaders } = importHeaders('useCases');
const USE_CASE_HEADERS = { ...otherUseCaseHeaders, name: useCaseHeaders };

/** List cells: one item per line or semicolon; a comma may be part of a name ("Paris, Rive gauche"). */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\n;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/**
 * A list cell typed by hand: items per line or semicolon; an item that is not a known
 * name as a whole but some of whose comma-separated parts are is split on its commas too
 * ("Carte fidélité, Programme VIP"), while a name holding a comma stays whole.
 */
export function splitKnownList(value: string | undefined, isKnown: (item: string) => boolean): string[] {
  return splitList(value).flatMap((item) => {
    if (isKnown(item) || !item.includes(',')) return [item];
    const parts = item
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    // Split when some part is a known name (the others are then reported one by one).
    return parts.some(isKnown) ? parts : [item];
  });
}

/** The scenario map's channel lines ("Email, SMS"), which omni writes comma-separated. */
function channelList(value: string): string[] {
  return value
    .split(/[\n,;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function importUseCases(context: Context, sheet: ReadSheet): void {
  const header = readHeader(context, sheet, USE_CASE_HEADERS, 'name');
  if (!header) {
    warn(context, sheet.name, 'templateNoUseCaseHeader', { column: WORKBOOK_LABELS[context.locale].useCases.useCase });
    return;
  }
  const { row: headerRow, columns } = header;
  const get = (r: number, field: keyof typeof USE_CASE_HEADERS) => (columns[field] === undefined ? undefined : text(sheet, r, columns[field]!));
  const score = (r: number, field: 'business' | 'experience' | 'difficulty'): number => {
    const value = get(r, field);
    const where = `${sheet.name}!${address(r, columns[field] ?? 1)}`;
    const number = scoreOf(value);
    if (number !== undefined) return number;
    if (value === undefined) warn(context, where, 'templateEmptyScore', { field });
    else warn(context, where, 'badScoreSetTo3', { field, text: value });
    return 3;
  };
  for (const r of rowsFrom(sheet, headerRow + 1)) {
    if (rowIsEmpty(sheet, r)) continue;
    const nameColumn = columns.name!;
    const name = get(r, 'name');
    if (!name || sheet.cell(r, nameColumn)?.mergedFollower) {
      const stray = sheet.columnsOf(r).find((c) => text(sheet, r, c) !== undefined && !sheet.cell(r, c)?.mergedFollower);
      if (stray !== undefined && !name) warn(context, `${sheet.name}!${address(r, nameColumn)}`, 'templateNoUseCaseName');
      continue;
    }
    const record: RawRecord = { id: context.ids.useCases!.make(name), name };
    const category = get(r, 'category');
    const objective = get(r, 'objective');
    if (category) record.category = category;
    if (objective) record.objective = objective;
    const touchpoints: string[] = [];
    const knownTouchpoint = (item: string) => context.byName.touchpoints!.has(normalise(item)) || context.sections.touchpoints.some((t) => t.id === item);
    for (const item of splitKnownList(get(r, 'touchpoints'), knownTouchpoint)) {
      const id = context.byName.touchpoints!.get(normalise(item)) ?? (context.sections.touchpoints.some((t) => t.id === item) ? item : undefined);
      if (id) touchpoints.push(id);
      else warn(context, `${sheet.name}!${address(r, columns.touchpoints!)}`, 'templateUnknownTouchpoint', { item });
    }
    if (touchpoints.length > 0) record.touchpoints = touchpoints;
    record.scores = { business: score(r, 'business'), experience: score(r, 'experience'), difficulty: score(r, 'difficulty') };
    const fixed = get(r, 'priority');
    if (fixed !== undefined) {
      const rank = Number(fixed);
      if (Number.isInteger(rank) && rank >= 1) record.priority = rank;
      else warn(context, `${sheet.name}!${address(r, columns.priority!)}`, 'templateBadRank', { text: fixed });
    }
    context.byName.useCases!.set(normalise(name), record.id as string);
    context.sections.useCases.push(record);
  }
}

interface Placement {
  /** The cell line as written, and without a trailing "(…)" (the channels, in the template). */
  name: string;
  bare: string;
  used?: boolean;
  lifecycle: string;
  target: string;
  where: string;
}

/** Scenario map: lifecycle stages as column headers, targets as row headers; returns where each scenario sits. */
function importScenarioMap(context: Context, sheet: ReadSheet): Placement[] {
  const placement: Placement[] = [];
  let headerRow: number | undefined;
  for (const r of sheet.rowNumbers()) {
    if (headerRow !== undefined) break;
    for (const c of columnsFrom(sheet, r, 2)) if (text(sheet, r, c) !== undefined) headerRow = r;
  }
  if (headerRow === undefined) return placement;
  const lifecycleOf = new Map<number, string>();
  for (let c = 2; c <= sheet.columnCount; c++) {
    const name = text(sheet, headerRow, c);
    if (name && !sheet.cell(headerRow, c)?.mergedFollower) lifecycleOf.set(c, entity(context, 'lifecycle', name));
    else if (lifecycleOf.has(c - 1) && (name || !text(sheet, headerRow, c))) lifecycleOf.set(c, lifecycleOf.get(c - 1)!);
  }
  const channelNames = new Set(context.sections.channels.map((channel) => normalise(String(channel.name))));
  let target: string | undefined;
  for (const r of rowsFrom(sheet, headerRow + 1)) {
    if (rowIsEmpty(sheet, r)) continue;
    const targetName = text(sheet, r, 1);
    if (targetName && !sheet.cell(r, 1)?.mergedFollower) target = entity(context, 'targets', targetName);
    for (const c of columnsFrom(sheet, r, 2)) {
      const value = text(sheet, r, c);
      if (!value || sheet.cell(r, c)?.mergedFollower) continue;
      const where = `${sheet.name}!${address(r, c)}`;
      const lifecycle = lifecycleOf.get(c);
      if (!lifecycle || !target) {
        warn(context, where, lifecycle ? 'templateNoTargetRow' : 'templateNoLifecycleColumn', { text: value });
        continue;
      }
      for (const line of value
        .split('\n')
        .map((item) => item.trim())
        .filter(Boolean)) {
        // A line listing only channels describes the scenario above it.
        if (channelList(line).every((item) => channelNames.has(normalise(item)))) continue;
        placement.push({ name: line, bare: line.replace(/\s*\([^()]*\)\s*$/, '') || line, lifecycle, target, where });
      }
    }
  }
  return placement;
}

const SPEC_HEADERS = importHeaders('scenarioSpec');

function importScenarioSpec(context: Context, sheet: ReadSheet, placement: Placement[]): void {
  const header = readHeader(context, sheet, SPEC_HEADERS, 'scenario');
  if (!header) {
    warn(context, sheet.name, 'templateNoScenarioHeader', { column: WORKBOOK_LABELS[context.locale].scenarioSpec.scenario });
    return;
  }
  const { row: headerRow, columns } = header;
  const get = (r: number, field: keyof typeof SPEC_HEADERS) => {
    const column = columns[field];
    if (column === undefined || sheet.cell(r, column)?.mergedFollower) return undefined;
    return text(sheet, r, column);
  };
  const stepFields = ['after', 'channel', 'stepName', 'subject', 'message', 'stepDescription', 'branch'] as const;
  let program: string | undefined;
  let scenario: RawRecord | undefined;
  let flow: FlowReader | undefined;
  /** A row's nesting: its outline level or the indent of its Branche or delay cell, whichever is deeper (Excel caps outlines at 7). */
  const levelOf = (r: number): number => {
    const indent = (field: 'branch' | 'after') => (columns[field] === undefined ? 0 : (sheet.cell(r, columns[field]!)?.indent ?? 0));
    return Math.max(sheet.outlineLevel?.(r) ?? 0, indent('branch'), indent('after'));
  };
  for (const r of rowsFrom(sheet, headerRow + 1)) {
    if (rowIsEmpty(sheet, r)) continue;
    const name = get(r, 'scenario');
    const first = text(sheet, r, 1);
    const hasStep = stepFields.some((field) => get(r, field) !== undefined);
    if (!name && !hasStep && first && !sheet.cell(r, 1)?.mergedFollower) {
      // A group row: the programme the next scenarios belong to.
      program = entity(context, 'programs', first);
      continue;
    }
    if (name) {
      flow?.finish();
      flow = undefined;
      const programName = get(r, 'program');
      if (programName) program = entity(context, 'programs', programName);
      const where = `${sheet.name}!${address(r, columns.scenario!)}`;
      const key = normalise(name);
      const placed = placement.find((entry) => !entry.used && normalise(entry.name) === key) ?? placement.find((entry) => !entry.used && normalise(entry.bare) === key);
      if (placed) placed.used = true;
      scenario = buildScenario(context, name, where, {
        program,
        target: get(r, 'target'),
        type: get(r, 'triggerType'),
        typeCell: `${sheet.name}!${address(r, columns.triggerType ?? columns.scenario!)}`,
        event: get(r, 'trigger'),
        exit: splitList(get(r, 'exit')?.replace(/,/g, '\n')),
        goal: get(r, 'goal'),
        placed,
      });
      const useCasesCell = `${sheet.name}!${address(r, columns.useCases ?? columns.scenario!)}`;
      const known = (item: string) => context.byName.useCases!.has(normalise(item)) || context.sections.useCases.some((u) => u.id === item);
      const useCases: string[] = [];
      for (const item of splitKnownList(get(r, 'useCases'), known)) {
        const id = context.byName.useCases!.get(normalise(item)) ?? (context.sections.useCases.some((u) => u.id === item) ? item : undefined);
        if (id) useCases.push(id);
        else warn(context, useCasesCell, 'templateUnknownUseCase', { item, sheet: WORKBOOK_LABELS[context.locale].sheets.useCases });
      }
      if (useCases.length > 0) scenario.useCases = useCases;
    }
    if (hasStep) {
      if (!scenario) {
        warn(context, `${sheet.name}!${address(r, columns.after ?? columns.channel ?? 1)}`, 'templateStepBeforeScenario');
        continue;
      }
      flow ??= new FlowReader(context, scenario.steps as RawRecord[]);
      const branchText = get(r, 'branch');
      const branchWhere = `${sheet.name}!${address(r, columns.branch ?? 1)}`;
      const cell = branchText === undefined ? undefined : readBranchCell(branchText);
      const hasFields = stepFields.some((field) => field !== 'branch' && get(r, field) !== undefined);
      // A `↳` row omni cannot read is left out; other words in the column leave a step a step.
      const unread = branchText !== undefined && cell === undefined;
      const asStep = unread && hasFields && !isBranchRow(branchText);
      const note = unread
        ? `${branchWhere}: ${importerMessage(context.messageLocale, asStep ? 'templateUnreadBranchAsStep' : 'templateUnreadBranch', { text: branchText })}`
        : undefined;
      if (unread && !asStep) {
        flow.row({ level: levelOf(r), unread: true, note: note!, text: branchText, where: branchWhere, afterWhere: '', message: () => ({}) });
        continue;
      }
      if ((cell === undefined || cell.kind === 'id') && !hasFields) continue;
      // `2 jours`, `48 h`: the delay as people type it, read as an offset (and said so).
      const typed = get(r, 'after');
      const read = typed === undefined ? undefined : delayOffset(typed);
      const afterWhere = `${sheet.name}!${address(r, columns.after ?? 1)}`;
      if (read !== undefined) warn(context, afterWhere, 'templateDelayRead', { text: typed!, offset: read });
      const after = read ?? typed;
      const messageStep = (): RawRecord => {
        const channelName = get(r, 'channel');
        const where = `${sheet.name}!${address(r, columns.channel ?? 1)}`;
        let channel: string;
        if (channelName) {
          channel = context.byName.channels!.get(normalise(channelName)) ?? '';
          if (!channel) {
            channel = entity(context, 'channels', channelName);
            warn(context, where, 'templateChannelAdded', { name: channelName });
          }
        } else {
          channel = 'unknown';
          warn(context, where, 'templateStepWithoutChannel');
        }
        const step: RawRecord = cell?.kind === 'fallback' ? { channel } : { after: after ?? '0', channel };
        if (cell?.kind !== 'fallback' && after === undefined) warn(context, afterWhere, 'templateStepWithoutDelay');
        const stepName = get(r, 'stepName');
        const subject = get(r, 'subject');
        const message = get(r, 'message');
        const stepDescription = get(r, 'stepDescription');
        if (stepName) step.name = stepName;
        if (subject) step.subject = subject;
        if (message) step.message = message;
        if (stepDescription) step.description = stepDescription;
        return step;
      };
      flow.row({
        ...(note !== undefined ? { note } : {}),
        level: levelOf(r),
        cell: cell?.kind === 'id' ? undefined : cell,
        ...(cell?.kind === 'id' ? { id: cell.id } : {}),
        text: branchText ?? '',
        where: branchWhere,
        after,
        label: get(r, 'stepName'),
        description: get(r, 'stepDescription'),
        afterWhere,
        message: messageStep,
      });
    }
  }
  flow?.finish();
  // Scenarios on the map but not specified still exist.
  const channelNames = new Set(context.sections.channels.map((channel) => normalise(String(channel.name))));
  for (const placed of placement.filter((entry) => !entry.used)) {
    const inner = /\(([^()]*)\)\s*$/.exec(placed.name)?.[1];
    const name = inner !== undefined && channelList(inner).every((item) => channelNames.has(normalise(item))) ? placed.bare : placed.name;
    warn(context, placed.where, 'templateScenarioOnlyOnMap', { name, sheet: sheet.name });
    buildScenario(context, name, placed.where, { placed, exit: [] });
  }
}

function buildScenario(
  context: Context,
  name: string,
  where: string,
  fields: { program?: string; target?: string; type?: string; typeCell?: string; event?: string; exit: string[]; goal?: string; placed?: Placement },
): RawRecord {
  const labels = WORKBOOK_LABELS[context.locale];
  let program = fields.program;
  if (!program) {
    program = entity(context, 'programs', labels.scenarioSpec.unknownProgram);
    warn(context, where, 'templateNoProgram', { name, program: labels.scenarioSpec.unknownProgram });
  }
  let lifecycle = fields.placed?.lifecycle;
  if (!lifecycle) {
    lifecycle = context.sections.lifecycle[0]?.id as string | undefined;
    if (!lifecycle) lifecycle = entity(context, 'lifecycle', VOCABULARY[context.locale].terms.defaultLifecycle.welcome);
    warn(context, where, 'templateNotOnMap', { name, lifecycle });
  }
  const target = fields.target
    ? entity(context, 'targets', fields.target)
    : (fields.placed?.target ?? entity(context, 'targets', VOCABULARY[context.locale].terms.defaultTarget));
  let type = triggerTypeOf(fields.type);
  if (!type) {
    type = 'behavior';
    warn(context, fields.typeCell ?? where, fields.type ? 'templateBadTriggerType' : 'templateEmptyTriggerType', {
      text: fields.type ?? '',
      behavior: LABELS[context.locale].trigger.behavior,
      event: LABELS[context.locale].trigger.event,
    });
  }
  let event = fields.event;
  if (!event) {
    event = slugify(name).replace(/-/g, '_') || 'trigger';
    warn(context, where, 'templateNoTrigger', { name, event });
  }
  const record: RawRecord = {
    id: context.ids.scenarios!.make(name),
    name,
    program,
    lifecycle,
    target,
    trigger: { type, event },
    exit: fields.exit,
    ...(fields.goal ? { goal: fields.goal } : {}),
    variables: [],
    steps: [],
  };
  context.byName.scenarios!.set(normalise(name), record.id as string);
  context.sections.scenarios.push(record);
  return record;
}

const DATA_HEADERS = importHeaders('data');

function importDataNeeds(context: Context, sheet: ReadSheet): void {
  const header = readHeader(context, sheet, DATA_HEADERS, 'variable');
  if (!header) {
    warn(context, sheet.name, 'templateNoVariableHeader');
    return;
  }
  const { row: headerRow, columns } = header;
  const get = (r: number, field: keyof typeof DATA_HEADERS) => (columns[field] === undefined ? undefined : text(sheet, r, columns[field]!));
  const unusedLabels = new Set(Object.values(WORKBOOK_LABELS).map((labels) => normalise(labels.data.unused)));
  const noSource = new Set(Object.values(WORKBOOK_LABELS).map((labels) => normalise(labels.data.noSource)));
  const variables = new Map<string, RawRecord>();
  let scenario: RawRecord | undefined;
  for (const r of rowsFrom(sheet, headerRow + 1)) {
    if (rowIsEmpty(sheet, r)) continue;
    const scenarioColumn = columns.scenario;
    const scenarioName = scenarioColumn === undefined || sheet.cell(r, scenarioColumn)?.mergedFollower ? undefined : get(r, 'scenario');
    if (scenarioName) {
      const id = context.byName.scenarios!.get(normalise(scenarioName));
      scenario = id ? context.sections.scenarios.find((s) => s.id === id) : undefined;
      const scenarioKnown = scenario !== undefined || unusedLabels.has(normalise(scenarioName));
      if (!scenarioKnown) warn(context, `${sheet.name}!${address(r, scenarioColumn!)}`, 'templateVariablesOfUnknownScenario', { name: scenarioName });
      const description = columns.description === undefined || sheet.cell(r, columns.description)?.mergedFollower ? undefined : get(r, 'description');
      if (description && scenario) scenario.description = description;
      else if (description) warn(context, `${sheet.name}!${address(r, columns.description!)}`, 'templateDescriptionOfUnknownScenario');
    }
    const name = get(r, 'variable');
    if (!name) continue;
    const key = normalise(name);
    let variable = variables.get(key);
    if (!variable) {
      // A cell that already reads as a template identifier (first_name) is the id, as written:
      // the messages' {{first_name}} must keep resolving.
      variable = { id: IDENTIFIER.test(name) ? context.ids.variables!.keep(name) : context.ids.variables!.make(name), name, sources: [] };
      variables.set(key, variable);
      context.sections.variables.push(variable);
    }
    const sources = variable.sources as string[];
    for (const sourceName of splitKnownList(get(r, 'sources'), (item) => context.byName.sources!.has(normalise(item)))) {
      if (noSource.has(normalise(sourceName))) continue;
      const source = entity(context, 'sources', sourceName);
      if (!sources.includes(source)) sources.push(source);
    }
    const pii = yesNoOf(get(r, 'pii'));
    if (pii === true) variable.pii = true;
    else if (pii === undefined)
      warn(context, `${sheet.name}!${address(r, columns.pii ?? 1)}`, 'templateNotYesNo', {
        text: get(r, 'pii')!,
        yes: WORKBOOK_LABELS[context.locale].data.yes,
        no: WORKBOOK_LABELS[context.locale].data.no,
      });
    if (scenario) {
      const used = scenario.variables as string[];
      if (!used.includes(variable.id as string)) used.push(variable.id as string);
    }
  }
}

/** One row of a scenario's steps in a hand-filled specification tab. */
interface FlowRow {
  /** Outline level or indent; 0 when not indented. */
  level: number;
  /** What the Branche cell says (undefined: a plain message step). */
  cell?: Exclude<BranchCell, { kind: 'id' }>;
  /** A message step's id (`#offre` in the Branche cell). */
  id?: string;
  text: string;
  where: string;
  after?: string;
  afterWhere: string;
  label?: string;
  description?: string;
  /** The message (or fallback) the row's step cells describe, with their warnings. */
  message: () => RawRecord;
  /** A warning about the row, given in row order with the others. */
  note?: string;
  /** A `↳` row omni cannot read: left out with its steps (its warning says why). */
  unread?: boolean;
}

type ControlKind = 'wait' | 'decision' | 'split';
/** What a `↳` row can say. */
type BranchRowCell = Extract<BranchCell, { kind: 'event' | 'timedOut' | 'otherwise' | 'target' | 'condition' | 'pastEvent' | 'percent' | 'control' }>;
interface OpenControl {
  raw: RawRecord;
  kind: ControlKind;
  level: number;
}
interface Frame {
  steps: RawRecord[];
  /** Level of the wait, decision or split this branch belongs to; -1 for the scenario's own steps. */
  ownerLevel: number;
  control?: OpenControl;
}

const CONTROL_OF: Partial<Record<BranchCell['kind'], ControlKind>> = {
  event: 'wait',
  timedOut: 'wait',
  target: 'decision',
  condition: 'decision',
  pastEvent: 'decision',
  percent: 'split',
  control: 'split',
};

/**
 * Rebuilds a scenario's `steps:` from its rows: a wait, decision or split row opens a
 * branching step, each `↳` row below it a branch, and the rows after it go into that
 * branch. With indents or grouped rows (what omni writes), a row less indented than a
 * branch leaves it (the branches meet); without any, a branch runs to the next `↳` row
 * of the same step, and a control group row closes the split.
 */
class FlowReader {
  private readonly stack: Frame[];
  private readonly controls = new WeakMap<RawRecord, OpenControl>();
  private levelled = false;
  private readonly rows: FlowRow[] = [];
  private lastMessage?: RawRecord;
  /** The bodies of the waits read, to drop `until` from those no event row came under (plain delays). */
  private readonly waits: RawRecord[] = [];

  constructor(
    private readonly context: Context,
    steps: RawRecord[],
  ) {
    this.stack = [{ steps, ownerLevel: -1 }];
  }

  row(row: FlowRow): void {
    this.rows.push(row);
  }

  /** Builds the steps once the scenario's rows are all read (whether they are indented is known then). */
  finish(): void {
    this.levelled = this.rows.some((row) => row.level > 0);
    for (const row of this.rows) this.place(row);
    this.rows.length = 0;
    for (const wait of this.waits) if ((wait.until as RawRecord[]).length === 0) delete wait.until;
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1]!;
  }

  /** Leaves the branches a row at `level` is not in. */
  private leaveTo(level: number): void {
    if (!this.levelled) return;
    while (this.stack.length > 1 && this.top.ownerLevel >= level) this.stack.pop();
  }

  private place(row: FlowRow): void {
    if (row.note !== undefined) this.context.warnings.push(row.note);
    const level = this.levelled ? row.level : 0;
    if (row.unread) {
      // Its steps are left out with it: they belong to a branch omni cannot name.
      this.leaveTo(level);
      const control = this.controlFor(level);
      if (control) this.stack.push({ steps: [], ownerLevel: control.level, control });
      return;
    }
    const cell = row.cell;
    const previous = this.lastMessage;
    this.lastMessage = undefined;
    if (cell === undefined) {
      this.leaveTo(level);
      const step = row.message();
      const withId = row.id !== undefined ? { id: row.id, ...step } : step;
      this.top.steps.push(withId);
      this.lastMessage = withId;
      return;
    }
    if (cell.kind === 'fallback') {
      if (!previous) {
        warn(this.context, row.where, 'templateFallbackAlone');
        return;
      }
      const { channel, ...rest } = row.message();
      previous.fallback = { channel, when: cell.when, ...rest };
      return;
    }
    if (cell.kind === 'wait' || cell.kind === 'decision' || cell.kind === 'split' || cell.kind === 'goto' || cell.kind === 'end') {
      this.leaveTo(level);
      const raw = this.control(row, cell);
      this.top.steps.push(raw);
      if (cell.kind === 'wait' || cell.kind === 'decision' || cell.kind === 'split') this.controls.set(raw, { raw, kind: cell.kind, level });
      return;
    }
    this.branch(row, cell as BranchRowCell, level);
  }

  private control(row: FlowRow, cell: Extract<BranchCell, { kind: 'wait' | 'decision' | 'split' | 'goto' | 'end' }>): RawRecord {
    const head: RawRecord = cell.id !== undefined ? { id: cell.id } : {};
    const tail: RawRecord = row.description !== undefined ? { description: row.description } : {};
    switch (cell.kind) {
      case 'wait': {
        let timeout = row.after;
        if (timeout === undefined) {
          timeout = '1d';
          warn(this.context, row.afterWhere, 'templateWaitWithoutTimeout');
        }
        const wait: RawRecord = { until: [], timeout };
        this.waits.push(wait);
        return { ...head, wait, ...tail };
      }
      case 'decision':
        return { ...head, decision: { branches: [] }, ...tail };
      case 'split':
        return { ...head, split: { branches: [] }, ...tail };
      case 'goto':
        return { ...head, goto: cell.step, ...tail };
      case 'end':
        return { ...head, end: true, ...tail };
    }
  }

  /** A `↳` row: a branch of the wait, decision or split it sits under. */
  /**
   * The wait, decision or split a `↳` row at `level` is a branch of: the step just above
   * it (its first branch), else the one whose branch the rows above are in (a next branch;
   * that branch is then left).
   */
  private controlFor(level: number): OpenControl | undefined {
    const last = this.top.steps[this.top.steps.length - 1];
    const nested = last ? this.controls.get(last) : undefined;
    if (nested && (!this.levelled || nested.level < level)) return nested;
    const sibling = this.top.control;
    if (sibling && (!this.levelled || sibling.level < level)) {
      this.stack.pop();
      return sibling;
    }
    return undefined;
  }

  private branch(row: FlowRow, cell: BranchRowCell, level: number): void {
    this.leaveTo(level);
    const control = this.controlFor(level);
    if (!control) {
      // Its steps stay where they are, in the sequence above.
      warn(this.context, row.where, 'templateBranchWithoutStep', { text: row.text });
      return;
    }
    const expected = cell.kind === 'otherwise' ? undefined : CONTROL_OF[cell.kind];
    if (expected !== undefined && expected !== control.kind) {
      warn(this.context, row.where, NOT_A_BRANCH_OF[control.kind], { text: row.text });
      this.stack.push({ steps: [], ownerLevel: control.level, control });
      return;
    }
    const body = control.raw[control.kind] as RawRecord;
    const label = row.label !== undefined ? { label: row.label } : {};
    const steps: RawRecord[] = [];
    const open = () => this.stack.push({ steps, ownerLevel: control.level, control });
    if (cell.kind === 'otherwise' || cell.kind === 'timedOut') {
      if (control.kind === 'split') {
        warn(this.context, row.where, 'templateSplitOtherwise');
        this.stack.push({ steps: [], ownerLevel: control.level, control });
        return;
      }
      if (body.otherwise !== undefined) warn(this.context, row.where, 'templateSecondOtherwise');
      body.otherwise = (body.otherwise as RawRecord[] | undefined) ?? steps;
      this.stack.push({ steps: body.otherwise as RawRecord[], ownerLevel: control.level, control });
      return;
    }
    if (cell.kind === 'control') {
      body.control = cell.percent;
      // The held-out contacts leave: the rows after it follow the split.
      return;
    }
    const branches = (control.kind === 'wait' ? body.until : body.branches) as RawRecord[];
    const taken = new Set(branches.map((branch) => String(branch.name ?? branch.event)));
    const unique = (name: string) => {
      let id = name;
      for (let n = 2; taken.has(id); n++) id = `${name}-${n}`;
      return id;
    };
    const derived = (...texts: (string | undefined)[]) => unique(texts.map((text) => (text ? slugify(text) : '')).find(Boolean) ?? `branch-${branches.length + 1}`);
    if (cell.kind === 'event') {
      branches.push({ event: cell.event, ...(cell.name !== undefined ? { name: cell.name } : {}), ...label, steps });
    } else if (cell.kind === 'percent') {
      branches.push({ name: cell.name ?? derived(row.label), ...label, percent: cell.percent, steps });
    } else {
      const selector =
        cell.kind === 'target' ? { target: this.targetId(cell.target) } : cell.kind === 'condition' ? { condition: cell.condition } : { event: cell.event };
      const fromText = cell.kind === 'target' ? cell.target : cell.kind === 'condition' ? cell.condition : cell.event;
      branches.push({ name: cell.name ?? derived(row.label, fromText), ...label, ...selector, steps });
    }
    open();
  }

  /** A decision's target, by name or id; a new one is added, as for a scenario's target. */
  private targetId(name: string): string {
    const byId = this.context.sections.targets.find((target) => target.id === name);
    return byId ? name : entity(this.context, 'targets', name);
  }
}

import { LABELS } from '../model/labels.js';
import { firstDeclarations, lintSummaryByRule, matrixGrid, scenarioChannelNames, scenarioMapGrid, severityCounts } from '../model/projections.js';
import { rankUseCases } from '../model/priority.js';
import { flowToRaw } from '../model/steps.js';
import { formulaRanks, MAX_FIXED_RANKS, rankFormula } from './rank-formula.js';
import { flowLines, hasStructure, indentLevel, outlineLevel } from './spec-branches.js';
import { SECTION_KINDS, type FlowStep, type Locale, type Model, type Scenario, type TouchpointStatus } from '../model/types.js';
import { DATA_MARKER, DATA_SHEET, WORKBOOK_LABELS } from './labels.js';
import { importerMessage } from './messages.js';
import { columnLetter, type CellSpec, type ColumnSpec, type CellStyle, type EditField, type EditTarget, type SheetSpec, type WorkbookSpec } from './workbook-spec.js';

/** What the Read me tab says about `omni lint`: counts per rule, so stakeholders see the gaps. */
export interface LintSummary {
  errors: number;
  warnings: number;
  rules: { ruleId: string; severity: 'error' | 'warn'; count: number }[];
}

/** Summarises diagnostics per rule and severity, most severe and most frequent first (model/projections.ts). */
export function summariseLint(diagnostics: readonly { ruleId: string; severity: 'error' | 'warn' }[]): LintSummary {
  const rules = lintSummaryByRule(diagnostics).map(({ ruleId, severity, count }) => ({ ruleId, severity, count }));
  return { ...severityCounts(diagnostics), rules };
}

/** Date of the plan (never the clock); 1980-01-01, the zip epoch, when the workspace sets none. */
export function planDate(model: Pick<Model, 'settings'>): Date {
  const updated = model.settings.updated;
  if (updated && /^\d{4}-\d{2}-\d{2}/.test(updated)) {
    const date = new Date(`${updated.slice(0, 10)}T00:00:00Z`);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return new Date('1980-01-01T00:00:00Z');
}

const cell = (value: CellSpec['value'], style?: CellStyle, extra: Partial<CellSpec> = {}): CellSpec => ({ value, ...(style ? { style } : {}), ...extra });
/** Whether cells record the field they show: only `import --into` needs it (a million small objects at 50,000 scenarios). */
let recordEditTargets = false;
const edit = (kind: EditTarget['kind'], id: string, field: EditField, step?: number): { edit?: EditTarget } =>
  recordEditTargets ? { edit: { kind, id, field, ...(step !== undefined ? { step } : {}) } } : {};
const lineEdit = (id: string, field: EditField, line: string, step?: number): { edit?: EditTarget } =>
  recordEditTargets ? { edit: { kind: 'scenarios', id, field, line, ...(step !== undefined ? { step } : {}) } } : {};
const statusStyle = (status: TouchpointStatus): CellStyle => `status-${status}` as CellStyle;

/** Longest line of a cell's text, for column widths. */
function textLength(value: CellSpec['value']): number {
  if (value === null) return 0;
  if (typeof value === 'number') return String(value).length;
  if (typeof value === 'object') return String(value.result).length;
  let longest = 0;
  for (let start = 0; start <= value.length;) {
    const end = value.indexOf('\n', start);
    const stop = end < 0 ? value.length : end;
    longest = Math.max(longest, stop - start);
    start = stop + 1;
  }
  return longest;
}

/** Column widths fitted to content, between `min` and `max` characters; rows above `fromRow` (titles) are ignored. */
function fitColumns(rows: (CellSpec | null)[][], fromRow: number, limits: { min: number; max: number }[]): ColumnSpec[] {
  return limits.map((limit, column) => {
    let longest = 0;
    // Stops as soon as the column reaches its widest: long tabs need not be read to the end.
    for (let r = fromRow - 1; r < rows.length && longest + 2 < limit.max; r++) longest = Math.max(longest, textLength(rows[r]?.[column]?.value ?? null));
    return { width: Math.min(limit.max, Math.max(limit.min, longest + 2)) };
  });
}

function sheet(name: string, rows: (CellSpec | null)[][], rest: Partial<SheetSpec> = {}): SheetSpec {
  return { name, rows, columns: [], merges: [], ...rest };
}

/**
 * Builds the stakeholders' workbook from the resolved model: a Read me tab, the
 * template's five tabs, and a hidden data sheet that makes the re-import lossless.
 * Pure: the same model and summary always give the same description.
 */
export function buildWorkbook(model: Model, lint: LintSummary, options: { editTargets?: boolean; branchColumn?: boolean } = {}): WorkbookSpec {
  recordEditTargets = options.editTargets === true;
  try {
    return buildSheets(model, lint, options.branchColumn === true);
  } finally {
    recordEditTargets = false;
  }
}

function buildSheets(model: Model, lint: LintSummary, branchColumn: boolean): WorkbookSpec {
  const lazy = describeSheets(model, lint, branchColumn);
  const sheets = [...lazy.sheets];
  return { ...lazy.head, sheets, ...(lazy.warnings.length > 0 ? { warnings: lazy.warnings } : {}) };
}

/** A workbook whose sheets are built one at a time, as they are iterated. */
export interface LazyWorkbook {
  head: Omit<WorkbookSpec, 'sheets' | 'warnings'>;
  /** Each sheet built when the iteration reaches it (once: iterate it a single time). */
  sheets: Iterable<SheetSpec>;
  /** Cells cut to fit Excel's limits, filled as the sheets are built. */
  warnings: string[];
}

/**
 * The workbook {@link buildWorkbook} describes, a sheet at a time: a writer that drops
 * each sheet once written never holds all of them (at 50,000 scenarios the sheets take
 * about 400 MB together, the largest 150 MB). Same sheets, same order, same warnings.
 */
export function describeWorkbook(model: Model, lint: LintSummary, options: { branchColumn?: boolean } = {}): LazyWorkbook {
  return describeSheets(model, lint, options.branchColumn === true);
}

function describeSheets(model: Model, lint: LintSummary, branchColumn: boolean): LazyWorkbook {
  const locale = model.settings.locale;
  const labels = WORKBOOK_LABELS[locale];
  const warnings: string[] = [];
  // The scenario specification comes first: the scenario map links to its rows.
  let spec: ReturnType<typeof buildScenarioSpec> | undefined = buildScenarioSpec(model, branchColumn);
  const builders: (() => SheetSpec)[] = [
    () => buildReadme(model, lint),
    () => buildMatrix(model),
    () => buildUseCases(model),
    () => buildScenarioMap(model, spec!.rowOf),
    () => {
      const sheet = spec!.sheet;
      spec = undefined;
      return sheet;
    },
    () => buildDataNeeds(model),
    () => buildDataSheet(model),
  ];
  function* sheets(): Generator<SheetSpec> {
    for (const build of builders) {
      const sheet = build();
      warnings.push(...cutLongCells([sheet], locale));
      yield sheet;
    }
  }
  return {
    head: { title: `${labels.readme.title} — ${model.settings.name}`, subject: model.settings.name, date: planDate(model), locale },
    sheets: sheets(),
    warnings,
  };
}

/** Excel refuses a cell over 32,767 characters. */
export const EXCEL_CELL_LIMIT = 32_767;

/**
 * Cuts visible text over Excel's cell limit, with a marker saying how much was cut (the
 * hidden data sheet keeps the full text, in several cells): the workbook still opens,
 * and the cut is reported instead of passed over.
 */
function cutLongCells(sheets: SheetSpec[], locale: Locale): string[] {
  const warnings: string[] = [];
  for (const sheet of sheets) {
    if (sheet.state === 'hidden') continue;
    sheet.rows.forEach((cells, r) =>
      cells.forEach((spec, c) => {
        if (!spec || typeof spec.value !== 'string' || spec.value.length <= EXCEL_CELL_LIMIT) return;
        const cut = spec.value.length - (EXCEL_CELL_LIMIT - 40);
        spec.value = `${spec.value.slice(0, EXCEL_CELL_LIMIT - 40)}… [${cut} characters cut]`;
        warnings.push(`${sheet.name}!${columnLetter(c + 1)}${r + 1}: ${importerMessage(locale, 'cellCut', { limit: EXCEL_CELL_LIMIT, count: cut })}`);
      }),
    );
  }
  return warnings;
}

function buildReadme(model: Model, lint: LintSummary): SheetSpec {
  const labels = WORKBOOK_LABELS[model.settings.locale];
  const words = LABELS[model.settings.locale];
  const r = labels.readme;
  const rows: (CellSpec | null)[][] = [
    [cell(r.title, 'title')],
    [],
    [cell(r.workspace, 'rowHeader'), cell(model.settings.name, 'wrap')],
    [cell(r.date, 'rowHeader'), cell(model.settings.updated ?? r.noDate, 'text')],
    [],
    [cell(r.contents, 'subtitle')],
  ];
  const tabs = ['matrix', 'useCases', 'scenarioMap', 'scenarioSpec', 'data'] as const;
  for (const tab of tabs) {
    const name = labels.sheets[tab];
    rows.push([cell(name, 'rowHeader', { link: `'${name}'!A1` }), cell(r.tabs[tab], 'wrap')]);
  }
  rows.push([], [cell(r.legend, 'subtitle')]);
  for (const status of ['normal', 'friction', 'opportunity'] as const) {
    rows.push([cell(words.status[status], statusStyle(status)), cell(r.statusMeaning[status], 'wrap')]);
  }
  rows.push([], [cell(r.lint, 'subtitle')]);
  rows.push([cell(r.errors, 'rowHeader'), cell(lint.errors, lint.errors > 0 ? 'error' : 'number')]);
  rows.push([cell(r.warnings, 'rowHeader'), cell(lint.warnings, lint.warnings > 0 ? 'warn' : 'number')]);
  if (lint.rules.length === 0) rows.push([cell(r.lintClean, 'text')]);
  else {
    rows.push([cell(r.rule, 'header'), cell(r.severity, 'header'), cell(r.count, 'header')]);
    for (const rule of lint.rules) {
      rows.push([cell(rule.ruleId, 'text'), cell(rule.severity === 'error' ? r.error : r.warn, rule.severity), cell(rule.count, 'number')]);
    }
  }
  rows.push([], [cell(r.dataSheet, 'muted')]);
  const noteRow = rows.length;
  return sheet(labels.sheets.readme, rows, {
    columns: [{ width: 30 }, { width: 90 }, { width: 10 }],
    merges: [`A${noteRow}:C${noteRow}`],
  });
}

/** Declared ids, then the unknown ones items use, appended muted (unknown references stay visible). */
function axis(declared: readonly { id: string; name: string }[], unknown: readonly string[]): { id: string; name: string; known: boolean }[] {
  return [...declared.map((entity) => ({ id: entity.id, name: entity.name, known: true })), ...unknown.map((id) => ({ id, name: id, known: false }))];
}

/** First entity per id, as the index has it: duplicates do not add rows or columns. */
const unique = firstDeclarations;

function buildMatrix(model: Model): SheetSpec {
  const labels = WORKBOOK_LABELS[model.settings.locale];
  const words = LABELS[model.settings.locale];
  const grid = matrixGrid(model);
  const stages = axis(grid.columns, grid.unknownColumnIds);
  const channels = axis(grid.rows, grid.unknownRowIds);
  const headerRow = 4;
  const rows: (CellSpec | null)[][] = [
    [cell(`${labels.matrix.title} — ${model.settings.name}`, 'title')],
    [
      cell(words.legend, 'rowHeader'),
      cell(words.status.normal, 'status-normal'),
      cell(words.status.friction, 'status-friction'),
      cell(words.status.opportunity, 'status-opportunity'),
    ],
    [],
    [
      cell(labels.matrix.corner, 'header'),
      ...stages.map((stage) => cell(stage.name, stage.known ? 'header' : 'muted', stage.known ? edit('stages', stage.id, 'name') : {})),
    ],
  ];
  const merges: string[] = [];
  for (const channel of channels) {
    const perStage = stages.map((stage) => grid.cell(channel.id, stage.id));
    const height = Math.max(1, ...perStage.map((list) => list.length));
    const first = rows.length + 1;
    for (let line = 0; line < height; line++) {
      rows.push([
        line === 0 ? cell(channel.name, channel.known ? 'rowHeader' : 'muted', channel.known ? edit('channels', channel.id, 'name') : {}) : cell(null, 'rowHeader'),
        ...perStage.map((list) => {
          const touchpoint = list[line];
          return touchpoint ? cell(touchpoint.name, statusStyle(touchpoint.status), edit('touchpoints', touchpoint.id, 'name')) : cell(null, 'wrap');
        }),
      ]);
    }
    if (height > 1) merges.push(`A${first}:A${first + height - 1}`);
  }
  const lastColumn = columnLetter(Math.max(1, stages.length + 1));
  return sheet(labels.sheets.matrix, rows, {
    columns: fitColumns(rows, headerRow, [{ min: 16, max: 24 }, ...stages.map(() => ({ min: 14, max: 22 }))]),
    merges,
    freeze: { rows: headerRow, columns: 1 },
    autoFilter: `A${headerRow}:${lastColumn}${headerRow}`,
    printTitleRows: `${headerRow}:${headerRow}`,
  });
}

function buildUseCases(model: Model): SheetSpec {
  const labels = WORKBOOK_LABELS[model.settings.locale];
  const u = labels.useCases;
  const weights = model.settings.priorityWeights;
  const headerRow = 3;
  const rows: (CellSpec | null)[][] = [
    [cell(`${u.title} — ${model.settings.name}`, 'title')],
    [],
    [u.category, u.objective, u.useCase, u.touchpoints, u.business, u.experience, u.difficulty, u.score, u.rank, u.manual].map((text) => cell(text, 'header')),
  ];
  const term = (column: string, weight: number) => (weight === 1 ? column : `${column}*${weight}`);
  const ranking = rankUseCases(model);
  const first = headerRow + 1;
  const lastRow = headerRow + ranking.length;
  // The rank follows edited scores as a formula, when the formula gives omni's ranking
  // (it cannot for more than a few fixed ranks, or equal ones): otherwise plain numbers.
  const fixedCount = ranking.filter((entry) => entry.manual).length;
  const depth = Math.max(1, fixedCount);
  const evaluated = formulaRanks(
    ranking.map((entry) => ({ score: entry.score, business: entry.useCase.scores.business, ...(entry.manual ? { fixed: entry.useCase.priority! } : {}) })),
    depth,
  );
  const rankFormulas = fixedCount <= MAX_FIXED_RANKS && ranking.every((entry, index) => evaluated[index] === entry.rank);
  for (const ranked of ranking) {
    const useCase = ranked.useCase;
    const row = rows.length + 1;
    const formula = `${term(`E${row}`, weights.business)}+${term(`F${row}`, weights.experience)}-${term(`G${row}`, weights.difficulty)}`;
    rows.push([
      cell(useCase.category ?? null, 'wrap', edit('useCases', useCase.id, 'category')),
      cell(useCase.objective ?? null, 'wrap', edit('useCases', useCase.id, 'objective')),
      cell(useCase.name, 'wrap', edit('useCases', useCase.id, 'name')),
      cell(useCase.touchpoints.map((id) => model.index.touchpoints.get(id)?.name ?? id).join('\n') || null, 'wrap', edit('useCases', useCase.id, 'touchpoints')),
      cell(useCase.scores.business, 'score', { scoreDropdown: true, ...edit('useCases', useCase.id, 'business') }),
      cell(useCase.scores.experience, 'score', { scoreDropdown: true, ...edit('useCases', useCase.id, 'experience') }),
      cell(useCase.scores.difficulty, 'score', { scoreDropdown: true, ...edit('useCases', useCase.id, 'difficulty') }),
      cell({ formula, result: ranked.score }, 'score'),
      cell(rankFormulas ? { formula: rankFormula(row, first, lastRow, depth), result: ranked.rank } : ranked.rank, 'score'),
      cell(ranked.manual ? useCase.priority! : null, 'score', edit('useCases', useCase.id, 'priority')),
      cell(useCase.id, 'muted'),
    ]);
  }
  const last = rows.length;
  const hasRows = last > headerRow;
  return sheet(labels.sheets.useCases, rows, {
    columns: fitColumns(rows, headerRow, [
      { min: 14, max: 24 },
      { min: 14, max: 30 },
      { min: 24, max: 45 },
      { min: 24, max: 40 },
      { min: 11, max: 11 },
      { min: 13, max: 13 },
      { min: 11, max: 11 },
      { min: 11, max: 11 },
      { min: 7, max: 7 },
      { min: 9, max: 9 },
    ]).concat([{ width: 12, hidden: true }]),
    keyColumn: 11,
    freeze: { rows: headerRow, columns: 3 },
    autoFilter: `A${headerRow}:J${headerRow}`,
    printTitleRows: `${headerRow}:${headerRow}`,
    conditionalScales: hasRows
      ? [
          { ref: `E${headerRow + 1}:F${last}`, colors: ['F8696B', 'FFEB84', '63BE7B'] },
          { ref: `G${headerRow + 1}:G${last}`, colors: ['63BE7B', 'FFEB84', 'F8696B'] },
          { ref: `H${headerRow + 1}:H${last}`, colors: ['F8696B', 'FFEB84', '63BE7B'] },
        ]
      : [],
  });
}

/** Channel names of a scenario's steps, in first-use order. */
const scenarioChannels = scenarioChannelNames;

/** Columns of the specification tab; the scenario's cells come first, then one step per row. */
const SCENARIO_COLUMNS = 8;

function buildScenarioSpec(model: Model, withBranchColumn: boolean): { sheet: SheetSpec; rowOf: Map<Scenario, number> } {
  const labels = WORKBOOK_LABELS[model.settings.locale];
  const s = labels.scenarioSpec;
  const words = LABELS[model.settings.locale];
  const headerRow = 3;
  // The Branche column only when a scenario branches (or the blank template asks): a plan of
  // straight sequences keeps the tab it always had.
  const branchColumn = withBranchColumn || model.scenarios.some(hasStructure);
  const SPEC_COLUMNS = branchColumn ? 15 : 14;
  const rows: (CellSpec | null)[][] = [
    [cell(`${s.title} — ${model.settings.name}`, 'title')],
    [],
    [
      s.program,
      s.scenario,
      s.useCases,
      s.target,
      s.triggerType,
      s.triggerEvent,
      s.exit,
      s.goal,
      ...(branchColumn ? [s.branch] : []),
      s.after,
      s.channel,
      s.stepName,
      s.subject,
      s.message,
      s.stepDescription,
    ].map((text) => cell(text, 'header')),
  ];
  const outline: number[] = [];
  const merges: string[] = [];
  const rowOf = new Map<Scenario, number>();
  const declaredPrograms = unique(model.programs);
  const programIds = new Set(declaredPrograms.map((program) => program.id));
  const programs = axis(
    declaredPrograms,
    [...new Set(model.scenarios.map((scenario) => scenario.program))].filter((id) => !programIds.has(id)),
  );
  const channelName = (id: string) => model.index.channels.get(id)?.name ?? id;
  const stepCells = (scenario: Scenario, index: number): CellSpec[] => {
    const step = scenario.steps[index];
    const blank = branchColumn ? [cell(null, 'wrap')] : [];
    if (!step) return [...Array.from({ length: SPEC_COLUMNS - SCENARIO_COLUMNS }, () => cell(null, 'wrap')), cell(scenario.id, 'muted')];
    const at = (field: EditField) => edit('scenarios', scenario.id, field, index);
    return [
      ...blank,
      cell(step.after, 'text', at('after')),
      cell(channelName(step.channel), 'wrap', at('channel')),
      cell(step.name ?? null, 'wrap', at('stepName')),
      cell(step.subject ?? null, 'wrap', at('subject')),
      cell(step.message ?? null, 'wrap', at('message')),
      cell(step.description ?? null, 'wrap', at('stepDescription')),
      cell(`${scenario.id}#${index}`, 'muted'),
    ];
  };
  /** A branching scenario's rows: its steps in flow order, each branch indented under its step. */
  const flowCells = (scenario: Scenario): { cells: CellSpec[]; level: number }[] =>
    flowLines(scenario, model.settings.locale, (id) => model.index.targets.get(id)?.name ?? id).map((line) => {
      const indent = indentLevel(line.level);
      const indented = (spec: CellSpec): CellSpec => (indent > 0 ? { ...spec, indent } : spec);
      const key = cell(`${scenario.id}#${line.key}`, 'muted');
      if (line.kind === 'message') {
        const [, ...rest] = stepCells(scenario, line.index!);
        const branch = cell(line.branch ?? null, 'wrap', lineEdit(scenario.id, 'branch', line.key, line.index));
        // Only the Branche cell is indented: an indent would push a short delay out of its narrow column.
        return { cells: [indented(branch), ...rest], level: line.level };
      }
      // Structure rows: each cell names its column's field; import --into maps it to the YAML by the row's key.
      const of = (value: string | undefined, field: EditField, style: CellStyle = 'wrap') => cell(value ?? null, style, lineEdit(scenario.id, field, line.key));
      const fallback = line.fallback;
      const cells = fallback
        ? [
            of(line.branch, 'branch'),
            of(undefined, 'after', 'text'),
            of(channelName(fallback.channel), 'channel'),
            of(fallback.name, 'stepName'),
            of(fallback.subject, 'subject'),
            of(fallback.message, 'message'),
            of(fallback.description, 'stepDescription'),
          ]
        : [
            of(line.branch, 'branch'),
            of(line.after, 'after', 'text'),
            of(undefined, 'channel'),
            of(line.label, 'stepName'),
            of(undefined, 'subject'),
            of(undefined, 'message'),
            of(line.description, 'stepDescription'),
          ];
      return { cells: [indented(cells[0]!), ...cells.slice(1), key], level: line.level };
    });
  for (const program of programs) {
    const scenarios = model.scenarios.filter((scenario) => scenario.program === program.id);
    if (scenarios.length === 0 && !program.known) continue;
    const groupRow = rows.length + 1;
    rows.push([
      cell(program.known ? program.name : `${s.unknownProgram} : ${program.id}`, 'group'),
      ...Array.from({ length: SPEC_COLUMNS - 1 }, () => cell(null, 'group')),
    ]);
    merges.push(`A${groupRow}:${columnLetter(SPEC_COLUMNS)}${groupRow}`);
    for (const scenario of scenarios) {
      rowOf.set(scenario, rows.length + 1);
      const of = (field: EditField) => edit('scenarios', scenario.id, field);
      const scenarioCells = [
        cell(null, 'wrap'),
        cell(scenario.name, 'rowHeader', of('name')),
        cell(scenario.useCases.map((id) => model.index.useCases.get(id)?.name ?? id).join('\n') || null, 'wrap', of('useCases')),
        cell(model.index.targets.get(scenario.target)?.name ?? scenario.target, 'wrap', of('target')),
        cell(words.trigger[scenario.trigger.type] ?? scenario.trigger.type, 'wrap', of('triggerType')),
        cell(scenario.trigger.event, 'wrap', of('triggerEvent')),
        cell(scenario.exit.join('\n') || null, 'wrap', of('exit')),
        cell(scenario.goal ?? null, 'wrap', of('goal')),
      ];
      if (hasStructure(scenario)) {
        flowCells(scenario).forEach((line, index) => {
          const row = index === 0 ? [...scenarioCells, ...line.cells] : [...Array.from({ length: SCENARIO_COLUMNS }, () => cell(null, 'wrap')), ...line.cells];
          const level = outlineLevel(line.level);
          if (level > 0) outline[rows.length] = level;
          rows.push(row);
        });
        continue;
      }
      rows.push([...scenarioCells, ...stepCells(scenario, 0)]);
      for (let index = 1; index < scenario.steps.length; index++) {
        rows.push([...Array.from({ length: SCENARIO_COLUMNS }, () => cell(null, 'wrap')), ...stepCells(scenario, index)]);
      }
    }
  }
  return {
    rowOf,
    sheet: sheet(labels.sheets.scenarioSpec, rows, {
      columns: fitColumns(rows, headerRow, [
        { min: 10, max: 10 },
        { min: 16, max: 24 },
        { min: 16, max: 28 },
        { min: 12, max: 16 },
        { min: 11, max: 13 },
        { min: 14, max: 20 },
        { min: 14, max: 20 },
        { min: 14, max: 20 },
        ...(branchColumn ? [{ min: 12, max: 40 }] : []),
        { min: 7, max: 8 },
        { min: 9, max: 14 },
        { min: 16, max: 28 },
        { min: 16, max: 26 },
        { min: 24, max: 40 },
        { min: 16, max: 30 },
      ]).concat([{ width: 12, hidden: true }]),
      keyColumn: SPEC_COLUMNS + 1,
      merges,
      freeze: { rows: headerRow, columns: 2 },
      autoFilter: `A${headerRow}:${columnLetter(SPEC_COLUMNS)}${headerRow}`,
      printTitleRows: `${headerRow}:${headerRow}`,
      ...(outline.length > 0 ? { outline } : {}),
    }),
  };
}

function buildScenarioMap(model: Model, specRowOf: Map<Scenario, number>): SheetSpec {
  const labels = WORKBOOK_LABELS[model.settings.locale];
  const specName = labels.sheets.scenarioSpec;
  const headerRow = 3;
  const map = scenarioMapGrid(model);
  const lifecycle = axis(map.columns, map.unknownColumnIds);
  const targets = axis(map.rows, map.unknownRowIds);
  const rows: (CellSpec | null)[][] = [
    [cell(`${labels.scenarioMap.title} — ${model.settings.name}`, 'title')],
    [],
    [
      cell(labels.scenarioMap.corner, 'header'),
      ...lifecycle.map((stage) => cell(stage.name, stage.known ? 'header' : 'muted', stage.known && !model.defaultLifecycle ? edit('lifecycle', stage.id, 'name') : {})),
    ],
  ];
  const merges: string[] = [];
  for (const target of targets) {
    const perStage = lifecycle.map((stage) => map.cell(target.id, stage.id));
    // Two rows per scenario: its name, linked to its specification (viewers do not
    // wrap linked cells), then its channels.
    const height = 2 * Math.max(1, ...perStage.map((list) => list.length));
    const first = rows.length + 1;
    for (let line = 0; line < height; line++) {
      rows.push([
        line === 0 ? cell(target.name, target.known ? 'rowHeader' : 'muted', target.known ? edit('targets', target.id, 'name') : {}) : cell(null, 'rowHeader'),
        ...perStage.map((list) => {
          const scenario = list[Math.floor(line / 2)];
          if (!scenario) return cell(null, line % 2 === 0 ? 'link' : 'channels');
          if (line % 2 === 1) return cell(scenarioChannels(model, scenario).join(', ') || null, 'channels');
          const row = specRowOf.get(scenario);
          return cell(scenario.name, 'link', row ? { link: `'${specName}'!B${row}` } : {});
        }),
      ]);
    }
    if (height > 1) merges.push(`A${first}:A${first + height - 1}`);
  }
  return sheet(labels.sheets.scenarioMap, rows, {
    columns: fitColumns(rows, headerRow, [{ min: 18, max: 28 }, ...lifecycle.map(() => ({ min: 24, max: 40 }))]),
    merges,
    freeze: { rows: headerRow, columns: 1 },
    autoFilter: `A${headerRow}:${columnLetter(lifecycle.length + 1)}${headerRow}`,
    printTitleRows: `${headerRow}:${headerRow}`,
  });
}

function buildDataNeeds(model: Model): SheetSpec {
  const labels = WORKBOOK_LABELS[model.settings.locale];
  const d = labels.data;
  const headerRow = 3;
  const rows: (CellSpec | null)[][] = [
    [cell(`${d.title} — ${model.settings.name}`, 'title')],
    [],
    [d.scenario, d.description, d.variable, d.sources, d.pii].map((text) => cell(text, 'header')),
  ];
  const used = new Set<string>();
  const variableCells = (id: string): CellSpec[] => {
    const variable = model.index.variables.get(id);
    if (!variable) return [cell(id, 'muted'), cell(null, 'wrap'), cell(null, 'text')];
    const sources = variable.sources.map((source) => model.index.sources.get(source)?.name ?? source);
    // One source per line: a comma may be part of a source's name.
    return [
      cell(variable.name, 'wrap', edit('variables', variable.id, 'name')),
      sources.length > 0
        ? cell(sources.join('\n'), 'wrap', edit('variables', variable.id, 'sources'))
        : cell(d.noSource, 'gap', edit('variables', variable.id, 'sources')),
      cell(variable.pii ? d.yes : d.no, 'text', edit('variables', variable.id, 'pii')),
    ];
  };
  const block = (key: string, first: CellSpec, second: CellSpec, ids: string[]) => {
    const height = Math.max(1, ids.length);
    for (let line = 0; line < height; line++) {
      const id = ids[line];
      rows.push([
        line === 0 ? first : cell(null, first.style === 'rowHeader' ? 'rowHeaderContinued' : first.style),
        line === 0 ? second : cell(null, 'wrapContinued'),
        ...(id === undefined ? [cell(null, 'wrap'), cell(null, 'wrap'), cell(null, 'text')] : variableCells(id)),
        cell(`${key}/${id ?? ''}`, 'muted'),
      ]);
    }
    // No merge here: a block per scenario is drawn by its fill; thousands of merges would
    // make the export quadratic (every merge is checked against the others).
  };
  for (const scenario of model.scenarios) {
    for (const id of scenario.variables) used.add(id);
    block(scenario.id, cell(scenario.name, 'rowHeader'), cell(scenario.description ?? null, 'wrap', edit('scenarios', scenario.id, 'description')), scenario.variables);
  }
  const unused = unique(model.variables).filter((variable) => !used.has(variable.id));
  if (unused.length > 0)
    block(
      '',
      cell(d.unused, 'muted'),
      cell(null, 'wrap'),
      unused.map((variable) => variable.id),
    );
  return sheet(labels.sheets.data, rows, {
    columns: fitColumns(rows, headerRow, [
      { min: 20, max: 32 },
      { min: 24, max: 50 },
      { min: 20, max: 36 },
      { min: 18, max: 36 },
      { min: 12, max: 14 },
    ]).concat([{ width: 12, hidden: true }]),
    keyColumn: 6,
    freeze: { rows: headerRow, columns: 1 },
    autoFilter: `A${headerRow}:E${headerRow}`,
    printTitleRows: `${headerRow}:${headerRow}`,
  });
}

/** Excel caps a cell at 32,767 characters: long records continue in the next cells. */
const CHUNK = 30_000;

/** An entity as the hidden sheet stores it; `import --into` compares records made by this same function. */
export function withoutOrigins(entity: object): Record<string, unknown> {
  const { origin: _origin, ...rest } = entity as Record<string, unknown>;
  // A scenario's steps as written (branches included), not the flat list of its messages.
  if (Array.isArray(rest.flow)) {
    rest.steps = flowToRaw(rest.flow as FlowStep[]);
    delete rest.flow;
  }
  return rest;
}

/**
 * The hidden sheet: settings, then one row per entity in declaration order (section,
 * id, the record as JSON). The visible tabs are laid out for people; this one lets
 * `omni import` restore every field, id and order.
 */
function buildDataSheet(model: Model): SheetSpec {
  const { name, locale, updated, priorityWeights, rules, ruleOptions } = model.settings;
  const settings = {
    name,
    locale,
    ...(updated !== undefined ? { updated } : {}),
    priorityWeights,
    rules,
    // Options of rules (`sms-length: [warn, { maxSegments: 1 }]`): a workspace imported from the workbook checks alike.
    ...(ruleOptions && Object.keys(ruleOptions).length > 0 ? { ruleOptions } : {}),
    defaultLifecycle: model.defaultLifecycle,
  };
  const text = (value: string): CellSpec => cell(value, 'text');
  const record = (json: string): CellSpec[] => {
    const chunks: CellSpec[] = [];
    for (let start = 0; start < json.length || start === 0; start += CHUNK) chunks.push(text(json.slice(start, start + CHUNK)));
    return chunks;
  };
  const rows: (CellSpec | null)[][] = [
    [text(DATA_MARKER), ...record(JSON.stringify(settings))],
    [text('section'), text('id'), text('record')],
  ];
  for (const kind of SECTION_KINDS) {
    if (kind === 'lifecycle' && model.defaultLifecycle) continue;
    for (const entity of model[kind]) rows.push([text(kind), text(entity.id), ...record(JSON.stringify(withoutOrigins(entity)))]);
  }
  return sheet(DATA_SHEET, rows, { state: 'hidden', columns: [{ width: 14 }, { width: 24 }, { width: 80 }] });
}

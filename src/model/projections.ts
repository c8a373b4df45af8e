import { countBySeverity } from '../diagnostics/sort.js';
import type { Channel, LifecycleStage, Model, Scenario, Stage, Target, Touchpoint } from './types.js';

/**
 * Shared views of the model that every output draws from (diagrams, report, workbook,
 * diff), so that they agree on what a grid holds. One policy each:
 *
 * - Duplicate ids (a `duplicate-id` error): the FIRST declaration wins, as `model.index`
 *   resolves references; later declarations add no row, column or item anywhere.
 * - Unknown ids (an `unknown-reference` error): an item whose row or column id names
 *   nothing is in no declared cell; it is listed in `unplaced`, and the ids are listed in
 *   `unknownRowIds` / `unknownColumnIds` (first-use order). Views that show them (the
 *   workbook appends muted rows and columns, the report lists them apart) read them from
 *   here; diagrams leave them out. Nothing is dropped silently by the projection itself.
 * - Order: declaration order everywhere (rows, columns, items in a cell).
 */

/** The first entity per id, in declaration order. */
export function firstDeclarations<T extends { id: string }>(entities: readonly T[]): T[] {
  const seen = new Set<string>();
  return entities.filter((entity) => (seen.has(entity.id) ? false : (seen.add(entity.id), true)));
}

export interface Grid<Row, Column, Item> {
  /** Declared rows: first declarations, in declared order. */
  rows: Row[];
  /** Declared columns: first declarations, in declared order. */
  columns: Column[];
  /** The items at a row and column id, in declaration order (unknown ids work too). */
  cell(rowId: string, columnId: string): Item[];
  /** Items whose row or column id names nothing, in declaration order. */
  unplaced: Item[];
  /** Ids items use as row / column that nothing declares, in first-use order. */
  unknownRowIds: string[];
  unknownColumnIds: string[];
}

function buildGrid<Row extends { id: string }, Column extends { id: string }, Item extends { id: string }>(
  rows: readonly Row[],
  columns: readonly Column[],
  items: readonly Item[],
  rowOf: (item: Item) => string,
  columnOf: (item: Item) => string,
): Grid<Row, Column, Item> {
  const declaredRows = firstDeclarations(rows);
  const declaredColumns = firstDeclarations(columns);
  const rowIds = new Set(declaredRows.map((row) => row.id));
  const columnIds = new Set(declaredColumns.map((column) => column.id));
  const cells = new Map<string, Item[]>();
  const unplaced: Item[] = [];
  const unknownRows = new Set<string>();
  const unknownColumns = new Set<string>();
  for (const item of firstDeclarations(items)) {
    const row = rowOf(item);
    const column = columnOf(item);
    if (!rowIds.has(row)) unknownRows.add(row);
    if (!columnIds.has(column)) unknownColumns.add(column);
    if (!rowIds.has(row) || !columnIds.has(column)) unplaced.push(item);
    const key = `${row}\u0000${column}`;
    const list = cells.get(key);
    if (list) list.push(item);
    else cells.set(key, [item]);
  }
  return {
    rows: declaredRows,
    columns: declaredColumns,
    cell: (rowId, columnId) => cells.get(`${rowId}\u0000${columnId}`) ?? [],
    unplaced,
    unknownRowIds: [...unknownRows],
    unknownColumnIds: [...unknownColumns],
  };
}

/** The touchpoint matrix: channels as rows, stages as columns. */
export function matrixGrid(model: Pick<Model, 'channels' | 'stages' | 'touchpoints'>): Grid<Channel, Stage, Touchpoint> {
  return buildGrid(
    model.channels,
    model.stages,
    model.touchpoints,
    (touchpoint) => touchpoint.channel,
    (touchpoint) => touchpoint.stage,
  );
}

/** The scenario map: targets as rows, lifecycle stages as columns. */
export function scenarioMapGrid(model: Pick<Model, 'targets' | 'lifecycle' | 'scenarios'>): Grid<Target, LifecycleStage, Scenario> {
  return buildGrid(
    model.targets,
    model.lifecycle,
    model.scenarios,
    (scenario) => scenario.target,
    (scenario) => scenario.lifecycle,
  );
}

/** Channel ids of a scenario's steps, each once, in step order (unknown ids kept as written). */
export function scenarioChannelIds(scenario: Pick<Scenario, 'steps'>): string[] {
  return [...new Set(scenario.steps.map((step) => step.channel))];
}

/** Channel names of a scenario's steps, each once, in step order; an unknown id shows as written. */
export function scenarioChannelNames(model: Pick<Model, 'index'>, scenario: Pick<Scenario, 'steps'>): string[] {
  // Two channels may share a name: names are deduplicated too, as a reader sees them.
  return [...new Set(scenarioChannelIds(scenario).map((id) => model.index.channels.get(id)?.name ?? id))];
}

export { countBySeverity as severityCounts };

export interface RuleSummary<D> {
  ruleId: string;
  severity: 'error' | 'warn';
  count: number;
  diagnostics: D[];
}

/**
 * Findings grouped by rule and severity: errors first, then the most frequent, then by
 * rule id; diagnostics keep their order within a group.
 */
export function lintSummaryByRule<D extends { ruleId: string; severity: 'error' | 'warn' }>(diagnostics: readonly D[]): RuleSummary<D>[] {
  const groups = new Map<string, RuleSummary<D>>();
  for (const diagnostic of diagnostics) {
    const key = `${diagnostic.severity}\u0000${diagnostic.ruleId}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ruleId: diagnostic.ruleId, severity: diagnostic.severity, count: 0, diagnostics: [] }));
    group.count++;
    group.diagnostics.push(diagnostic);
  }
  return [...groups.values()].sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || b.count - a.count || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

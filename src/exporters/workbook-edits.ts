import { VOCABULARY, type ImporterMessageId, type Locale, type MessageData } from '../i18n/index.js';
import { importerMessage } from './messages.js';
import { LABELS, STATUS_COLORS } from '../model/labels.js';
import type { Model, SectionKind, TouchpointStatus, WaitBranch } from '../model/types.js';
import { WORKBOOK_LABELS } from './labels.js';
import type { ReadSheet, ReadWorkbook } from './read-xlsx.js';
import { IdMaker, IDENTIFIER, KNOWN_FILLS, normalise, splitKnownList } from './template-import.js';
import { statusOfHue } from './xlsx-colours.js';
import { flowLines, hasStructure, readBranchCell, type FlowLine } from './spec-branches.js';
import { address, type CellSpec, type EditTarget, type SheetSpec, type WorkbookSpec } from './workbook-spec.js';
import { delayOffset, scoreOf, triggerTypeOf, yesNoOf } from './cell-words.js';

/** Yes and no as a stakeholder types them in either language (the personal-data column). */

/** One field of one entity to set (value) or remove (value undefined), from a cell. */
export interface FieldEdit {
  kind: SectionKind;
  id: string;
  /** From the entity down, as in the YAML: ["scores", "business"], ["steps", 1, "subject"]. */
  path: (string | number)[];
  value: unknown;
  /** `Sheet!A1`, for messages. */
  where: string;
  /** A new item inserted in the list `path` ends in, before the item now at that index (at the end when none). */
  insert?: boolean;
}

/**
 * A new entity, from a row (or column, or matrix cell) typed in a visible tab. Where it
 * goes: right after the entity `after` names (an existing one, or one added before it in
 * the same import), first of its section when `after` is undefined, or at the end of its
 * section (`placement: 'end'`: use cases, whose tab is sorted by rank, variables, sources).
 */
export interface AddedEntity {
  kind: SectionKind;
  record: Record<string, unknown>;
  where: string;
  placement: 'after' | 'end';
  after?: string;
}

export interface DeletedEntity {
  kind: SectionKind;
  id: string;
  where: string;
}

export interface WorkbookEdits {
  edits: FieldEdit[];
  added: AddedEntity[];
  deleted: DeletedEntity[];
  /** Cells that could not be applied, each naming its sheet and cell. */
  warnings: string[];
}

const lineEnds = (text: string) => text.replace(/\r\n?/g, '\n').trim();
const shown = (value: CellSpec['value'] | undefined): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return String(value.result);
  return lineEnds(String(value));
};

/** Status per fill colour: omni's own and the usual template palettes. */
function fillStatuses(): Map<string, TouchpointStatus> {
  const fills = new Map<string, TouchpointStatus>();
  for (const status of ['normal', 'friction', 'opportunity'] as const) {
    for (const rgb of KNOWN_FILLS[status]) fills.set(rgb, status);
    fills.set(STATUS_COLORS[status].fill, status);
  }
  return fills;
}

/**
 * Pairs two ordered lists of names: equal names (a longest common subsequence) pair
 * first; between two such anchors, the leftovers pair by position (a renamed item), and
 * what remains is added (`a` only) or removed (`e` only). So an inserted or deleted row
 * or column is understood as such, never as every following item shifted by one.
 */
export function align(expected: readonly string[], actual: readonly string[]): { e?: number; a?: number }[] {
  const n = expected.length;
  const m = actual.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = expected[i] === actual[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: { e?: number; a?: number }[] = [];
  let gapE: number[] = [];
  let gapA: number[] = [];
  const flush = () => {
    const both = Math.min(gapE.length, gapA.length);
    for (let k = 0; k < both; k++) out.push({ e: gapE[k]!, a: gapA[k]! });
    for (const e of gapE.slice(both)) out.push({ e });
    for (const a of gapA.slice(both)) out.push({ a });
    gapE = [];
    gapA = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j] && lcs[i]![j] === lcs[i + 1]![j + 1]! + 1) {
      flush();
      out.push({ e: i++, a: j++ });
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) gapA.push(j++);
    else gapE.push(i++);
  }
  flush();
  return out;
}

type NamedKind = 'stages' | 'channels' | 'touchpoints' | 'useCases' | 'lifecycle' | 'targets' | 'programs' | 'scenarios' | 'variables' | 'sources';

/**
 * What a stakeholder changed in the visible tabs of an omni workbook, as edits of model
 * fields, new entities and deleted ones. `expected` is the workbook omni would write from
 * the hidden data sheet (so every editable cell knows its field). Rows of the row-based
 * tabs pair with entities by their hidden key column; the matrix and the scenario map
 * (no key column) pair their rows and columns by name, so inserted and deleted ones are
 * understood. `taken` lists ids in use besides the export's (the YAML as it is now), so
 * that derived ids never collide.
 */
export function workbookEdits(
  workbook: ReadWorkbook,
  expected: WorkbookSpec,
  base: Model,
  taken: Partial<Record<SectionKind, Iterable<string>>> = {},
  /** The language of the warnings (the run's); the workbook's own words are in its locale. */
  messageLocale: Locale = base.settings.locale,
): WorkbookEdits {
  const result: WorkbookEdits = { edits: [], added: [], deleted: [], warnings: [] };
  const locale = base.settings.locale;
  const labels = WORKBOOK_LABELS[locale];
  const words = LABELS[locale];
  const warn = (where: string, id: ImporterMessageId, data: MessageData = {}) => result.warnings.push(`${where}: ${importerMessage(messageLocale, id, data)}`);
  const fills = fillStatuses();
  /** Names given in this import (new entities, renames) → id, per section. */
  const named = new Map<NamedKind, Map<string, string>>();
  const nameIt = (kind: NamedKind, name: string, id: string) => {
    let names = named.get(kind);
    if (!names) named.set(kind, (names = new Map()));
    names.set(normalise(name), id);
  };
  const addedIds = new Map<string, Record<string, unknown>>();
  const lookup = (kind: NamedKind, text: string): string | undefined => {
    const key = normalise(text);
    const entities = base[kind] as { id: string; name: string }[];
    return (
      named.get(kind)?.get(key) ??
      entities.find((entity) => normalise(entity.name) === key)?.id ??
      entities.find((entity) => entity.id === text)?.id ??
      (addedIds.has(`${kind}/${text}`) ? text : undefined)
    );
  };
  const ids = (kind: 'touchpoints' | 'useCases' | 'sources', text: string, where: string): string[] | undefined => {
    const found: string[] = [];
    for (const item of splitKnownList(text, (name) => lookup(kind, name) !== undefined)) {
      const id = lookup(kind, item);
      if (!id) {
        warn(where, 'unknownItem', { item, kind });
        return undefined;
      }
      found.push(id);
    }
    return found;
  };
  const idMakers = new Map<SectionKind, IdMaker>();
  /** A new id for a name, as the hand-filled template import derives them (template-import.ts). */
  const newId = (kind: SectionKind, name: string, asWritten = false): string => {
    let maker = idMakers.get(kind);
    if (!maker) {
      maker = new IdMaker(kind.replace(/s$/, ''));
      for (const entity of base[kind] as { id: string }[]) maker.keep(entity.id);
      for (const id of taken[kind] ?? []) maker.keep(id);
      idMakers.set(kind, maker);
    }
    return asWritten ? maker.keep(name) : maker.make(name);
  };
  const add = (entity: AddedEntity) => {
    result.added.push(entity);
    addedIds.set(`${entity.kind}/${String(entity.record.id)}`, entity.record);
    if (typeof entity.record.name === 'string') nameIt(entity.kind as NamedKind, entity.record.name, String(entity.record.id));
  };
  const deleted = new Set<string>();
  const remove = (kind: SectionKind, id: string, where: string) => {
    if (deleted.has(`${kind}/${id}`)) return;
    deleted.add(`${kind}/${id}`);
    result.deleted.push({ kind, id, where });
  };

  /**
   * Where a scenario's step is in the YAML, from the scenario: `steps.3` for a straight
   * sequence, deeper inside a branch (`steps.2.wait.otherwise.0…`); cells name a step by its
   * index among the scenario's messages.
   */
  const stepPath = (id: string, index: number): (string | number)[] => {
    const scenario = base.index.scenarios.get(id);
    const step = scenario?.steps[index];
    return scenario && step ? step.origin.path.slice(scenario.origin.path.length) : ['steps', index];
  };

  /** Turns the edited text of a cell into the field's value; undefined result means "not applied". */
  const interpret = (target: EditTarget, text: string, where: string): { path: (string | number)[]; value: unknown } | undefined => {
    const at = stepPath(target.id, target.step ?? 0);
    const optional = (path: (string | number)[]) => ({ path, value: text === '' ? undefined : text });
    const required = (path: (string | number)[], what: ImporterMessageId) => {
      if (text !== '') return { path, value: text };
      warn(where, 'cannotBeEmpty', { what: importerMessage(messageLocale, what) });
      return undefined;
    };
    switch (target.field) {
      case 'name': {
        const change = required(['name'], 'aName');
        if (change && target.kind !== 'variables') nameIt(target.kind, text, target.id);
        return change;
      }
      case 'category':
      case 'objective':
      case 'goal':
      case 'description':
        return optional([target.field]);
      case 'business':
      case 'experience':
      case 'difficulty': {
        const score = scoreOf(text);
        if (score !== undefined) return { path: ['scores', target.field], value: score };
        // A score cannot be left out (the schema requires all three): an emptied cell is said as such.
        warn(where, text.trim() === '' ? 'emptyScore' : 'badScore', { field: labels.useCases[target.field], text });
        return undefined;
      }
      case 'priority': {
        if (text === '') return { path: ['priority'], value: undefined };
        const rank = Number(text);
        if (Number.isInteger(rank) && rank >= 1) return { path: ['priority'], value: rank };
        warn(where, 'badRank', { text });
        return undefined;
      }
      case 'touchpoints':
      case 'useCases': {
        const list = ids(target.field, text, where);
        return list ? { path: [target.field], value: list } : undefined;
      }
      case 'sources': {
        const list = sourceList(text, where);
        return list ? { path: ['sources'], value: list } : undefined;
      }
      case 'pii': {
        const pii = yesNoOf(text);
        if (pii !== undefined) return { path: ['pii'], value: pii };
        warn(where, 'notYesNo', { text, yes: labels.data.yes, no: labels.data.no });
        return undefined;
      }
      case 'target': {
        const id = lookup('targets', text);
        if (id) return { path: ['target'], value: id };
        warn(where, 'unknownTarget', { text });
        return undefined;
      }
      case 'triggerType': {
        const type = triggerTypeOf(text);
        if (type) return { path: ['trigger', 'type'], value: type };
        warn(where, 'badTriggerType', { text, behavior: words.trigger.behavior, event: words.trigger.event });
        return undefined;
      }
      case 'triggerEvent':
        return required(['trigger', 'event'], 'aTrigger');
      case 'exit':
        return { path: ['exit'], value: lines(text) };
      case 'after': {
        // `2 jours`, `48 h`: the delay as people type it, read as an offset (and said so).
        const read = delayOffset(text);
        if (read === undefined) return required([...at, 'after'], 'aDelay');
        warn(where, 'delayRead', { text, offset: read });
        return { path: [...at, 'after'], value: read };
      }
      case 'channel': {
        const id = lookup('channels', text);
        if (id) return { path: [...at, 'channel'], value: id };
        warn(where, 'unknownChannel', { text });
        return undefined;
      }
      case 'stepName':
        return optional([...at, 'name']);
      case 'subject':
      case 'message':
        return optional([...at, target.field]);
      case 'stepDescription':
        return optional([...at, 'description']);
      case 'status':
        return undefined;
      case 'branch':
        warn(where, 'branchCellNotApplied');
        return undefined;
    }
  };

  /** The rows of a branching scenario's steps (as the export wrote them), by key. */
  const linesCache = new Map<string, Map<string, FlowLine>>();
  const linesOf = (id: string): Map<string, FlowLine> => {
    let lines = linesCache.get(id);
    if (!lines) {
      const scenario = base.index.scenarios.get(id);
      lines = new Map((scenario ? flowLines(scenario, locale, (target) => base.index.targets.get(target)?.name ?? target) : []).map((line) => [line.key, line]));
      linesCache.set(id, lines);
    }
    return lines;
  };
  /** A YAML path from the scenario down, from a model origin. */
  const relative = (id: string, at: readonly (string | number)[]): (string | number)[] => at.slice(base.index.scenarios.get(id)?.origin.path.length ?? 0);
  const OFFSET = /^(?:[JD][+-]?\d+|\d+(?:m|h|d|w)|0)$/;
  const STEP_ID = /^[a-z0-9][a-z0-9_-]*$/;

  /**
   * A cell of a branching scenario's row that is not a message's own field: a message's
   * `#id`, a fallback's fields, a wait's time-out, a step's id or description, a branch's
   * event, target, condition, percent, name or label, a goto's step. Applied when the text
   * reads as that field; else reported.
   */
  function branchCell(target: EditTarget, key: string, text: string, before: string, where: string): void {
    const line = linesOf(target.id).get(key);
    if (!line) return;
    const set = (path: (string | number)[], value: unknown) => {
      result.edits.push({ kind: 'scenarios', id: target.id, path, value, where });
    };
    const notApplied = () => {
      warn(where, 'branchCellNotApplied');
    };
    const unread = () => {
      warn(where, 'branchCellUnread', { text, expected: before });
    };
    const cell = text === '' ? undefined : readBranchCell(text);
    const optional = (path: (string | number)[]) => set(path, text === '' ? undefined : text);
    if (line.kind === 'message' && line.step) {
      const at = relative(target.id, line.step.origin.path);
      if (text === '') set([...at, 'id'], undefined);
      else if (cell?.kind === 'id' && STEP_ID.test(cell.id)) set([...at, 'id'], cell.id);
      else unread();
      return;
    }
    if (line.kind === 'fallback' && line.fallback) {
      const at = relative(target.id, line.fallback.origin.path);
      switch (target.field) {
        case 'branch':
          if (cell?.kind === 'fallback') set([...at, 'when'], cell.when);
          else unread();
          return;
        case 'channel': {
          const channel = lookup('channels', text);
          if (channel) set([...at, 'channel'], channel);
          else warn(where, 'unknownChannel', { text });
          return;
        }
        case 'stepName':
          return optional([...at, 'name']);
        case 'subject':
        case 'message':
          return optional([...at, target.field]);
        case 'stepDescription':
          return optional([...at, 'description']);
        default:
          return notApplied();
      }
    }
    if (line.kind === 'control' && line.node && line.node.kind !== 'message') {
      const node = line.node;
      const at = relative(target.id, node.origin.path);
      if (target.field === 'stepDescription') return optional([...at, 'description']);
      if (target.field === 'after' && node.kind === 'wait') {
        const read = delayOffset(text);
        if (read !== undefined) warn(where, 'delayRead', { text, offset: read });
        if (OFFSET.test(read ?? text)) set([...at, 'wait', 'timeout'], read ?? text);
        else unread();
        return;
      }
      if (target.field !== 'branch') return notApplied();
      if (!cell || cell.kind !== node.kind || (cell.id !== undefined && !STEP_ID.test(cell.id))) return unread();
      if (cell.id !== node.id) set([...at, 'id'], cell.id);
      if (cell.kind === 'goto' && node.kind === 'goto' && cell.step !== node.goto) set([...at, 'goto'], cell.step);
      return;
    }
    const owner = line.owner;
    if (line.kind !== 'branch' || !owner) return notApplied();
    const ownerAt = relative(target.id, owner.origin.path);
    const branch = line.branchOf;
    if (!branch) {
      // A split's control group.
      if (target.field === 'branch' && cell?.kind === 'control' && cell.percent >= 0 && cell.percent <= 100) set([...ownerAt, 'split', 'control'], cell.percent);
      else if (target.field === 'branch') unread();
      else notApplied();
      return;
    }
    const otherwise = owner.kind !== 'split' && branch === owner.otherwise;
    if (otherwise) {
      // Nothing to write: `otherwise` is a list of steps, with no name or label.
      if (target.field !== 'branch') notApplied();
      else if (cell?.kind !== (owner.kind === 'wait' ? 'timedOut' : 'otherwise')) unread();
      return;
    }
    const at = relative(target.id, branch.origin.path);
    if (target.field === 'stepName') return optional([...at, 'label']);
    if (target.field !== 'branch') return notApplied();
    const name = cell && 'name' in cell ? cell.name : undefined;
    if (name !== undefined && !STEP_ID.test(name)) return unread();
    if (owner.kind === 'wait' && cell?.kind === 'event') {
      if (cell.event !== (branch as WaitBranch).event) set([...at, 'event'], cell.event);
      // `↳ on X` names the branch after its event: no name of its own.
      if (name !== undefined ? name !== branch.name : branch.name !== cell.event) set([...at, 'name'], name);
      return;
    }
    if (owner.kind === 'decision' && (cell?.kind === 'target' || cell?.kind === 'condition' || cell?.kind === 'pastEvent')) {
      const selected = branch as { target?: string; condition?: string; event?: string };
      const value = cell.kind === 'target' ? lookup('targets', cell.target) : cell.kind === 'condition' ? cell.condition : cell.event;
      if (value === undefined) {
        warn(where, 'unknownTarget', { text: cell.kind === 'target' ? cell.target : text });
        return;
      }
      const field = cell.kind === 'pastEvent' ? 'event' : cell.kind;
      for (const other of ['target', 'condition', 'event'] as const) if (other !== field && selected[other] !== undefined) set([...at, other], undefined);
      if (selected[field] !== value) set([...at, field], value);
      if (name !== undefined && name !== branch.name) set([...at, 'name'], name);
      return;
    }
    if (owner.kind === 'split' && cell?.kind === 'percent' && cell.percent >= 0 && cell.percent <= 100) {
      if (cell.percent !== (branch as { percent?: number }).percent) set([...at, 'percent'], cell.percent);
      if (name !== undefined && name !== branch.name) set([...at, 'name'], name);
      return;
    }
    unread();
  }

  /** Sources of a variable: known names (or new ones, added as sources), or the "no source" word. */
  function sourceList(text: string, where: string, create = false): string[] | undefined {
    if (Object.values(WORKBOOK_LABELS).some((other) => normalise(other.data.noSource) === normalise(text))) return [];
    if (!create) return ids('sources', text, where);
    const found: string[] = [];
    for (const item of splitKnownList(text, (name) => lookup('sources', name) !== undefined)) {
      let id = lookup('sources', item);
      if (!id) {
        id = newId('sources', item);
        add({ kind: 'sources', record: { id, name: item }, where, placement: 'end' });
      }
      if (!found.includes(id)) found.push(id);
    }
    return found;
  }

  const cellText = (sheet: ReadSheet, r: number, c: number): string => {
    const got = sheet.cell(r, c);
    if (!got || got.mergedFollower || got.value === null || got.value === undefined) return '';
    return lineEnds(String(got.value));
  };

  const compareCell = (sheet: ReadSheet, spec: CellSpec, actualRow: number, column: number) => {
    const target = spec.edit;
    if (!target) return;
    const where = `${sheet.name}!${address(actualRow, column)}`;
    const got = sheet.cell(actualRow, column);
    if (got?.mergedFollower) return;
    const text = got?.value === null || got?.value === undefined ? '' : lineEnds(String(got.value));
    if (text === shown(spec.value)) return;
    if (typeof spec.value === 'string' && /… \[\d+ characters cut\]$/.test(spec.value)) {
      warn(where, 'cutText');
      return;
    }
    if (target.line !== undefined) {
      branchCell(target, target.line, text, shown(spec.value), where);
      return;
    }
    const change = interpret(target, text, where);
    if (change) result.edits.push({ kind: target.kind, id: target.id, path: change.path, value: change.value, where });
  };

  /** A touchpoint cell's status by its fill; undefined when the fill says nothing (none, white, or unknown: reported). */
  const statusOf = (sheet: ReadSheet, r: number, c: number): TouchpointStatus | undefined => {
    const fill = sheet.cell(r, c)?.fill;
    if (!fill) return undefined;
    const status = fills.get(fill);
    if (status || fill === 'FFFFFF') return status;
    // A shade outside the legend (Excel's colour picker): its hue, as the hand-filled import reads it.
    const guessed = statusOfHue(fill);
    warn(`${sheet.name}!${address(r, c)}`, guessed ? 'fillByHue' : 'unknownFill', { fill, status: guessed ?? '' });
    return guessed;
  };

  /** A row holds something a person typed in the visible columns (before the key column). */
  const filled = (sheet: ReadSheet, r: number, before: number) => sheet.columnsOf(r).some((c) => c < before && cellText(sheet, r, c) !== '');

  /** Scenario names typed on the scenario map that are not scenarios yet → where they sit. */
  const placements = new Map<string, { lifecycle?: string; target?: string }>();

  const readme = labels.sheets.readme;
  for (const spec of expected.sheets) {
    if (spec.state === 'hidden' || spec.name === readme) continue;
    const sheet = workbook.sheets.find((candidate) => candidate.name === spec.name);
    if (!sheet) {
      warn(spec.name, 'sheetMissing');
      continue;
    }
    if (spec.name === labels.sheets.matrix) gridSheet(sheet, spec, 'matrix');
    else if (spec.name === labels.sheets.scenarioMap) gridSheet(sheet, spec, 'map');
    else if (spec.name === labels.sheets.scenarioSpec && spec.keyColumn !== undefined) specSheet(sheet, spec, spec.keyColumn);
    else if (spec.name === labels.sheets.data && spec.keyColumn !== undefined) dataSheet(sheet, spec, spec.keyColumn);
    else if (spec.keyColumn !== undefined) useCaseSheet(sheet, spec, spec.keyColumn);
    else spec.rows.forEach((cells, r) => cells.forEach((cell, c) => cell && compareCell(sheet, cell, r + 1, c + 1)));
  }

  /** The hidden key of each row omni wrote → its row index in `spec.rows`. */
  function expectedKeys(spec: SheetSpec, keyColumn: number): Map<string, number> {
    const rows = new Map<string, number>();
    spec.rows.forEach((cells, r) => {
      const key = cells[keyColumn - 1]?.value;
      if (typeof key === 'string') rows.set(key, r);
    });
    return rows;
  }

  function useCaseSheet(sheet: ReadSheet, spec: SheetSpec, keyColumn: number): void {
    const rowOf = expectedKeys(spec, keyColumn);
    const seen = new Set<string>();
    const headerRow = spec.freeze?.rows ?? 1;
    for (const r of sheet.rowNumbers()) {
      if (r <= headerRow) continue;
      const key = sheet.cell(r, keyColumn)?.value;
      const row = typeof key === 'string' ? rowOf.get(key) : undefined;
      if (row === undefined) {
        if (filled(sheet, r, keyColumn)) newUseCase(sheet, r);
        continue;
      }
      seen.add(key as string);
      spec.rows[row]!.forEach((cell, c) => cell && compareCell(sheet, cell, r, c + 1));
    }
    for (const id of rowOf.keys())
      if (!seen.has(id)) remove('useCases', id, `${sheet.name} (${importerMessage(messageLocale, 'rowDeleted', { name: base.index.useCases.get(id)?.name ?? id })})`);
  }

  function newUseCase(sheet: ReadSheet, r: number): void {
    const get = (column: number) => cellText(sheet, r, column);
    const where = `${sheet.name}!${address(r, 1)}`;
    const name = get(3);
    if (!name) {
      warn(`${sheet.name}!${address(r, 3)}`, 'newUseCaseWithoutName');
      return;
    }
    const record: Record<string, unknown> = { id: newId('useCases', name), name };
    if (get(1)) record.category = get(1);
    if (get(2)) record.objective = get(2);
    const touchpoints = get(4) ? ids('touchpoints', get(4), `${sheet.name}!${address(r, 4)}`) : [];
    if (touchpoints && touchpoints.length > 0) record.touchpoints = touchpoints;
    const scores: Record<string, number> = {};
    (['business', 'experience', 'difficulty'] as const).forEach((field, index) => {
      const score = scoreOf(get(5 + index));
      scores[field] = score ?? 3;
      if (score === undefined) warn(`${sheet.name}!${address(r, 5 + index)}`, 'badScoreSetTo3', { field: labels.useCases[field], text: get(5 + index) });
    });
    record.scores = scores;
    const fixed = Number(get(10));
    if (get(10) && Number.isInteger(fixed) && fixed >= 1) record.priority = fixed;
    add({ kind: 'useCases', record, where, placement: 'end' });
  }

  /**
   * The matrix (channels × stages, touchpoints in the cells) and the scenario map
   * (targets × lifecycle stages). Columns and row blocks pair with the export's by name
   * (`align`): a renamed header is a rename, an inserted one a new entity, a removed one
   * a deleted entity. In the matrix, each cell's touchpoints pair the same way (a new
   * name is a new touchpoint, a cleared one a deleted touchpoint, one moved to another
   * cell changes its stage and channel) and their fill colour is their status.
   */
  function gridSheet(sheet: ReadSheet, spec: SheetSpec, grid: 'matrix' | 'map'): void {
    const headerRow = spec.freeze?.rows ?? (grid === 'matrix' ? 4 : 3);
    const columnKind = grid === 'matrix' ? 'stages' : 'lifecycle';
    const rowKind = grid === 'matrix' ? 'channels' : 'targets';
    const defaultLifecycle = grid === 'map' && base.defaultLifecycle;
    interface Axis {
      id: string;
      name: string;
      editable: boolean;
      at: number;
    }
    const expectedColumns: Axis[] = [];
    (spec.rows[headerRow - 1] ?? []).forEach((cell, c) => {
      if (c === 0 || !cell || cell.value === null) return;
      expectedColumns.push({ id: cell.edit?.id ?? String(cell.value), name: shown(cell.value), editable: cell.edit !== undefined, at: c + 1 });
    });
    const expectedBlocks: (Axis & { height: number })[] = [];
    for (let r = headerRow; r < spec.rows.length; r++) {
      const cell = spec.rows[r]?.[0];
      if (cell && cell.value !== null)
        expectedBlocks.push({ id: cell.edit?.id ?? String(cell.value), name: shown(cell.value), editable: cell.edit !== undefined, at: r + 1, height: 1 });
      else if (expectedBlocks.length > 0) expectedBlocks[expectedBlocks.length - 1]!.height++;
    }
    const actualColumns = sheet
      .columnsOf(headerRow)
      .filter((c) => c >= 2 && cellText(sheet, headerRow, c) !== '')
      .map((c) => ({ at: c, name: cellText(sheet, headerRow, c) }));
    const contentRows = sheet.rowNumbers().filter((r) => r > headerRow);
    const actualBlocks: { at: number; name: string; rows: number[] }[] = [];
    for (const r of contentRows) {
      const name = cellText(sheet, r, 1);
      if (name !== '') actualBlocks.push({ at: r, name, rows: [r] });
      else if (actualBlocks.length > 0) actualBlocks[actualBlocks.length - 1]!.rows.push(r);
      else if (filled(sheet, r, Infinity)) warn(`${sheet.name}!${address(r, 2)}`, grid === 'matrix' ? 'rowWithoutChannel' : 'rowWithoutTarget');
    }
    // Columns: stage or lifecycle stage per actual column.
    const columnId = new Map<number, string>();
    const columnOf = new Map<number, number>();
    let previous: string | undefined;
    for (const pair of align(
      expectedColumns.map((column) => normalise(column.name)),
      actualColumns.map((column) => normalise(column.name)),
    )) {
      const was = pair.e === undefined ? undefined : expectedColumns[pair.e]!;
      const now = pair.a === undefined ? undefined : actualColumns[pair.a]!;
      const where = `${sheet.name}!${address(headerRow, now?.at ?? was!.at)}`;
      if (was && now) {
        columnId.set(now.at, was.id);
        columnOf.set(now.at, was.at);
        if (now.name !== was.name) {
          if (was.editable) {
            result.edits.push({ kind: columnKind, id: was.id, path: ['name'], value: now.name, where });
            nameIt(columnKind, now.name, was.id);
          } else warn(where, defaultLifecycle ? 'defaultLifecycle' : 'unknownHeader', { name: was.name });
        }
        previous = was.id;
      } else if (now) {
        if (defaultLifecycle) {
          warn(where, 'defaultLifecycle', { name: now.name });
          continue;
        }
        const id = newId(columnKind, now.name);
        add({ kind: columnKind, record: { id, name: now.name }, where, placement: 'after', ...(previous !== undefined ? { after: previous } : {}) });
        columnId.set(now.at, id);
        previous = id;
      } else if (was?.editable) remove(columnKind, was.id, where);
      else if (was && defaultLifecycle) warn(where, 'defaultLifecycle', { name: was.name });
    }
    for (const block of actualBlocks)
      for (const r of block.rows)
        for (const c of sheet.columnsOf(r))
          if (c >= 2 && !columnId.has(c) && cellText(sheet, r, c) !== '' && (grid === 'matrix' || !isChannelLine(cellText(sheet, r, c))))
            warn(`${sheet.name}!${address(r, c)}`, 'cellWithoutHeader', { text: cellText(sheet, r, c) });
    // Row blocks: channel or target per block.
    previous = undefined;
    const blockPairs: { was?: (typeof expectedBlocks)[number]; now?: (typeof actualBlocks)[number]; id?: string }[] = [];
    for (const pair of align(
      expectedBlocks.map((block) => normalise(block.name)),
      actualBlocks.map((block) => normalise(block.name)),
    )) {
      const was = pair.e === undefined ? undefined : expectedBlocks[pair.e]!;
      const now = pair.a === undefined ? undefined : actualBlocks[pair.a]!;
      const where = `${sheet.name}!${address(now?.at ?? was!.at, 1)}`;
      let id: string | undefined;
      if (was && now) {
        id = was.id;
        if (now.name !== was.name) {
          if (was.editable) {
            result.edits.push({ kind: rowKind, id: was.id, path: ['name'], value: now.name, where });
            nameIt(rowKind, now.name, was.id);
          } else warn(where, 'unknownHeader', { name: was.name });
        }
      } else if (now) {
        id = newId(rowKind, now.name);
        add({ kind: rowKind, record: { id, name: now.name }, where, placement: 'after', ...(previous !== undefined ? { after: previous } : {}) });
      } else if (was?.editable) remove(rowKind, was.id, where);
      if (id !== undefined) previous = id;
      blockPairs.push({ ...(was ? { was } : {}), ...(now ? { now } : {}), ...(id !== undefined ? { id } : {}) });
    }
    if (grid === 'map') {
      // Scenario names typed on the map place a new scenario of the specification tab.
      const known = new Set(base.scenarios.map((scenario) => normalise(scenario.name)));
      for (const { now, id } of blockPairs)
        for (const r of now?.rows ?? [])
          for (const c of sheet.columnsOf(r)) {
            const text = cellText(sheet, r, c);
            if (c < 2 || text === '' || known.has(normalise(text)) || isChannelLine(text)) continue;
            placements.set(normalise(text), { ...(columnId.has(c) ? { lifecycle: columnId.get(c)! } : {}), ...(id !== undefined ? { target: id } : {}) });
          }
      return;
    }
    // Touchpoints, cell by cell.
    const gone: { id: string; name: string; where: string }[] = [];
    const fresh: AddedEntity[] = [];
    for (const { was, now, id: channel } of blockPairs) {
      const columns = new Set<number>([...columnId.keys()]);
      // Expected touchpoints of this block per expected column (in the rows omni wrote).
      const expectedIn = (at: number) => {
        const list: { id: string; name: string; status: string }[] = [];
        for (let line = 0; was && line < was.height; line++) {
          const cell = spec.rows[was.at - 1 + line]?.[at - 1];
          if (cell?.edit?.kind === 'touchpoints') list.push({ id: cell.edit.id, name: shown(cell.value), status: cell.style?.replace('status-', '') ?? 'normal' });
        }
        return list;
      };
      const handled = new Set<number>();
      for (const c of columns) {
        const stage = columnId.get(c)!;
        const at = columnOf.get(c);
        handled.add(at ?? -1);
        const before = at !== undefined ? expectedIn(at) : [];
        const after = (now?.rows ?? []).filter((r) => cellText(sheet, r, c) !== '').map((r) => ({ r, name: cellText(sheet, r, c) }));
        let last: string | undefined;
        for (const pair of align(
          before.map((item) => normalise(item.name)),
          after.map((item) => normalise(item.name)),
        )) {
          const old = pair.e === undefined ? undefined : before[pair.e]!;
          const cur = pair.a === undefined ? undefined : after[pair.a]!;
          if (old && cur) {
            const where = `${sheet.name}!${address(cur.r, c)}`;
            if (cur.name !== old.name) {
              result.edits.push({ kind: 'touchpoints', id: old.id, path: ['name'], value: cur.name, where });
              nameIt('touchpoints', cur.name, old.id);
            }
            const status = statusOf(sheet, cur.r, c);
            if (status && status !== old.status) result.edits.push({ kind: 'touchpoints', id: old.id, path: ['status'], value: status, where });
            last = old.id;
          } else if (cur) {
            const where = `${sheet.name}!${address(cur.r, c)}`;
            if (channel === undefined) continue;
            const status = statusOf(sheet, cur.r, c) ?? 'normal';
            const entity: AddedEntity = {
              kind: 'touchpoints',
              record: { id: '', name: cur.name, stage, channel, status },
              where,
              placement: last === undefined ? 'end' : 'after',
              ...(last !== undefined ? { after: last } : {}),
            };
            fresh.push(entity);
            last = undefined;
          } else if (old) gone.push({ id: old.id, name: old.name, where: `${sheet.name}!${address((was?.at ?? 1) + before.indexOf(old), at!)}` });
        }
      }
      // Columns of this block that are gone: their touchpoints too.
      for (const column of expectedColumns)
        if (!handled.has(column.at))
          for (const old of expectedIn(column.at)) gone.push({ id: old.id, name: old.name, where: `${sheet.name}!${address(was!.at, column.at)}` });
    }
    // A touchpoint cleared in one cell and typed in another was moved: same id, new stage or channel.
    for (const entity of fresh) {
      const index = gone.findIndex((old) => normalise(old.name) === normalise(String(entity.record.name)));
      if (index >= 0) {
        const old = gone.splice(index, 1)[0]!;
        const was = base.index.touchpoints.get(old.id);
        for (const field of ['stage', 'channel', 'status'] as const)
          if (was && was[field] !== entity.record[field])
            result.edits.push({ kind: 'touchpoints', id: old.id, path: [field], value: entity.record[field], where: entity.where });
        if (was && lineEnds(was.name) !== entity.record.name)
          result.edits.push({ kind: 'touchpoints', id: old.id, path: ['name'], value: entity.record.name, where: entity.where });
        continue;
      }
      entity.record.id = newId('touchpoints', String(entity.record.name));
      add(entity);
    }
    for (const old of gone) remove('touchpoints', old.id, old.where);
  }

  /** The map's second line under a scenario: its channels ("Email, SMS"). */
  function isChannelLine(text: string): boolean {
    const items = text
      .split(/[\n,;]/)
      .map((item) => item.trim())
      .filter(Boolean);
    return items.length > 0 && items.every((item) => lookup('channels', item) !== undefined);
  }

  /** Where a row of a branching scenario leaves a new row that follows it. */
  interface Placed {
    level: number;
    /** A step of a sequence (`list`: its list, `after`: the index a new step after it takes); a branch (`list`: its steps); a fallback or control group (no steps). */
    kind: 'sequence' | 'branch' | 'fallback' | 'none';
    list?: (string | number)[];
    after?: number;
    /** A wait, decision or split: a deeper row right under it has no place. */
    branching?: boolean;
  }

  function placedOf(id: string, line: FlowLine): Placed {
    const origin = line.kind === 'message' ? line.step?.origin : line.node && line.node.kind !== 'message' ? line.node.origin : undefined;
    if ((line.kind === 'message' || line.kind === 'control') && origin) {
      const at = relative(id, origin.path);
      const kind = line.node?.kind;
      return {
        level: line.level,
        kind: 'sequence',
        list: at.slice(0, -1),
        after: Number(at[at.length - 1]) + 1,
        branching: kind === 'wait' || kind === 'decision' || kind === 'split',
      };
    }
    if (line.kind === 'branch' && line.owner && line.branchOf) {
      const at = relative(id, line.branchOf.origin.path);
      const otherwise = line.owner.kind !== 'split' && line.branchOf === line.owner.otherwise;
      return { level: line.level, kind: 'branch', list: otherwise ? at : [...at, 'steps'] };
    }
    return { level: line.level, kind: line.kind === 'fallback' ? 'fallback' : 'none' };
  }

  /**
   * A new row at `level` after the rows `seen`: after the nearest step at its level (the
   * deeper rows between are that step's branches), inside the nearest branch above it
   * (after that branch's steps seen), or nowhere (right under a wait, decision or split,
   * under a control group).
   */
  function placeNewRow(seen: readonly Placed[], level: number): { list: (string | number)[]; index: number } | undefined {
    const nearest = new Map<string, number>();
    for (let i = seen.length - 1; i >= 0; i--) {
      const row = seen[i]!;
      // Excel groups 7 levels at most: deeper rows read as 7.
      const at = level === 7 ? Math.min(row.level, 7) : row.level;
      if (row.kind === 'fallback') continue;
      if (at > level) {
        if (row.kind === 'sequence' && !nearest.has(JSON.stringify(row.list))) nearest.set(JSON.stringify(row.list), row.after!);
        continue;
      }
      if (row.kind === 'sequence') return at === level || !row.branching ? { list: row.list!, index: row.after! } : undefined;
      if (row.kind === 'branch') return { list: row.list!, index: nearest.get(JSON.stringify(row.list)) ?? 0 };
      return undefined;
    }
    return undefined;
  }

  /**
   * The specification tab: programme group rows, then per scenario its row and one row per
   * further step. Group rows pair with programmes by name, else by the scenarios under
   * them (a rename), else by position; a new group row is a new programme; a scenario row
   * under another programme's group row moves it there. A row with a new scenario name is
   * a new scenario, the step rows under it its steps.
   */
  function specSheet(sheet: ReadSheet, spec: SheetSpec, keyColumn: number): void {
    const rowOf = expectedKeys(spec, keyColumn);
    const headerRow = spec.freeze?.rows ?? 3;
    const get = (r: number, c: number) => cellText(sheet, r, c);
    const keyOf = (r: number) => {
      const key = sheet.cell(r, keyColumn)?.value;
      return typeof key === 'string' && rowOf.has(key) ? key : undefined;
    };
    const isGroup = (r: number) => keyOf(r) === undefined && get(r, 1) !== '' && sheet.columnsOf(r).every((c) => c === 1 || c >= keyColumn || get(r, c) === '');
    const scenarioOfKey = (key: string) => key.split('#')[0]!;
    // A scenario's first row holds its name (a branching scenario may start with a wait: `id#~1`).
    const isFirstRow = (key: string) => !key.includes('#') || spec.rows[rowOf.get(key)!]?.[1]?.edit?.field === 'name';
    const rows = sheet.rowNumbers().filter((r) => r > headerRow);
    // Pass 1: group rows and the scenarios under each.
    const groups: { r: number; name: string; scenarios: string[]; program?: string }[] = [];
    for (const r of rows) {
      const key = keyOf(r);
      if (key !== undefined && isFirstRow(key)) groups[groups.length - 1]?.scenarios.push(scenarioOfKey(key));
      else if (isGroup(r)) groups.push({ r, name: get(r, 1), scenarios: [] });
    }
    const unknownLabel = normalise(labels.scenarioSpec.unknownProgram);
    const declared = base.programs;
    const expectedGroups = [...new Set(declared.map((program) => program.id))];
    const claimed = new Set<string>();
    for (const group of groups) {
      const key = normalise(group.name);
      const byName = declared.find((program) => normalise(program.name) === key && !claimed.has(program.id));
      if (byName) group.program = byName.id;
      else if (key.startsWith(unknownLabel)) group.program = group.name.slice(group.name.lastIndexOf(':') + 1).trim();
      if (group.program) claimed.add(group.program);
    }
    groups.forEach((group, index) => {
      if (group.program) return;
      const fromScenarios = group.scenarios.map((id) => base.index.scenarios.get(id)?.program).find((id) => id !== undefined);
      const byPosition = groups.length === expectedGroups.length && group.scenarios.length === 0 ? expectedGroups[index] : undefined;
      const renamed = [fromScenarios, byPosition].find((id) => id !== undefined && base.index.programs.has(id) && !claimed.has(id));
      const where = `${sheet.name}!${address(group.r, 1)}`;
      if (renamed) {
        group.program = renamed;
        claimed.add(renamed);
        result.edits.push({ kind: 'programs', id: renamed, path: ['name'], value: group.name, where });
        nameIt('programs', group.name, renamed);
        return;
      }
      const id = newId('programs', group.name);
      const before = groups
        .slice(0, index)
        .map((other) => other.program)
        .filter((program) => program !== undefined)
        .pop();
      add({ kind: 'programs', record: { id, name: group.name }, where, placement: 'after', ...(before !== undefined ? { after: before } : {}) });
      group.program = id;
    });
    const present = new Set([...rows].map(keyOf).filter((key) => key !== undefined));
    const kept = new Set([...present].map((key) => scenarioOfKey(key!)));
    for (const program of declared) {
      if (claimed.has(program.id)) continue;
      const scenarios = base.scenarios.filter((scenario) => scenario.program === program.id);
      if (scenarios.some((scenario) => kept.has(scenario.id))) warn(sheet.name, 'programRowDeleted', { name: program.name });
      else remove('programs', program.id, `${sheet.name} (${importerMessage(messageLocale, 'rowDeleted', { name: program.name })})`);
    }
    // Pass 2: the rows themselves.
    let program: string | undefined;
    let current: { id: string; record?: Record<string, unknown> } | undefined;
    let lastScenario: string | undefined;
    const pendingSteps = new Map<string, number>();
    /** The rows seen so far of the current branching scenario: where a new row after them goes. */
    let seen: Placed[] = [];
    /** In a straight scenario, the list index right after the last step row seen: where a new row goes. */
    let nextStepIndex = 0;
    for (const r of rows) {
      const key = keyOf(r);
      if (key !== undefined) {
        const id = scenarioOfKey(key);
        const scenario = base.index.scenarios.get(id);
        if (isFirstRow(key) && scenario) {
          current = { id };
          lastScenario = id;
          seen = [];
          nextStepIndex = 0;
          if (program !== undefined && program !== scenario.program && claimed.has(scenario.program))
            result.edits.push({ kind: 'scenarios', id, path: ['program'], value: program, where: `${sheet.name}!${address(r, 2)}` });
        }
        const line = scenario && hasStructure(scenario) && key.includes('#') ? linesOf(id).get(key.slice(key.indexOf('#') + 1)) : undefined;
        if (line) seen.push(placedOf(id, line));
        // `id#3` (a message) or `id#3f` (its fallback): a new row below goes after step 3.
        const message = scenario && !hasStructure(scenario) ? /#(\d+)f?$/.exec(key) : null;
        if (message) nextStepIndex = Number(message[1]) + 1;
        spec.rows[rowOf.get(key)!]!.forEach((cell, c) => cell && compareCell(sheet, cell, r, c + 1));
        continue;
      }
      if (isGroup(r)) {
        program = groups.find((group) => group.r === r)?.program;
        continue;
      }
      if (!filled(sheet, r, keyColumn)) continue;
      const where = `${sheet.name}!${address(r, 1)}`;
      if (get(r, 2) !== '') {
        // A programme named in column A of the new row (as the template import reads it): that one, or a new one.
        let own = program;
        if (get(r, 1) !== '') {
          own = lookup('programs', get(r, 1));
          if (own === undefined) {
            own = newId('programs', get(r, 1));
            const last = groups
              .map((group) => group.program)
              .filter((id) => id !== undefined && base.index.programs.has(id))
              .pop();
            add({ kind: 'programs', record: { id: own, name: get(r, 1) }, where, placement: 'after', ...(last !== undefined ? { after: last } : {}) });
          }
        }
        const record = newScenario(sheet, spec, r, own, lastScenario);
        if (record) {
          current = { id: String(record.id), record };
          lastScenario = current.id;
        } else current = undefined;
        continue;
      }
      if ([3, 4, 5, 6, 7, 8].some((c) => get(r, c) !== '')) {
        warn(where, 'newScenarioWithoutName');
        continue;
      }
      if (!current) {
        warn(where, 'stepBeforeScenario');
        continue;
      }
      const step = stepOf(sheet, spec, r);
      if (!step) continue;
      if (current.record) (current.record.steps as unknown[]).push(step);
      else if (hasStructure(base.index.scenarios.get(current.id)!)) {
        // Inside the branches: the row's indent or outline level and the rows above it say where.
        const column = stepColumn(spec);
        const indent = (label: string) => (column(label) > 0 ? (sheet.cell(r, column(label))?.indent ?? 0) : 0);
        const level = Math.max(sheet.outlineLevel?.(r) ?? 0, indent(labels.scenarioSpec.branch), indent(labels.scenarioSpec.after));
        const spot = placeNewRow(seen, level);
        if (!spot) {
          warn(where, 'newRowNoPlace');
          continue;
        }
        seen.push({ level, kind: 'sequence', list: spot.list, after: spot.index, branching: false });
        result.edits.push({ kind: 'scenarios', id: current.id, path: [...spot.list, spot.index], value: step, where, insert: true });
      } else {
        // A straight sequence: the new step goes where its row is, after the step row above it
        // (several new rows in a row keep their order: each goes before the same old step).
        const scenario = base.index.scenarios.get(current.id)!;
        if (nextStepIndex < scenario.steps.length) {
          result.edits.push({ kind: 'scenarios', id: current.id, path: ['steps', nextStepIndex], value: step, where, insert: true });
          continue;
        }
        const pending = pendingSteps.get(current.id) ?? 0;
        pendingSteps.set(current.id, pending + 1);
        result.edits.push({ kind: 'scenarios', id: current.id, path: ['steps', scenario.steps.length + pending], value: step, where });
      }
    }
    // Rows whose key is gone were deleted: a whole scenario, or some of its steps. Keys are
    // `scenario#3` (a message), `scenario#3f` (its fallback), `scenario#~2` (a row of its branches) or `scenario` (no step).
    const keyParts = (key: string) => [scenarioOfKey(key), key.includes('#') ? key.slice(key.indexOf('#') + 1) : undefined] as const;
    const rowsOf = new Map<string, number>();
    for (const key of rowOf.keys()) rowsOf.set(keyParts(key)[0], (rowsOf.get(keyParts(key)[0]) ?? 0) + 1);
    const gone = new Map<string, (string | undefined)[]>();
    for (const key of rowOf.keys()) {
      if (present.has(key)) continue;
      const [id, step] = keyParts(key);
      gone.set(id, [...(gone.get(id) ?? []), step]);
    }
    for (const [id, steps] of gone) {
      const scenario = base.index.scenarios.get(id);
      if (!scenario) continue;
      const where = `${sheet.name} (${importerMessage(messageLocale, 'rowsDeleted', { name: scenario.name })})`;
      if (steps.length >= (rowsOf.get(id) ?? 1)) {
        remove('scenarios', id, where);
        continue;
      }
      const handled = hasStructure(scenario) ? deletedBranchRows(sheet, id, new Set(steps.filter((step) => step !== undefined))) : new Set<string>();
      const messages = steps.filter((step) => step !== undefined && /^\d+$/.test(step) && !handled.has(step)).map(Number);
      for (const step of messages.sort((a, b) => b - a))
        result.edits.push({
          kind: 'scenarios',
          id,
          path: stepPath(id, step),
          value: undefined,
          where: `${sheet.name} (${importerMessage(messageLocale, 'stepDeleted', { step: step + 1, name: scenario.name })})`,
        });
    }
  }

  /**
   * The deleted rows of a branching scenario's structure: a goto or end row deletes that
   * step, a fallback row its fallback, a wait, decision or split row deleted with all the
   * rows under it the whole step, a branch row deleted with its steps' rows that branch (a
   * control group row the control group). Others are reported. Returns the keys dealt
   * with (messages inside a deleted step or branch go with it).
   */
  function deletedBranchRows(sheet: ReadSheet, id: string, gone: ReadonlySet<string>): Set<string> {
    const scenario = base.index.scenarios.get(id)!;
    const lines = [...linesOf(id).values()];
    const handled = new Set<string>();
    let unapplied = 0;
    const remove = (line: FlowLine, path: (string | number)[]) =>
      result.edits.push({
        kind: 'scenarios',
        id,
        path,
        value: undefined,
        where: `${sheet.name} (${importerMessage(messageLocale, 'branchRowDeleted', { text: line.branch ?? '', name: scenario.name })})`,
      });
    const under = (index: number) => {
      const keys: string[] = [];
      for (let i = index + 1; i < lines.length && lines[i]!.level > lines[index]!.level; i++) keys.push(lines[i]!.key);
      return keys;
    };
    /** Branches of a wait's `until` or a decision's or split's `branches` that remain, per list. */
    const remaining = new Map<unknown, number>();
    lines.forEach((line, index) => {
      if (!gone.has(line.key) || handled.has(line.key) || line.kind === 'message') return;
      if (line.kind === 'fallback') {
        if (!gone.has(line.key.slice(0, -1)) && line.fallback) remove(line, relative(id, line.fallback.origin.path));
        handled.add(line.key);
        return;
      }
      const rows = under(index);
      const whole = rows.every((key) => gone.has(key));
      if (line.kind === 'control' && line.node && line.node.kind !== 'message') {
        if (!whole) {
          unapplied++;
          return;
        }
        remove(line, relative(id, line.node.origin.path));
        for (const key of [line.key, ...rows]) handled.add(key);
        return;
      }
      const owner = line.owner;
      if (!owner || !whole) {
        unapplied++;
        return;
      }
      const branch = line.branchOf;
      if (!branch) remove(line, [...relative(id, owner.origin.path), 'split', 'control']);
      else if (owner.kind !== 'split' && branch === owner.otherwise) remove(line, relative(id, branch.origin.path));
      else {
        // A wait, decision or split keeps one branch at least (the schema): the last one is the YAML's to remove.
        const list = owner.kind === 'wait' ? owner.until : owner.branches;
        const left = remaining.get(list) ?? list.length;
        if (left <= 1) {
          unapplied++;
          return;
        }
        remaining.set(list, left - 1);
        remove(line, relative(id, branch.origin.path));
      }
      for (const key of [line.key, ...rows]) handled.add(key);
    });
    if (unapplied > 0) warn(sheet.name, 'branchRowsDeleted', { count: unapplied, name: scenario.name });
    return handled;
  }

  /** A step column by its header (0 when absent): a plan with branches has a Branche column before them. */
  function stepColumn(spec: SheetSpec): (label: string) => number {
    const header = spec.rows[(spec.freeze?.rows ?? 3) - 1] ?? [];
    return (label: string) => header.findIndex((cell) => cell?.value === label) + 1;
  }

  /** The step cells of a row (delay, channel, name, subject, message, details); undefined when not importable. */
  function stepOf(sheet: ReadSheet, spec: SheetSpec, r: number): Record<string, unknown> | undefined {
    const get = (c: number) => (c > 0 ? cellText(sheet, r, c) : '');
    const column = stepColumn(spec);
    const s = labels.scenarioSpec;
    const branchCell = get(column(s.branch)) ? readBranchCell(get(column(s.branch))) : undefined;
    const stepId = branchCell && 'id' in branchCell && branchCell.id !== undefined && /^[a-z0-9][a-z0-9_-]*$/.test(branchCell.id) ? { id: branchCell.id } : {};
    if (branchCell?.kind === 'end') return { ...stepId, end: true };
    if (branchCell?.kind === 'goto') return { ...stepId, goto: branchCell.step };
    if (get(column(s.branch)) && (branchCell?.kind !== 'id' || !('id' in stepId))) {
      warn(`${sheet.name}!${address(r, column(s.branch))}`, 'newBranchRow');
      return undefined;
    }
    const [after, channelColumn] = [column(s.after), column(s.channel)];
    const channel = lookup('channels', get(channelColumn));
    if (!get(after) || !channel) {
      warn(`${sheet.name}!${address(r, get(after) ? channelColumn : after)}`, 'newStepIncomplete');
      return undefined;
    }
    const step: Record<string, unknown> = { ...stepId, after: get(after), channel };
    if (get(column(s.stepName))) step.name = get(column(s.stepName));
    if (get(column(s.subject))) step.subject = get(column(s.subject));
    if (get(column(s.message))) step.message = get(column(s.message));
    if (get(column(s.stepDescription))) step.description = get(column(s.stepDescription));
    return step;
  }

  /** A new scenario from its row of the specification tab; undefined (reported) when a required cell is missing. */
  function newScenario(sheet: ReadSheet, spec: SheetSpec, r: number, program: string | undefined, previous: string | undefined): Record<string, unknown> | undefined {
    const get = (c: number) => cellText(sheet, r, c);
    const at = (c: number) => `${sheet.name}!${address(r, c)}`;
    const name = get(2);
    const placed = placements.get(normalise(name));
    if (program === undefined) {
      warn(at(2), 'newScenarioWithoutProgram', { name });
      return undefined;
    }
    const target = get(4) ? lookup('targets', get(4)) : placed?.target;
    if (!target) {
      warn(at(4), get(4) ? 'unknownTarget' : 'newScenarioNeeds', { text: get(4), name, what: labels.scenarioSpec.target });
      return undefined;
    }
    const type = triggerTypeOf(get(5));
    if (!type) {
      if (get(5)) warn(at(5), 'badTriggerType', { text: get(5), behavior: words.trigger.behavior, event: words.trigger.event });
      else warn(at(5), 'newScenarioNeeds', { name, what: labels.scenarioSpec.triggerType });
      return undefined;
    }
    if (!get(6)) {
      warn(at(6), 'newScenarioNeeds', { name, what: labels.scenarioSpec.triggerEvent });
      return undefined;
    }
    const useCases = get(3) ? ids('useCases', get(3), at(3)) : [];
    if (!useCases) return undefined;
    // Lifecycle: where the map places it, else that of the scenario above it in the tab (or below, or the first stage).
    const neighbour = previous ?? base.scenarios[0]?.id;
    const neighbourLifecycle =
      neighbour === undefined ? undefined : (base.index.scenarios.get(neighbour)?.lifecycle ?? (addedIds.get(`scenarios/${neighbour}`)?.lifecycle as string));
    const lifecycle = placed?.lifecycle ?? neighbourLifecycle ?? base.lifecycle[0]?.id;
    if (lifecycle === undefined) {
      warn(at(2), 'newScenarioNeeds', { name, what: VOCABULARY[locale].terms.lifecycleStage });
      return undefined;
    }
    const record: Record<string, unknown> = { id: newId('scenarios', name), name, program, lifecycle, target };
    if (useCases.length > 0) record.useCases = useCases;
    record.trigger = { type, event: get(6) };
    if (get(7)) record.exit = lines(get(7));
    if (get(8)) record.goal = get(8);
    record.steps = [];
    const column = stepColumn(spec);
    const s = labels.scenarioSpec;
    if ([s.branch, s.after, s.channel, s.stepName, s.subject, s.message, s.stepDescription].some((label) => column(label) > 0 && get(column(label)) !== '')) {
      const step = stepOf(sheet, spec, r);
      if (step) (record.steps as unknown[]).push(step);
    }
    add({ kind: 'scenarios', record, where: at(2), placement: 'after', ...(previous !== undefined ? { after: previous } : {}) });
    return record;
  }

  /**
   * The data tab: per scenario, one row per variable it uses. A scenario's variables are
   * its rows, in order: a deleted row removes the variable from the scenario, a new row
   * adds one (an existing variable by name or id, else a new variable, and new sources);
   * a deleted row of the unused block deletes the variable.
   */
  function dataSheet(sheet: ReadSheet, spec: SheetSpec, keyColumn: number): void {
    const rowOf = expectedKeys(spec, keyColumn);
    const headerRow = spec.freeze?.rows ?? 3;
    const get = (r: number, c: number) => cellText(sheet, r, c);
    const unusedWords = new Set(Object.values(WORKBOOK_LABELS).map((other) => normalise(other.data.unused)));
    const lists = new Map<string, string[]>();
    const seen = new Set<string>();
    let block: string | undefined;
    for (const r of sheet.rowNumbers()) {
      if (r <= headerRow) continue;
      const key = sheet.cell(r, keyColumn)?.value;
      if (typeof key === 'string' && rowOf.has(key)) {
        seen.add(key);
        const [scenario, variable] = key.split('/');
        block = scenario;
        if (!lists.has(block!)) lists.set(block!, []);
        if (variable) lists.get(block!)!.push(variable);
        spec.rows[rowOf.get(key)!]!.forEach((cell, c) => cell && compareCell(sheet, cell, r, c + 1));
        continue;
      }
      if (!filled(sheet, r, keyColumn)) continue;
      const where = `${sheet.name}!${address(r, 3)}`;
      if (get(r, 1) !== '') {
        const name = get(r, 1);
        if (unusedWords.has(normalise(name))) block = '';
        else {
          block = lookup('scenarios', name);
          if (block === undefined) {
            warn(`${sheet.name}!${address(r, 1)}`, 'unknownScenario', { name });
            continue;
          }
          const added = addedIds.get(`scenarios/${block}`);
          if (added && get(r, 2)) added.description = get(r, 2);
        }
        if (!lists.has(block)) lists.set(block, []);
      }
      const name = get(r, 3);
      if (!name) {
        if (get(r, 4) !== '' || get(r, 5) !== '') warn(where, 'newVariableWithoutName');
        continue;
      }
      if (block === undefined) {
        warn(where, 'variableBeforeScenario', { name });
        continue;
      }
      let id = lookup('variables', name);
      if (id === undefined) {
        id = newId('variables', name, IDENTIFIER.test(name));
        const record: Record<string, unknown> = { id, name };
        const sources = get(r, 4) ? sourceList(get(r, 4), `${sheet.name}!${address(r, 4)}`, true) : [];
        if (sources && sources.length > 0) record.sources = sources;
        const pii = yesNoOf(get(r, 5));
        if (pii === true) record.pii = true;
        else if (pii === undefined) warn(`${sheet.name}!${address(r, 5)}`, 'notYesNoNotPersonal', { text: get(r, 5) ?? '', yes: labels.data.yes, no: labels.data.no });
        add({ kind: 'variables', record, where, placement: 'end' });
      }
      const list = lists.get(block)!;
      if (block !== '' && !list.includes(id)) list.push(id);
    }
    for (const scenario of base.scenarios) {
      if (deleted.has(`scenarios/${scenario.id}`)) continue;
      const now = lists.get(scenario.id) ?? [];
      // Same variables in another order (a sorted tab) is no edit.
      const same = now.length === scenario.variables.length && now.every((id) => scenario.variables.includes(id));
      if (!same)
        result.edits.push({
          kind: 'scenarios',
          id: scenario.id,
          path: ['variables'],
          value: now,
          where: `${sheet.name} (${importerMessage(messageLocale, 'variableRows', { name: scenario.name })})`,
        });
    }
    for (const { kind, record } of result.added) {
      if (kind !== 'scenarios') continue;
      const now = lists.get(String(record.id)) ?? [];
      if (now.length > 0) {
        // Variables before steps, as in the example files.
        const steps = record.steps;
        delete record.steps;
        record.variables = now;
        record.steps = steps;
      }
    }
    for (const key of rowOf.keys()) {
      const [scenario, variable] = key.split('/');
      if (scenario === '' && variable && !seen.has(key))
        remove('variables', variable, `${sheet.name} (${importerMessage(messageLocale, 'rowDeleted', { name: base.index.variables.get(variable)?.name ?? variable })})`);
    }
  }

  return result;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

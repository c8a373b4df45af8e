import { LABELS, STATUS_COLORS } from '../model/labels.js';
import type { Model, SectionKind, TouchpointStatus } from '../model/types.js';
import { WORKBOOK_LABELS } from './labels.js';
import type { ReadSheet, ReadWorkbook } from './read-xlsx.js';
import { KNOWN_FILLS, normalise, slugify, splitKnownList } from './template-import.js';
import { address, type CellSpec, type EditTarget, type SheetSpec, type WorkbookSpec } from './workbook-spec.js';
import { VOCABULARY } from '../i18n/index.js';

/** Yes and no as a stakeholder types them in either language (the personal-data column). */
const YES_WORDS = new Set([...VOCABULARY.en.importSynonyms.yes, ...VOCABULARY.fr.importSynonyms.yes]);
const NO_WORDS = new Set([...VOCABULARY.en.importSynonyms.no, ...VOCABULARY.fr.importSynonyms.no]);

/** One field of one entity to set (value) or remove (value undefined), from a cell. */
export interface FieldEdit {
  kind: SectionKind;
  id: string;
  /** From the entity down, as in the YAML: ["scores", "business"], ["steps", 1, "subject"]. */
  path: (string | number)[];
  value: unknown;
  /** `Sheet!A1`, for messages. */
  where: string;
}

export interface AddedEntity {
  kind: SectionKind;
  record: Record<string, unknown>;
  where: string;
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
 * What a stakeholder changed in the visible tabs of an omni workbook, as edits of model
 * fields. `expected` is the workbook omni would write from the hidden data sheet (so
 * every editable cell knows its field); rows of the row-based tabs pair with entities by
 * their hidden key column, so sorted, inserted and deleted rows are understood.
 */
export function workbookEdits(workbook: ReadWorkbook, expected: WorkbookSpec, base: Model): WorkbookEdits {
  const result: WorkbookEdits = { edits: [], added: [], deleted: [], warnings: [] };
  /** Ids in use per section, for new entities' derived ids. */
  const taken = new Map<SectionKind, Set<string>>();
  const locale = base.settings.locale;
  const labels = WORKBOOK_LABELS[locale];
  const words = LABELS[locale];
  const fills = fillStatuses();
  const byName = (kind: 'touchpoints' | 'useCases' | 'targets' | 'channels' | 'sources', text: string): string | undefined => {
    const key = normalise(text);
    const entities = base[kind] as { id: string; name: string }[];
    return entities.find((entity) => normalise(entity.name) === key)?.id ?? entities.find((entity) => entity.id === text)?.id;
  };
  const ids = (kind: 'touchpoints' | 'useCases' | 'sources', text: string, where: string): string[] | undefined => {
    const found: string[] = [];
    for (const item of splitKnownList(text, (name) => byName(kind, name) !== undefined)) {
      const id = byName(kind, item);
      if (!id) {
        result.warnings.push(`${where}: "${item}" is not a known ${kind === 'useCases' ? 'use case' : kind === 'sources' ? 'source' : 'touchpoint'}; cell not applied`);
        return undefined;
      }
      found.push(id);
    }
    return found;
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
    const required = (path: (string | number)[], what: string) => {
      if (text !== '') return { path, value: text };
      result.warnings.push(`${where}: ${what} cannot be empty; cell not applied`);
      return undefined;
    };
    switch (target.field) {
      case 'name':
        return required(['name'], 'a name');
      case 'category':
      case 'objective':
      case 'goal':
      case 'description':
        return optional([target.field]);
      case 'business':
      case 'experience':
      case 'difficulty': {
        const score = Number(text.replace(',', '.'));
        if (Number.isInteger(score) && score >= 1 && score <= 5) return { path: ['scores', target.field], value: score };
        result.warnings.push(`${where}: ${target.field} score "${text}" is not a whole number from 1 to 5; cell not applied`);
        return undefined;
      }
      case 'priority': {
        if (text === '') return { path: ['priority'], value: undefined };
        const rank = Number(text);
        if (Number.isInteger(rank) && rank >= 1) return { path: ['priority'], value: rank };
        result.warnings.push(`${where}: fixed rank "${text}" is not a whole number from 1; cell not applied`);
        return undefined;
      }
      case 'touchpoints':
      case 'useCases': {
        const list = ids(target.field, text, where);
        return list ? { path: [target.field], value: list } : undefined;
      }
      case 'sources': {
        const noSource = Object.values(WORKBOOK_LABELS).some((other) => normalise(other.data.noSource) === normalise(text));
        const list = noSource ? [] : ids('sources', text, where);
        return list ? { path: ['sources'], value: list } : undefined;
      }
      case 'pii': {
        const word = normalise(text);
        if (word === 'x' || word === 'true' || word === '1' || YES_WORDS.has(word)) return { path: ['pii'], value: true };
        if (word === '' || NO_WORDS.has(word)) return { path: ['pii'], value: false };
        result.warnings.push(`${where}: "${text}" is neither ${labels.data.yes} nor ${labels.data.no}; cell not applied`);
        return undefined;
      }
      case 'target': {
        const id = byName('targets', text);
        if (id) return { path: ['target'], value: id };
        result.warnings.push(`${where}: target "${text}" is not a known target; cell not applied`);
        return undefined;
      }
      case 'triggerType': {
        const word = normalise(text);
        for (const type of ['behavior', 'event'] as const) {
          if (Object.values(LABELS).some((other) => normalise(other.trigger[type]) === word) || word === type) return { path: ['trigger', 'type'], value: type };
        }
        result.warnings.push(`${where}: trigger type "${text}" is neither ${words.trigger.behavior} nor ${words.trigger.event}; cell not applied`);
        return undefined;
      }
      case 'triggerEvent':
        return required(['trigger', 'event'], 'a trigger');
      case 'exit':
        return {
          path: ['exit'],
          value: text
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
        };
      case 'after':
        return required([...at, 'after'], 'a delay');
      case 'channel': {
        const id = byName('channels', text);
        if (id) return { path: [...at, 'channel'], value: id };
        result.warnings.push(`${where}: channel "${text}" is not a known channel; cell not applied`);
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
        result.warnings.push(`${where}: the branches of a scenario (waits, decisions, splits, fallbacks, gotos, ends) are edited in the YAML; cell not applied`);
        return undefined;
    }
  };

  const compareCell = (sheet: ReadSheet, spec: CellSpec, actualRow: number, column: number) => {
    const target = spec.edit;
    if (!target) return;
    const where = `${sheet.name}!${address(actualRow, column)}`;
    const got = sheet.cell(actualRow, column);
    if (got?.mergedFollower) return;
    // Status: the fill colour of a touchpoint cell.
    if (target.kind === 'touchpoints' && spec.style?.startsWith('status-') && got?.fill) {
      const status = fills.get(got.fill);
      const before = spec.style.slice('status-'.length);
      if (status && status !== before) result.edits.push({ kind: 'touchpoints', id: target.id, path: ['status'], value: status, where });
      else if (!status && got.fill !== 'FFFFFF') result.warnings.push(`${where}: fill colour ${got.fill} is not a status colour of the legend; status not changed`);
    }
    const text = got?.value === null || got?.value === undefined ? '' : lineEnds(String(got.value));
    if (text === shown(spec.value)) return;
    if (typeof spec.value === 'string' && /… \[\d+ characters cut\]$/.test(spec.value)) {
      result.warnings.push(`${where}: this text was cut to fit Excel at export; edit it in the YAML (cell not applied)`);
      return;
    }
    const change = interpret(target, text, where);
    if (change) result.edits.push({ kind: target.kind, id: target.id, path: change.path, value: change.value, where });
  };

  const readme = labels.sheets.readme;
  for (const spec of expected.sheets) {
    if (spec.state === 'hidden' || spec.name === readme) continue;
    const sheet = workbook.sheets.find((candidate) => candidate.name === spec.name);
    if (!sheet) {
      result.warnings.push(`${spec.name}: sheet missing from the workbook; nothing imported from it`);
      continue;
    }
    if (spec.keyColumn === undefined) {
      spec.rows.forEach((cells, r) => cells.forEach((cell, c) => cell && compareCell(sheet, cell, r + 1, c + 1)));
      continue;
    }
    keyedSheet(sheet, spec, spec.keyColumn);
  }

  function keyedSheet(sheet: ReadSheet, spec: SheetSpec, keyColumn: number): void {
    const expectedRow = new Map<string, number>();
    spec.rows.forEach((cells, r) => {
      const key = cells[keyColumn - 1]?.value;
      if (typeof key === 'string') expectedRow.set(key, r);
    });
    const seen = new Set<string>();
    const headerRow = spec.freeze?.rows ?? 1;
    let lastKey: string | undefined;
    for (const r of sheet.rowNumbers()) {
      if (r <= headerRow) continue;
      const key = sheet.cell(r, keyColumn)?.value;
      const row = typeof key === 'string' ? expectedRow.get(key) : undefined;
      if (row === undefined) {
        unkeyedRow(sheet, spec, r, lastKey);
        continue;
      }
      seen.add(key as string);
      lastKey = key as string;
      spec.rows[row]!.forEach((cell, c) => cell && compareCell(sheet, cell, r, c + 1));
    }
    // Rows whose key is gone were deleted.
    const missing = [...expectedRow.keys()].filter((key) => !seen.has(key));
    if (missing.length === 0) return;
    const where = `${sheet.name}`;
    if (spec.name === labels.sheets.useCases) {
      for (const id of missing) result.deleted.push({ kind: 'useCases', id, where: `${where} (row of "${base.index.useCases.get(id)?.name ?? id}" deleted)` });
    } else if (spec.name === labels.sheets.scenarioSpec) {
      // Keys are `scenario#3` (a message), `scenario#3f` (its fallback), `scenario#~2` (a row of its branches) or `scenario` (no step).
      const keyParts = (key: string) =>
        [key.slice(0, key.includes('#') ? key.indexOf('#') : key.length), key.includes('#') ? key.slice(key.indexOf('#') + 1) : undefined] as const;
      const rowsOf = new Map<string, number>();
      for (const key of expectedRow.keys()) rowsOf.set(keyParts(key)[0], (rowsOf.get(keyParts(key)[0]) ?? 0) + 1);
      const gone = new Map<string, (string | undefined)[]>();
      for (const key of missing) {
        const [id, step] = keyParts(key);
        gone.set(id, [...(gone.get(id) ?? []), step]);
      }
      for (const [id, steps] of gone) {
        const scenario = base.index.scenarios.get(id);
        if (!scenario) continue;
        if (steps.length >= (rowsOf.get(id) ?? 1)) {
          result.deleted.push({ kind: 'scenarios', id, where: `${where} (rows of "${scenario.name}" deleted)` });
          continue;
        }
        const messages = steps.filter((step) => step !== undefined && /^\d+$/.test(step)).map(Number);
        // A fallback row deleted with its step goes with it; a branch row deleted alone is the YAML's to change.
        const branchRows = steps.filter((step) => step !== undefined && !/^\d+$/.test(step) && !(step.endsWith('f') && messages.includes(Number(step.slice(0, -1)))));
        if (branchRows.length > 0)
          result.warnings.push(
            `${where}: ${branchRows.length} branch row(s) of "${scenario.name}" deleted; the branches of a scenario are edited in the YAML (not applied)`,
          );
        for (const step of messages.sort((a, b) => b - a))
          result.edits.push({ kind: 'scenarios', id, path: stepPath(id, step), value: undefined, where: `${where} (step ${step + 1} of "${scenario.name}" deleted)` });
      }
    } else if (spec.name === labels.sheets.data) {
      const removed = new Map<string, string[]>();
      for (const key of missing) {
        const [scenario, variable] = key.split('/');
        if (scenario && variable) removed.set(scenario, [...(removed.get(scenario) ?? []), variable]);
      }
      for (const [id, variables] of removed) {
        const scenario = base.index.scenarios.get(id);
        if (scenario)
          result.edits.push({
            kind: 'scenarios',
            id,
            path: ['variables'],
            value: scenario.variables.filter((v) => !variables.includes(v)),
            where: `${where} (variable rows of "${scenario.name}" deleted)`,
          });
      }
    }
  }

  /** A row without a key: a new use case, a new step of the scenario above, or a variable added to it. */
  function unkeyedRow(sheet: ReadSheet, spec: SheetSpec, r: number, above: string | undefined): void {
    const get = (column: number) => {
      const value = sheet.cell(r, column)?.value;
      return value === null || value === undefined ? '' : lineEnds(String(value));
    };
    const filled = sheet.columnsOf(r).some((c) => c < (spec.keyColumn ?? 0) && get(c) !== '' && !sheet.cell(r, c)?.mergedFollower);
    if (!filled) return;
    const where = `${sheet.name}!${address(r, 1)}`;
    // A programme's group row of the specification tab (its only cell is column A).
    const onlyFirst = sheet.columnsOf(r).every((c) => c === 1 || c >= (spec.keyColumn ?? 0) || get(c) === '' || sheet.cell(r, c)?.mergedFollower);
    if (spec.name === labels.sheets.scenarioSpec && onlyFirst) {
      const name = normalise(get(1));
      const known = base.programs.some((program) => normalise(program.name) === name) || normalise(get(1)).startsWith(normalise(labels.scenarioSpec.unknownProgram));
      if (!known) result.warnings.push(`${where}: programme rows are not imported (rename or add programmes in the YAML)`);
      return;
    }
    if (spec.name === labels.sheets.useCases) {
      const name = get(3);
      if (!name) {
        result.warnings.push(`${sheet.name}!${address(r, 3)}: new row without a use case name; not imported`);
        return;
      }
      const record: Record<string, unknown> = { id: newId('useCases', name), name };
      if (get(1)) record.category = get(1);
      if (get(2)) record.objective = get(2);
      const touchpoints = get(4) ? ids('touchpoints', get(4), `${sheet.name}!${address(r, 4)}`) : [];
      if (touchpoints && touchpoints.length > 0) record.touchpoints = touchpoints;
      const scores: Record<string, number> = {};
      (['business', 'experience', 'difficulty'] as const).forEach((field, index) => {
        const score = Number(get(5 + index));
        if (Number.isInteger(score) && score >= 1 && score <= 5) scores[field] = score;
        else {
          scores[field] = 3;
          result.warnings.push(`${sheet.name}!${address(r, 5 + index)}: ${field} score "${get(5 + index)}" is not a whole number from 1 to 5; set to 3`);
        }
      });
      record.scores = scores;
      const fixed = Number(get(10));
      if (get(10) && Number.isInteger(fixed) && fixed >= 1) record.priority = fixed;
      result.added.push({ kind: 'useCases', record, where });
      return;
    }
    if (spec.name === labels.sheets.scenarioSpec) {
      const scenarioId = above?.split('#')[0];
      const scenario = scenarioId ? base.index.scenarios.get(scenarioId) : undefined;
      if (get(2) || !scenario) {
        result.warnings.push(`${where}: a new scenario needs a programme, lifecycle stage and trigger: add it in the YAML (row not imported)`);
        return;
      }
      // Step columns by header: a plan with branches has a Branche column before them.
      const header = spec.rows[(spec.freeze?.rows ?? 3) - 1] ?? [];
      const column = (label: string) => header.findIndex((cell) => cell?.value === label) + 1;
      const s = labels.scenarioSpec;
      const branchColumn = column(s.branch);
      if (branchColumn > 0 && get(branchColumn)) {
        result.warnings.push(`${where}: a new branch row; the branches of a scenario are edited in the YAML (row not imported)`);
        return;
      }
      const channel = byName('channels', get(column(s.channel)));
      if (!get(column(s.after)) || !channel) {
        result.warnings.push(`${where}: a new step needs a delay and a known channel; row not imported`);
        return;
      }
      const step: Record<string, unknown> = { after: get(column(s.after)), channel };
      if (get(column(s.stepName))) step.name = get(column(s.stepName));
      if (get(column(s.subject))) step.subject = get(column(s.subject));
      if (get(column(s.message))) step.message = get(column(s.message));
      if (get(column(s.stepDescription))) step.description = get(column(s.stepDescription));
      const pending = result.edits.filter(
        (edit) => edit.kind === 'scenarios' && edit.id === scenario.id && edit.path[0] === 'steps' && edit.path.length === 2 && edit.value !== undefined,
      ).length;
      result.edits.push({ kind: 'scenarios', id: scenario.id, path: ['steps', scenario.steps.length + pending], value: step, where });
      return;
    }
    result.warnings.push(`${where}: row added in ${sheet.name} is not imported (add variables in the YAML)`);
  }

  function newId(kind: SectionKind, name: string): string {
    const used = taken.get(kind) ?? new Set((base[kind] as { id: string }[]).map((entity) => entity.id));
    taken.set(kind, used);
    const stem = slugify(name) || kind.replace(/s$/, '');
    let id = stem;
    for (let n = 2; used.has(id); n++) id = `${stem}-${n}`;
    used.add(id);
    return id;
  }

  return result;
}

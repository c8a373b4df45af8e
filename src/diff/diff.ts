import type { Diagnostic, LintResult, Severity } from '../diagnostics/types.js';
import { rankUseCases } from '../model/priority.js';
import { KIND_NAMES } from '../model/references.js';
import { flowToRaw } from '../model/steps.js';
import { SECTION_KINDS, type FlowStep, type Model, type SectionKind, type TouchpointStatus } from '../model/types.js';
import { matrixGrid, severityCounts } from '../model/projections.js';

/** Version of the JSON shape of `omni diff --format json`; bumped on any breaking change. */
export const DIFF_FORMAT_VERSION = 1;

/** One side of the comparison: a resolved model and its lint result. */
export interface DiffSide {
  /** What the side is, for people: a revision, "working tree", a folder. */
  label: string;
  model: Model;
  lint: LintResult;
}

export interface EntityRef {
  id: string;
  name: string;
}

/** A field that differs; `path` goes from the entity (or omni.yaml) down, e.g. ["steps", 1, "after"]. */
export interface FieldChange {
  path: (string | number)[];
  /** null when the field is absent on that side. */
  before: unknown;
  after: unknown;
}

export interface ChangedEntity extends EntityRef {
  changes: FieldChange[];
}

/** An entity whose place in an ordered section changed (positions count from 1, over the whole section). */
export interface MovedEntity extends EntityRef {
  before: number;
  after: number;
}

/** How the order of an ordered section changed, over the entities present on both sides. */
export interface Reordering {
  before: string[];
  after: string[];
  /** The fewest entities whose moves explain the new order, in the head's order. */
  moved: MovedEntity[];
}

export interface SectionDiff {
  section: SectionKind;
  /** Singular noun of the section ("use case"). */
  kind: string;
  added: EntityRef[];
  removed: EntityRef[];
  /**
   * A new id for the same entity: same content, or (when exactly one removed and one added
   * entity share a name) the same name with the fields that changed along with the id.
   */
  renamed: { from: string; to: string; name: string; changes: FieldChange[] }[];
  changed: ChangedEntity[];
  /** Ordered sections only (ORDERED_SECTIONS); null when the order of common entities is the same. */
  reordered: Reordering | null;
}

/**
 * Sections whose order is content: the columns and rows of the touchpoint matrix (stages,
 * channels) and of the scenario map (lifecycle, targets).
 */
export const ORDERED_SECTIONS: readonly SectionKind[] = ['stages', 'channels', 'lifecycle', 'targets'];

/** A cell of the touchpoint matrix whose statuses changed (the distinct statuses of its touchpoints). */
export interface CellChange {
  stage: EntityRef;
  channel: EntityRef;
  before: TouchpointStatus[];
  after: TouchpointStatus[];
}

export interface RankChange extends EntityRef {
  before: number;
  after: number;
}

/** A lint diagnostic present on one side only. */
export interface Gap {
  ruleId: string;
  severity: Severity;
  message: string;
  entity: { kind: string; id: string } | null;
  /** Where it is on the side it exists in. */
  file: string;
  line: number;
}

export interface DiffSummary {
  added: number;
  removed: number;
  renamed: number;
  changed: number;
  /** Entities moved within an ordered section. */
  moved: number;
  cells: number;
  ranks: number;
  introduced: { errors: number; warnings: number };
  fixed: { errors: number; warnings: number };
}

export interface WorkspaceDiff {
  version: typeof DIFF_FORMAT_VERSION;
  base: { label: string };
  head: { label: string };
  summary: DiffSummary;
  /** omni.yaml fields that changed (name, locale, updated, rules, priorityWeights…). */
  settings: FieldChange[];
  /** Only sections with at least one change, in the order of the method. */
  sections: SectionDiff[];
  cells: CellChange[];
  ranks: RankChange[];
  gaps: { introduced: Gap[]; fixed: Gap[] };
}

type Plain = Record<string, unknown>;

/** An entity as data to compare: without its origin (file and position are not content). */
function content(entity: object, withId: boolean): Plain {
  const plain = JSON.parse(JSON.stringify(entity, (key, value: unknown) => (key === 'origin' ? undefined : value))) as Plain;
  if (!withId) delete plain.id;
  // Scenarios compare by their steps as written, branches included, not the flat message list.
  if ('flow' in entity && Array.isArray(entity.flow)) {
    plain.steps = flowToRaw(entity.flow as FlowStep[]);
    delete plain.flow;
  }
  return plain;
}

/**
 * Whether two values are the same data, as JSON sees it: mappings compare key by key in any
 * order (swapping two keys in YAML changes nothing), lists item by item, and a key whose value
 * is undefined counts as absent.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameData(a[index], b[index])) return false;
    return true;
  }
  const left = a as Plain;
  const right = b as Plain;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameData(left[key], right[key]));
}

const isPlainObject = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);
const orNull = (value: unknown) => (value === undefined ? null : value);

/** An entity's steps, and the lists inside them (branches, their steps), compare item by item (alignedChanges). */
const STEP_LISTS = new Set(['steps']);
/**
 * omni.yaml's pressure caps and overrides compare item by item too. Items that stayed the same
 * are matched first (a longest common subsequence): a cap or a step inserted is one added, not
 * every later one changed. Changed and added items have their index after, removed ones before.
 */
const ALIGNED_LISTS = new Set(['pressure', 'overrides']);

/**
 * omni.yaml's maps by rule id, and the options inside `ruleOptions`: on one side only, they
 * compare against an empty map, so that `customRules` dropped reads as each house rule removed
 * rather than as one JSON blob.
 */
const KEYED_SETTINGS = new Set(['rules', 'ruleOptions', 'customRules']);
const expandsWhenOneSided = (prefix: readonly (string | number)[], key: string): boolean => (prefix.length === 0 ? KEYED_SETTINGS.has(key) : prefix[0] === 'ruleOptions');

/** Item i against item i. */
function positionalChanges(left: readonly unknown[], right: readonly unknown[], path: (string | number)[]): FieldChange[] {
  const changes: FieldChange[] = [];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const [x, y] = [left[index], right[index]];
    if (sameData(x, y)) continue;
    if (isPlainObject(x) && isPlainObject(y)) changes.push(...fieldChanges(x, y, [...path, index]));
    else changes.push({ path: [...path, index], before: orNull(x), after: orNull(y) });
  }
  return changes;
}

/** The changes between two lists (steps, caps, overrides), aligned on the items both keep. */
/** Past this many pairs of items the alignment's table is not built: the lists compare by position (a 10,000-step scenario). */
const MAX_ALIGNED_PAIRS = 250_000;

function alignedChanges(left: readonly unknown[], right: readonly unknown[], path: (string | number)[]): FieldChange[] {
  if (left.length * right.length > MAX_ALIGNED_PAIRS) return positionalChanges(left, right, path);
  // lengths[i][j]: the longest common subsequence of left[i…] and right[j…].
  const lengths = Array.from({ length: left.length + 1 }, () => new Array<number>(right.length + 1).fill(0));
  for (let i = left.length - 1; i >= 0; i--)
    for (let j = right.length - 1; j >= 0; j--)
      lengths[i]![j] = sameData(left[i], right[j]) ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
  const changes: FieldChange[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  // A run of removed and added items between two kept ones: paired by likeness as changes
  // (pairedByLikeness), the rest added or removed.
  const flush = () => {
    const pairs = pairedByLikeness(removed, added, left, right);
    const pairedLeft = new Set(pairs.map(([k]) => removed[k]!));
    const pairedRight = new Set(pairs.map(([, l]) => added[l]!));
    for (const [k, l] of pairs) {
      const [x, y] = [left[removed[k]!], right[added[l]!]];
      if (isPlainObject(x) && isPlainObject(y)) changes.push(...fieldChanges(x, y, [...path, added[l]!]));
      else changes.push({ path: [...path, added[l]!], before: orNull(x), after: orNull(y) });
    }
    for (const index of removed) if (!pairedLeft.has(index)) changes.push({ path: [...path, index], before: orNull(left[index]), after: null });
    for (const index of added) if (!pairedRight.has(index)) changes.push({ path: [...path, index], before: null, after: orNull(right[index]) });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i < left.length && j < right.length && sameData(left[i], right[j])) {
      flush();
      i++;
      j++;
    } else if (j >= right.length || (i < left.length && lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) removed.push(i++);
    else added.push(j++);
  }
  flush();
  return changes;
}

/** How many of two items' fields hold the same value (0 unless both are mappings). */
function likeness(x: unknown, y: unknown): number {
  if (!isPlainObject(x) || !isPlainObject(y)) return 0;
  let same = 0;
  for (const key of Object.keys(x)) if (x[key] !== undefined && Object.hasOwn(y, key) && sameData(x[key], y[key])) same++;
  return same;
}

/**
 * Which removed items are the added ones edited, in a run between two kept items: the pairing
 * in order that keeps the most fields the same (a pair always beats none, so items alike in
 * nothing still pair in order). An edited step next to an inserted one is then paired with
 * its edit, not with its new neighbour. Pairs of indexes into `removed` and `added`.
 */
function pairedByLikeness(removed: readonly number[], added: readonly number[], left: readonly unknown[], right: readonly unknown[]): Array<[number, number]> {
  if (removed.length === 0 || added.length === 0) return [];
  if (removed.length === 1 && added.length === 1) return [[0, 0]];
  // Past the bound, as alignedChanges: in order.
  if (removed.length * added.length > MAX_ALIGNED_PAIRS) return Array.from({ length: Math.min(removed.length, added.length) }, (_, k) => [k, k]);
  // best[k][l]: the most a pairing of removed[k…] with added[l…] scores (a pair: 1 + twice its likeness).
  const best = Array.from({ length: removed.length + 1 }, () => new Array<number>(added.length + 1).fill(0));
  const score = (k: number, l: number) => 1 + 2 * likeness(left[removed[k]!], right[added[l]!]);
  for (let k = removed.length - 1; k >= 0; k--)
    for (let l = added.length - 1; l >= 0; l--) best[k]![l] = Math.max(best[k + 1]![l]!, best[k]![l + 1]!, best[k + 1]![l + 1]! + score(k, l));
  const pairs: Array<[number, number]> = [];
  let k = 0;
  let l = 0;
  while (k < removed.length && l < added.length) {
    if (best[k]![l] === best[k + 1]![l + 1]! + score(k, l)) pairs.push([k++, l++]);
    else if (best[k]![l] === best[k + 1]![l]) k++;
    else l++;
  }
  return pairs;
}

/**
 * How text and Markdown show a change's path when it goes through a named branch: the
 * branch by its name (`wait.until[visite-magasin].steps.0.after`), where JSON keeps the
 * index. Kept beside the changes (not in them) so that JSON stays as documented.
 */
const shownPaths = new WeakMap<FieldChange, readonly (string | number)[]>();

/** The path a change is shown with in words (see shownPaths). */
export function shownPath(change: FieldChange): readonly (string | number)[] {
  return shownPaths.get(change) ?? change.path;
}

/** Lists whose items are branches, named by `name` (a wait's `until` by its event when it has no name). */
const BRANCH_LISTS = new Set(['branches', 'until']);

/** Names the branches on each change's path, reading them from the entity's content (after, else before). */
function nameBranches(changes: readonly FieldChange[], before: Plain, after: Plain): FieldChange[] {
  for (const change of changes) {
    const shown: (string | number)[] = [];
    let named = false;
    let nodes: unknown[] = [after, before];
    for (let i = 0; i < change.path.length; i++) {
      const segment = change.path[i]!;
      const key = change.path[i - 1];
      const items = nodes.map((node) => (node && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined));
      const item = items.find(isPlainObject);
      const name = typeof segment === 'number' && typeof key === 'string' && BRANCH_LISTS.has(key) && item ? (item.name ?? item.event) : undefined;
      if (typeof name === 'string') {
        shown[shown.length - 1] = `${key}[${name}]`;
        named = true;
      } else shown.push(segment);
      nodes = items;
    }
    if (named) shownPaths.set(change, shown);
  }
  return changes as FieldChange[];
}

/** Field-level differences; nested mappings recurse, step lists compare step by step. */
export function fieldChanges(before: Plain, after: Plain, prefix: (string | number)[] = []): FieldChange[] {
  const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (sameData(a, b)) continue;
    const path = [...prefix, key];
    // Step lists compare step by step, and so do the lists inside steps (branches, their steps).
    if (ALIGNED_LISTS.has(key) && prefix.length === 0 && Array.isArray(a ?? []) && Array.isArray(b ?? [])) {
      changes.push(...alignedChanges((a ?? []) as unknown[], (b ?? []) as unknown[], path));
      continue;
    }
    const inSteps = (STEP_LISTS.has(key) && prefix.length === 0) || (prefix[0] === 'steps' && Array.isArray(a) && Array.isArray(b));
    if (inSteps && Array.isArray(a ?? []) && Array.isArray(b ?? [])) {
      changes.push(...alignedChanges((a ?? []) as unknown[], (b ?? []) as unknown[], path));
    } else if (isPlainObject(a) && isPlainObject(b)) {
      changes.push(...fieldChanges(a, b, path));
    } else if (expandsWhenOneSided(prefix, key) && (isPlainObject(a) || a === undefined) && (isPlainObject(b) || b === undefined)) {
      // Set or dropped whole: each house rule, rule setting and option reads as its own change.
      changes.push(...fieldChanges((a ?? {}) as Plain, (b ?? {}) as Plain, path));
    } else {
      changes.push({ path, before: orNull(a), after: orNull(b) });
    }
  }
  return changes;
}

type Named = { id: string; name: string };

/**
 * A section's entities by key: the id, and for a second declaration of the same id (a
 * duplicate-id error) the id and its rank, so that editing it is still a change.
 */
function byKey(entities: readonly Named[]): Map<string, Named> {
  const keyed = new Map<string, Named>();
  const seen = new Map<string, number>();
  for (const entity of entities) {
    const rank = seen.get(entity.id) ?? 0;
    seen.set(entity.id, rank + 1);
    keyed.set(rank === 0 ? entity.id : `${entity.id}\0${rank}`, entity);
  }
  return keyed;
}

function diffSection(section: SectionKind, base: Model, head: Model): SectionDiff {
  const before = byKey(base[section]);
  const after = byKey(head[section]);
  const removedIds = [...before.keys()].filter((id) => !after.has(id));
  const addedIds = [...after.keys()].filter((id) => !before.has(id));
  const renamed: SectionDiff['renamed'] = [];
  const unmatched = new Set(addedIds);
  const stillRemoved: string[] = [];
  for (const id of removedIds) {
    const old = content(before.get(id)!, false);
    const match = [...unmatched].find((candidate) => sameData(content(after.get(candidate)!, false), old));
    if (match === undefined) {
      stillRemoved.push(id);
      continue;
    }
    unmatched.delete(match);
    renamed.push({ from: before.get(id)!.id, to: after.get(match)!.id, name: after.get(match)!.name, changes: [] });
  }
  // Renamed and edited in the same change: paired by name, only when the name is unambiguous
  // among what was removed and what was added (else they stay a removal and an addition).
  const byName = (ids: Iterable<string>, map: Map<string, { name: string }>) => {
    const groups = new Map<string, string[]>();
    for (const id of ids) groups.set(map.get(id)!.name, [...(groups.get(map.get(id)!.name) ?? []), id]);
    return groups;
  };
  const removedByName = byName(stillRemoved, before);
  const addedByName = byName(unmatched, after);
  for (const [name, [from, ...otherRemoved]] of removedByName) {
    const [to, ...otherAdded] = addedByName.get(name) ?? [];
    if (from === undefined || to === undefined || otherRemoved.length > 0 || otherAdded.length > 0) continue;
    unmatched.delete(to);
    stillRemoved.splice(stillRemoved.indexOf(from), 1);
    const [left, right] = [content(before.get(from)!, false), content(after.get(to)!, false)];
    renamed.push({ from: before.get(from)!.id, to: after.get(to)!.id, name, changes: nameBranches(fieldChanges(left, right), left, right) });
  }
  const changed: ChangedEntity[] = [];
  for (const [key, entity] of after) {
    const previous = before.get(key);
    // The same object on both sides: built once from a file identical on both (pipeline/reuse.ts).
    if (!previous || previous === entity) continue;
    const [left, right] = [content(previous, false), content(entity, false)];
    const changes = nameBranches(fieldChanges(left, right), left, right);
    if (changes.length > 0) changed.push({ id: entity.id, name: entity.name, changes });
  }
  const ref =
    (map: Map<string, Named>) =>
    (key: string): EntityRef => ({ id: map.get(key)!.id, name: map.get(key)!.name });
  return {
    section,
    kind: KIND_NAMES[section],
    added: addedIds.filter((id) => unmatched.has(id)).map(ref(after)),
    removed: stillRemoved.map(ref(before)),
    renamed,
    changed,
    reordered: ORDERED_SECTIONS.includes(section) ? reordering(base[section], head[section]) : null,
  };
}

/** Above this many pairs, the quadratic search gives way to longestIncreasingRun. */
const MAX_LCS_CELLS = 4_000_000;

/**
 * Whether entities on both sides come in another order; if so, which moved: those outside a
 * longest common subsequence of the two orders (adding or removing entities moves nothing).
 */
function reordering(base: readonly EntityRef[], head: readonly EntityRef[]): Reordering | null {
  const inHead = new Set(head.map((entity) => entity.id));
  const inBase = new Set(base.map((entity) => entity.id));
  const before = base.map((entity) => entity.id).filter((id) => inHead.has(id));
  const after = head.map((entity) => entity.id).filter((id) => inBase.has(id));
  if (before.every((id, index) => after[index] === id)) return null;
  const kept = before.length * after.length <= MAX_LCS_CELLS ? longestCommonSubsequence(before, after) : longestIncreasingRun(before, after);
  const position = (list: readonly EntityRef[], id: string) => list.findIndex((entity) => entity.id === id) + 1;
  const moved = head
    .filter((entity) => inBase.has(entity.id) && !kept.has(entity.id))
    .map((entity) => ({ id: entity.id, name: entity.name, before: position(base, entity.id), after: position(head, entity.id) }));
  return { before, after, moved };
}

/**
 * The ids of a longest common subsequence of two orders of the same ids: the entities that
 * kept their relative order. Among the longest, it prefers keeping entities that also kept
 * their position, so reversing a, b, c moves a and c around b, not b and a.
 */
export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): Set<string> {
  const width = b.length + 1;
  const match = a.length + 1; // worth more than every position bonus together
  const score = new Float64Array((a.length + 1) * width);
  const at = (i: number, j: number) => score[i * width + j]!;
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const skip = Math.max(at(i + 1, j), at(i, j + 1));
      score[i * width + j] = a[i] === b[j] ? Math.max(skip, at(i + 1, j + 1) + match + (i === j ? 1 : 0)) : skip;
    }
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j] && at(i, j) === at(i + 1, j + 1) + match + (i === j ? 1 : 0)) {
      kept.add(a[i]!);
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) i++;
    else j++;
  }
  return kept;
}

/**
 * For huge sections: the same two orders share exactly the same ids, so a longest common
 * subsequence is a longest increasing subsequence of the head positions taken in base order
 * (patience sorting, n log n), without the preference for entities that kept their place.
 */
export function longestIncreasingRun(before: readonly string[], after: readonly string[]): Set<string> {
  const headIndex = new Map(after.map((id, index) => [id, index]));
  const positions = before.map((id) => headIndex.get(id)!);
  const tails: number[] = []; // tails[k]: index in `positions` ending the best run of length k + 1
  const previous = new Int32Array(positions.length).fill(-1);
  positions.forEach((position, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (positions[tails[middle]!]! < position) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  });
  const kept = new Set<string>();
  for (let index = tails.length > 0 ? tails[tails.length - 1]! : -1; index >= 0; index = previous[index]!) kept.add(before[index]!);
  return kept;
}

const STATUS_ORDER: TouchpointStatus[] = ['normal', 'friction', 'opportunity'];

/** Statuses per matrix cell (stage, channel), from the shared grid: unknown stage or channel ids keep their cell. */
function cellStatuses(model: Model): Map<string, TouchpointStatus[]> {
  const grid = matrixGrid(model);
  const channels = [...grid.rows.map((channel) => channel.id), ...grid.unknownRowIds];
  const stages = [...grid.columns.map((stage) => stage.id), ...grid.unknownColumnIds];
  const cells = new Map<string, TouchpointStatus[]>();
  for (const channel of channels) {
    for (const stage of stages) {
      const here = grid.cell(channel, stage);
      if (here.length > 0)
        cells.set(
          `${stage}\0${channel}`,
          STATUS_ORDER.filter((status) => here.some((touchpoint) => touchpoint.status === status)),
        );
    }
  }
  return cells;
}

function diffCells(base: Model, head: Model): CellChange[] {
  const before = cellStatuses(base);
  const after = cellStatuses(head);
  const keys = [...new Set([...before.keys(), ...after.keys()])].filter((key) => !sameData(before.get(key) ?? [], after.get(key) ?? []));
  const position = (section: 'stages' | 'channels', id: string) => {
    const inHead = head[section].findIndex((entity) => entity.id === id);
    if (inHead >= 0) return inHead;
    const inBase = base[section].findIndex((entity) => entity.id === id);
    return inBase >= 0 ? 10_000 + inBase : 20_000;
  };
  const named = (section: 'stages' | 'channels', id: string): EntityRef => ({
    id,
    name: head.index[section].get(id)?.name ?? base.index[section].get(id)?.name ?? id,
  });
  return keys
    .map((key) => {
      const [stage, channel] = key.split('\0') as [string, string];
      return { stage, channel, key };
    })
    .sort(
      (a, b) =>
        position('stages', a.stage) - position('stages', b.stage) ||
        position('channels', a.channel) - position('channels', b.channel) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
    .map(({ stage, channel, key }) => ({
      stage: named('stages', stage),
      channel: named('channels', channel),
      before: before.get(key) ?? [],
      after: after.get(key) ?? [],
    }));
}

function diffRanks(base: Model, head: Model): RankChange[] {
  const before = new Map(rankUseCases(base).map((entry) => [entry.useCase.id, entry.rank]));
  return rankUseCases(head)
    .filter((entry) => before.has(entry.useCase.id) && before.get(entry.useCase.id) !== entry.rank)
    .map((entry) => ({ id: entry.useCase.id, name: entry.useCase.name, before: before.get(entry.useCase.id)!, after: entry.rank }));
}

/** Matched by rule, entity (else file) and message: moving lines around changes no gap. */
const gapKey = (diagnostic: Diagnostic) =>
  [diagnostic.ruleId, diagnostic.entity ? `${diagnostic.entity.kind}\0${diagnostic.entity.id}` : `file\0${diagnostic.file}`, diagnostic.message].join('\0');

function onlyIn(side: readonly Diagnostic[], other: readonly Diagnostic[]): Gap[] {
  const remaining = new Map<string, number>();
  for (const diagnostic of other) remaining.set(gapKey(diagnostic), (remaining.get(gapKey(diagnostic)) ?? 0) + 1);
  const gaps: Gap[] = [];
  for (const diagnostic of side) {
    const key = gapKey(diagnostic);
    const count = remaining.get(key) ?? 0;
    if (count > 0) {
      remaining.set(key, count - 1);
      continue;
    }
    gaps.push({
      ruleId: diagnostic.ruleId,
      severity: diagnostic.severity,
      message: diagnostic.message,
      entity: diagnostic.entity ? { kind: diagnostic.entity.kind, id: diagnostic.entity.id } : null,
      file: diagnostic.file,
      line: diagnostic.range.start.line,
    });
  }
  return gaps;
}

function settingsContent(model: Model): Plain {
  // The ids rule options mention are derived from the options, compared already. House
  // rules are kept by id (inserting one changes no other); pressure caps and overrides are
  // aligned item by item (ALIGNED_LISTS).
  const { declared: _declared, ruleOptionMentions: _mentions, include, exclude, ...rest } = model.settings;
  return { ...rest, include, exclude } as Plain;
}

const countSeverities = (gaps: readonly Gap[]) => severityCounts(gaps);

/** The semantic difference between two workspaces: what changed in the journey, and which gaps opened or closed. */
export function diffWorkspaces(base: DiffSide, head: DiffSide): WorkspaceDiff {
  const sections = SECTION_KINDS.map((section) => diffSection(section, base.model, head.model)).filter(
    (section) => section.added.length + section.removed.length + section.renamed.length + section.changed.length > 0 || section.reordered !== null,
  );
  const cells = diffCells(base.model, head.model);
  const ranks = diffRanks(base.model, head.model);
  const introduced = onlyIn(head.lint.diagnostics, base.lint.diagnostics);
  const fixed = onlyIn(base.lint.diagnostics, head.lint.diagnostics);
  const total = (pick: (section: SectionDiff) => unknown[]) => sections.reduce((sum, section) => sum + pick(section).length, 0);
  return {
    version: DIFF_FORMAT_VERSION,
    base: { label: base.label },
    head: { label: head.label },
    summary: {
      added: total((section) => section.added),
      removed: total((section) => section.removed),
      renamed: total((section) => section.renamed),
      changed: total((section) => section.changed),
      moved: total((section) => section.reordered?.moved ?? []),
      cells: cells.length,
      ranks: ranks.length,
      introduced: countSeverities(introduced),
      fixed: countSeverities(fixed),
    },
    settings: fieldChanges(settingsContent(base.model), settingsContent(head.model)),
    sections,
    cells,
    ranks,
    gaps: { introduced, fixed },
  };
}

/** Whether anything at all differs. */
export function isEmptyDiff(diff: WorkspaceDiff): boolean {
  return (
    diff.settings.length === 0 &&
    diff.sections.length === 0 &&
    diff.cells.length === 0 &&
    diff.ranks.length === 0 &&
    diff.gaps.introduced.length === 0 &&
    diff.gaps.fixed.length === 0
  );
}

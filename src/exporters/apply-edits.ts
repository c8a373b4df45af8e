import { Document, isMap, isScalar, isSeq, parseDocument, stringify, type Scalar, type YAMLMap } from 'yaml';
import type { Model, SectionKind } from '../model/types.js';
import path from 'node:path';
import type { PendingDiagnostic } from '../diagnostics/types.js';
import { ruleMessage, type ImporterMessageId, type Locale, type MessageData } from '../i18n/index.js';
import { importerMessage } from './messages.js';
import type { WorkbookEdits } from './workbook-edits.js';
import { withoutOrigins } from './build-workbook.js';

/**
 * The workbook cells whose edits the schema refuses once applied (a delay typed as
 * "J+2 édité", a score of 7): each with its sheet and cell and the schema's words, in the
 * workspace's language. `diagnostics` are the loader's findings on the edited workspace.
 */
export function refusedCells(
  diagnostics: readonly PendingDiagnostic[],
  edits: WorkbookEdits['edits'],
  current: Pick<Model, 'index' | 'settings'>,
  locale: Locale = current.settings.locale,
): { where: string; message: string }[] {
  const refused: { where: string; message: string }[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.ruleId !== 'schema' || diagnostic.location.range) continue;
    const { file, path: at } = diagnostic.location;
    const edit = edits.find((candidate) => {
      const entity = (current.index as unknown as Record<string, Map<string, { origin: { file: string; path: Path } }>>)[candidate.kind]?.get(candidate.id);
      if (!entity || entity.origin.file !== file) return false;
      const target = [...entity.origin.path, ...candidate.path];
      // The refused value is the edited one, or inside it (a step inserted whole).
      return target.length <= at.length && target.every((segment, index) => segment === at[index]);
    });
    if (!edit) continue;
    const words = (id: string | undefined, fallback: string | undefined) => (id ? ruleMessage('schema', id, diagnostic.data, locale) : fallback);
    const message = words(diagnostic.messageId, diagnostic.message)!;
    const hint = words(diagnostic.suggestionId, diagnostic.suggestion);
    refused.push({ where: edit.where, message: hint ? `${message} (${hint})` : message });
  }
  return refused;
}

/** An edit the workbook makes to an entity that also changed in the YAML since the export. */
export interface Conflict {
  kind: SectionKind;
  id: string;
  where: string;
  message: string;
}

export interface AppliedEdits {
  /** File (relative to the workspace) → its new text; only files that change (new files included). */
  files: Map<string, string>;
  /** Files whose only entities were deleted (one scenario per file): removed rather than left as `scenarios: []`. */
  removed: string[];
  conflicts: Conflict[];
  warnings: string[];
}

type Path = (string | number)[];
type Entity = { id: string; origin: { file: string; path: Path }; [key: string]: unknown };

/** The record as the hidden sheet stores it: the entity without where it came from. */
export function recordOf(entity: object): string {
  return JSON.stringify(withoutOrigins(entity));
}

const TO_STRING = { lineWidth: 0, flowCollectionPadding: false } as const;

/** One line of plain YAML for a value, quoted only when plain would change its type or meaning. */
function inline(value: unknown): string | undefined {
  const text = stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
  return text.includes('\n') ? undefined : text;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * The new source text of a scalar, in the style it had where the value allows it:
 * double or single quotes kept, block scalars kept as literal blocks at their indentation.
 */
function scalarText(source: string, node: Scalar, keyStart: number, value: string | number | boolean): string | undefined {
  const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  let text: string | undefined;
  if (typeof value === 'string' && value.includes('\n')) {
    if (/^\s/.test(value) || /\s\n|\s$/.test(value.replace(/\n+$/, '')) || /\t/.test(value)) text = JSON.stringify(value);
    else {
      const indent = ' '.repeat(columnOf(source, keyStart) + 2);
      const body = value.replace(/\n$/, '');
      text = `|${value.endsWith('\n') ? '' : '-'}\n${body
        .split('\n')
        .map((line) => (line === '' ? '' : indent + line))
        .join('\n')}`;
    }
  } else if (typeof value !== 'string') text = String(value);
  else if (node.type === 'QUOTE_DOUBLE') text = JSON.stringify(value);
  else if (node.type === 'QUOTE_SINGLE') text = `'${value.replace(/'/g, "''")}'`;
  else text = inline(value) ?? JSON.stringify(value);
  // A block scalar's range ends after its last line break, which the new text must keep.
  return block ? `${text}\n` : text;
}

/** Where a section's first entity goes when the workspace has none: beside these sections, as `omni import --out` groups them. */
const SIBLINGS: Partial<Record<SectionKind, SectionKind[]>> = {
  stages: ['channels', 'touchpoints'],
  channels: ['stages', 'touchpoints'],
  touchpoints: ['stages', 'channels'],
  lifecycle: ['targets', 'programs'],
  targets: ['programs', 'lifecycle'],
  programs: ['targets', 'lifecycle', 'scenarios'],
  sources: ['variables', 'events'],
  variables: ['sources', 'events'],
  useCases: ['touchpoints'],
  scenarios: ['programs'],
};

/** Options of `applyEdits`: the workspace's files, and whether a new file would be read as a model file. */
export interface ApplyOptions {
  /** Workspace-relative files of the workspace (a new file never replaces one). */
  files?: readonly string[];
  /** Whether the loader would read a new file at this path (omni.yaml's include/exclude). */
  isModelFile?: (file: string) => boolean;
  /** The language of conflicts and warnings (the run's); by default the workspace's. */
  locale?: Locale;
}

/**
 * A new entity's node, its lists in the style its neighbour uses for the same keys (a
 * flow `[a, b]` where the neighbour writes one), so a new entry reads like the others.
 */
function styledLike(doc: Document, record: Record<string, unknown>, neighbour: unknown): YAMLMap {
  const node = doc.createNode(record) as YAMLMap;
  if (!isMap(neighbour)) return node;
  const style = (created: unknown, model: unknown) => {
    if (!isMap(created) || !isMap(model)) return;
    for (const pair of created.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      const mine = pair.value;
      const theirs = model.get(key, true);
      if (isSeq(mine) && mine.items.length === 0) mine.flow = true;
      else if (isSeq(mine) && isSeq(theirs) && mine.items.every((item) => isScalar(item))) mine.flow = theirs.flow ?? false;
      else if (isMap(mine)) style(mine, theirs);
    }
  };
  style(node, neighbour);
  return node;
}

/** A line without the spaces just inside flow brackets: `{ a: 1 }` and `{a: 1}` read the same. */
const unpadded = (line: string) => line.replace(/([[{]) +/g, '$1').replace(/ +([\]}])/g, '$1');

/**
 * The yaml library writes every flow collection one way (`{a: 1}`, `[a, b]`), while a
 * file may pad some (`{ a: 1 }`, Prettier's style for flow maps). A line that the
 * re-stringified text writes differently from the original only by that padding gets
 * its original text back, so a structural edit changes no other line.
 */
function keepLineFormatting(before: string, after: string): string {
  const kept = new Set(after.split('\n'));
  const originals = new Map<string, string[]>();
  for (const line of before.split('\n')) {
    if (kept.has(line)) continue;
    const key = unpadded(line);
    if (key === line && !/[[{]/.test(line)) continue;
    originals.set(key, [...(originals.get(key) ?? []), line]);
  }
  if (originals.size === 0) return after;
  return after
    .split('\n')
    .map((line) => {
      if (!/[[{]/.test(line)) return line;
      const candidates = originals.get(unpadded(line));
      return candidates && candidates.length > 0 ? candidates.shift()! : line;
    })
    .join('\n');
}

/** The lines at the top of a file that tell editors its schema (`# yaml-language-server: …`), and the blank line after them. */
function modelines(text: string): string {
  const lines = text.split('\n');
  let end = 0;
  while (end < lines.length && lines[end]!.startsWith('# yaml-language-server:')) end++;
  if (end === 0) return '';
  return `${lines.slice(0, end).join('\n')}\n${lines[end] === '' ? '\n' : ''}`;
}

/**
 * Applies the workbook's edits to the workspace's YAML files in place. Scalars are
 * replaced in the source text itself (nothing else of the file moves); lists, new keys,
 * new and deleted entities go through the `yaml` Document API, which keeps comments, key
 * order, flow or block style and blank lines. An edit to an entity whose YAML changed
 * since the export (its record differs from the hidden sheet's) is a conflict.
 *
 * A new entity goes into the file of its neighbour (the entity it follows, else the
 * first or last of its section), right after it; when that neighbour is alone in a file
 * named after its id (one scenario per file), the new entity gets a file of its own
 * beside it, `<id>.yaml`, with the neighbour's schema line.
 */
export function applyEdits(
  current: Pick<Model, 'index' | 'settings' | SectionKind>,
  exported: Map<string, string>,
  edits: WorkbookEdits,
  readFile: (file: string) => string,
  options: ApplyOptions = {},
): AppliedEdits {
  const locale = options.locale ?? current.settings.locale;
  const say = (id: ImporterMessageId, data: MessageData) => importerMessage(locale, id, data);
  const conflicts: Conflict[] = [];
  const warnings: string[] = [];
  const entityOf = (kind: SectionKind, id: string) => (current.index as unknown as Record<string, Map<string, Entity>>)[kind]?.get(id);
  const checked = new Map<string, boolean>();
  const clean = (kind: SectionKind, id: string, where: string): Entity | undefined => {
    const key = `${kind}/${id}`;
    const entity = entityOf(kind, id);
    if (!checked.has(key)) {
      const ok = entity !== undefined && exported.get(key) === recordOf(entity);
      checked.set(key, ok);
      if (!ok) {
        conflicts.push({
          kind,
          id,
          where,
          message: `${where}: ${entity ? say('changedSinceExport', { kind, id, file: entity.origin.file }) : say('goneSinceExport', { kind, id })}`,
        });
      }
    }
    return checked.get(key) ? entity : undefined;
  };

  interface FileWork {
    splices: { start: number; end: number; text: string }[];
    structural: ((doc: Document) => void)[];
    deletions: Path[];
    /** New items of a list (a step inside a branch), before the item now at `index` (found before anything moves). */
    insertions: { list: Path; index: number; value: unknown }[];
  }
  const work = new Map<string, FileWork>();
  const docs = new Map<string, { text: string; doc: Document }>();
  const fileWork = (file: string) => {
    let entry = work.get(file);
    if (!entry) work.set(file, (entry = { splices: [], structural: [], deletions: [], insertions: [] }));
    return entry;
  };
  const parsed = (file: string) => {
    let entry = docs.get(file);
    if (!entry) {
      const text = readFile(file);
      docs.set(file, (entry = { text, doc: parseDocument(text) }));
    }
    return entry;
  };

  for (const edit of edits.edits) {
    const entity = clean(edit.kind, edit.id, edit.where);
    if (!entity) continue;
    const { file } = entity.origin;
    const path = [...entity.origin.path, ...edit.path];
    const { text, doc } = parsed(file);
    const node = doc.getIn(path, true);
    const jobs = fileWork(file);
    const isAppend = edit.path[0] === 'steps' && edit.path.length === 2 && edit.value !== undefined;
    if (edit.insert) {
      jobs.insertions.push({ list: path.slice(0, -1), index: Number(path[path.length - 1]), value: edit.value });
      continue;
    }
    if (isAppend) {
      jobs.structural.push((target) => target.addIn([...entity.origin.path, 'steps'], target.createNode(edit.value)));
      continue;
    }
    if (edit.value === undefined) {
      if (node === undefined) continue;
      // An item of a list (a step, a branch) is removed by identity, after the other edits; a key at once.
      if (isSeq(doc.getIn(path.slice(0, -1), true))) jobs.deletions.push(path);
      else jobs.structural.push((target) => target.deleteIn(path));
      continue;
    }
    const value = edit.value;
    if (isScalar(node) && node.range && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
      const parent = doc.getIn(path.slice(0, -1), true);
      const pair = isMap(parent) ? parent.items.find((item) => isScalar(item.key) && item.key.value === path[path.length - 1]) : undefined;
      const keyStart = pair && isScalar(pair.key) && pair.key.range ? pair.key.range[0] : node.range[0];
      const after = text.slice(node.range[1], node.range[2]);
      const replacement = scalarText(text, node, keyStart, value);
      if (replacement !== undefined && !after.includes('#')) {
        jobs.splices.push({ start: node.range[0], end: node.range[1], text: replacement });
        continue;
      }
    }
    if (isSeq(node) && node.flow && node.range && Array.isArray(value)) {
      const parts = value.map((item) => inline(item));
      if (parts.every((part): part is string => part !== undefined && !/[,[\]{}]/.test(part))) {
        jobs.splices.push({ start: node.range[0], end: node.range[1], text: `[${parts.join(', ')}]` });
        continue;
      }
    }
    jobs.structural.push((target) => {
      const created = target.createNode(value);
      if (isSeq(node) && isSeq(created)) created.flow = node.flow ?? false;
      target.setIn(path, created);
    });
  }

  for (const { kind, id, where } of edits.deleted) {
    const entity = clean(kind, id, where);
    if (entity) fileWork(entity.origin.file).deletions.push(entity.origin.path);
  }

  const files = new Map<string, string>();
  const removed: string[] = [];
  const existing = new Set(options.files ?? []);
  /** Where each new entity went: its file and the path of its section's list. */
  const placed = new Map<string, { file: string; list: Path; own?: { file: string; path: Path } }>();
  for (const added of edits.added) {
    const { kind, record, where } = added;
    const id = String(record.id);
    if (entityOf(kind, id)) {
      conflicts.push({ kind, id, where, message: `${where}: ${say('addedSinceExport', { kind, id })}` });
      continue;
    }
    const section = current[kind] as unknown as Entity[];
    const anchorId = added.placement === 'after' ? added.after : undefined;
    const anchor = anchorId === undefined ? undefined : (entityOf(kind, anchorId) ?? placed.get(`${kind}/${anchorId}`));
    const neighbour = anchor ?? (added.placement === 'end' ? section[section.length - 1] : section[0]);
    if (!neighbour) {
      // No entity of this section yet: a new section in the file of a related one (sources beside variables…).
      const sibling = (SIBLINGS[kind] ?? []).map((other) => (current[other] as unknown as Entity[])[0]).find((entity) => entity !== undefined);
      if (!sibling) {
        warnings.push(`${where}: ${say('noFileForKind', { kind, name: String(record.name) })}`);
        continue;
      }
      placed.set(`${kind}/${id}`, { file: sibling.origin.file, list: [kind] });
      fileWork(sibling.origin.file).structural.push((doc) => {
        const list = doc.get(kind, true);
        if (isSeq(list)) list.items.push(doc.createNode(record));
        else doc.set(kind, doc.createNode([record]));
      });
      continue;
    }
    const spot = 'origin' in neighbour ? { file: neighbour.origin.file, list: neighbour.origin.path.slice(0, -1) } : neighbour;
    // One entity per file named after its id: the new one gets its own file beside it (so does one following it).
    let model: { file: string; path: Path } | undefined = 'origin' in neighbour ? undefined : neighbour.own;
    if ('origin' in neighbour) {
      const file = neighbour.origin.file;
      const base = path.posix.basename(file).replace(/\.ya?ml$/, '');
      const alone = base === neighbour.id && neighbour.origin.path.length === 2 && section.filter((other) => other.origin.file === file).length === 1;
      const { doc } = parsed(file);
      if (alone && isMap(doc.contents) && doc.contents.items.length === 1) model = { file, path: neighbour.origin.path };
    }
    if (model) {
      const ownFile = path.posix.join(path.posix.dirname(model.file), `${id}${path.posix.extname(model.file)}`);
      if (!existing.has(ownFile) && !files.has(ownFile) && (options.isModelFile?.(ownFile) ?? false)) {
        const key = model.path[0]!;
        const own = new Document({ [key]: [] });
        own.addIn([key], styledLike(own, record, parsed(model.file).doc.getIn(model.path, true)));
        files.set(ownFile, `${modelines(parsed(model.file).text)}${own.toString(TO_STRING)}`);
        placed.set(`${kind}/${id}`, { file: ownFile, list: [key], own: model });
        continue;
      }
      if (!('origin' in neighbour)) {
        // The neighbour's own new file cannot take a sibling file: next to it in that new file.
        const text = files.get(neighbour.file)!;
        const doc = parseDocument(text);
        const list = doc.getIn(neighbour.list, true);
        if (isSeq(list)) list.items.push(styledLike(doc, record, parsed(model.file).doc.getIn(model.path, true)));
        files.set(neighbour.file, doc.toString(TO_STRING));
        placed.set(`${kind}/${id}`, neighbour);
        continue;
      }
    }
    placed.set(`${kind}/${id}`, spot);
    // First of its section only when it follows nothing; after an entity the YAML no longer has, last.
    const first = anchorId === undefined && added.placement === 'after';
    const like = 'origin' in neighbour ? neighbour.origin.path : undefined;
    fileWork(spot.file).structural.push((doc) => {
      const list = doc.getIn(spot.list, true);
      const node = styledLike(doc, record, like === undefined ? undefined : doc.getIn(like, true));
      if (!isSeq(list)) {
        doc.addIn(spot.list, node);
        return;
      }
      const at = anchorId === undefined ? -1 : list.items.findIndex((item) => isMap(item) && item.get('id') === anchorId);
      list.items.splice(first ? 0 : at >= 0 ? at + 1 : list.items.length, 0, node);
    });
  }

  if (conflicts.length > 0) return { files: new Map(), removed: [], conflicts, warnings };
  for (const [file, jobs] of work) {
    let text = parsed(file).text;
    for (const splice of [...jobs.splices].sort((a, b) => b.start - a.start)) text = text.slice(0, splice.start) + splice.text + text.slice(splice.end);
    if (jobs.structural.length > 0 || jobs.deletions.length > 0 || jobs.insertions.length > 0) {
      const doc = parseDocument(text);
      // Deleted items are found before anything moves, then removed by identity: insertions in the same list do not shift them.
      const doomed = jobs.deletions.map((at) => ({ parent: doc.getIn(at.slice(0, -1), true), node: doc.getIn(at, true) }));
      // So are the items new ones go before.
      const anchors = jobs.insertions.map(({ list, index, value }) => {
        const seq = doc.getIn(list, true);
        return { list, value, seq: isSeq(seq) ? seq : undefined, before: isSeq(seq) ? seq.items[index] : undefined };
      });
      for (const job of jobs.structural) job(doc);
      for (const { list, value, seq, before } of anchors) {
        const node = doc.createNode(value);
        const target = seq ?? doc.getIn(list, true);
        if (!isSeq(target)) {
          // A branch without steps yet.
          doc.setIn(list, doc.createNode([value]));
          continue;
        }
        const at = before === undefined ? -1 : target.items.indexOf(before as never);
        target.items.splice(at < 0 ? target.items.length : at, 0, node);
      }
      for (const { parent, node } of doomed) {
        if (!isSeq(parent)) continue;
        const index = parent.items.indexOf(node as never);
        if (index >= 0) parent.items.splice(index, 1);
      }
      const only = isMap(doc.contents) && doc.contents.items.length === 1 ? doc.contents.items[0]!.value : undefined;
      if (doomed.length > 0 && isSeq(only) && only.items.length === 0 && jobs.structural.length === 0) {
        removed.push(file);
        continue;
      }
      text = keepLineFormatting(text, doc.toString(TO_STRING));
    }
    if (text !== parsed(file).text) files.set(file, text);
  }
  return { files, removed, conflicts, warnings };
}

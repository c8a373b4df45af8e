import { REFERENCE_KEYS, REFERENCE_KEYS_ANYWHERE } from '../model/references.js';
import { ownValue } from '../util/own-value.js';
import { SECTION_KINDS, type SectionKind } from '../model/types.js';

/**
 * What stands under the cursor, read from the lines around it rather than from a parse:
 * completion runs on buffers that are mid-typing and often not valid YAML, and a line scan
 * answers in microseconds on any file size.
 */
export interface CursorContext {
  /** Top-level key the cursor is under (`scenarios`, …). */
  section?: string;
  /** Key whose value holds the cursor (`channel`, `useCases`, …). */
  key?: string;
  /** The id-like word around the cursor (possibly empty), 0-based columns on `line`. */
  word: { text: string; start: number; end: number };
  line: number;
  /** The cursor is where a key is written (start of a mapping entry). */
  atKey: boolean;
  /** Indent of the key being written, when atKey. */
  keyIndent?: number;
  /** Inside an open `{{` of a subject or message: the partial variable name. */
  template?: { prefix: string; start: number };
}
/**
 * omni.yaml's keys whose values are ids, by the top-level key they are under: the channels of
 * pressure caps and quiet hours, of rule options (`sms-length: [warn, { channels: [sms] }]`,
 * under rules: or an override), and the ids of custom rules' `where:` filters (no other key of
 * a custom rule is a reference key).
 */
const CONFIG_REFERENCE_KEYS: Record<string, Record<string, SectionKind>> = {
  pressure: { channels: 'channels' },
  quietHours: { channels: 'channels' },
  rules: { channels: 'channels' },
  overrides: { channels: 'channels' },
  customRules: REFERENCE_KEYS_ANYWHERE,
};

const ID_CHAR = /[A-Za-z0-9_-]/;
const isSection = (name: string | undefined): name is SectionKind => name !== undefined && (SECTION_KINDS as readonly string[]).includes(name);
const indentOf = (line: string) => line.length - line.trimStart().length;
const isBlank = (line: string) => line.trim() === '' || line.trimStart().startsWith('#');

/** Lines of a text, split on demand (LF or CRLF). */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

export function cursorContext(lines: readonly string[], line: number, character: number): CursorContext {
  const text = lines[line] ?? '';
  const column = Math.min(character, text.length);
  let start = column;
  while (start > 0 && ID_CHAR.test(text[start - 1]!)) start--;
  let end = column;
  while (end < text.length && ID_CHAR.test(text[end]!)) end++;
  const word = { text: text.slice(start, end), start, end };
  const context: CursorContext = { word, line, atKey: false, section: sectionAt(lines, line, start) };
  const before = text.slice(0, start);
  if (/(^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, ''))) return context; // in a comment

  const template = templateAt(lines, line, column);
  if (template) return { ...context, template, key: template.key };

  // Only the end of the line matters, and a bounded slice keeps these regexes linear on a megabyte-long line.
  const recent = before.length > 2000 ? before.slice(-2000) : before;
  const inline = /([A-Za-z_][\w]*)\s*:\s*["']?(?:\[(?:[^\]{}]*,)?\s*["']?)?$/.exec(recent);
  if (inline) {
    context.key = inline[1];
    return context;
  }
  const item = /^(\s*)-\s+["']?$/.exec(before);
  if (item) {
    context.key = parentKey(lines, line, item[1]!.length);
    return context;
  }
  // An item of a flow sequence written over several lines (as Prettier wraps a long one).
  const flowKey = flowSequenceKey(lines, line, start);
  if (flowKey) {
    context.key = flowKey;
    return context;
  }
  // A value alone on its line, under its key (`lifecycle:`, a comment, then `activation`).
  if (/^\s*["']?$/.test(before) && /^[^\s:#][^:]*$/.test(text.trim())) {
    const above = keyEndingAbove(lines, line);
    if (above && indentOf(text) > indentOf(lines.slice(0, line).findLast((candidate) => !isBlank(candidate)) ?? '')) {
      context.key = above;
      return context;
    }
  }
  // Writing a key: at the start of a line (after an optional `- `), or after `{` / `,` in a flow mapping.
  if (/^\s*(-\s+)?$/.test(before) || /[{,]\s*$/.test(recent)) {
    context.atKey = true;
    context.keyIndent = /^\s*(-\s+)?$/.test(before) ? before.length : indentOf(text);
  }
  return context;
}

/** The nearest top-level key at or above `line`; in a document written as one flow mapping (`{ scenarios: [ … ] }`), the key of the root's entry the cursor is in. */
function sectionAt(lines: readonly string[], line: number, column = 0): string | undefined {
  for (let index = line; index >= 0; index--) {
    const match = /^([A-Za-z_][\w]*)\s*:/.exec(lines[index] ?? '');
    if (match) return match[1];
  }
  return rootFlowKeyAt(lines, line, column);
}

/** The key of the root flow mapping's entry that holds (line, column), read from the top (quoted text and comments skipped). */
function rootFlowKeyAt(lines: readonly string[], line: number, column: number): string | undefined {
  let depth = 0;
  let key: string | undefined;
  for (let index = 0; index <= line && index < lines.length; index++) {
    const text = bracketsOnly(index === line ? lines[index]!.slice(0, column) : lines[index]!);
    const tokens = /[{}[\]]|([A-Za-z_][\w]*)\s*:(?=\s|$)/g;
    for (let match = tokens.exec(text); match; match = tokens.exec(text)) {
      if (match[1] !== undefined) {
        if (depth === 1) key = match[1];
      } else if (match[0] === '{' || match[0] === '[') depth++;
      else depth--;
    }
  }
  return depth >= 1 ? key : undefined;
}

/** A line with its quoted text emptied and its comment cut: what is left holds the brackets and keys that count. */
const bracketsOnly = (text: string): string => text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, '""').replace(/(^|\s)#.*$/, '');

/** Lines looked back through for the `[` that opens a flow sequence. */
const FLOW_LOOKBACK = 200;

/**
 * The key of the flow sequence whose items the cursor is among when its `[` opened on an
 * earlier line: `variables: [` (or `variables:` then `[` on the next line). Undefined when
 * a flow mapping or nothing encloses the cursor.
 */
function flowSequenceKey(lines: readonly string[], line: number, column: number): string | undefined {
  let squares = 0;
  let curlies = 0;
  for (let index = line; index >= 0 && index > line - FLOW_LOOKBACK; index--) {
    const text = bracketsOnly(index === line ? lines[index]!.slice(0, column) : lines[index]!);
    for (let at = text.length - 1; at >= 0; at--) {
      const c = text[at];
      if (c === ']') squares++;
      else if (c === '}') curlies++;
      else if (c === '{') {
        if (curlies === 0) return undefined;
        curlies--;
      } else if (c === '[') {
        if (squares > 0) {
          squares--;
          continue;
        }
        const key = /([A-Za-z_][\w]*)\s*:\s*$/.exec(text.slice(0, at));
        if (key) return key[1];
        // `[` first on its line: the key ends the line above (comments between them allowed).
        return text.slice(0, at).trim() === '' ? keyEndingAbove(lines, index) : undefined;
      }
    }
    // A block key or item at the start of a line ends any flow collection above it.
    if (index < line && /^\s*(-\s|[A-Za-z_][\w]*\s*:(\s|$))/.test(text) && squares === 0 && curlies === 0) return undefined;
  }
  return undefined;
}

/** The key that ends the nearest line above `line` with content (`lifecycle:` over its value), if that line ends with one. */
function keyEndingAbove(lines: readonly string[], line: number): string | undefined {
  for (let above = line - 1; above >= 0; above--) {
    if (isBlank(lines[above]!)) continue;
    return /([A-Za-z_][\w]*)\s*:\s*$/.exec(lines[above]!.replace(/\s#.*$/, ''))?.[1];
  }
  return undefined;
}

/** The key a block-sequence item at `dashIndent` belongs to. */
function parentKey(lines: readonly string[], line: number, dashIndent: number): string | undefined {
  for (let index = line - 1; index >= 0; index--) {
    const text = lines[index]!;
    if (isBlank(text)) continue;
    const indent = indentOf(text);
    const isItem = text.trimStart().startsWith('-');
    if (indent > dashIndent || (indent === dashIndent && isItem)) continue;
    return /^\s*(?:-\s+)?([A-Za-z_][\w]*)\s*:\s*$/.exec(text)?.[1];
  }
  return undefined;
}

/** An open `{{` before the cursor in a subject or message (one line, or a block scalar under the key). */
function templateAt(lines: readonly string[], line: number, column: number): (CursorContext['template'] & { key: string }) | undefined {
  const text = lines[line] ?? '';
  const before = text.slice(0, column);
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.lastIndexOf('}}') > open) return undefined;
  const inside = before.slice(open + 2);
  const name = /^[~#/^>&]?\s*(?:(?:each|with|if|unless)\s+)?([\w.]*)$/.exec(inside);
  if (!name) return undefined;
  let key = /(?:^|[\s{,])(subject|message)\s*:/.exec(before.slice(0, open))?.[1];
  if (!key) {
    const indent = indentOf(text);
    for (let index = line - 1; index >= 0 && !key; index--) {
      const above = lines[index]!;
      if (above.trim() === '') continue;
      if (indentOf(above) >= indent) continue;
      key = /(?:^|[\s{,-])(subject|message)\s*:\s*[|>]/.exec(above)?.[1];
      break;
    }
  }
  if (!key) return undefined;
  return { prefix: name[1]!, start: column - name[1]!.length, key };
}

/** An id the cursor stands on: the section it names, and whether it is the entity's own `id:`. */
export interface IdTarget {
  kind: SectionKind;
  id: string;
  declaration: boolean;
}

/** The section kind an id under the cursor must name, or the section it declares. */
export function idTarget(context: CursorContext, inConfig = false): IdTarget | undefined {
  if (inConfig) {
    const kind = referenceKind(context, true);
    return context.word.text && kind ? { kind, id: context.word.text, declaration: false } : undefined;
  }
  if (!context.word.text || !isSection(context.section)) return undefined;
  // `{{first_name}}` in a scenario's template names one of its variables.
  if (context.template) return context.section === 'scenarios' ? { kind: 'variables', id: context.word.text, declaration: false } : undefined;
  if (context.key === 'id') return { kind: context.section, id: context.word.text, declaration: true };
  const kind = referenceKind(context);
  return kind ? { kind, id: context.word.text, declaration: false } : undefined;
}

/** The section whose ids may be written where the cursor is (a reference position), if any; `inConfig` in omni.yaml. */
export function referenceKind(context: CursorContext, inConfig = false): SectionKind | undefined {
  if (!context.key || context.template) return undefined;
  if (inConfig) return context.section === undefined ? undefined : ownValue(ownValue(CONFIG_REFERENCE_KEYS, context.section), context.key);
  if (!isSection(context.section)) return undefined;
  return ownValue(REFERENCE_KEYS[context.section], context.key);
}

/** The lines [start, end) of the `scenarios:` item holding `line`, and the indent of its dash. */
function scenarioItemAt(lines: readonly string[], line: number): { start: number; end: number; itemIndent: number } | undefined {
  let sectionLine = -1;
  for (let index = line; index >= 0; index--) {
    if (/^[A-Za-z_]/.test(lines[index] ?? '')) {
      sectionLine = index;
      break;
    }
  }
  if (sectionLine < 0 || !/^scenarios\s*:/.test(lines[sectionLine]!)) return undefined;
  let itemIndent = -1;
  for (let index = sectionLine + 1; index < lines.length; index++) {
    const match = /^(\s*)-(\s|$)/.exec(lines[index]!);
    if (match) {
      itemIndent = match[1]!.length;
      break;
    }
  }
  if (itemIndent < 0) return undefined;
  const isItemStart = (text: string) => indentOf(text) === itemIndent && /^\s*-(\s|$)/.test(text);
  let start = line;
  while (start > sectionLine && !isItemStart(lines[start]!)) start--;
  let end = line + 1;
  while (end < lines.length && !isItemStart(lines[end]!) && !/^[A-Za-z_]/.test(lines[end]!)) end++;
  return { start, end, itemIndent };
}

/**
 * The step ids written in the scenario whose block holds `line`, in order: every `id:` deeper
 * than the scenario's own (steps at any depth of branches), read from the buffer, which is
 * mid-typing and may not load while a `goto:` is being written.
 */
export function scenarioStepIdsAt(lines: readonly string[], line: number): string[] {
  const item = scenarioItemAt(lines, line);
  if (!item) return [];
  const ids: string[] = [];
  for (let index = item.start; index < item.end; index++) {
    const text = lines[index]!.replace(/\s#.*$/, '');
    for (const match of text.matchAll(/(^\s*(?:-\s+)?|[{,]\s*)id\s*:\s*["']?([A-Za-z0-9][\w-]*)/g)) {
      const column = match.index + match[1]!.length;
      if (column > item.itemIndent + 2 && !ids.includes(match[2]!)) ids.push(match[2]!);
    }
  }
  return ids;
}

/**
 * The variables of the scenario whose block holds `line`, as the buffer has them now
 * (flow `[a, b]` or a block list), found by its item's indent under `scenarios:`.
 */
export function scenarioVariablesAt(lines: readonly string[], line: number): { id?: string; variables: string[] } {
  const item = scenarioItemAt(lines, line);
  if (!item) return { variables: [] };
  const { start, end, itemIndent } = item;
  let id: string | undefined;
  const variables: string[] = [];
  for (let index = start; index < end; index++) {
    const text = lines[index]!;
    if (indentOf(text) > itemIndent + 2 && !/^\s*-/.test(text)) continue;
    id ??= /^\s*(?:-\s+)?(?:\{\s*)?id\s*:\s*["']?([\w-]+)/.exec(text)?.[1];
    const key = /^(\s*)(?:-\s+)?variables\s*:\s*(.*)$/.exec(text);
    if (!key || indentOf(text) > itemIndent + 2) continue;
    let rest = key[2]!.replace(/\s#.*$/, '').trim();
    // A flow list may open on the next line, and run over several (as Prettier wraps a long one).
    let next = index + 1;
    if (rest === '') {
      while (next < end && isBlank(lines[next]!)) next++;
      if (next < end && lines[next]!.trim().startsWith('[')) rest = lines[next++]!.replace(/\s#.*$/, '').trim();
    }
    if (rest.startsWith('[')) {
      while (!rest.includes(']') && next < end) rest += ` ${lines[next++]!.replace(/\s#.*$/, '').trim()}`;
      variables.push(
        ...rest
          .replace(/^\[|\].*$/g, '')
          .split(',')
          .map((name) => name.trim().replace(/^["']|["']$/g, ''))
          .filter(Boolean),
      );
    } else if (rest === '') {
      for (let line = index + 1; line < end; line++) {
        const item = /^\s*-\s+["']?([\w-]+)/.exec(lines[line]!);
        if (item) variables.push(item[1]!);
        else if (!isBlank(lines[line]!)) break;
      }
    }
  }
  return { id, variables };
}

/**
 * The value of `key` in the list item holding `line` (`scenario:` of a persona's `assume:`
 * entry, written as a flow mapping on one line or as a block over several).
 */
export function itemValue(lines: readonly string[], line: number, key: string): string | undefined {
  const pattern = new RegExp(`(?:^|[\\s{,])${key}\\s*:\\s*["']?([\\w-]+)`);
  const own = pattern.exec(lines[line] ?? '')?.[1];
  if (own !== undefined || /^\s*-\s*\{/.test(lines[line] ?? '')) return own;
  // The item's dash: this line, or the nearest line above at a lower indent when it starts with `-`.
  let start = line;
  if (!/^\s*-(\s|$)/.test(lines[line] ?? '')) {
    const keyIndent = indentOf(lines[line] ?? '');
    start = -1;
    for (let index = line - 1; index >= 0; index--) {
      const text = lines[index]!;
      if (isBlank(text) || indentOf(text) >= keyIndent) continue;
      if (/^\s*-(\s|$)/.test(text)) start = index;
      break;
    }
    if (start < 0) return undefined;
  }
  const dashIndent = indentOf(lines[start]!);
  for (let index = start; index < lines.length; index++) {
    const text = lines[index]!;
    if (index > start && !isBlank(text) && indentOf(text) <= dashIndent) break;
    const found = pattern.exec(text)?.[1];
    if (found !== undefined) return found;
  }
  return undefined;
}

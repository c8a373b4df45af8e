import type { JsonPath, Location, Position, Range } from '../diagnostics/types.js';
import {
  entryLines,
  indexTopLevelSequences,
  nestedEntry,
  readerSource,
  readEntrySpans,
  readSimpleYamlSpans,
  SPAN_SEPARATOR,
  UNSUPPORTED,
  type EntryLines,
  type NodeSpan,
  type SequenceIndex,
} from './fast-yaml.js';

type YamlModule = typeof import('yaml');
type YamlNode = import('yaml').Node;
type YamlMap = import('yaml').YAMLMap;
type YamlPair = import('yaml').Pair;
type YamlAlias = import('yaml').Alias;

/**
 * Maps JSON paths to line:col in one file's source. Built on demand, only for files
 * that have diagnostics, with the `yaml` package's syntax tree.
 *
 * Cost: one pass over the file, then O(path length) per diagnostic. Plain block YAML (what
 * fast-yaml.ts reads, nearly every model file) is located by that reader, recording the span
 * of every node in one pass, several times faster than the `yaml` package; anything else is
 * parsed with `yaml`, whose mappings are indexed the first time a path goes through them and
 * whose aliases are resolved through one index of anchors built on first use. Both give the
 * same ranges (test/loader/positions-fast.test.ts), and a file with 100,000 findings is
 * never scanned once per finding.
 */
export interface PositionResolver {
  resolve(location: Location): Range;
}

let yamlModule: YamlModule | undefined;

const FILE_START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export interface PositionOptions {
  /**
   * The fast reader read this very text whole (the loader knows), and these are the
   * locations to resolve: when each is inside an entry of a top-level list, only those
   * entries are read again, not the whole file.
   */
  simple?: { locations: readonly Location[] };
}

export async function createPositionResolver(text: string, options: PositionOptions = {}): Promise<PositionResolver> {
  if (options.simple) {
    const entries = entryResolver(text, options.simple.locations);
    if (entries) return entries;
  }
  const fast = readSimpleYamlSpans(text);
  if (fast !== UNSUPPORTED) return spanResolver(fast.spans, fast.source);
  return createYamlPositionResolver(text);
}

/** The resolver built on the `yaml` package, for any YAML (exported to compare both). */
export async function createYamlPositionResolver(text: string): Promise<PositionResolver> {
  yamlModule ??= await import('yaml');
  const yaml = yamlModule;
  const lineCounter = new yaml.LineCounter();
  let document: import('yaml').Document;
  try {
    document = yaml.parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false });
  } catch {
    // Input deep enough to exhaust the parser's stack: the loader has already reported it;
    // every finding then points at the start of the file.
    return { resolve: (location) => location.range ?? FILE_START };
  }
  const toPosition = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const toRange = (start: number, end: number): Range => ({ start: toPosition(start), end: toPosition(Math.max(start, end)) });
  const index = new DocumentIndex(yaml, document);

  return {
    resolve(location) {
      if (location.range) return location.range;
      const found = index.find(location.path, location.target === 'key');
      if (!found?.range) return toRange(0, 0);
      const [start, valueEnd] = found.range;
      if (location.needle) {
        const at = findNeedle(text, start, valueEnd, location.needle);
        if (at >= 0) return toRange(at, at + location.needle.length);
      }
      return toRange(start, isBlockCollection(yaml, found) ? blockEnd(yaml, text, found) : valueEnd);
    },
  };
}

/** Line:col of offsets into `source`, by binary search over its line starts (built once). */
function lineLocator(source: string, lineStarts?: readonly number[]): (offset: number) => Position {
  let starts = lineStarts;
  if (!starts) {
    const found = [0];
    for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) found.push(at + 1);
    starts = found;
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

/** Resolves paths through the spans fast-yaml recorded: the same walk as DocumentIndex.find. */
function spanResolver(spans: Map<string, NodeSpan>, source: string): PositionResolver {
  const locate = lineLocator(source);
  const root = spans.get('');
  return {
    resolve(location) {
      if (location.range) return location.range;
      if (!root) return spanRange(source, locate, location, 0, 0);
      return walkSpans(spans, source, locate, location, root, 0, '');
    },
  };
}

/**
 * For a file the fast reader reads whole, whose findings all lie inside entries of top-level
 * lists (`scenarios[3].steps[1].after`): reads only those entries, each once, and walks
 * their spans from the entry down, as spanResolver walks from the root (the entry's span
 * and everything under it are the same). Undefined when a location is not inside one.
 */
export function entryResolver(text: string, locations: readonly Location[]): PositionResolver | undefined {
  const source = readerSource(text);
  const index = indexTopLevelSequences(source);
  const entries = new Map<string, { spans: Map<string, NodeSpan>; node: NodeSpan; key: string; depth: number } | undefined>();
  const entryOf = (path: JsonPath) => {
    // The innermost list entry found by lines (readEntrySpans), read once.
    let innermost = '';
    for (let depth = 0; depth + 1 < path.length; depth += 2) {
      if (typeof path[depth] !== 'string' || typeof path[depth + 1] !== 'number') break;
      innermost += `${SPAN_SEPARATOR}${String(path[depth])}${SPAN_SEPARATOR}${String(path[depth + 1])}`;
    }
    if (innermost === '') return undefined;
    if (entries.has(innermost)) return entries.get(innermost);
    const read = readEntrySpans(source, index, path);
    const node = read === UNSUPPORTED ? undefined : read.spans.get(read.key);
    const found = read === UNSUPPORTED || !node ? undefined : { spans: read.spans, node, key: read.key, depth: read.depth };
    entries.set(innermost, found);
    return found;
  };
  // A key of the entry itself with a one-line scalar value (a step's `after`, `channel`):
  // found on the entry's lines, without reading the entry (what most findings point at).
  const direct = new Map<Location, { start: number; end: number }>();
  for (const location of locations) {
    if (location.range) continue;
    const span = keyOfEntry(source, index, location);
    if (span) direct.set(location, span);
    else if (!entryOf(location.path)) return undefined;
  }
  const locate = lineLocator(source, index.lineStarts);
  return {
    resolve(location) {
      if (location.range) return location.range;
      const span = direct.get(location) ?? keyOfEntry(source, index, location);
      if (span) return spanRange(source, locate, location, span.start, span.end);
      const found = entryOf(location.path)!;
      return walkSpans(found.spans, source, locate, location, found.node, found.depth, found.key);
    },
  };
}

/** The innermost list entry on `path` found by lines alone, and its depth in the path: what readEntrySpans reads. */
function innermostEntry(source: string, index: SequenceIndex, path: JsonPath): { entry: EntryLines; depth: number } | undefined {
  const section = path[0];
  const first = path[1];
  if (typeof section !== 'string' || typeof first !== 'number') return undefined;
  const sequence = index.sections.get(section);
  const start = sequence?.starts[first];
  if (sequence === undefined || start === undefined) return undefined;
  let entry = entryLines(source, start, sequence.indent);
  let depth = 2;
  for (;;) {
    const key = path[depth];
    const next = path[depth + 1];
    if (typeof key !== 'string' || typeof next !== 'number' || entry.keyColumn < 0) break;
    const nested = nestedEntry(source, entry, key, next);
    if (!nested) break;
    entry = nested;
    depth += 2;
  }
  return { entry, depth };
}

/**
 * When `location` names a key of a compact-mapping list entry (`- after: J+2`, the path ending
 * one key below the innermost entry) whose value is a scalar on the key's line: the span the
 * reader records for that key or value, found on the entry's lines (keys stand at the
 * entry's key column; the file is known to be read whole by the reader, so it holds no
 * duplicate key, multi-line scalar or other construct that would change them). Undefined
 * in any other case, which the entry's read handles.
 */
function keyOfEntry(source: string, index: SequenceIndex, location: Location): { start: number; end: number } | undefined {
  const path = location.path;
  const key = path[path.length - 1];
  if (typeof key !== 'string' || path.length < 3 || !PLAIN_KEY.test(key)) return undefined;
  const found = innermostEntry(source, index, path);
  if (!found || found.depth !== path.length - 1 || found.entry.keyColumn < 0) return undefined;
  const { entry } = found;
  for (let lineStart = entry.lineStart; lineStart < entry.end;) {
    let p = lineStart;
    while (source.charCodeAt(p) === SPACE) p++;
    let lineEnd = source.indexOf('\n', p);
    if (lineEnd === -1) lineEnd = source.length;
    const at = lineStart === entry.lineStart ? lineStart + entry.keyColumn : p;
    if (
      (lineStart === entry.lineStart || p - lineStart === entry.keyColumn) &&
      p < lineEnd &&
      source.startsWith(key, at) &&
      source.charCodeAt(at + key.length) === COLON
    ) {
      const keyEnd = at + key.length;
      if (location.target === 'key') return { start: at, end: keyEnd };
      return scalarOnLine(source, keyEnd + 1, lineEnd);
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** The span of a one-line plain or quoted scalar from `position` (after a key's colon), as the reader records it; undefined for anything else. */
function scalarOnLine(source: string, position: number, lineEnd: number): { start: number; end: number } | undefined {
  while (source.charCodeAt(position) === SPACE) position++;
  if (position >= lineEnd) return undefined;
  const c = source.charCodeAt(position);
  if (c === HASH || c === 0x7c || c === 0x3e || c === 0x5b || c === 0x7b) return undefined; // nested, empty, block scalar, flow
  if (c === 0x22) {
    for (let i = position + 1; i < lineEnd; i++) {
      const d = source.charCodeAt(i);
      if (d === 0x22) return { start: position, end: i + 1 };
      if (d === 0x5c) i++;
    }
    return undefined;
  }
  if (c === 0x27) {
    for (let from = position + 1; ;) {
      const close = source.indexOf("'", from);
      if (close === -1 || close >= lineEnd) return undefined;
      if (source.charCodeAt(close + 1) !== 0x27) return { start: position, end: close + 1 };
      from = close + 2;
    }
  }
  // A plain scalar runs to the end of the line or to ` #`, without its trailing spaces.
  let stop = position + 1;
  for (; stop < lineEnd; stop++) if (source.charCodeAt(stop) === SPACE && source.charCodeAt(stop + 1) === HASH) break;
  while (source.charCodeAt(stop - 1) === SPACE) stop--;
  return { start: position, end: stop };
}

/** A key the reader reads unquoted, up to its colon. */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;

/** From `node` (at depth `from` of the path, span key `key`), down the rest of the path as far as it goes. */
function walkSpans(
  spans: Map<string, NodeSpan>,
  source: string,
  locate: (offset: number) => Position,
  location: Location,
  node: NodeSpan,
  from: number,
  key: string,
): Range {
  const wantKey = location.target === 'key';
  let start = node.start;
  let end = node.end;
  let current: NodeSpan | undefined = node;
  const path = location.path;
  for (let depth = from; depth < path.length && current; depth++) {
    const segment = path[depth]!;
    if (current.kind === 'map') key += `${SPAN_SEPARATOR}k${String(segment)}`;
    else if (current.kind === 'seq' && typeof segment === 'number') key += `${SPAN_SEPARATOR}i${segment}`;
    else break;
    const child = spans.get(key);
    if (!child) break;
    if ((depth === path.length - 1 && wantKey && child.keyStart >= 0) || child.empty) {
      // The key itself; past an empty value, the walk stops at its key too.
      start = child.keyStart;
      end = child.keyEnd;
      break;
    }
    start = child.start;
    end = child.end;
    current = child;
  }
  return spanRange(source, locate, location, start, end);
}

function spanRange(source: string, locate: (offset: number) => Position, location: Location, start: number, end: number): Range {
  if (location.needle) {
    const at = findNeedle(source, start, end, location.needle);
    if (at >= 0) return { start: locate(at), end: locate(at + location.needle.length) };
  }
  return { start: locate(start), end: locate(Math.max(start, end)) };
}

/** Lazily built lookups over one parsed document. */
class DocumentIndex {
  private readonly keysOfMap = new WeakMap<YamlMap, Map<string, YamlPair>>();
  private aliasTargets: Map<YamlAlias, YamlNode | undefined> | undefined;

  constructor(
    private readonly yaml: YamlModule,
    private readonly document: import('yaml').Document,
  ) {}

  /** Walks the path as far as it goes; the deepest node reached stands for the rest. */
  find(path: JsonPath, wantKey: boolean): YamlNode | null {
    const yaml = this.yaml;
    let node = this.document.contents as YamlNode | null;
    for (let depth = 0; depth < path.length && node; depth++) {
      const segment = path[depth]!;
      const isLast = depth === path.length - 1;
      if (yaml.isAlias(node)) node = this.resolveAlias(node) ?? node;
      if (yaml.isMap(node)) {
        const pair = this.pairOf(node, String(segment));
        if (!pair) return node;
        if (isLast && wantKey && yaml.isNode(pair.key)) return pair.key;
        // A key with no value (`name:`) has no value node, or an empty null scalar after
        // the colon: point at the key.
        const value = yaml.isNode(pair.value) && !isEmptyScalar(yaml, pair.value) ? pair.value : undefined;
        node = (value ?? (yaml.isNode(pair.key) ? pair.key : node)) as YamlNode;
      } else if (yaml.isSeq(node)) {
        const item = typeof segment === 'number' ? node.items[segment] : undefined;
        if (!yaml.isNode(item)) return node;
        node = item;
      } else {
        return node;
      }
    }
    return node;
  }

  /** The first pair with this key; each mapping's keys are indexed once, on first lookup. */
  private pairOf(map: YamlMap, key: string): YamlPair | undefined {
    let keys = this.keysOfMap.get(map);
    if (!keys) {
      keys = new Map();
      for (const item of map.items as YamlPair[]) {
        const name = this.yaml.isScalar(item.key) ? String(item.key.value) : undefined;
        if (name !== undefined && !keys.has(name)) keys.set(name, item);
      }
      this.keysOfMap.set(map, keys);
    }
    return keys.get(key);
  }

  /**
   * The node an alias names: the last node anchored with its name before it, in document
   * order (what `Alias.resolve` computes, but that walks the whole document on each call).
   */
  private resolveAlias(alias: YamlAlias): YamlNode | undefined {
    if (!this.aliasTargets) {
      const targets = new Map<YamlAlias, YamlNode | undefined>();
      const anchors = new Map<string, YamlNode>();
      const yaml = this.yaml;
      yaml.visit(this.document, {
        Node: (_key, node) => {
          if (yaml.isAlias(node)) targets.set(node, anchors.get(node.source));
          else if (node.anchor) anchors.set(node.anchor, node);
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }
}

function isBlockCollection(yaml: YamlModule, node: YamlNode): node is import('yaml').YAMLMap | import('yaml').YAMLSeq {
  return (yaml.isMap(node) || yaml.isSeq(node)) && !node.flow;
}

/**
 * Where a block mapping or sequence ends: after the line of its last content. The `yaml`
 * package's own end also takes in the comment lines after a last value (more indented
 * than the collection, or any after an empty value), and stops mid-line after an empty
 * last value (`name:`); the fast reader's spans, and so every finding, end after the line.
 */
function blockEnd(yaml: YamlModule, text: string, collection: import('yaml').YAMLMap | import('yaml').YAMLSeq): number {
  let node: YamlNode = collection;
  for (;;) {
    const last = (node as import('yaml').YAMLMap | import('yaml').YAMLSeq).items.at(-1) as YamlPair | YamlNode | undefined;
    if (last === undefined) return node.range![1];
    let next: YamlNode | undefined;
    if (yaml.isPair(last)) {
      const value = yaml.isNode(last.value) && !isEmptyScalar(yaml, last.value) ? last.value : undefined;
      // A key with no value: its line is the last content.
      if (!value) return afterLine(text, yaml.isNode(last.key) && last.key.range ? last.key.range[1] : node.range![1]);
      next = value;
    } else if (yaml.isNode(last)) next = last;
    if (!next?.range) return node.range![1];
    if (!isBlockCollection(yaml, next)) return afterLine(text, Math.max(next.range[0], next.range[1] - 1));
    node = next;
  }
}

/** The offset after the line break of the line holding `offset` (the text's end on its last line). */
function afterLine(text: string, offset: number): number {
  const lineBreak = text.indexOf('\n', offset);
  return lineBreak < 0 ? text.length : lineBreak + 1;
}

function isEmptyScalar(yaml: YamlModule, node: YamlNode): boolean {
  return yaml.isScalar(node) && node.value === null && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
}

const isNameChar = (char: string | undefined) => char !== undefined && /[\w.@/-]/.test(char);

/**
 * Offset in `text` of the needle's first occurrence between `start` and `end` inside a
 * `{{…}}` and not part of a longer name, so that `{{cart}}` in "Your cart: {{cart}}" is
 * found at the mustache, not in the prose; else its first occurrence there; else -1.
 * One forward pass: the last `{{` and `}}` before each occurrence are tracked, not searched
 * backwards, so a huge message with many occurrences stays linear.
 */
function findNeedle(text: string, start: number, end: number, needle: string): number {
  let first = -1;
  let lastOpen = -1;
  let lastClose = -1;
  let nextOpen = text.indexOf('{{', start);
  let nextClose = text.indexOf('}}', start);
  for (let index = text.indexOf(needle, start); index >= 0 && index + needle.length <= end; index = text.indexOf(needle, index + 1)) {
    if (first < 0) first = index;
    while (nextOpen >= 0 && nextOpen <= index) {
      lastOpen = nextOpen;
      nextOpen = text.indexOf('{{', nextOpen + 1);
    }
    while (nextClose >= 0 && nextClose <= index) {
      lastClose = nextClose;
      nextClose = text.indexOf('}}', nextClose + 1);
    }
    if (lastOpen > lastClose && !isNameChar(text[index - 1]) && !isNameChar(text[index + needle.length])) return index;
  }
  return first;
}

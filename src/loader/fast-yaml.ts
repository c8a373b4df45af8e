import jsYaml from 'js-yaml';

/**
 * A reader for the plain block YAML that model files are written in: block mappings and
 * sequences, single-line plain and quoted scalars, one-line flow collections, literal and
 * folded block scalars, comments. It returns exactly what js-yaml (core schema) returns for
 * such a document, about twice as fast, and gives up (`UNSUPPORTED`) on anything else:
 * anchors, aliases, tags, merge keys, multi-line plain or quoted scalars, tabs, lone CR, BOM,
 * non-printable characters or lone surrogates, duplicate or unusual keys, any syntax error.
 * The caller then parses the file with js-yaml, which also produces every error message.
 * test/loader/fast-yaml.test.ts checks it against js-yaml on every example and fixture,
 * on generated workspaces and on thousands of dumped and mutated documents.
 */
export const UNSUPPORTED: unique symbol = Symbol('unsupported YAML');

class Unsupported extends Error {}
const unsupported = new Unsupported();

/** Characters this reader never handles: tab, BOM, NEL, line/paragraph separators, non-printables (CR: see LONE_CR). */
const UNSUPPORTED_CHARACTERS = /[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;
/** A CR that does not start a CRLF line break. */
const LONE_CR = /\r(?!\n)/;
/** String.prototype.isWellFormed (Node 20+; not yet in TypeScript's ES2023 lib): no lone surrogate. */
const isWellFormed = (text: string) => (text as unknown as { isWellFormed(): boolean }).isWellFormed();

// js-yaml's own resolvers for the core schema's implicit types, tried in its order.
const { types } = jsYaml as unknown as { types: Record<'null' | 'bool' | 'int' | 'float', jsYaml.Type> };
const IMPLICIT_TYPES = [types.null, types.bool, types.int, types.float] as const;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const MAX_DEPTH = 64;

/**
 * Where one node of a document read by this reader stands, as offsets into the text with
 * CRLF read as LF (lines and columns are the same): what the `yaml` package's syntax tree
 * gives (node.range[0], node.range[1]), so both position resolvers agree.
 */
export interface NodeSpan {
  kind: 'map' | 'seq' | 'scalar';
  start: number;
  end: number;
  /** The key of a mapping entry; -1 for the root and sequence items. */
  keyStart: number;
  keyEnd: number;
  /** A key with no value (`name:`): findings point at the key. */
  empty: boolean;
}

/** Spans by path: segments joined by SPAN_SEPARATOR, mapping keys as `k<key>`, sequence indexes as `i<index>`. */
export const SPAN_SEPARATOR = '\u0000';

/**
 * The spans of every node of `text` when it is in the supported subset (one pass, for a
 * file that has findings to locate); UNSUPPORTED otherwise. `source` is the text the
 * offsets refer to.
 */
export function readSimpleYamlSpans(text: string): { spans: Map<string, NodeSpan>; source: string } | typeof UNSUPPORTED {
  const source = supportedSource(text);
  if (source === UNSUPPORTED) return UNSUPPORTED;
  const spans = new Map<string, NodeSpan>();
  try {
    new Reader(source, spans).document();
  } catch (error) {
    if (error === unsupported) return UNSUPPORTED;
    throw error;
  }
  return { spans, source };
}

/**
 * Where the entries of each top-level block sequence (`scenarios:`, `steps:`…) start, found
 * from the lines' indentation alone, for a file the reader reads whole: a finding in the
 * tenth scenario of a file is then located by reading that scenario's lines only.
 */
export interface SequenceIndex {
  /** Section key → column of its `-` and the offset of each entry's line. */
  sections: Map<string, { indent: number; starts: number[] }>;
  /** Offset of every line (the same pass): line:col of any offset by binary search. */
  lineStarts: number[];
}

export function indexTopLevelSequences(source: string): SequenceIndex {
  const sections: SequenceIndex['sections'] = new Map();
  const lineStarts: number[] = [];
  const length = source.length;
  let current: { indent: number; starts: number[] } | undefined;
  let currentKey = '';
  let lineStart = 0;
  while (lineStart < length) {
    lineStarts.push(lineStart);
    let position = lineStart;
    while (source.charCodeAt(position) === SPACE) position++;
    let lineEnd = source.indexOf('\n', position);
    if (lineEnd === -1) lineEnd = length;
    if (position < lineEnd && source.charCodeAt(position) !== HASH) {
      const indent = position - lineStart;
      const entry = source.charCodeAt(position) === DASH && (position + 1 >= lineEnd || source.charCodeAt(position + 1) === SPACE);
      if (current && current.indent === -1) {
        // The first line under a key: a sequence, or something else (then not indexed).
        if (entry) {
          current.indent = indent;
          sections.set(currentKey, current);
        } else current = undefined;
      }
      if (current && entry && indent === current.indent) current.starts.push(lineStart);
      else if (indent === 0) {
        // A top-level key: indexed when it is plain and its value is on the lines below.
        current = undefined;
        if (isKeyStart(source.charCodeAt(position))) {
          let end = position + 1;
          while (isKeyPart(source.charCodeAt(end))) end++;
          let after = end + 1;
          while (source.charCodeAt(after) === SPACE) after++;
          if (source.charCodeAt(end) === COLON && (after >= lineEnd || (after > end + 1 && source.charCodeAt(after) === HASH))) {
            currentKey = source.slice(position, end);
            current = sections.has(currentKey) ? undefined : { indent: -1, starts: [] };
          }
        }
      }
    }
    lineStart = lineEnd + 1;
  }
  // A text ending with a line break has one more (empty) line.
  if (length === 0 || source.charCodeAt(length - 1) === 0x0a) lineStarts.push(length);
  return { sections, lineStarts };
}

/** One entry of a block sequence found by its lines: where its line starts, its `-` column, and where it ends. */
export interface EntryLines {
  lineStart: number;
  indent: number;
  /** Start of the first line after the entry (a line indented at most as its `-`), or the end of the text. */
  end: number;
  /** Column of its first key when it is a compact mapping (`- key: …`), else -1. */
  keyColumn: number;
}

/** The entry starting at lineStart (its `-` at column indent): where it ends and whether it is `- key: …`. */
export function entryLines(source: string, lineStart: number, indent: number): EntryLines {
  let position = lineStart + indent + 1;
  while (source.charCodeAt(position) === SPACE) position++;
  let keyColumn = -1;
  if (isKeyStart(source.charCodeAt(position))) {
    let end = position + 1;
    while (isKeyPart(source.charCodeAt(end))) end++;
    const after = source.charCodeAt(end + 1);
    if (source.charCodeAt(end) === COLON && (after === SPACE || after === 0x0a || Number.isNaN(after))) keyColumn = position - lineStart;
  }
  let next = source.indexOf('\n', lineStart);
  for (;;) {
    if (next === -1) return { lineStart, indent, end: source.length, keyColumn };
    const start = next + 1;
    let p = start;
    while (source.charCodeAt(p) === SPACE) p++;
    let lineEnd = source.indexOf('\n', p);
    if (lineEnd === -1) lineEnd = source.length;
    if (p < lineEnd && source.charCodeAt(p) !== HASH && p - start <= indent) return { lineStart, indent, end: start, keyColumn };
    next = lineEnd < source.length ? lineEnd : -1;
  }
}

/**
 * Inside a compact-mapping entry (keys at column `keyColumn`, the first on the entry's own
 * line), entry `index` of the block sequence under `key`, found by the lines' indentation;
 * undefined when `key` is not followed by a block sequence there or has no such entry.
 */
export function nestedEntry(source: string, parent: EntryLines, key: string, index: number): EntryLines | undefined {
  const keyColumn = parent.keyColumn;
  // The key's line: the entry's line (its first key) or a line indented to keyColumn.
  let lineStart = parent.lineStart;
  let found = -1;
  while (lineStart < parent.end) {
    let p = lineStart;
    while (source.charCodeAt(p) === SPACE) p++;
    let lineEnd = source.indexOf('\n', p);
    if (lineEnd === -1) lineEnd = source.length;
    const column = lineStart === parent.lineStart ? keyColumn : p - lineStart;
    const at = lineStart + column;
    if (p < lineEnd && source.charCodeAt(p) !== HASH && (lineStart === parent.lineStart || p - lineStart === keyColumn) && source.startsWith(key, at)) {
      const end = at + key.length;
      let after = end + 1;
      while (source.charCodeAt(after) === SPACE) after++;
      if (source.charCodeAt(end) === COLON && (after >= lineEnd || (after > end + 1 && source.charCodeAt(after) === HASH))) {
        found = lineEnd;
        break;
      }
    }
    lineStart = lineEnd + 1;
  }
  if (found < 0) return undefined;
  // The sequence: entries at the column of the first content line below the key.
  let sequenceIndent = -1;
  let count = 0;
  lineStart = found + 1;
  while (lineStart < parent.end) {
    let p = lineStart;
    while (source.charCodeAt(p) === SPACE) p++;
    let lineEnd = source.indexOf('\n', p);
    if (lineEnd === -1) lineEnd = source.length;
    if (p < lineEnd && source.charCodeAt(p) !== HASH) {
      const indent = p - lineStart;
      const entry = source.charCodeAt(p) === DASH && (p + 1 >= lineEnd || source.charCodeAt(p + 1) === SPACE);
      if (sequenceIndent === -1) {
        if (!entry || indent < keyColumn) return undefined;
        sequenceIndent = indent;
      }
      if (indent < sequenceIndent || (indent === sequenceIndent && !entry)) return undefined;
      if (indent === sequenceIndent) {
        if (count === index) {
          const lines = entryLines(source, lineStart, indent);
          return { ...lines, end: Math.min(lines.end, parent.end) };
        }
        count++;
      }
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/**
 * The spans of the innermost list entry on `path` that can be found by lines alone (an entry
 * of a top-level list, then of lists under keys of compact-mapping entries: `scenarios[3]`,
 * then `scenarios[3].steps[1]`), and of every node in it, read from that entry's lines:
 * what readSimpleYamlSpans records for them, provided the reader reads the whole of
 * `source` (the caller knows it did). Also the entry's span key and its depth in the path.
 * UNSUPPORTED when the path does not start in an entry of a top-level list.
 */
export function readEntrySpans(
  source: string,
  index: SequenceIndex,
  path: readonly (string | number)[],
): { spans: Map<string, NodeSpan>; key: string; depth: number } | typeof UNSUPPORTED {
  const section = path[0];
  const first = path[1];
  if (typeof section !== 'string' || typeof first !== 'number') return UNSUPPORTED;
  const sequence = index.sections.get(section);
  const start = sequence?.starts[first];
  if (sequence === undefined || start === undefined) return UNSUPPORTED;
  let entry = entryLines(source, start, sequence.indent);
  let parentKey = `${SPAN_SEPARATOR}k${section}`;
  let entryIndex = first;
  let depth = 2;
  for (;;) {
    const key = path[depth];
    const next = path[depth + 1];
    if (typeof key !== 'string' || typeof next !== 'number' || entry.keyColumn < 0) break;
    const nested = nestedEntry(source, entry, key, next);
    if (!nested) break;
    parentKey = `${parentKey}${SPAN_SEPARATOR}i${entryIndex}${SPAN_SEPARATOR}k${key}`;
    entryIndex = next;
    entry = nested;
    depth += 2;
  }
  const spans = new Map<string, NodeSpan>();
  try {
    new Reader(source, spans).sequenceEntryAt(entry.lineStart, entry.indent, parentKey, entryIndex, depth);
  } catch (error) {
    if (error === unsupported) return UNSUPPORTED;
    throw error;
  }
  return { spans, key: `${parentKey}${SPAN_SEPARATOR}i${entryIndex}`, depth };
}

/** `text` with CRLF read as LF, as the reader reads it. */
export const readerSource = (text: string): string => (text.includes('\r') ? text.replaceAll('\r\n', '\n') : text);

function supportedSource(text: string): string | typeof UNSUPPORTED {
  if (UNSUPPORTED_CHARACTERS.test(text) || !isWellFormed(text)) return UNSUPPORTED;
  if (!text.includes('\r')) return text;
  if (LONE_CR.test(text)) return UNSUPPORTED;
  return text.replaceAll('\r\n', '\n');
}

/** Parses `text` if it is in the supported subset; UNSUPPORTED otherwise. */
export function readSimpleYaml(text: string): unknown {
  // Emoji and other astral characters are fine; a lone surrogate is js-yaml's error to report.
  if (UNSUPPORTED_CHARACTERS.test(text) || !isWellFormed(text)) return UNSUPPORTED;
  // YAML reads every line break as \n: CRLF files (Windows) mean what their LF copy means.
  let source = text;
  if (text.includes('\r')) {
    if (LONE_CR.test(text)) return UNSUPPORTED;
    source = text.replaceAll('\r\n', '\n');
  }
  try {
    return new Reader(source).document();
  } catch (error) {
    if (error === unsupported) return UNSUPPORTED;
    throw error;
  }
}

const isKeyStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isKeyPart = (c: number) => isKeyStart(c) || (c >= 0x30 && c <= 0x39) || c === DASH;
/** Plain keys that js-yaml would resolve to something other than themselves (True → "true"). */
const RESOLVED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

/** First characters after which a plain scalar may be something other than a string. */
const mayBeTyped = (c: number) =>
  (c >= 0x30 && c <= 0x39) || c === 0x2b || c === DASH || c === 0x2e || c === 0x7e || c === 0x6e || c === 0x4e || c === 0x74 || c === 0x54 || c === 0x66 || c === 0x46;

/** Characters that cannot start a plain scalar (YAML indicators). */
const isIndicator = (c: number) =>
  c === COMMA ||
  c === OPEN_BRACKET ||
  c === CLOSE_BRACKET ||
  c === OPEN_BRACE ||
  c === CLOSE_BRACE ||
  c === HASH ||
  c === 0x26 ||
  c === 0x2a ||
  c === 0x21 ||
  c === 0x7c ||
  c === 0x3e ||
  c === SINGLE_QUOTE ||
  c === DOUBLE_QUOTE ||
  c === 0x25 ||
  c === 0x40 ||
  c === 0x60 ||
  c === 0x3f ||
  c === COLON;

const isFlowBoundary = (c: number) => c === SPACE || c === COMMA || c === CLOSE_BRACKET || c === CLOSE_BRACE || c === OPEN_BRACKET || c === OPEN_BRACE || Number.isNaN(c);

function resolvePlain(value: string): unknown {
  if (!mayBeTyped(value.charCodeAt(0))) return value;
  for (const type of IMPLICIT_TYPES) {
    if (type.resolve(value)) return type.construct(value);
  }
  return value;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\x00',
  a: '\x07',
  b: '\x08',
  t: '\x09',
  n: '\x0A',
  v: '\x0B',
  f: '\x0C',
  r: '\x0D',
  e: '\x1B',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xA0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPE_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };

class Reader {
  private readonly text: string;
  private readonly length: number;
  /** Start of the current line. */
  private lineStart = 0;
  /** Indentation of the current line (spaces before its first character). */
  private indent = 0;
  /** Where the current content line ends (its `\n`, or the end of the text). */
  private lineEnd = 0;
  private depth = 0;
  /** Where the last key, quoted scalar or flow collection read ended (saves allocating a result pair). */
  private end = 0;

  // Only when recording spans (locating findings); the plain read never touches them.
  private readonly spans: Map<string, NodeSpan> | null;
  /** Span key of the node being read. */
  private spanPath = '';
  /** Where the text of the last key ended, before its colon. */
  private keyEnd = 0;
  /** Where the last scalar value ended (plain: without trailing spaces). */
  private valueEnd = 0;
  /** Just after the line break of the last content line read: where a block collection ends. */
  private nodeEnd = 0;

  constructor(text: string, spans: Map<string, NodeSpan> | null = null) {
    this.text = text;
    this.length = text.length;
    this.spans = spans;
  }

  private record(kind: NodeSpan['kind'], start: number, end: number, keyStart = -1, keyEnd = -1, empty = false): void {
    this.spans!.set(this.spanPath, { kind, start, end, keyStart, keyEnd, empty });
  }

  /** After a value that ends on the current line: the line (its break included) ends the node. */
  private endNodeAtLine(): void {
    this.nodeEnd = Math.min(this.lineEnd + 1, this.length);
  }

  document(): Record<string, unknown> {
    if (!this.seekContent(0)) throw unsupported; // empty: js-yaml says undefined, let it
    if (this.indent !== 0) throw unsupported;
    const first = this.text.charCodeAt(this.lineStart);
    if (first === DASH || (first === 0x2e && this.text.startsWith('...', this.lineStart))) throw unsupported; // sequences, ---, ...
    const start = this.lineStart;
    const result = this.blockMapping(0, 0);
    if (this.lineStart < this.length) throw unsupported;
    if (this.spans) this.record('map', start, this.nodeEnd);
    return result;
  }

  /**
   * Moves to the first line at or after `from` that holds something other than spaces or a
   * comment; false at the end of the text.
   */
  private seekContent(from: number): boolean {
    const text = this.text;
    let start = from;
    while (start < this.length) {
      let position = start;
      while (text.charCodeAt(position) === SPACE) position++;
      let end = text.indexOf('\n', position);
      if (end === -1) end = this.length;
      const c = text.charCodeAt(position);
      if (position < end && c !== HASH) {
        this.lineStart = start;
        this.indent = position - start;
        this.lineEnd = end;
        return true;
      }
      start = end + 1;
    }
    this.lineStart = this.length;
    this.indent = -1;
    this.lineEnd = this.length;
    return false;
  }

  private nextLine(): void {
    this.seekContent(this.lineEnd + 1);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw unsupported;
  }

  /**
   * A block mapping whose keys stand at column `indent`; its first key starts at `keyAt`
   * on the current line (after `- ` for a mapping inside a sequence item).
   */
  private blockMapping(indent: number, keyAt: number): Record<string, unknown> {
    this.enter();
    const result: Record<string, unknown> = {};
    let position = this.lineStart + keyAt;
    for (;;) {
      const key = this.key(position);
      if (Object.hasOwn(result, key)) throw unsupported; // duplicate: js-yaml reports it
      if (this.spans) {
        const parent = this.spanPath;
        this.spanPath = `${parent}${SPAN_SEPARATOR}k${key}`;
        const keyStart = position;
        const keyEnd = this.keyEnd;
        result[key] = this.recordedValue(this.end, indent, keyStart, keyEnd);
        this.spanPath = parent;
      } else {
        result[key] = this.value(this.end, indent);
      }
      if (this.indent !== indent) {
        if (this.indent > indent) throw unsupported;
        break;
      }
      position = this.lineStart + indent;
      if (this.text.charCodeAt(position) === DASH) break; // an indentless sequence ended: the parent decides
    }
    this.depth--;
    return result;
  }

  /**
   * A mapping key at `position` followed by `:` then a space (or, in a block mapping, the end
   * of the line); `this.end` is where its value starts.
   */
  private key(position: number, inFlow = false): string {
    const text = this.text;
    const c = text.charCodeAt(position);
    let key: string;
    let end: number;
    if (isKeyStart(c)) {
      end = position + 1;
      while (isKeyPart(text.charCodeAt(end))) end++;
      key = text.slice(position, end);
      if (RESOLVED_KEYS.has(key)) throw unsupported;
    } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      key = this.quoted(position);
      end = this.end;
    } else throw unsupported;
    if (text.charCodeAt(end) !== COLON) throw unsupported;
    const spaced = text.charCodeAt(end + 1) === SPACE;
    if (!spaced && (inFlow || end + 1 < this.lineEnd)) throw unsupported;
    if (key === '__proto__' || key === '<<') throw unsupported;
    this.keyEnd = end;
    this.end = spaced ? end + 2 : end + 1;
    return key;
  }

  /**
   * The value of a mapping key whose mapping stands at column `indent`, starting at
   * `position` on the current line. Leaves the reader on the next content line.
   */
  private value(position: number, indent: number): unknown {
    const text = this.text;
    while (text.charCodeAt(position) === SPACE) position++;
    if (position >= this.lineEnd || text.charCodeAt(position) === HASH) {
      // Nothing on this line: a nested block, an indentless sequence, or null.
      this.nextLine();
      if (this.indent > indent) return this.blockNode(indent);
      if (this.indent === indent && this.isSequenceEntry(this.lineStart + indent)) return this.blockSequence(indent);
      return null;
    }
    const c = text.charCodeAt(position);
    if (c === 0x7c || c === 0x3e) return this.blockScalar(position, indent);
    const value = this.inlineValue(position);
    this.nextLine();
    return value;
  }

  /** value(), recording the span of what it reads under this.spanPath (the same reads, in the same order). */
  private recordedValue(position: number, indent: number, keyStart: number, keyEnd: number): unknown {
    const text = this.text;
    while (text.charCodeAt(position) === SPACE) position++;
    if (position >= this.lineEnd || text.charCodeAt(position) === HASH) {
      const afterKey = this.end;
      this.endNodeAtLine();
      this.nextLine();
      let value: unknown;
      const start = this.lineStart + this.indent;
      if (this.indent > indent) value = this.blockNode(indent);
      else if (this.indent === indent && this.isSequenceEntry(this.lineStart + indent)) value = this.blockSequence(indent);
      else {
        this.record('scalar', afterKey, afterKey, keyStart, keyEnd, true);
        return null;
      }
      this.record(Array.isArray(value) ? 'seq' : 'map', start, this.nodeEnd, keyStart, keyEnd);
      return value;
    }
    const c = text.charCodeAt(position);
    if (c === 0x7c || c === 0x3e) {
      const value = this.blockScalar(position, indent);
      this.record('scalar', position, this.nodeEnd, keyStart, keyEnd);
      return value;
    }
    const value = this.inlineValue(position);
    this.record(kindOf(value), position, this.valueEnd, keyStart, keyEnd);
    this.endNodeAtLine();
    this.nextLine();
    return value;
  }

  /** A nested block collection on the lines below a key or `-`, more indented than `parentIndent`. */
  private blockNode(parentIndent: number): unknown {
    const indent = this.indent;
    if (indent <= parentIndent) throw unsupported;
    const start = this.lineStart + indent;
    if (this.isSequenceEntry(start)) return this.blockSequence(indent);
    return this.blockMapping(indent, indent);
  }

  private isSequenceEntry(position: number): boolean {
    if (this.text.charCodeAt(position) !== DASH) return false;
    return position + 1 >= this.lineEnd || this.text.charCodeAt(position + 1) === SPACE;
  }

  /** A block sequence whose `-` stand at column `indent`, starting on the current line. */
  private blockSequence(indent: number): unknown[] {
    this.enter();
    const result: unknown[] = [];
    const parent = this.spanPath;
    while (this.indent === indent && this.isSequenceEntry(this.lineStart + indent)) {
      result.push(this.sequenceEntry(indent, parent, result.length));
      if (this.indent > indent) throw unsupported;
    }
    this.spanPath = parent;
    this.depth--;
    return result;
  }

  /** One `-` entry of a block sequence at column `indent`, on the current line, whose span key is under `parent`. */
  private sequenceEntry(indent: number, parent: string, index: number): unknown {
    const text = this.text;
    const spans = this.spans;
    if (spans) this.spanPath = `${parent}${SPAN_SEPARATOR}i${index}`;
    let position = this.lineStart + indent + 1;
    while (text.charCodeAt(position) === SPACE) position++;
    if (position >= this.lineEnd || text.charCodeAt(position) === HASH) {
      this.nextLine();
      // An empty entry (null) trips js-yaml in nested sequences: let it decide.
      if (this.indent <= indent) throw unsupported;
      const start = this.lineStart + this.indent;
      const item = this.blockNode(indent);
      if (spans) this.record(Array.isArray(item) ? 'seq' : 'map', start, this.nodeEnd);
      return item;
    }
    if (this.startsCompactMapping(position)) {
      const item = this.blockMapping(position - this.lineStart, position - this.lineStart);
      if (spans) this.record('map', position, this.nodeEnd);
      return item;
    }
    const c = text.charCodeAt(position);
    if (c === DASH || c === 0x7c || c === 0x3e) throw unsupported; // nested `- -`, block scalars as items
    const item = this.inlineValue(position);
    if (spans) {
      this.record(kindOf(item), position, this.valueEnd);
      this.endNodeAtLine();
    }
    this.nextLine();
    return item;
  }

  /**
   * Reads one entry of a top-level block sequence alone, recording its spans as a read of the
   * whole document would (same code, same state: under the root mapping, at depth 2).
   */
  sequenceEntryAt(lineStart: number, indent: number, parent: string, index: number, depth: number): void {
    this.seekContent(lineStart);
    if (this.lineStart !== lineStart || this.indent !== indent || !this.isSequenceEntry(lineStart + indent)) throw unsupported;
    this.depth = depth;
    this.sequenceEntry(indent, parent, index);
    if (this.indent > indent) throw unsupported;
  }

  /** Whether a sequence item starting at `position` is `key: …` (a mapping) rather than a scalar. */
  private startsCompactMapping(position: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(position);
    let end: number;
    if (isKeyStart(c)) {
      end = position + 1;
      while (isKeyPart(text.charCodeAt(end))) end++;
    } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      this.quoted(position);
      end = this.end;
    } else return false;
    if (text.charCodeAt(end) !== COLON) return false;
    return end + 1 >= this.lineEnd || text.charCodeAt(end + 1) === SPACE;
  }

  /** A scalar or flow collection that ends on this line (then only spaces or a comment). */
  private inlineValue(position: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(position);
    let value: unknown;
    let end: number;
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      value = this.flow(position);
      end = this.end;
    } else if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      value = this.quoted(position);
      end = this.end;
    } else {
      if (isIndicator(c) || (c === DASH && (position + 1 >= this.lineEnd || text.charCodeAt(position + 1) === SPACE))) throw unsupported;
      // A plain scalar runs to the end of the line or to ` #`; `: ` inside it is an error.
      const lineEnd = this.lineEnd;
      let stop = position + 1;
      for (; stop < lineEnd; stop++) {
        const d = text.charCodeAt(stop);
        if (d === SPACE) {
          if (text.charCodeAt(stop + 1) === HASH) break;
        } else if (d === COLON && (stop + 1 === lineEnd || text.charCodeAt(stop + 1) === SPACE)) throw unsupported;
      }
      let last = stop;
      while (text.charCodeAt(last - 1) === SPACE) last--;
      this.valueEnd = last;
      return resolvePlain(text.slice(position, last));
    }
    this.expectLineEnd(end);
    this.valueEnd = end;
    return value;
  }

  /** After a value: nothing but spaces, then the end of the line or a comment. */
  private expectLineEnd(position: number): void {
    const text = this.text;
    if (position >= this.lineEnd) return;
    if (text.charCodeAt(position) !== SPACE) throw unsupported;
    while (position < this.lineEnd && text.charCodeAt(position) === SPACE) position++;
    if (position < this.lineEnd && text.charCodeAt(position) !== HASH) throw unsupported;
  }

  /** A single-line quoted scalar; `this.end` is just after its closing quote. */
  private quoted(position: number): string {
    const text = this.text;
    const quote = text.charCodeAt(position);
    if (quote === SINGLE_QUOTE) {
      let value = '';
      let from = position + 1;
      for (;;) {
        const close = text.indexOf("'", from);
        if (close === -1 || close >= this.lineEnd) throw unsupported;
        value += text.slice(from, close);
        if (text.charCodeAt(close + 1) !== SINGLE_QUOTE) {
          this.end = close + 1;
          return value;
        }
        value += "'";
        from = close + 2;
      }
    }
    let value = '';
    let from = position + 1;
    for (let i = from; ; i++) {
      if (i >= this.lineEnd) throw unsupported;
      const c = text.charCodeAt(i);
      if (c === DOUBLE_QUOTE) {
        this.end = i + 1;
        return value + text.slice(from, i);
      }
      if (c !== 0x5c) continue;
      value += text.slice(from, i);
      const escape = text[i + 1]!;
      const simple = SIMPLE_ESCAPES[escape];
      if (simple !== undefined) {
        value += simple;
        i += 1;
      } else {
        const digits = HEX_ESCAPE_LENGTHS[escape];
        if (digits === undefined) throw unsupported;
        const hex = text.slice(i + 2, i + 2 + digits);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) throw unsupported;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw unsupported;
        value += String.fromCodePoint(code);
        i += 1 + digits;
      }
      from = i + 1;
    }
  }

  /** A flow sequence or mapping that closes on this line; `this.end` is just after it. */
  private flow(position: number): unknown {
    this.enter();
    const text = this.text;
    const closing = text.charCodeAt(position) === OPEN_BRACKET ? CLOSE_BRACKET : CLOSE_BRACE;
    const isMapping = closing === CLOSE_BRACE;
    const sequence: unknown[] = [];
    const mapping: Record<string, unknown> = {};
    let i = this.skipSpaces(position + 1);
    if (text.charCodeAt(i) === closing) {
      this.depth--;
      this.end = i + 1;
      return isMapping ? mapping : sequence;
    }
    const spans = this.spans;
    const parent = this.spanPath;
    for (;;) {
      if (isMapping) {
        const keyStart = i;
        const key = this.key(i, true);
        if (Object.hasOwn(mapping, key)) throw unsupported;
        if (spans) {
          const keyEnd = this.keyEnd;
          this.spanPath = `${parent}${SPAN_SEPARATOR}k${key}`;
          const start = this.skipSpaces(this.end);
          const value = this.flowItem(start);
          this.record(kindOf(value), start, this.valueEnd, keyStart, keyEnd);
          mapping[key] = value;
        } else {
          mapping[key] = this.flowItem(this.skipSpaces(this.end));
        }
      } else if (spans) {
        this.spanPath = `${parent}${SPAN_SEPARATOR}i${sequence.length}`;
        const value = this.flowItem(i);
        this.record(kindOf(value), i, this.valueEnd);
        sequence.push(value);
      } else {
        sequence.push(this.flowItem(i));
      }
      this.spanPath = parent;
      i = this.skipSpaces(this.end);
      const c = text.charCodeAt(i);
      if (c === closing) {
        this.depth--;
        this.end = i + 1;
        return isMapping ? mapping : sequence;
      }
      if (c !== COMMA) throw unsupported;
      i = this.skipSpaces(i + 1);
      if (text.charCodeAt(i) === closing || text.charCodeAt(i) === COMMA) throw unsupported; // trailing or empty entry
    }
  }

  /** One entry of a flow collection: a quoted or plain scalar, or a nested flow collection. */
  private flowItem(position: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(position);
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      const value = this.flow(position);
      this.valueEnd = this.end;
      return value;
    }
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      const value = this.quoted(position);
      this.valueEnd = this.end;
      return value;
    }
    if (isIndicator(c) || (c === DASH && isFlowBoundary(text.charCodeAt(position + 1)))) throw unsupported;
    let end = position;
    for (; end < this.lineEnd; end++) {
      const d = text.charCodeAt(end);
      if (d === COMMA || d === CLOSE_BRACKET || d === CLOSE_BRACE) break;
      // `:`, brackets and comments inside flow scalars have subtle rules: let js-yaml decide.
      if (d === COLON || d === OPEN_BRACKET || d === OPEN_BRACE || d === HASH) throw unsupported;
    }
    let last = end;
    while (text.charCodeAt(last - 1) === SPACE) last--;
    if (last === position) throw unsupported;
    this.end = end;
    this.valueEnd = last;
    return resolvePlain(text.slice(position, last));
  }

  private skipSpaces(position: number): number {
    while (this.text.charCodeAt(position) === SPACE) position++;
    if (position >= this.lineEnd) throw unsupported; // flow collections stay on one line
    return position;
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar, the value of a key in a mapping at
   * column `parentIndent`: js-yaml's readBlockScalar, line by line.
   */
  private blockScalar(position: number, parentIndent: number): string {
    const text = this.text;
    const folding = text.charCodeAt(position) === 0x3e;
    let chomping: 'clip' | 'strip' | 'keep' = 'clip';
    let i = position + 1;
    const indicator = text.charCodeAt(i);
    if (indicator === DASH || indicator === 0x2b) {
      chomping = indicator === DASH ? 'strip' : 'keep';
      i++;
    }
    this.expectLineEnd(i);
    if (this.lineEnd >= this.length) throw unsupported;

    let textIndent = parentIndent + 1;
    let detectedIndent = false;
    let didReadContent = false;
    let emptyLines = 0;
    let atMoreIndented = false;
    let result = '';
    let lineStart = this.lineEnd + 1;
    let lastContentEnd = lineStart;
    for (;;) {
      if (lineStart >= this.length) {
        // The text ended with a line break: js-yaml's end-of-input case.
        if (chomping === 'keep') result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        else if (chomping === 'clip' && didReadContent) result += '\n';
        break;
      }
      let p = lineStart;
      let lineIndent = 0;
      while ((!detectedIndent || lineIndent < textIndent) && text.charCodeAt(p) === SPACE) {
        lineIndent++;
        p++;
      }
      if (!detectedIndent && lineIndent > textIndent) textIndent = lineIndent;
      let end = text.indexOf('\n', p);
      if (end === -1) end = this.length;
      if (p === end) {
        if (end === this.length) throw unsupported; // spaces then end of input: let js-yaml decide
        emptyLines++;
        lineStart = end + 1;
        continue;
      }
      if (lineIndent < textIndent) {
        if (chomping === 'keep') result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        else if (chomping === 'clip' && didReadContent) result += '\n';
        break;
      }
      if (folding) {
        if (text.charCodeAt(p) === SPACE) {
          atMoreIndented = true;
          result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        } else if (atMoreIndented) {
          atMoreIndented = false;
          result += '\n'.repeat(emptyLines + 1);
        } else if (emptyLines === 0) {
          if (didReadContent) result += ' ';
        } else {
          result += '\n'.repeat(emptyLines);
        }
      } else {
        result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
      }
      didReadContent = true;
      detectedIndent = true;
      emptyLines = 0;
      if (end === this.length) throw unsupported; // content up to the end of input without a line break
      result += text.slice(p, end);
      lineStart = end + 1;
      lastContentEnd = lineStart;
    }
    // Kept line breaks are part of the value, so of its span (as the `yaml` package has it).
    this.nodeEnd = chomping === 'keep' ? lineStart : lastContentEnd;
    // Continue with the line that ended the scalar (skipping blank and comment lines).
    this.seekContent(lineStart);
    if (this.indent > parentIndent) throw unsupported;
    return result;
  }
}

function kindOf(value: unknown): NodeSpan['kind'] {
  if (Array.isArray(value)) return 'seq';
  return value !== null && typeof value === 'object' ? 'map' : 'scalar';
}

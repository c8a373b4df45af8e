import { readSimpleYamlSpans, UNSUPPORTED } from './fast-yaml.js';
import { yamlPackage } from './yaml-package.js';

/** Offset ranges [start, end) of a text, sorted by start and not overlapping. */
type Ranges = number[];

/** A block scalar's header at the end of a line (`key: |`, `- >-`): the lines under it are text, whatever they hold. */
const BLOCK_SCALAR_HEADER = /(?:^|[:-][ \t]+)[|>][-+1-9]*[ \t]*(?:#.*)?$/;

/**
 * Whether the `#` at an offset of `text` starts a YAML comment, rather than standing inside
 * a scalar (`message: "Tarif # 2"`, a line of a `|` block): what tells a suppression
 * directive from text that reads like one. `simple`: the fast reader read the file, so only
 * block scalars span lines, and a `#` first on its line outside them is a comment: the usual
 * directive, answered from one pass over the lines. Otherwise the text is read (spans, or the
 * `yaml` package's lexer) on the first question only.
 */
export function yamlCommentTest(text: string, simple = false): (offset: number) => boolean {
  let test: ((offset: number) => boolean) | undefined;
  let blocks: Ranges | undefined;
  return (offset) => {
    if (simple) {
      if (within((blocks ??= blockScalarLines(text)), offset)) return false;
      if (firstOnItsLine(text, offset)) return true;
    }
    return (test ??= commentTestOf(text, simple))(offset);
  };
}

/** Whether only spaces and tabs stand between the line's start and offset. */
function firstOnItsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return true;
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/**
 * The ranges of the content lines of every block scalar of a plain file: the lines after a
 * header, blank or indented at least as far as the first non-blank one, until a line less
 * indented. In a file the fast reader read, block scalars are the only multi-line scalars.
 */
function blockScalarLines(text: string): Ranges {
  const ranges: Ranges = [];
  let contentIndent = -1; // -1: not in a block; 0: header seen, first content line not yet
  let blockStart = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let first = lineStart;
    while (first < lineEnd && (text.charCodeAt(first) === 0x20 || text.charCodeAt(first) === 0x09 || text.charCodeAt(first) === 0x0d)) first++;
    const blank = first === lineEnd;
    const indent = first - lineStart;
    if (contentIndent >= 0 && !blank) {
      if (contentIndent === 0) contentIndent = indent;
      if (indent < contentIndent) {
        ranges.push(blockStart, lineStart);
        contentIndent = -1;
      }
    }
    // The header's `|` or `>` is on the line: test the pattern only then (a line without either holds none).
    if (contentIndent < 0 && !blank) {
      let marker = false;
      for (let i = first; i < lineEnd && !marker; i++) marker = text.charCodeAt(i) === 0x7c || text.charCodeAt(i) === 0x3e;
      if (marker && BLOCK_SCALAR_HEADER.test(text.slice(lineStart, lineEnd))) {
        contentIndent = 0;
        blockStart = lineEnd + 1;
      }
    }
    lineStart = lineEnd + 1;
  }
  if (contentIndent >= 0) ranges.push(blockStart, text.length + 1);
  return ranges;
}

function commentTestOf(text: string, simple: boolean): (offset: number) => boolean {
  // Plain block YAML (what the fast reader reads, offsets unchanged): every scalar's span is
  // known, so a `#` outside every scalar and key is a comment. Other files are not tried.
  const read = !simple || text.includes('\r') || text.charCodeAt(0) === 0xfeff ? UNSUPPORTED : readSimpleYamlSpans(text);
  if (read !== UNSUPPORTED && read.source === text) {
    const scalars: Array<[number, number]> = [];
    for (const span of read.spans.values()) {
      if (span.kind === 'scalar') scalars.push([span.start, span.end]);
      if (span.keyStart >= 0) scalars.push([span.keyStart, span.keyEnd]);
    }
    const inside = rangesOf(scalars);
    return (offset) => !within(inside, offset);
  }
  // Anything else (multi-line strings, CRLF…): the `yaml` package's lexer, loaded only now.
  const { Lexer, CST } = yamlPackage();
  const comments: Array<[number, number]> = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    // Document, flow-end and scalar markers are not characters of the text.
    if (token === '\x02' || token === '\x18' || token === '\x1f') continue;
    if (CST.tokenType(token) === 'comment') comments.push([offset, offset + token.length]);
    offset += token.length;
  }
  const ranges = rangesOf(comments);
  return (at) => within(ranges, at);
}

function rangesOf(pairs: Array<[number, number]>): Ranges {
  pairs.sort((a, b) => a[0] - b[0]);
  const flat: Ranges = [];
  for (const [start, end] of pairs) {
    // Ranges that overlap merge into one.
    if (flat.length > 0 && start < flat[flat.length - 1]!) flat[flat.length - 1] = Math.max(flat[flat.length - 1]!, end);
    else flat.push(start, end);
  }
  return flat;
}

/** Whether offset falls in one of the ranges (binary search). */
function within(ranges: Ranges, offset: number): boolean {
  let low = 0;
  let high = ranges.length / 2 - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (offset < ranges[middle * 2]!) high = middle - 1;
    else if (offset >= ranges[middle * 2 + 1]!) low = middle + 1;
    else return true;
  }
  return false;
}

import { createRequire } from 'node:module';
import { readSimpleYamlSpans, UNSUPPORTED } from './fast-yaml.js';

/** Offset ranges [start, end) of a text, sorted by start and not overlapping. */
type Ranges = number[];

/**
 * Whether the `#` at an offset of `text` starts a YAML comment, rather than standing inside
 * a scalar (`message: "Tarif # 2"`, a line of a `|` block): what tells a suppression
 * directive from text that reads like one. The text is read only on the first question,
 * so a file whose `omni-disable` is no directive at all costs nothing.
 */
export function yamlCommentTest(text: string): (offset: number) => boolean {
  let test: ((offset: number) => boolean) | undefined;
  return (offset) => (test ??= commentTestOf(text))(offset);
}

function commentTestOf(text: string): (offset: number) => boolean {
  // Plain block YAML (what the fast reader reads, offsets unchanged): every scalar is on one
  // line and its span is known, so a `#` outside every scalar and key is a comment.
  const read = text.includes('\r') || text.charCodeAt(0) === 0xfeff ? UNSUPPORTED : readSimpleYamlSpans(text);
  if (read !== UNSUPPORTED && read.source === text) {
    const scalars: Array<[number, number]> = [];
    for (const span of read.spans.values()) {
      if (span.kind === 'scalar') scalars.push([span.start, span.end]);
      if (span.keyStart >= 0) scalars.push([span.keyStart, span.keyEnd]);
    }
    const inside = rangesOf(scalars);
    return (offset) => !within(inside, offset);
  }
  // Anything else (block scalars, multi-line strings, CRLF…): the `yaml` package's lexer,
  // loaded only now. Synchronously, since directives are read while files load, and rarely:
  // for a file holding `omni-disable` that the fast reader does not read.
  const { Lexer, CST } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
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

import jsYaml from 'js-yaml';
import type { JsonPath, Range } from '../diagnostics/types.js';
import { readSimpleYaml, UNSUPPORTED } from './fast-yaml.js';
import { yamlPackage } from './yaml-package.js';

/**
 * YAML is parsed with js-yaml for speed (lint must cost little more than reading the
 * files), or by fast-yaml.ts when the file is plain block YAML; node positions are computed later, with the `yaml` package, and only for
 * files that have something to report (see positions.ts).
 *
 * Core schema plus merge keys: no timestamps (dates stay strings, as the JSON Schema
 * expects), no custom tags.
 */
// `types` is exported by js-yaml but missing from its type definitions.
const { merge } = (jsYaml as unknown as { types: { merge: jsYaml.Type } }).types;
const SCHEMA = jsYaml.CORE_SCHEMA.extend({ implicit: [merge] });

/** Beyond this many nodes once aliases are expanded, a document is an alias bomb. */
const MAX_EXPANDED_NODES = 1_000_000;

/**
 * Why a file is not YAML, named, not worded: a message of the `yaml-syntax` rule in
 * src/i18n (the lint run words it in its language), with its data.
 */
export interface SyntaxReason {
  messageId: string;
  suggestionId?: string;
  data: Readonly<Record<string, string | number>>;
}

export type ParseResult =
  /** `simple`: the fast reader read it (fast-yaml.ts), so it can also locate its nodes. */
  | { ok: true; data: unknown; simple?: true }
  /** `range` when the parser knows the place; else `path`, to the node to point at, located later. */
  | ({ ok: false; range: Range } & SyntaxReason)
  | ({ ok: false; path: JsonPath } & SyntaxReason);

/**
 * js-yaml's reasons (it has no error codes: its English sentences are fixed) that omni
 * words itself, by message id; the English templates repeat them byte for byte. Any other
 * reason is shown as js-yaml gives it (`parserReason`).
 */
const PARSER_REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^bad indentation of a mapping entry$/, 'badMappingIndent'],
  [/^bad indentation of a sequence entry$/, 'badSequenceIndent'],
  [/^deficient indentation$/, 'deficientIndent'],
  [/^tab characters must not be used in indentation$/, 'tabIndent'],
  [/^duplicated mapping key$/, 'duplicateKey'],
  [/^end of the stream or a document separator is expected$/, 'expectedEnd'],
  [/^can not read an implicit mapping pair; a colon is missed$/, 'missingColon'],
  [/^can not read a block mapping entry; a multiline key may not be an implicit key$/, 'multilineKey'],
  [/^a whitespace character is expected after the key-value separator within a block mapping$/, 'spaceAfterColon'],
  [/^missed comma between flow collection entries$/, 'missingComma'],
  [/^unexpected end of the stream within a flow collection$/, 'unclosedFlow'],
  [/^unexpected end of the stream within a double quoted scalar$/, 'unclosedDoubleQuote'],
  [/^unexpected end of the document within a double quoted scalar$/, 'unclosedDoubleQuoteInDocument'],
  [/^unexpected end of the stream within a single quoted scalar$/, 'unclosedSingleQuote'],
  [/^unexpected end of the document within a single quoted scalar$/, 'unclosedSingleQuoteInDocument'],
  [/^unknown escape sequence$/, 'unknownEscape'],
  [/^unidentified alias "(?<alias>.*)"$/, 'unknownAlias'],
  [/^unknown tag !<(?<tag>.*)>$/, 'unknownTag'],
  [/^the stream contains non-printable characters$/, 'nonPrintable'],
  [/^null byte is not allowed in input$/, 'nullByte'],
];

/** The reasons of a quoted string that runs to the end of the file (or document), and how omni says them at its opening quote. */
const UNCLOSED: Readonly<Record<string, { quote: '"' | "'"; messageId: string; suggestionId: string }>> = {
  unclosedDoubleQuote: { quote: '"', messageId: 'unclosedDoubleQuoteFrom', suggestionId: 'closeDoubleQuote' },
  unclosedDoubleQuoteInDocument: { quote: '"', messageId: 'unclosedDoubleQuoteFrom', suggestionId: 'closeDoubleQuote' },
  unclosedSingleQuote: { quote: "'", messageId: 'unclosedSingleQuoteFrom', suggestionId: 'closeSingleQuote' },
  unclosedSingleQuoteInDocument: { quote: "'", messageId: 'unclosedSingleQuoteFrom', suggestionId: 'closeSingleQuote' },
};

/**
 * Where the quoted string that runs on to `end` opened: everything after its opening quote is
 * inside it, so that quote is the last one before `end` that is not escaped (`\"` in double
 * quotes; `''`, an apostrophe, in single quotes). -1 when there is none.
 */
export function openingQuote(text: string, end: number, quote: '"' | "'"): number {
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === "'") {
      if (i > 0 && text[i - 1] === "'") {
        i--; // an escaped apostrophe ('')
        continue;
      }
      return i;
    }
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

/** Characters past which unclosedFlowStart gives up (the yaml package reads about 2.5 MB a second). */
const MAX_FLOW_SEARCH = 2_000_000;

/**
 * The first `[` or `{` before `before` that is never closed, read by the `yaml` package's
 * syntax tree (js-yaml says only that the file ended, or that a comma is missing further
 * down). Loaded now, synchronously: only a file with such an error comes here.
 */
function unclosedFlowStart(text: string, before: number): { offset: number; bracket: '[' | '{' } | undefined {
  const { Parser } = yamlPackage();
  type Token = { type?: string; offset?: number; start?: { source?: string }; end?: Array<{ source?: string }> };
  let found: { offset: number; bracket: '[' | '{' } | undefined;
  const visit = (node: unknown, depth: number): void => {
    if (found || !node || typeof node !== 'object' || depth > 200) return;
    const token = node as Token;
    if (token.type === 'flow-collection' && !(token.end ?? []).some((end) => end.source === ']' || end.source === '}')) {
      const bracket = token.start?.source;
      if ((bracket === '[' || bracket === '{') && typeof token.offset === 'number' && token.offset < before) found = { offset: token.offset, bracket };
      return;
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
      else if (value && typeof value === 'object') visit(value, depth + 1);
    }
  };
  // The whole text: a bracket closed lines after the error (a comma really missing) must be
  // seen. Bounded: past a few megabytes the parser would take seconds, and js-yaml's words stay.
  if (text.length > MAX_FLOW_SEARCH) return undefined;
  for (const token of new Parser().parse(text)) visit(token, 0);
  return found;
}

/** The 1-based line and column of an offset. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** The range of the one character at an offset (the quote or bracket a finding points at). */
function characterAt(text: string, offset: number): Range {
  const at = positionAt(text, offset);
  return { start: at, end: { line: at.line, column: at.column + 1 } };
}

/** js-yaml's reason as a message of the yaml-syntax rule. */
function parserReason(reason: string): SyntaxReason {
  if (!reason) return { messageId: 'invalidYaml', data: {} };
  for (const [pattern, messageId] of PARSER_REASONS) {
    const match = pattern.exec(reason);
    if (match) return { messageId, data: { ...match.groups } };
  }
  return { messageId: 'parserReason', data: { reason } };
}

export function parseYaml(text: string, fileName: string): ParseResult {
  // Plain block YAML (nearly every model file) is read by a faster reader that returns
  // what js-yaml would; anything else, and every error, goes through js-yaml itself.
  const simple = readSimpleYaml(text);
  if (simple !== UNSUPPORTED) return { ok: true, data: simple, simple: true };
  let data: unknown;
  try {
    data = jsYaml.load(text, { filename: fileName, schema: SCHEMA, json: false });
  } catch (error) {
    if (error instanceof jsYaml.YAMLException) {
      const mark = error.mark as { line?: number; column?: number; position?: number } | undefined;
      const line = (mark?.line ?? 0) + 1;
      const column = (mark?.column ?? 0) + 1;
      const reason = parserReason(error.reason);
      // js-yaml finds a NUL before counting lines: its mark has the offset, not the line.
      const position = reason.messageId === 'nullByte' && mark?.position !== undefined ? positionAt(text, mark.position) : { line, column };
      const hint = syntaxHint(text, line);
      // A string never closed: js-yaml stops at the end of the file, often far below; point
      // at the quote that opened it instead, which is what the author has to fix.
      const opened = UNCLOSED[reason.messageId];
      const start = opened && mark?.position !== undefined ? openingQuote(text, mark.position, opened.quote) : -1;
      if (opened && start >= 0) return { ok: false, messageId: opened.messageId, suggestionId: opened.suggestionId, data: {}, range: characterAt(text, start) };
      // Likewise a `[` or `{` never closed (js-yaml then says the file ended, or a comma is
      // missing on the next line), unless the line is a template to quote (the hint).
      const flow =
        (reason.messageId === 'unclosedFlow' || reason.messageId === 'missingComma') && !hint && mark?.position !== undefined
          ? unclosedFlowStart(text, mark.position)
          : undefined;
      if (flow) {
        const data = { bracket: flow.bracket, closing: flow.bracket === '[' ? ']' : '}' };
        return { ok: false, messageId: 'unclosedFlowFrom', suggestionId: 'closeFlow', data, range: characterAt(text, flow.offset) };
      }
      if (hint) return { ok: false, ...reason, suggestionId: 'quoteTemplate', data: { ...reason.data, ...hint }, range: { start: position, end: position } };
      const cause = causeHint(text, line, reason.messageId);
      return {
        ok: false,
        ...reason,
        ...(cause ? { suggestionId: cause.suggestionId, data: { ...reason.data, ...cause.data } } : {}),
        range: { start: position, end: position },
      };
    }
    if (error instanceof RangeError) {
      // Deeply nested flow collections exhaust the parser's stack.
      const position = { line: 1, column: 1 };
      return { ok: false, messageId: 'nestsTooDeeply', data: {}, range: { start: position, end: position } };
    }
    throw error;
  }
  // Without a `*`, the document has no alias to expand.
  if (text.includes('*')) {
    const aliases = inspectAliases(data, MAX_EXPANDED_NODES);
    if (aliases.cyclePath) {
      // js-yaml builds `a: &a [ *a ]` as an array that contains itself: every later walk
      // (validation, model, any output) would recurse forever.
      return {
        ok: false,
        messageId: 'aliasCycle',
        suggestionId: 'copyValues',
        data: {},
        path: aliases.cyclePath,
      };
    }
    if (aliases.expanded > MAX_EXPANDED_NODES) {
      const position = firstAliasPosition(text);
      return {
        ok: false,
        messageId: 'aliasBomb',
        data: { max: MAX_EXPANDED_NODES.toLocaleString('en') },
        range: { start: position, end: position },
      };
    }
  }
  return { ok: true, data };
}

interface Frame {
  node: object;
  keys: string[] | null;
  next: number;
  size: number;
}

/**
 * Counts nodes as if every alias were expanded, in time linear in the number of distinct
 * nodes (js-yaml shares one object per anchor, so sizes are memoised by identity), and
 * finds an alias inside its own anchor: the path to the first node met again while still
 * inside it. Iterative, so that a deep document cannot exhaust the stack here.
 */
export function inspectAliases(root: unknown, limit: number): { expanded: number; cyclePath?: JsonPath } {
  if (root === null || typeof root !== 'object') return { expanded: 1 };
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  const stack: Frame[] = [];
  const enter = (node: object) => {
    open.add(node);
    stack.push({ node, keys: Array.isArray(node) ? null : Object.keys(node), next: 0, size: 1 });
  };
  enter(root);
  for (;;) {
    const frame = stack[stack.length - 1]!;
    const count = frame.keys ? frame.keys.length : (frame.node as unknown[]).length;
    if (frame.next >= count || frame.size > limit) {
      stack.pop();
      open.delete(frame.node);
      sizes.set(frame.node, frame.size);
      const parent = stack[stack.length - 1];
      if (!parent) return { expanded: frame.size };
      parent.size += frame.size;
      continue;
    }
    const key = frame.keys ? frame.keys[frame.next]! : frame.next;
    frame.next++;
    const child = (frame.node as Record<string | number, unknown>)[key];
    if (child === null || typeof child !== 'object') {
      frame.size++;
    } else if (open.has(child)) {
      return { expanded: frame.size, cyclePath: stack.map((entry) => (entry.keys ? entry.keys[entry.next - 1]! : entry.next - 1)) };
    } else {
      const known = sizes.get(child);
      if (known !== undefined) frame.size += known;
      else enter(child);
    }
  }
}

/** A plain value that starts with `{{` (a template), after `key:` or `- `. */
const UNQUOTED_TEMPLATE = /^(\s*(?:-\s+)?[^\s#'"{[][^#]*?:\s+|\s*-\s+)(\{\{[^\r\n]*?)\s*$/;

/**
 * A hint for the commonest cause of a syntax error: a template left unquoted, which YAML
 * reads as a flow mapping. Looks at the error's line and the one before (js-yaml often
 * notices on the next line). Reads two lines, never the whole text.
 */
function syntaxHint(text: string, line: number): { key: string; value: string } | undefined {
  for (const candidate of [line, line - 1]) {
    const source = lineAt(text, candidate);
    if (source === undefined || source.length > 10_000) continue;
    const match = UNQUOTED_TEMPLATE.exec(source);
    if (!match) continue;
    const value = match[2]!;
    const quoted = value.length > 80 ? `${value.slice(0, 77)}…` : value;
    return { key: match[1]!.trim(), value: quoted.replace(/"/g, '\\"') };
  }
  return undefined;
}

/** `key: value` at the start of a line (after `- ` for a list item's first key), the key a plain word. */
const KEY_VALUE = /^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*)[ \t]*:[ \t]+(.*?)\s*$/;
/** `key:value`, the space after the colon forgotten. */
const NO_SPACE_AFTER_COLON = /^\s*(?:-\s+)?([A-Za-z_][\w.-]*):([^\s:][^#]*?)\s*$/;

/**
 * Hints for three common slips, from the error's line: a plain value holding `: ` (French
 * punctuation writes `Offre : -20 %`), which YAML reads as a second key; `key:value` without
 * a space; the same key twice in one mapping (the hint names the line of the first).
 */
function causeHint(text: string, line: number, messageId: string): { suggestionId: string; data: Record<string, string> } | undefined {
  const source = lineAt(text, line);
  if (source === undefined || source.length > 10_000) return undefined;
  if (messageId === 'badMappingIndent') {
    const match = KEY_VALUE.exec(source);
    const value = match?.[3];
    if (match && value && !/^['"[{|>&*!#]/.test(value) && /:(\s|$)/.test(value)) {
      const shown = value.length > 80 ? `${value.slice(0, 77)}…` : value;
      return { suggestionId: 'quoteColon', data: { key: `${match[2]}:`, value: shown.replace(/"/g, '\\"') } };
    }
    // `tags: - vip`: a list item on its key's line.
    const item = match && value ? /^-\s+(.{1,60}?)\s*$/.exec(value) : null;
    if (match && item) return { suggestionId: 'listBelowKey', data: { key: `${match[2]}:`, item: item[1]! } };
    // `-id: b`: the space after a list's dash forgotten.
    const dash = /^\s*-([A-Za-z_][\w.-]*:.*?)\s*$/.exec(source);
    if (dash) return { suggestionId: 'spaceAfterDash', data: { item: dash[1]! } };
  }
  if (messageId === 'missingColon' || messageId === 'multilineKey') {
    // js-yaml notices on that line at the end of a mapping, else on the next one ("a multiline key").
    for (const candidate of [source, lineAt(text, line - 1) ?? '']) {
      const match = candidate.length > 10_000 ? null : NO_SPACE_AFTER_COLON.exec(candidate);
      if (match) return { suggestionId: 'addSpaceAfterColon', data: { key: match[1]!, value: match[2]! } };
    }
  }
  if (messageId === 'badMappingIndent' || messageId === 'badSequenceIndent') {
    const aligned = alignmentHint(text, line, source);
    if (aligned) return aligned;
  }
  if (messageId === 'duplicateKey') {
    const first = firstDeclaration(text, line);
    if (first) return { suggestionId: 'keepOneKey', data: { key: first.key, line: String(first.line) } };
  }
  return undefined;
}

/**
 * A key or a `-` indented unlike its neighbours: the key like the one on the line above (a
 * sibling: that key has its value on its line), the `-` like the nearest item above.
 */
function alignmentHint(text: string, line: number, source: string): { suggestionId: string; data: Record<string, string> } | undefined {
  const indent = source.length - source.trimStart().length;
  const dash = /^\s*-(\s|$)/.test(source);
  for (const [above, previous] of linesAbove(text, line, 200)) {
    if (/^\s*(#|$)/.test(previous)) continue;
    if (dash) {
      if (!/^\s*-(\s|$)/.test(previous)) continue;
      const spaces = previous.length - previous.trimStart().length;
      return spaces === indent ? undefined : { suggestionId: 'alignDash', data: { line: String(above), spaces: String(spaces) } };
    }
    const key = KEY_VALUE.exec(previous);
    const here = /^\s*([A-Za-z_][\w.-]*)[ \t]*:/.exec(source);
    if (!key || !here || key[3] === '') return undefined;
    const column = key[1]!.length;
    return column === indent
      ? undefined
      : { suggestionId: 'alignKey', data: { key: `${here[1]}:`, previous: `${key[2]}:`, line: String(above), spaces: String(column) } };
  }
  return undefined;
}

/** Where the key of `line` was first written in the same mapping (same column, no line less indented in between). */
function firstDeclaration(text: string, line: number): { key: string; line: number } | undefined {
  const keyAt = (source: string) => {
    const match = /^(\s*(?:-\s+)*)([^\s:#'"][^:]*?)[ \t]*:(?:\s|$)/.exec(source);
    return match ? { column: match[1]!.length, dash: match[1]!.includes('-'), key: match[2]! } : undefined;
  };
  const here = keyAt(lineAt(text, line) ?? '');
  if (!here) return undefined;
  for (const [above, source] of linesAbove(text, line, 5_000)) {
    if (/^\s*(#|$)/.test(source)) continue;
    const indent = source.length - source.trimStart().length;
    const key = keyAt(source);
    if (key && key.column === here.column && key.key === here.key) return { key: here.key, line: above };
    // The mapping started on this line (its `- ` item), or a less indented line closed it.
    if ((key?.dash && key.column === here.column) || indent < here.column) return undefined;
  }
  return undefined;
}

/**
 * The lines above `line`, nearest first, at most `limit` of them, read backwards from it: a
 * hint looks at a few lines above an error, and must not scan the file from the top for each.
 */
function* linesAbove(text: string, line: number, limit: number): Generator<[number, string]> {
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return;
    start = next + 1;
  }
  // `start` begins `line`; the line above ends at start - 1 (its line break).
  let end = start - 1;
  for (let above = line - 1; above >= 1 && above > line - limit && end >= 0; above--) {
    const from = text.lastIndexOf('\n', end - 1) + 1;
    yield [above, text.slice(from, end)];
    end = from - 1;
  }
}

/** The 1-based line `line` of text, without its line break. */
function lineAt(text: string, line: number): string | undefined {
  if (line < 1) return undefined;
  let start = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/** Where the first alias (`*name`) stands, to point an alias-bomb error at something useful. */
function firstAliasPosition(text: string): { line: number; column: number } {
  const match = /(^|[\s[{,:-])\*[^\s,\]}]+/m.exec(text);
  if (!match) return { line: 1, column: 1 };
  const offset = match.index + match[1]!.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

import { createRequire } from 'node:module';

type HandlebarsCompiler = typeof import('handlebars/dist/cjs/handlebars/compiler/base.js');

interface JisonErrorHash {
  loc?: { first_line: number; first_column: number };
  line?: number;
  expected?: string[];
  token?: string | null;
}

class TemplateParseError extends Error {
  constructor(
    message: string,
    readonly hash: JisonErrorHash,
  ) {
    super(message);
  }
}

let compiler: HandlebarsCompiler | undefined;

/**
 * Only the parser (the full handlebars runtime is not needed to read templates), loaded
 * on first use: the fast path below reads most templates without it, so a lint whose
 * templates are all simple never pays for loading it at start-up.
 */
function handlebarsParse(text: string): unknown {
  if (!compiler) {
    compiler = createRequire(import.meta.url)('handlebars/dist/cjs/handlebars/compiler/base.js') as HandlebarsCompiler;
    const { parser } = compiler;
    // Handlebars' generated (jison) parser throws a bare Error and drops where the problem
    // is; replacing its parseError method keeps the location and the expected tokens.
    // The hash's `loc` is that of the last token read before the problem; the lexer's
    // current location is the unexpected token itself, which is what the author must fix.
    parser.parseError = (message: string, hash: JisonErrorHash) => {
      const lookahead = (parser as unknown as { lexer?: { yylloc?: JisonErrorHash['loc'] } }).lexer?.yylloc;
      throw new TemplateParseError(message, hash.loc && lookahead ? { ...hash, loc: lookahead } : hash);
    };
  }
  return compiler.parse(text);
}
/// <reference types="handlebars" />

type Node = hbs.AST.Node;
type PathExpression = hbs.AST.PathExpression;

export interface TemplateVariable {
  /** The scenario variable: first segment of the path (`cart_items` in `cart_items.0.name`). */
  name: string;
  /** Source text of the path as written, to locate it in the file. */
  original: string;
  line: number;
  column: number;
}

/**
 * What is wrong with a template, as data (template-syntax words it per locale): handlebars
 * grammar tokens are ids (`EOF`, `OPEN_ENDBLOCK`…), `other` keeps handlebars' own words.
 */
export type TemplateProblem =
  { kind: 'malformed' } | { kind: 'unexpected'; token: string; expected: string[] } | { kind: 'mismatch'; open: string; close: string } | { kind: 'other'; text: string };

export type TemplateAnalysis = { ok: true; variables: TemplateVariable[] } | { ok: false; problem: TemplateProblem; line: number; column: number };

/** Helpers that change the context: paths inside their block are relative to the item. */
const CONTEXT_HELPERS = new Set(['each', 'with']);
const cache = new Map<string, TemplateAnalysis>();

/**
 * Parses a subject or message with handlebars' own parser and lists the variables it
 * reads. Helper names, `this`, `@data` variables and paths relative to an `each`/`with`
 * item are not variables. Results are cached: scenarios reuse the same texts.
 */
export function analyzeTemplate(text: string): TemplateAnalysis {
  if (!text.includes('{{')) return { ok: true, variables: [] };
  let analysis = cache.get(text);
  if (!analysis) {
    analysis = analyzeSimple(text) ?? analyze(text);
    if (cache.size > 50_000) cache.clear();
    cache.set(text, analysis);
  }
  return analysis;
}

const KEYWORDS = new Set(['true', 'false', 'null', 'undefined', 'this', 'else', 'as']);
const SIMPLE_BLOCKS = new Set(['each', 'with', 'if', 'unless']);
const WHITESPACE = /\s/;
/** Characters after which handlebars' lexer or our line counting behave specially. */
const UNSUPPORTED_TEXT = /[\r\u2028\u2029\0]|\\\{\{|\{\{\{|\}\}\}/;

/** JavaScript's `\s`, as handlebars' lexer uses it, with ASCII decided without a regex. */
function isWhitespace(code: number, text: string, index: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return WHITESPACE.test(text[index]!);
}

const isNameStart = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNamePart = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39);

/**
 * Whether text[start, end) is a path handlebars reads as plain segments
 * (`[A-Za-z_][A-Za-z0-9_]*` joined by dots), none of them a keyword (`this`, `else`…).
 */
function isSimplePathAt(text: string, start: number, end: number): boolean {
  let segmentStart = start;
  for (let i = start; i <= end; i++) {
    const c = i === end ? 0x2e : text.charCodeAt(i);
    if (c === 0x2e) {
      const length = i - segmentStart;
      if (length === 0) return false;
      // Keywords are 2 to 9 lower-case letters: slice only what could be one.
      if (length >= 2 && length <= 9 && text.charCodeAt(segmentStart) >= 0x61 && KEYWORDS.has(text.slice(segmentStart, i))) return false;
      segmentStart = i + 1;
    } else if (i === segmentStart ? !isNameStart(c) : !isNamePart(c)) return false;
  }
  return true;
}

/** `@name` (handlebars data such as @index), but not @root, which reads the scenario's variables. */
function isDataNameAt(text: string, start: number, end: number): boolean {
  if (text.charCodeAt(start) !== 0x40 || end - start < 2 || !isNameStart(text.charCodeAt(start + 1))) return false;
  for (let i = start + 2; i < end; i++) if (!isNamePart(text.charCodeAt(i))) return false;
  return !(end - start === 5 && text.startsWith('@root', start));
}

/** Token bounds of the mustache being read (reused: the fast path never re-enters). */
const tokenStarts: number[] = [];
const tokenEnds: number[] = [];

/**
 * Fast path for the templates people actually write — `{{path}}`, `{{helper path…}}`,
 * `{{@index}}` and `{{#each|with|if|unless path}}…{{/…}}` — read without handlebars'
 * generated parser, which costs ~40 µs per template (most of lint's time on 10,000
 * scenarios), and without allocating anything but the variables found. Anything else,
 * including every error, returns undefined and goes through handlebars itself, so results
 * are identical (test/model/templates-fast-path.test.ts compares both on every template shape).
 */
export function analyzeSimple(text: string): TemplateAnalysis | undefined {
  if (UNSUPPORTED_TEXT.test(text)) return undefined;
  const variables: TemplateVariable[] = [];
  const blocks: string[] = [];
  const contextStack: number[] = [];
  let contextDepth = 0;
  let line = 1;
  let lineStart = 0;
  let cursor = 0;
  const advanceTo = (offset: number) => {
    for (let i = text.indexOf('\n', cursor); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    cursor = offset;
  };
  for (let open = text.indexOf('{{'); open !== -1; open = text.indexOf('{{', cursor)) {
    const close = text.indexOf('}}', open + 2);
    if (close === -1) return undefined;
    const first = text.charCodeAt(open + 2);
    const sigil = first === 0x23 ? '#' : first === 0x2f ? '/' : '';
    // Whitespace-separated tokens of the mustache; no brace may appear inside.
    let count = 0;
    let start = -1;
    for (let i = open + 2 + sigil.length; i <= close; i++) {
      const c = i === close ? 0x20 : text.charCodeAt(i);
      if (c === 0x7b || c === 0x7d) return undefined;
      if (isWhitespace(c, text, i)) {
        if (start >= 0) {
          tokenStarts[count] = start;
          tokenEnds[count] = i;
          count++;
          start = -1;
        }
      } else if (start < 0) start = i;
    }
    if (count === 0) return undefined;
    for (let t = 0; t < count; t++) {
      if (!isSimplePathAt(text, tokenStarts[t]!, tokenEnds[t]!) && !(count === 1 && !sigil && isDataNameAt(text, tokenStarts[t]!, tokenEnds[t]!))) return undefined;
    }
    if (sigil === '/') {
      if (count !== 1 || blocks.pop() !== text.slice(tokenStarts[0]!, tokenEnds[0]!)) return undefined;
      contextDepth = contextStack.pop()!;
      advanceTo(close + 2);
      continue;
    }
    const helper = sigil === '#' ? text.slice(tokenStarts[0]!, tokenEnds[0]!) : '';
    if (sigil === '#' && (!SIMPLE_BLOCKS.has(helper) || count !== 2)) return undefined;
    // Alone, the path is a value; with parameters, it names a helper and they are the values.
    for (let t = count === 1 ? 0 : 1; t < count; t++) {
      const valueStart = tokenStarts[t]!;
      advanceTo(valueStart);
      if (text.charCodeAt(valueStart) === 0x40 || contextDepth > 0) continue; // @index; inside each/with, paths read the item
      const original = text.slice(valueStart, tokenEnds[t]!);
      const dot = original.indexOf('.');
      variables.push({ name: dot === -1 ? original : original.slice(0, dot), original, line, column: valueStart - lineStart + 1 });
    }
    if (sigil === '#') {
      blocks.push(helper);
      contextStack.push(contextDepth);
      if (CONTEXT_HELPERS.has(helper)) contextDepth++;
    }
    advanceTo(close + 2);
  }
  return blocks.length === 0 ? { ok: true, variables } : undefined;
}

/** Handlebars' own parser: the reference the fast path must agree with. */
export function analyze(text: string): TemplateAnalysis {
  let program: hbs.AST.Program;
  try {
    program = handlebarsParse(text) as hbs.AST.Program;
  } catch (error) {
    return syntaxError(error);
  }
  const variables: TemplateVariable[] = [];
  const visitPath = (path: PathExpression, contextDepth: number) => {
    // `@root.x` reads the scenario variable x from inside any block; other @data (@index…) are not variables.
    if (path.data) {
      const [head, name] = path.parts;
      if (head === 'root' && name !== undefined) variables.push({ name, original: path.original, line: path.loc.start.line, column: path.loc.start.column + 1 });
      return;
    }
    if (path.parts.length === 0) return; // this
    // Inside each/with, a bare path reads the item; `../x` climbs back out.
    if (contextDepth > path.depth) return;
    const name = path.parts[0]!;
    variables.push({ name, original: path.original, line: path.loc.start.line, column: path.loc.start.column + 1 });
  };
  const visitExpression = (node: Node | undefined, depth: number) => {
    if (!node) return;
    switch (node.type) {
      case 'PathExpression':
        visitPath(node as PathExpression, depth);
        break;
      case 'SubExpression': {
        const sub = node as hbs.AST.SubExpression;
        sub.params.forEach((param) => visitExpression(param, depth));
        sub.hash?.pairs.forEach((pair) => visitExpression(pair.value, depth));
        break;
      }
      default:
        break; // literals
    }
  };
  const visitCall = (call: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.PartialStatement, depth: number) => {
    const path = (call as hbs.AST.MustacheStatement).path;
    const params = call.params ?? [];
    const hash = (call as hbs.AST.MustacheStatement).hash;
    // With parameters, the path names a helper; alone, it is a value.
    if (path && params.length === 0 && !hash) visitExpression(path, depth);
    else if (path && path.type === 'SubExpression') visitExpression(path, depth);
    params.forEach((param) => visitExpression(param, depth));
    hash?.pairs.forEach((pair) => visitExpression(pair.value, depth));
  };
  const visitProgram = (node: hbs.AST.Program | undefined, depth: number) => {
    for (const statement of node?.body ?? []) {
      switch (statement.type) {
        case 'MustacheStatement':
          visitCall(statement as hbs.AST.MustacheStatement, depth);
          break;
        case 'BlockStatement': {
          const block = statement as hbs.AST.BlockStatement;
          visitCall(block, depth);
          const helper = block.path.type === 'PathExpression' ? (block.path as PathExpression).original : '';
          const innerDepth = CONTEXT_HELPERS.has(helper) || (block.params.length === 0 && !block.hash) ? depth + 1 : depth;
          visitProgram(block.program, innerDepth);
          visitProgram(block.inverse, depth);
          break;
        }
        case 'PartialStatement':
        case 'PartialBlockStatement':
          visitCall(statement as hbs.AST.PartialStatement, depth);
          break;
        default:
          break; // content and comments
      }
    }
  };
  visitProgram(program, 0);
  return { ok: true, variables };
}

/** Handlebars' grammar tokens a template author can type (their words per locale: lint.templateTokens in src/i18n). */
const AUTHOR_TOKENS = new Set([
  'ID',
  'STRING',
  'NUMBER',
  'BOOLEAN',
  'DATA',
  'CLOSE',
  'CLOSE_UNESCAPED',
  'CLOSE_RAW_BLOCK',
  'OPEN_ENDBLOCK',
  'OPEN_BLOCK',
  'OPEN_INVERSE',
  'OPEN',
  'EOF',
  'SEP',
]);

function syntaxError(error: unknown): TemplateAnalysis {
  if (error instanceof TemplateParseError) {
    const { loc, line, expected, token } = error.hash;
    const position = loc ? { line: loc.first_line, column: loc.first_column + 1 } : { line: (line ?? 0) + 1, column: 1 };
    // Tokens the author can type, once each (the grammar lists a token in quotes and bare).
    const wanted = [...new Set((expected ?? []).map((name) => name.replace(/'/g, '')).filter((name) => AUTHOR_TOKENS.has(name)))];
    const problem: TemplateProblem = !token || token === 'INVALID' ? { kind: 'malformed' } : { kind: 'unexpected', token, expected: wanted };
    return { ok: false, problem, ...position };
  }
  // Other errors (e.g. mismatched block names) come from the AST builder, with a location.
  const located = error as { message?: string; lineNumber?: number; column?: number };
  const message = (located.message ?? String(error)).split(' - ')[0]!.trim();
  const mismatch = /^(\S+) doesn't match (\S+)$/.exec(message);
  const problem: TemplateProblem = mismatch ? { kind: 'mismatch', open: mismatch[1]!, close: mismatch[2]! } : { kind: 'other', text: message };
  return { ok: false, problem, line: located.lineNumber ?? 1, column: (located.column ?? 0) + 1 };
}

import type { Range } from '../diagnostics/types.js';

export type DirectiveKind = 'next-line' | 'line' | 'file';

/** One `# omni-disable…` comment, as written. */
export interface Directive {
  kind: DirectiveKind;
  /** Rule ids as written, in order; may name unknown rules (reported by suppression-directive). */
  ruleIds: string[];
  /** The text after ` -- `, trimmed; empty when there is none. */
  reason: string;
  /** Where the comment is, from `#` to the end of the line. */
  range: Range;
  /** The line it applies to (next-line, line); 0 for a file directive. */
  targetLine: number;
  /** A file directive below the file's leading comments: it applies to nothing. */
  misplaced?: boolean;
}

// `#` at the start of a line or after a space (YAML comments), then the directive.
const DIRECTIVE = /(?:^|\s)(#\s*omni-disable(?:-next-line|-line)?)(?=\s|$)(.*)$/g;
/** The first directive of a line that stands in a comment (`name: "# omni-disable-line x"` holds none). */
function commentDirective(line: string, lineStart: number, isCommentAt: (offset: number) => boolean): RegExpExecArray | undefined {
  DIRECTIVE.lastIndex = 0;
  for (;;) {
    const match = DIRECTIVE.exec(line);
    if (!match) return undefined;
    const hash = match.index + match[0].indexOf('#');
    if (isCommentAt(lineStart + hash)) return match;
    DIRECTIVE.lastIndex = hash + 1;
  }
}
const isComment = (line: string) => /^\s*#/.test(line);
const isBlank = (line: string) => /^\s*$/.test(line);

/**
 * Finds every directive of a file; called only for files whose text contains `omni-disable`.
 * `isCommentAt` tells whether the `#` at an offset starts a YAML comment (loader's
 * yamlCommentTest): words inside a scalar that read like a directive are text, not one.
 */
export function parseDirectives(text: string, isCommentAt: (offset: number) => boolean = () => true): Directive[] {
  const directives: Directive[] = [];
  // Offset where the YAML content starts: a file directive must come before it.
  const contentStart = firstContentOffset(text);
  let from = 0;
  for (;;) {
    const found = text.indexOf('omni-disable', from);
    if (found < 0) break;
    const lineStart = Math.max(text.lastIndexOf('\n', found), text.lastIndexOf('\r', found)) + 1;
    let lineEnd = text.length;
    for (let i = found; i < text.length; i++) {
      if (text[i] === '\n' || text[i] === '\r') {
        lineEnd = i;
        break;
      }
    }
    from = lineEnd + 1;
    const line = text.slice(lineStart, lineEnd);
    const match = commentDirective(line, lineStart, isCommentAt);
    if (!match) continue;
    const lineNumber = lineNumberAt(text, lineStart);
    const keyword = match[1]!.replace(/^#\s*/, '');
    const kind: DirectiveKind = keyword === 'omni-disable-next-line' ? 'next-line' : keyword === 'omni-disable-line' ? 'line' : 'file';
    const body = match[2]!;
    const separator = body.search(/(?:^|\s)--(?:\s|$)/);
    const idsText = separator >= 0 ? body.slice(0, separator) : body;
    const reason =
      separator >= 0
        ? body
            .slice(separator)
            .replace(/^\s*--/, '')
            .trim()
        : '';
    const ruleIds = idsText
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    const startColumn = match.index + match[0].indexOf('#') + 1;
    let targetLine = 0;
    if (kind === 'line') targetLine = lineNumber;
    if (kind === 'next-line') targetLine = nextContentLine(text, lineEnd, lineNumber);
    const directive: Directive = {
      kind,
      ruleIds,
      reason,
      range: { start: { line: lineNumber, column: startColumn }, end: { line: lineNumber, column: line.length + 1 } },
      targetLine,
    };
    if (kind === 'file' && (!isComment(line) || lineStart > contentStart)) directive.misplaced = true;
    directives.push(directive);
  }
  return directives;
}

const LINE_BREAK = /\r\n|\n|\r/g;

function lineNumberAt(text: string, offset: number): number {
  let count = 1;
  LINE_BREAK.lastIndex = 0;
  while (LINE_BREAK.exec(text) && LINE_BREAK.lastIndex <= offset) count++;
  return count;
}

/** The 1-based number of the first line after `lineEnd` that holds YAML (not blank, not a comment); 0 when none. */
function nextContentLine(text: string, lineEnd: number, lineNumber: number): number {
  let offset = lineEnd;
  let number = lineNumber;
  while (offset < text.length) {
    offset += text.startsWith('\r\n', offset) ? 2 : 1;
    number++;
    let end = offset;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const line = text.slice(offset, end);
    if (!isComment(line) && !isBlank(line)) return number;
    offset = end;
  }
  return 0;
}

/** Offset of the first line that is neither blank, a comment nor `---`. */
function firstContentOffset(text: string): number {
  let offset = 0;
  while (offset < text.length) {
    let end = offset;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const line = text.slice(offset, end);
    if (!isComment(line) && !isBlank(line) && line.trim() !== '---') return offset;
    offset = end + (text.startsWith('\r\n', end) ? 2 : 1);
  }
  return text.length;
}

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
const DIRECTIVE = /(?:^|\s)(#\s*omni-disable(?:-next-line|-line)?)(?=\s|$)(.*)$/;
const isComment = (line: string) => /^\s*#/.test(line);
const isBlank = (line: string) => /^\s*$/.test(line);

/** Finds every directive of a file; called only for files whose text contains `omni-disable`. */
export function parseDirectives(text: string): Directive[] {
  const lines = text.split(/\r\n|\n|\r/);
  const directives: Directive[] = [];
  let leading = true;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const comment = isComment(line);
    const match = line.includes('omni-disable') ? DIRECTIVE.exec(line) : null;
    if (match) {
      const keyword = match[1]!.replace(/^#\s*/, '');
      const kind: DirectiveKind = keyword === 'omni-disable-next-line' ? 'next-line' : keyword === 'omni-disable-line' ? 'line' : 'file';
      const body = match[2]!;
      const separator = body.search(/(?:^|\s)--(?:\s|$)/);
      const idsText = separator >= 0 ? body.slice(0, separator) : body;
      const reason = separator >= 0 ? body.slice(separator).replace(/^\s*--/, '').trim() : '';
      const ruleIds = idsText
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id !== '');
      const startColumn = match.index + match[0].indexOf('#') + 1;
      let targetLine = 0;
      if (kind === 'line') targetLine = index + 1;
      if (kind === 'next-line') {
        // The next line holding YAML, so directives can be stacked and blank lines skipped.
        let next = index + 1;
        while (next < lines.length && (isComment(lines[next]!) || isBlank(lines[next]!))) next++;
        targetLine = next < lines.length ? next + 1 : 0;
      }
      const directive: Directive = {
        kind,
        ruleIds,
        reason,
        range: { start: { line: index + 1, column: startColumn }, end: { line: index + 1, column: line.length + 1 } },
        targetLine,
      };
      if (kind === 'file' && (!leading || !comment)) directive.misplaced = true;
      directives.push(directive);
    }
    if (!comment && !isBlank(line) && line.trim() !== '---') leading = false;
  }
  return directives;
}

/**
 * Helpers to put untrusted text (messages, YAML source lines) on a terminal:
 * control characters are shown escaped so a hostile file cannot emit ANSI
 * sequences, and widths account for wide characters so columns line up.
 */

// C0 and C1 controls except tab and line feed; DEL too.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
// Combining and enclosing marks (\p{Mn} includes the variation selectors U+FE00-FE0F and
// U+E0100-E01EF), zero-width spaces and joiners, word joiner. Variation selectors are not
// listed after another character: inside a class that would read as one combined character.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200B-\u200F\u2060]$/u;
const WIDE =
  /^[\p{Extended_Pictographic}\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}\u{20000}-\u{3FFFD}]$/u;

/** Visible form of one code point: controls become `\x1B`-style escapes. */
export function visibleChar(char: string): string {
  if (CONTROL.test(char)) {
    return `\\x${char.codePointAt(0)!.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return char;
}

/** Terminal-safe text: every control except tab and line feed escaped. */
export function visibleText(text: string): string {
  let out = '';
  for (const char of text) out += visibleChar(char);
  return out;
}

/** Columns one (already visible) code point takes on a terminal; tabs count as one. */
export function charWidth(char: string): number {
  if (ZERO_WIDTH.test(char)) return 0;
  // An emoji written with a text-style base (e.g. U+2764 + U+FE0F) is still counted once.
  if (char.codePointAt(0)! <= 0x7e) return 1;
  return WIDE.test(char) ? 2 : 1;
}

export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

export function padEndVisible(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - textWidth(text)));
}

/** Blank text as wide as `text`, keeping tabs so a marker lines up under tab-indented source. */
export function blankLike(text: string): string {
  let out = '';
  for (const char of text) out += char === '\t' ? '\t' : ' '.repeat(charWidth(char));
  return out;
}

/** Most UTF-16 units of one source line a code frame shows: a minified or generated line stays readable. */
export const MAX_FRAME_WIDTH = 160;

/**
 * The slice [start, end) of a source line a code frame shows: all of it when short, else
 * MAX_FRAME_WIDTH units with the column a quarter in, never splitting a surrogate pair.
 * A 10 MB line costs the same as an 80-character one.
 */
export function frameWindow(line: string, column: number, width = MAX_FRAME_WIDTH): { start: number; end: number } {
  if (line.length <= width) return { start: 0, end: line.length };
  let start = Math.max(0, Math.min(column - Math.floor(width / 4), line.length - width));
  let end = Math.min(line.length, start + width);
  if (start > 0 && isLowSurrogate(line.charCodeAt(start))) start--;
  if (end < line.length && isLowSurrogate(line.charCodeAt(end))) end++;
  return { start, end };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

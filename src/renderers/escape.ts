/**
 * The one escaping function for every label of every diagram. It returns text that is
 * safe inside a double-quoted Mermaid label (`id["…"]`, `"…": [x, y]`, `title "…"`):
 * the characters that could close the label, start a comment or directive (`%%`,
 * `%%{init}%%`), an edge label (`|`), a Markdown string (backtick), an entity or HTML
 * become Mermaid entity codes (`#quot;`, `#35;`…), which Mermaid turns back into the
 * plain character when it draws. Line breaks and other control characters become
 * spaces, so a name never starts a new statement (`click`, `style`, `end`…).
 */
const ENTITIES: Record<string, string> = {
  '"': '#quot;',
  '#': '#35;',
  '%': '#37;',
  '&': '#amp;',
  '<': '#lt;',
  '>': '#gt;',
  '`': '#96;',
  ';': '#59;',
  '|': '#124;',
  '\\': '#92;',
};

// Control characters, the Unicode line and paragraph separators, and runs of spaces.
const BLANKS = /[\u0000-\u001f\u007f\u0085\u2028\u2029\s]+/gu;
const SPECIAL = /["#%&<>`;|\\]/g;
// Mermaid strips the last `;` of any line where `style` or `classDef` precedes `:` and `#`
// (its own pre-parser for colour codes), which would cut an entity short: break the word.
const STYLE_WORDS = /(s)(?=tyle)|(c)(?=lassDef)/g;

export function escapeLabel(text: string): string {
  return text
    .replace(BLANKS, ' ')
    .trim()
    .replace(SPECIAL, (character) => ENTITIES[character]!)
    .replace(STYLE_WORDS, (letter) => `#${letter.charCodeAt(0)};`);
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Code units looked at per wanted character: a grapheme this long (emoji sequences, stacked accents) is already extreme. */
const UNITS_PER_CHARACTER = 16;

/**
 * Shortens long names for a diagram at a word boundary, before escaping (the full name
 * stays in the YAML); counts what a reader sees as one character (emoji included). Only
 * the start of the text is segmented, so a name of a million characters costs no more
 * than one of a hundred.
 */
export function shorten(text: string, max: number): string {
  // Most names: no longer than max code units, so no more than max characters; no segmenting needed.
  if (text.length <= max) return text.replace(BLANKS, ' ').trim();
  const window = text.length > max * UNITS_PER_CHARACTER ? text.slice(0, max * UNITS_PER_CHARACTER) : text;
  const cutShort = window.length < text.length && text.slice(window.length).trim() !== '';
  const flat = window.replace(BLANKS, ' ').trim();
  const characters: string[] = [];
  for (const part of graphemes.segment(flat)) {
    characters.push(part.segment);
    if (characters.length > max) break;
  }
  if (characters.length <= max && !cutShort) return flat;
  const cut = characters.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A label: shortened, escaped and quoted. */
export function quoted(text: string, max = Infinity): string {
  return `"${escapeLabel(Number.isFinite(max) ? shorten(text, max) : text)}"`;
}

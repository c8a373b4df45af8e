import { describe, expect, it } from 'vitest';
import { openingQuote } from '../../src/loader/parse-yaml.js';

describe('openingQuote: where a string that runs to the end opened', () => {
  const at = (text: string, quote: '"' | "'") => openingQuote(text, text.length, quote);
  it('skips quotes escaped inside the string', () => {
    expect(at('a: "x"\nb: "say \\"hi\n', '"')).toBe(10);
    // An escaped backslash before the quote: the quote itself is not escaped.
    expect(at('c: "y\\\\"', '"')).toBe(7);
    expect(at('c: "y\\"', '"')).toBe(3);
    expect(at("a: 'x'\nb: 'l''avion\n", "'")).toBe(10);
    expect(at("b: '''quoted\n", "'")).toBe(3);
  });
  it('finds none when the text has no such quote', () => {
    expect(at('a: b\n', '"')).toBe(-1);
    expect(at("a: ''\n", "'")).toBe(-1);
  });
});

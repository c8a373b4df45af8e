import { describe, expect, it } from 'vitest';
import { FRENCH_LETTERS, FRENCH_WORDS, SRC, sourceFiles, stringsOf } from './french-outside.js';

/**
 * Files allowed to hold French strings outside src/i18n, each with the reason. Keep this
 * list short: a new entry is a vocabulary entry that has not been moved yet.
 */
const ALLOWED: Record<string, string> = {
  // The bilingual starter content of `omni init`, being moved out of the CLI layer (issue #9).
  // The GSM 03.38 alphabet (what an SMS segment can hold), data for counting, not wording.
  'rules/message-length.ts': 'the GSM-7 character set, which holds accented letters',
};

describe('user-facing French is written only in src/i18n', () => {
  const files = sourceFiles().filter((file) => !file.startsWith(`${SRC}/i18n/`));

  it('the scan sees the source tree', () => {
    expect(files.length).toBeGreaterThan(50);
    // The scanner itself must recognise French where it is written.
    const french = sourceFiles(`${SRC}/i18n`)
      .flatMap(stringsOf)
      .filter((hit) => FRENCH_LETTERS.test(hit.text) || FRENCH_WORDS.test(hit.text));
    expect(french.length).toBeGreaterThan(100);
  });

  it('no string literal outside src/i18n has French letters, quotes or words', () => {
    const hits = files
      .flatMap(stringsOf)
      .filter((hit) => !ALLOWED[hit.file])
      .filter((hit) => FRENCH_LETTERS.test(hit.text) || FRENCH_WORDS.test(hit.text))
      .map((hit) => `src/${hit.file}:${hit.line} ${JSON.stringify(hit.text)}`);
    expect(hits, 'move these strings into src/i18n/{en,fr}.ts').toEqual([]);
  });
});

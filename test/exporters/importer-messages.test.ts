/** The importer's messages (src/i18n, `importer`): both locales agree on placeholders, and each message is used. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { placeholdersOf, VOCABULARY } from '../../src/i18n/index.js';
import { align } from '../../src/exporters/workbook-edits.js';
import { repo } from './helpers.js';

describe('importer messages', () => {
  test('fr has the placeholders of en, message by message, and says it differently', () => {
    // A message with a count may be a pair [one, many]: each form has the placeholders.
    const forms = (template: string | readonly string[]) => (typeof template === 'string' ? [template] : [...template]);
    const mismatches = Object.entries(VOCABULARY.en.importer).filter(([id, template]) =>
      [...forms(VOCABULARY.fr.importer[id as keyof typeof VOCABULARY.fr.importer]), ...forms(template)].some(
        (form) => placeholdersOf(form).join() !== placeholdersOf(forms(template)[0]!).join(),
      ),
    );
    expect(mismatches).toEqual([]);
    const same = Object.keys(VOCABULARY.en.importer).filter((id) => VOCABULARY.en.importer[id as 'aName'] === VOCABULARY.fr.importer[id as 'aName']);
    expect(same).toEqual([]);
  });

  test('every message is used by the importer', () => {
    const sources = ['src/exporters', 'src/cli']
      .flatMap((folder) => readdirSync(path.join(repo, folder)).map((name) => path.join(repo, folder, name)))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = Object.keys(VOCABULARY.en.importer).filter((id) => !sources.includes(`'${id}'`));
    expect(unused).toEqual([]);
  });
});

describe('align: rows and columns paired by name', () => {
  test('an inserted item is added, a deleted one removed, a renamed one (same place) paired; nothing else shifts', () => {
    expect(align(['a', 'b', 'c'], ['a', 'x', 'b', 'c'])).toEqual([{ e: 0, a: 0 }, { a: 1 }, { e: 1, a: 2 }, { e: 2, a: 3 }]);
    expect(align(['a', 'b', 'c'], ['a', 'c'])).toEqual([{ e: 0, a: 0 }, { e: 1 }, { e: 2, a: 1 }]);
    expect(align(['a', 'b', 'c'], ['a', 'B2', 'c'])).toEqual([
      { e: 0, a: 0 },
      { e: 1, a: 1 },
      { e: 2, a: 2 },
    ]);
    expect(align([], ['a'])).toEqual([{ a: 0 }]);
  });
});

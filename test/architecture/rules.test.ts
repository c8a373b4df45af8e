import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCALES, VOCABULARY } from '../../src/i18n/index.js';
import { RULES } from '../../src/rules/index.js';

const repo = path.resolve(import.meta.dirname, '../..');

/** The checklist of CONTRIBUTING.md ("Add a lint rule"), rule by rule. */
describe('every rule is complete', () => {
  for (const rule of RULES) {
    it(`${rule.id}: doc page, test table, description and messages in every locale`, () => {
      expect(existsSync(path.join(repo, 'docs/rules', `${rule.id}.md`)), `docs/rules/${rule.id}.md`).toBe(true);
      const testFile = path.join(repo, 'test/rules', `${rule.id}.test.ts`);
      expect(existsSync(testFile), `test/rules/${rule.id}.test.ts`).toBe(true);
      expect(readFileSync(testFile, 'utf8'), `a ruleTester('${rule.id}', …) table`).toContain(`ruleTester('${rule.id}', {`);
      for (const locale of LOCALES) {
        const words = VOCABULARY[locale].lint.rules[rule.id];
        expect(words?.description, `src/i18n/${locale}.ts lint.rules['${rule.id}'].description`).toBeTruthy();
      }
    });
  }
});

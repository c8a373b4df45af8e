import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS } from '../../src/schema/validate.js';

/** Every `pattern` in a schema, with where it is. */
function patternsOf(node: unknown, where = '#'): [string, string][] {
  if (node === null || typeof node !== 'object') return [];
  const found: [string, string][] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') found.push([where, value]);
    else found.push(...patternsOf(value, `${where}/${key}`));
  }
  return found;
}

const patterns = ['model', 'config'].flatMap((name) =>
  patternsOf(JSON.parse(readFileSync(new URL(`../../schemas/${name}.schema.json`, import.meta.url), 'utf8')), `${name}.schema.json#`),
);

// Validation compiles patterns without the `u` flag (AJV_OPTIONS.unicodeRegExp = false), for
// speed. That is only sound while every pattern means the same with and without it.
describe('schema patterns', () => {
  it('are compiled without the unicode flag', () => {
    expect(AJV_OPTIONS.unicodeRegExp).toBe(false);
    expect(patterns.length).toBeGreaterThan(5);
  });

  it.each(patterns)('%s is ASCII-only and means the same without the unicode flag', (_, pattern) => {
    expect(pattern).toMatch(/^[\x20-\x7e]*$/);
    // No constructs whose meaning depends on the flag: \p{…}, \u{…}, \k, dots or negated classes over astral text.
    expect(pattern).not.toMatch(/\\[pPuk]|\\x|(^|[^\\])\.|\[\^/);
    const withFlag = new RegExp(pattern, 'u');
    const without = new RegExp(pattern);
    for (const sample of ['', 'a', 'email', 'sms-2', 'a_b', 'J+1', 'D-12', '30m', '2w', '0', '2024-01-31', 'é', '😀', 'a😀', 'Ab', '-a', 'a-', '1d2']) {
      expect(without.test(sample), `${pattern} on ${sample}`).toBe(withFlag.test(sample));
    }
  });
});

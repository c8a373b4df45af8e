import { describe, expect, test } from 'vitest';
import { formatGithub } from '../../src/formatters/github.js';
import { formatNames, isFormatName, loadFormatter } from '../../src/formatters/index.js';
import { formatJson } from '../../src/formatters/json.js';
import { formatJunit } from '../../src/formatters/junit.js';
import { formatSarif } from '../../src/formatters/sarif.js';
import { formatStylish } from '../../src/formatters/stylish.js';
import { makeContext, makeResult } from './fixture.js';

describe('formatter record', () => {
  test('lists the five formats', () => {
    expect(formatNames).toEqual(['stylish', 'json', 'sarif', 'junit', 'github']);
    expect(isFormatName('sarif')).toBe(true);
    // Inherited object keys must not pass as format names.
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName('xml')).toBe(false);
  });

  test('loads the formatter of each name', async () => {
    const expected = { stylish: formatStylish, json: formatJson, sarif: formatSarif, junit: formatJunit, github: formatGithub };
    for (const name of formatNames) expect(await loadFormatter(name)).toBe(expected[name]);
  });

  test('formatters are pure: same input, byte-identical output, input untouched', async () => {
    for (const name of formatNames) {
      const format = await loadFormatter(name);
      const result = makeResult();
      const snapshot = JSON.stringify({ ...result, sources: [...result.sources] });
      const first = format(result, makeContext());
      expect(format(result, makeContext())).toBe(first);
      expect(JSON.stringify({ ...result, sources: [...result.sources] })).toBe(snapshot);
    }
  });
});

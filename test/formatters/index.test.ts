import { describe, expect, test } from 'vitest';
import { formatNames, formatters, isFormatName } from '../../src/formatters/index.js';
import { makeContext, makeResult } from './fixture.js';

describe('formatter record', () => {
  test('lists the five formats', () => {
    expect(formatNames).toEqual(['stylish', 'json', 'sarif', 'junit', 'github']);
    expect(isFormatName('sarif')).toBe(true);
    // Inherited object keys must not pass as format names.
    expect(isFormatName('toString')).toBe(false);
    expect(isFormatName('xml')).toBe(false);
  });

  test('formatters are pure: same input, byte-identical output, input untouched', () => {
    for (const name of formatNames) {
      const result = makeResult();
      const snapshot = JSON.stringify({ ...result, sources: [...result.sources] });
      const first = formatters[name](result, makeContext());
      expect(formatters[name](result, makeContext())).toBe(first);
      expect(JSON.stringify({ ...result, sources: [...result.sources] })).toBe(snapshot);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { BASE, lintFiles } from './run-rule.js';

describe('the shared base workspace of rule tests', () => {
  it('is lint-clean with every rule on, so a case only reports what it adds', async () => {
    expect(await lintFiles(BASE)).toEqual([]);
  });
});

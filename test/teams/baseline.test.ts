import { describe, expect, it } from 'vitest';
import { applyBaseline, createBaseline, parseBaseline } from '../../src/baseline/baseline.js';
import { BASE, lintFiles } from './helpers.js';

const unused = (ids: string[], prefix = '') => ({
  ...BASE,
  'data.yaml': `${prefix}variables:\n${ids.map((id) => `  - { id: ${id}, name: ${id}, sources: [crm] }\n`).join('')}`,
});

describe('baseline', () => {
  it('records findings by rule, entity and context, in a fixed order, as documented JSON', async () => {
    const result = await lintFiles(unused(['zeta', 'alpha']));
    expect(createBaseline(result.diagnostics)).toBe(`{
  "version": 1,
  "entries": [
    {
      "ruleId": "unused-variable",
      "owner": "variable:alpha",
      "context": "variables/*/id",
      "count": 1
    },
    {
      "ruleId": "unused-variable",
      "owner": "variable:zeta",
      "context": "variables/*/id",
      "count": 1
    }
  ]
}
`);
  });

  it('matches findings after lines moved and entities were reordered, and reports only the new one', async () => {
    const before = await lintFiles(unused(['alpha', 'beta']));
    const baseline = parseBaseline(createBaseline(before.diagnostics));
    const after = await lintFiles(unused(['gamma', 'beta', 'alpha'], '# a comment\n\n# that moves every line\n'));
    const outcome = applyBaseline(after.diagnostics, baseline);
    expect(outcome.kept.map((d) => d.message)).toEqual(['variable "gamma" is used by no scenario']);
    expect([outcome.matched, outcome.prunable]).toEqual([2, 0]);
  });

  it('counts the entries that are fixed and can be pruned', async () => {
    const baseline = parseBaseline(createBaseline((await lintFiles(unused(['alpha', 'beta']))).diagnostics));
    const outcome = applyBaseline((await lintFiles(unused(['alpha']))).diagnostics, baseline);
    expect([outcome.kept.length, outcome.matched, outcome.prunable]).toEqual([0, 1, 1]);
  });

  it('gives the same bytes for the same findings, whatever the order they come in', async () => {
    const result = await lintFiles(unused(['b', 'a', 'c']));
    expect(createBaseline([...result.diagnostics].reverse())).toBe(createBaseline(result.diagnostics));
  });

  it.each([
    ['not json', 'not JSON'],
    ['{"version":2,"entries":[]}', 'not an omni baseline (expected { "version": 1, "entries": [...] })'],
    ['{"version":1,"entries":[{"ruleId":"x"}]}', 'entry 1 is not { ruleId, owner, context, count }'],
  ])('refuses %s', (text, message) => {
    expect(() => parseBaseline(text)).toThrow(message);
  });
});

describe('baseline in the lint pipeline', () => {
  it('leaves out what it matched, reports the rest, and a suppression of a baselined finding is not unused', async () => {
    const { loadWorkspace } = await import('../../src/pipeline/load.js');
    const { lintWorkspace } = await import('../../src/pipeline/lint.js');
    const { writeWorkspace } = await import('./helpers.js');
    const before = await lintFiles(unused(['alpha']));
    const baseline = parseBaseline(createBaseline(before.diagnostics));
    const root = writeWorkspace({
      ...BASE,
      'data.yaml':
        'variables:\n  # omni-disable-next-line unused-variable -- kept\n  - { id: alpha, name: alpha, sources: [crm] }\n  - { id: beta, name: beta, sources: [crm] }\n',
    });
    const result = await lintWorkspace(await loadWorkspace(root), { baseline, ruleOverrides: { 'unused-suppression': 'error' } });
    expect(result.diagnostics.map((d) => `${d.ruleId} ${d.range.start.line}`)).toEqual(['unused-variable 4']);
    expect(result.baseline).toEqual({ matched: 1, prunable: 0 });
    expect(result.suppressed).toEqual([]);
  });
});

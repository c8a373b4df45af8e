import { describe, expect, it } from 'vitest';
import { BASE, lintFiles } from './run-rule.js';

/**
 * An entity the schema rejects is left out of the model. The rules that conclude "nothing
 * references X" would then report what the rejected entity references: one typo, several
 * false warnings. They stay silent until the schema error is fixed.
 */
describe('no cascade from an entity the schema rejected', () => {
  it('a scenario with a bad offset: only the schema error, not its use case and variables as unused', async () => {
    const files = {
      ...BASE,
      'base.yaml': BASE['base.yaml']!.toString().replace('after: J+1', 'after: tomorrow'),
    };
    const lines = (await lintFiles(files)).map((d) => `${d.ruleId} ${d.range.start.line}:${d.range.start.column} ${d.message}`);
    expect(lines).toEqual(['schema 34:18 "tomorrow" is not a valid offset']);
  });

  it('a use case with a bad score: its touchpoints are not reported as unaddressed', async () => {
    const files = { ...BASE, 'base.yaml': BASE['base.yaml']!.toString().replace('business: 5', 'business: 9') };
    const rules = (await lintFiles(files)).map((d) => d.ruleId);
    expect(rules).toEqual(['schema']);
  });

  it('a variable with a bad id: its source is not reported as unused', async () => {
    const files = {
      ...BASE,
      'more.yaml': 'sources:\n  - { id: pos, name: POS }\nvariables:\n  - { id: Basket, name: Basket, sources: [pos] }\n',
    };
    const rules = (await lintFiles(files)).map((d) => d.ruleId);
    expect(rules).toEqual(['schema']);
  });

  it('once the schema error is fixed, the warnings come back', async () => {
    const files = { ...BASE, 'more.yaml': 'sources:\n  - { id: pos, name: POS }\n' };
    expect((await lintFiles(files)).map((d) => d.ruleId)).toEqual(['unused-source']);
  });
});

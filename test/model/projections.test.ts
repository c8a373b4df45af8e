import { describe, expect, it } from 'vitest';
import { firstDeclarations, lintSummaryByRule, matrixGrid, scenarioChannelNames, scenarioMapGrid, severityCounts } from '../../src/model/projections.js';
import { BASE, loadFiles } from '../rules/run-rule.js';

const origin = { file: 'f.yaml', path: [] };

describe('matrixGrid', () => {
  const stages = [
    { id: 'discover', name: 'Discover', origin },
    { id: 'buy', name: 'Buy', origin },
    { id: 'buy', name: 'Buy again', origin },
  ];
  const channels = [
    { id: 'web', name: 'Web', origin },
    { id: 'email', name: 'Email', origin },
  ];
  const touchpoint = (id: string, stage: string, channel: string, status: 'normal' | 'friction' = 'normal') => ({ id, name: id, stage, channel, status, origin });
  const grid = matrixGrid({
    stages,
    channels,
    touchpoints: [
      touchpoint('a', 'buy', 'web'),
      touchpoint('b', 'checkout', 'web'),
      touchpoint('c', 'buy', 'web', 'friction'),
      touchpoint('a', 'discover', 'email'),
      touchpoint('d', 'discover', 'fax'),
    ],
  });

  it('declared rows and columns, first declaration per id, in declared order', () => {
    expect(grid.columns.map((stage) => stage.name)).toEqual(['Discover', 'Buy']);
    expect(grid.rows.map((channel) => channel.id)).toEqual(['web', 'email']);
  });
  it('a cell holds its items in declaration order; a duplicated item id counts once (its first declaration)', () => {
    expect(grid.cell('web', 'buy').map((t) => t.id)).toEqual(['a', 'c']);
    expect(grid.cell('email', 'discover')).toEqual([]);
  });
  it('items with an unknown row or column are unplaced, and the unknown ids listed in first-use order', () => {
    expect(grid.unplaced.map((t) => t.id)).toEqual(['b', 'd']);
    expect(grid.unknownColumnIds).toEqual(['checkout']);
    expect(grid.unknownRowIds).toEqual(['fax']);
    expect(grid.cell('web', 'checkout').map((t) => t.id)).toEqual(['b']);
  });
});

describe('scenario map and channels of a scenario', () => {
  it('places the base journey scenario at its target and lifecycle stage, with channel names in step order', async () => {
    const { model } = await loadFiles(BASE);
    const map = scenarioMapGrid(model);
    expect(map.rows.map((target) => target.id)).toEqual(['all']);
    expect(map.columns.map((stage) => stage.id)).toEqual(['welcome', 'activation', 'relationship', 'upsell']);
    expect(map.cell('all', 'activation').map((scenario) => scenario.id)).toEqual(['cart']);
    expect(map.unplaced).toEqual([]);
    expect(scenarioChannelNames(model, model.scenarios[0]!)).toEqual(['Email']);
    expect(scenarioChannelNames(model, { steps: [{ channel: 'email' }, { channel: 'fax' }, { channel: 'email' }] as never })).toEqual(['Email', 'fax']);
  });
});

describe('lint summary and counts', () => {
  const d = (ruleId: string, severity: 'error' | 'warn') => ({ ruleId, severity });
  const diagnostics = [
    d('unused-source', 'warn'),
    d('unknown-reference', 'error'),
    d('unused-variable', 'warn'),
    d('unused-variable', 'warn'),
    d('duplicate-id', 'error'),
  ];
  it('groups by rule and severity: errors first, most frequent first, then rule id', () => {
    expect(lintSummaryByRule(diagnostics).map((group) => `${group.severity} ${group.ruleId} ${group.count}`)).toEqual([
      'error duplicate-id 1',
      'error unknown-reference 1',
      'warn unused-variable 2',
      'warn unused-source 1',
    ]);
  });
  it('counts errors and warnings', () => {
    expect(severityCounts(diagnostics)).toEqual({ errors: 2, warnings: 3 });
  });
  it('firstDeclarations keeps the first entity per id', () => {
    expect(
      firstDeclarations([
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
        { id: 'a', n: 3 },
      ]),
    ).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/diagnostics/types.js';
import { diffWorkspaces } from '../../src/diff/diff.js';
import { loadFiles } from '../rules/run-rule.js';
import { OMNI_YAML, SIMULATION_FILES } from '../simulate/fixture.js';

const clean: LintResult = { root: '/plan', files: [], diagnostics: [], sources: new Map() };

async function diffOf(change: (text: string) => string, omni = OMNI_YAML) {
  const base = await loadFiles(SIMULATION_FILES);
  const head = await loadFiles({ ...SIMULATION_FILES, 'omni.yaml': omni, 'model.yaml': change(SIMULATION_FILES['model.yaml']!.toString()) });
  return diffWorkspaces({ label: 'base', model: base.model, lint: clean }, { label: 'head', model: head.model, lint: clean });
}

describe('omni diff through branches and pressure', () => {
  it('names a changed wait time-out and split share by their place in the steps as written', async () => {
    const diff = await diffOf((text) =>
      text.replace('          timeout: 1d', '          timeout: 2d').replace('percent: 40', 'percent: 30').replace('control: 10', 'control: 20'),
    );
    const scenarios = diff.sections.find((section) => section.section === 'scenarios')!;
    const changes = scenarios.changed[0]!.changes;
    expect(changes.map((change) => [change.path.join('.'), change.before, change.after])).toEqual([
      ['steps.1.wait.timeout', '1d', '2d'],
      ['steps.1.wait.otherwise.0.split.branches.0.percent', 40, 30],
      ['steps.1.wait.otherwise.0.split.control', 10, 20],
    ]);
  });

  it('names pressure and quiet-hours changes in omni.yaml', async () => {
    const diff = await diffOf((text) => text, OMNI_YAML.replace('max: 3, per: 7d', 'max: 4, per: 7d').replace('"21:00"', '"20:00"'));
    expect(diff.settings.map((change) => [change.path.join('.'), JSON.stringify(change.before), JSON.stringify(change.after)])).toEqual([
      ['pressure', '[{"channels":["email"],"max":1,"per":"1d"},{"max":3,"per":"7d"}]', '[{"channels":["email"],"max":1,"per":"1d"},{"max":4,"per":"7d"}]'],
      ['quietHours.from', '"21:00"', '"20:00"'],
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/diagnostics/types.js';
import { describeChanges } from '../../src/diff/describe.js';
import { diffWorkspaces, fieldChanges } from '../../src/diff/diff.js';
import { loadFiles } from '../rules/run-rule.js';
import { OMNI_YAML, SIMULATION_FILES } from '../simulate/fixture.js';

const plainStyle = { before: (text: string) => text, after: (text: string) => text };
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
    // In words, a branch is named (JSON keeps its index, above).
    expect(describeChanges(changes, plainStyle)).toBe(
      'step 2 wait.timeout 1d → 2d, wait.otherwise.0.split.branches[discount].percent 40 → 30, wait.otherwise.0.split.control 10 → 20',
    );
  });

  // Found by probing: steps compared by position made a step inserted read as every later step changed.
  it('a step inserted or removed reads as that step alone, the steps kept matched first', async () => {
    const inserted = await diffOf((text) =>
      text.replace(
        '      - { after: "0", channel: email, subject: Happy birthday }\n',
        '      - { after: "0", channel: email, subject: Happy birthday }\n      - { after: 6h, channel: email, subject: Your gift }\n',
      ),
    );
    const birthday = inserted.sections.find((section) => section.section === 'scenarios')!.changed.find((entity) => entity.id === 'birthday')!;
    expect(describeChanges(birthday.changes, plainStyle)).toBe('step 2 added (6h email Your gift)');
    const removed = await diffOf((text) => text.replace('      - { after: "0", channel: email, subject: Happy birthday }\n', ''));
    const gone = removed.sections.find((section) => section.section === 'scenarios')!.changed.find((entity) => entity.id === 'birthday')!;
    expect(gone.changes).toEqual([{ path: ['steps', 0], before: { after: '0', channel: 'email', subject: 'Happy birthday' }, after: null }]);
    expect(describeChanges(gone.changes, plainStyle)).toBe('step 1 removed (0 email Happy birthday)');
  });

  // Found by probing: within a run of changed steps, removed and added ones were paired in
  // order, so a step inserted before an edited one read as the edited step rewritten.
  it('a step inserted before an edited one: the edit is paired with its step, the new one added', async () => {
    const diff = await diffOf((text) =>
      text.replace(
        '      - { after: "0", channel: email, subject: Happy birthday }\n',
        '      - { after: "0", channel: push, message: A gift for you }\n      - { after: "0", channel: email, subject: Happy birthday! }\n',
      ),
    );
    const birthday = diff.sections.find((section) => section.section === 'scenarios')!.changed.find((entity) => entity.id === 'birthday')!;
    expect(birthday.changes).toEqual([
      { path: ['steps', 1, 'subject'], before: 'Happy birthday', after: 'Happy birthday!' },
      { path: ['steps', 0], before: null, after: { after: '0', channel: 'push', message: 'A gift for you' } },
    ]);
    expect(describeChanges(birthday.changes, plainStyle)).toBe('step 2 subject Happy birthday → Happy birthday!; step 1 added (0 push A gift for you)');
  });

  it('pairs removed and added steps in order when nothing tells them apart', () => {
    const changes = fieldChanges(
      {
        steps: [
          { after: '0', channel: 'email' },
          { after: '1d', channel: 'sms' },
          { after: '9d', channel: 'web' },
        ],
      },
      {
        steps: [
          { after: '2d', channel: 'push' },
          { after: '3d', channel: 'push' },
          { after: '9d', channel: 'web' },
        ],
      },
    );
    expect(changes.map((change) => `${change.path.join('.')} ${String(change.before)} → ${String(change.after)}`)).toEqual([
      'steps.0.after 0 → 2d',
      'steps.0.channel email → push',
      'steps.1.after 1d → 3d',
      'steps.1.channel sms → push',
    ]);
  });

  it('aligns long step lists only up to a bound, then compares them by position (no quadratic table)', () => {
    const steps = (count: number) => Array.from({ length: count }, (_, i) => ({ after: `${i}m`, channel: 'email' }));
    const inserted = (count: number) => fieldChanges({ steps: steps(count) }, { steps: [{ after: '0', channel: 'sms' }, ...steps(count)] });
    expect(inserted(400).map((change) => change.path.join('.'))).toEqual(['steps.0']);
    // 600 × 601 pairs is past the bound: every step shifts by one.
    expect(inserted(600).length).toBeGreaterThan(600);
  });

  // Found by probing: quiet hours set or dropped whole printed as JSON, where caps read in words.
  it('words quiet hours added or removed as a whole, as the simulation does', async () => {
    const quiet = OMNI_YAML.split('\n').find((line) => line.startsWith('quietHours:'))!;
    const dropped = await diffOf((text) => text, OMNI_YAML.replace(`${quiet}\n`, ''));
    expect(describeChanges(dropped.settings, plainStyle)).toBe('quiet hours removed (21:00–08:00 on sms)');
    expect(describeChanges(dropped.settings, plainStyle, 'fr')).toBe('heures de silence supprimées (21:00–08:00 sur sms)');
    const base = await loadFiles({ ...SIMULATION_FILES, 'omni.yaml': OMNI_YAML.replace(`${quiet}\n`, '') });
    const head = await loadFiles(SIMULATION_FILES);
    const added = diffWorkspaces({ label: 'base', model: base.model, lint: clean }, { label: 'head', model: head.model, lint: clean });
    expect(describeChanges(added.settings, plainStyle)).toBe('quiet hours added (21:00–08:00 on sms)');
  });

  // Found by probing: house rules and rule options set or dropped whole printed as one JSON blob.
  it('reads house rules, rule settings and options dropped whole as one change each', () => {
    const before = {
      rules: { 'sms-length': 'warn' },
      ruleOptions: { 'sms-length': { maxSegments: 1 } },
      customRules: { 'scenario-owner': { id: 'scenario-owner', description: 'Every scenario names its owner', severity: 'error' } },
    };
    const changes = fieldChanges(before, {});
    expect(changes).toEqual([
      { path: ['rules', 'sms-length'], before: 'warn', after: null },
      { path: ['ruleOptions', 'sms-length', 'maxSegments'], before: 1, after: null },
      { path: ['customRules', 'scenario-owner'], before: before.customRules['scenario-owner'], after: null },
    ]);
    expect(describeChanges(changes, plainStyle)).toBe(
      'rules.sms-length warn → (none); ruleOptions.sms-length.maxSegments 1 → (none); house rule scenario-owner removed (Every scenario names its owner)',
    );
    // An entity's own mappings still change as a whole when one side has none.
    expect(fieldChanges({ trigger: { event: 'a' } }, {})).toEqual([{ path: ['trigger'], before: { event: 'a' }, after: null }]);
  });

  it('names pressure and quiet-hours changes in omni.yaml', async () => {
    const diff = await diffOf((text) => text, OMNI_YAML.replace('max: 3, per: 7d', 'max: 4, per: 7d').replace('"21:00"', '"20:00"'));
    expect(diff.settings.map((change) => [change.path.join('.'), JSON.stringify(change.before), JSON.stringify(change.after)])).toEqual([
      ['pressure.1.max', '3', '4'],
      ['quietHours.from', '"21:00"', '"20:00"'],
    ]);
    expect(describeChanges(diff.settings, plainStyle)).toBe('cap 2 max 3 → 4; quietHours.from 21:00 → 20:00');
  });

  // Found by probing: the caps were one JSON list, before and after in full, and a cap
  // inserted at the top would have read as every cap changed.
  it('names each pressure cap added, removed or changed, the caps kept matched first', async () => {
    const inserted = OMNI_YAML.replace('pressure:\n', 'pressure:\n  - { channels: [sms], max: 1, per: 7d }\n').replace('max: 3, per: 7d', 'max: 4, per: 7d');
    const diff = await diffOf((text) => text, inserted);
    expect(diff.settings.map((change) => [change.path.join('.'), JSON.stringify(change.before), JSON.stringify(change.after)])).toEqual([
      ['pressure.0', 'null', '{"channels":["sms"],"max":1,"per":"7d"}'],
      ['pressure.2.max', '3', '4'],
    ]);
    expect(describeChanges(diff.settings, plainStyle)).toBe('cap 1 added (at most 1 message on sms per 7d); cap 3 max 3 → 4');
    expect(describeChanges(diff.settings, plainStyle, 'fr')).toBe('plafond 1 ajouté (au plus 1 message sur sms par 7d); plafond 3 max 3 → 4');
    const removed = await diffOf((text) => text, OMNI_YAML.replace(/ {2}- \{ channels: \[email\], max: 1, per: 1d \}\n/, ''));
    expect(describeChanges(removed.settings, plainStyle)).toBe('cap 1 removed (at most 1 message on email per 1d)');
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFolder } from './run-rule.js';
import { RULES } from '../../src/rules/index.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';

const repo = path.resolve(import.meta.dirname, '../..');
const gaps = path.join(repo, 'examples/gaps');

/**
 * The planted gaps, from the `# gap: <rule-id>` comments of examples/gaps: each diagnostic
 * is on the line after its comment, at the value that line holds (after `- ` and `key: `);
 * a template variable is pointed at inside its `{{…}}`.
 */
function plantedGaps(): string[] {
  const expected: string[] = [];
  for (const file of readdirSync(gaps)
    .filter((name) => name.endsWith('.yaml'))
    .sort()) {
    const lines = readFileSync(path.join(gaps, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      const match = /^\s*# gap: ([a-z-]+)\s*$/.exec(line);
      if (!match) return;
      const target = lines[index + 1]!;
      const value = /^(\s*(?:- )?(?:[A-Za-z]+: )?)/.exec(target)![1]!.length;
      const column = match[1] === 'undeclared-template-variable' ? target.indexOf('{{') + 3 : value + 1;
      expected.push(`${match[1]} ${file}:${index + 2}:${column}`);
    });
  }
  return expected;
}

/**
 * What examples/teams finds (its omni.yaml, shared config, plugin and overrides at work);
 * each finding is marked by a `# gap:` comment in the file, the line above or two above.
 */
const TEAMS_FINDINGS = [
  'scenario-owner legacy/reactivation.yaml:3:5 warn',
  'suppression-directive legacy/reactivation.yaml:14:7 warn',
  'unused-suppression legacy/reactivation.yaml:17:7 warn',
  'house-max-steps scenarios/flash-sale.yaml:13:5 warn',
  'sms-opt-out scenarios/flash-sale.yaml:17:18 warn',
  'sms-length scenarios/flash-sale.yaml:25:18 warn',
  'scenario-tags scenarios/newsletter.yaml:3:5 warn',
  'email-subject-length scenarios/newsletter.yaml:14:48 warn',
  'missing-owner use-cases.yaml:8:5 warn',
];

describe('examples/teams', () => {
  it('yields exactly its documented findings, house and plugin rules included, and suppresses three', async () => {
    const workspace = await loadWorkspace(path.join(repo, 'examples/teams'));
    const result = await lintWorkspace(workspace);
    expect(result.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.range.start.line}:${d.range.start.column} ${d.severity}`)).toEqual(TEAMS_FINDINGS);
    expect(result.suppressed!.map((d) => `${d.ruleId} ${d.file}:${d.range.start.line} ${d.suppression.justification}`)).toEqual([
      'unused-variable data.yaml:8 kept for the loyalty programme that starts in spring',
      'sms-sender legacy/reactivation.yaml:15 ',
      'sms-sender scenarios/flash-sale.yaml:21 the last-day reminder is signed at the end, as legal approved',
    ]);
  });
});

describe('examples/gaps', () => {
  it('plants every model rule (all but yaml-syntax and schema, which live in test/fixtures/broken), the rules of team settings in examples/teams', () => {
    const planted = new Set(plantedGaps().map((entry) => entry.split(' ')[0]!));
    for (const entry of TEAMS_FINDINGS) planted.add(entry.split(' ')[0]!);
    const builtIn = new Set(RULES.map((rule) => rule.id));
    expect([...planted].filter((id) => builtIn.has(id)).sort()).toEqual(
      RULES.map((rule) => rule.id)
        .filter((id) => id !== 'yaml-syntax' && id !== 'schema')
        .sort(),
    );
  });

  it('yields exactly the planted gaps, each at its line and column, and nothing else', async () => {
    const diagnostics = await lintFolder(gaps);
    const actual = diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.range.start.line}:${d.range.start.column}`);
    expect(actual.sort()).toEqual(plantedGaps().sort());
    expect(actual).toHaveLength(27);
  });
});

describe('lint-clean workspaces', () => {
  for (const folder of ['examples/maison-lumen', 'test/fixtures/hostile']) {
    it(`${folder} has no diagnostic at all, warnings included`, async () => {
      expect(await lintFolder(path.join(repo, folder))).toEqual([]);
    });
  }
});

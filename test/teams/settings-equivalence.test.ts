import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SeverityOrOff } from '../../src/diagnostics/types.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { sourceOf, workspaceFiles, type Files } from '../setup/workspace-files.js';

/**
 * Settings written in several ways that docs/format.md says mean the same thing: a shared
 * config's settings inlined into omni.yaml, a severity in `rules:` or in an override of every
 * file, on the command line (`--rule`) or in omni.yaml, a rule's options set in a shared
 * config or in omni.yaml. Each pair must give the same findings, word for word, at the same
 * places, on the teams example (shared config, house rules, a plugin, an override).
 */
const ROOT = path.resolve(import.meta.dirname, '../../examples/teams');
const FILES = workspaceFiles(ROOT);
const CONFIG = FILES['omni.yaml']!;

async function findings(files: Files, ruleOverrides: Record<string, SeverityOrOff> = {}): Promise<string[]> {
  const workspace = await loadWorkspace(ROOT, { source: sourceOf(files), plugins: true });
  const result = await lintWorkspace(workspace, { ruleOverrides });
  return result.diagnostics.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.ruleId} ${d.severity} ${d.message} | ${d.suggestion ?? ''}`);
}

/** omni.yaml with its `rules:` block replaced (the block runs to the next top-level key). */
const withRules = (rules: string) => CONFIG.replace(/^rules:\n(?: {2}.*\n)+/m, rules);

describe('settings that mean the same give the same findings (examples/teams)', () => {
  it('the shared config inlined into omni.yaml, its rules first and its house rule before omni.yaml’s', async () => {
    const inlined = CONFIG.replace('extends: ./shared/house.yaml\n', '')
      .replace('rules:\n', 'rules:\n  missing-owner: [warn, { sections: [useCases] }]\n  unused-suppression: warn\n  sms-opt-out: [warn, { assumeMarketing: true }]\n')
      .replace(
        'customRules:\n',
        'customRules:\n  - { id: scenario-tags, description: "Every scenario has at least one tag, for the campaign calendar", severity: warn, given: scenarios, field: tags, minItems: 1 }\n',
      );
    const { 'shared/house.yaml': _shared, ...rest } = FILES;
    const before = await findings(FILES);
    expect(before.length).toBeGreaterThan(5);
    expect(await findings({ ...rest, 'omni.yaml': inlined })).toEqual(before);
  });

  it('a severity in rules: or in an override of every file', async () => {
    const config = withRules('rules:\n  sms-length: [warn, { maxSegments: 1 }]\n  house-max-steps: [warn, { max: 3 }]\n').replace(
      'overrides:\n',
      'overrides:\n  - files: ["**"]\n    rules: { email-subject-length: [warn, { maxLength: 60 }] }\n',
    );
    expect(await findings({ ...FILES, 'omni.yaml': config })).toEqual(await findings(FILES));
  });

  it('a rule turned off with --rule or in omni.yaml; an error severity likewise', async () => {
    const config = withRules('rules:\n  sms-length: "off"\n  email-subject-length: [error, { maxLength: 60 }]\n  house-max-steps: [warn, { max: 3 }]\n');
    expect(await findings(FILES, { 'sms-length': 'off', 'email-subject-length': 'error' })).toEqual(await findings({ ...FILES, 'omni.yaml': config }));
  });

  it('a severity alone in omni.yaml keeps the options a shared config set', async () => {
    const shared = FILES['shared/house.yaml']!.replace('rules:\n', 'rules:\n  email-subject-length: [error, { maxLength: 60 }]\n');
    const config = withRules('rules:\n  sms-length: [warn, { maxSegments: 1 }]\n  email-subject-length: warn\n  house-max-steps: [warn, { max: 3 }]\n');
    expect(await findings({ ...FILES, 'shared/house.yaml': shared, 'omni.yaml': config })).toEqual(await findings(FILES));
  });
});

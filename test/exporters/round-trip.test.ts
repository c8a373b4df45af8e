import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { RULES_BY_ID } from '../../src/rules/index.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { comparable, exportFolder, importToFolder, repo } from './helpers.js';

describe('import(export(W)) equals W', () => {
  for (const folder of ['examples/maison-lumen', 'examples/gaps', 'test/fixtures/hostile', 'test/fixtures/branching']) {
    test(folder, async () => {
      const { model, bytes } = await exportFolder(folder);
      const { dir, result } = await importToFolder(bytes);
      expect(result.from).toBe('data-sheet');
      expect(result.warnings).toEqual([]);
      const reimported = await loadWorkspace(dir);
      expect(reimported.diagnostics).toEqual([]);
      expect(comparable(reimported.model)).toEqual(comparable(model));
    });
  }
});

describe('a team workspace (extends, customRules, a plugin, rule options) imported into a new workspace', () => {
  test("keeps the options of omni's rules, and says which house rules' settings stay behind", async () => {
    const { model, bytes } = await exportFolder('examples/teams');
    const { dir, result } = await importToFolder(bytes);
    expect(result.warnings).toEqual([
      'omni.yaml: rule settings left out, no built-in rule has these ids: house-max-steps (house rules of customRules, plugins or shared settings: add those to the new workspace to keep checking them)',
    ]);
    const config = readFileSync(path.join(dir, 'omni.yaml'), 'utf8');
    expect(config).toContain('  sms-length: [ warn, { maxSegments: 1 } ]\n');
    expect(config).toContain('  missing-owner: [ warn, { sections: [ useCases ] } ]\n');
    const reimported = await loadWorkspace(dir);
    // Without the house rule's setting, the new omni.yaml is valid: no "unknown rule".
    expect(reimported.diagnostics).toEqual([]);
    const withoutRules = (compared: unknown) => ({ ...(compared as object), settings: { ...(compared as { settings: object }).settings, rules: undefined } });
    expect(withoutRules(comparable(reimported.model))).toEqual(withoutRules(comparable(model)));
    const builtIn = (options: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(options).filter(([id]) => RULES_BY_ID.has(id)));
    expect(reimported.model.settings.ruleOptions).toEqual(builtIn(model.settings.ruleOptions));
    expect(reimported.model.settings.rules).toEqual(builtIn(model.settings.rules));
    expect(Object.keys(reimported.model.settings.ruleOptions ?? {}).sort()).toEqual(['email-subject-length', 'missing-owner', 'sms-length', 'sms-opt-out']);
  });
});

test('a text of spaces only reads back as the empty cell it looks like: no edit to report', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'omni-spaces-'));
  cpSync(path.join(repo, 'examples/maison-lumen'), root, { recursive: true });
  const file = path.join(root, 'scenarios/bienvenue.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/\n {4}description: [^\n]*/, '\n    description: "   "'));
  const { model, bytes } = await exportFolder(path.relative(repo, root));
  expect(model.scenarios.find((scenario) => scenario.id === 'bienvenue')?.description).toBe('   ');
  const { result } = await importToFolder(bytes);
  expect(result.warnings).toEqual([]);
});

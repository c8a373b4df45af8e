import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module without types (the benchmarks' seeded generator).
import { writeWorkspace } from '../../bench/generate.mjs';
import { toJsonReport } from '../../src/formatters/json.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { WorkspaceSession } from '../../src/pipeline/session.js';

/** What `omni lint` reports for the workspace as it is on disk now. */
async function lintFromDisk(root: string) {
  return toJsonReport(await lintWorkspace(await loadWorkspace(root))).diagnostics;
}

describe('the incremental session gives what a fresh lint gives, edit after edit', () => {
  it('on a generated workspace, through edits that change usage, declarations and files', async () => {
    const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-session-')), 'ws');
    (writeWorkspace as (dir: string, options: object) => unknown)(root, { files: 12, scenarios: 60, channels: 8, stages: 5, variables: 40, sources: 6, seed: 7 });
    // Editing on disk and in the session alike; every step is compared with a fresh load.
    const mirror = path.join(path.dirname(root), 'mirror');
    cpSync(root, mirror, { recursive: true });
    const session = await WorkspaceSession.open(mirror);
    expect(toJsonReport(await session.check()).diagnostics).toEqual(await lintFromDisk(root));

    const scenarioFile = 'scenarios/scenarios-0001.yaml';
    const dataFile = (await session.model()).variables[0]!.origin.file;
    const text = (file: string) => readFileSync(path.join(root, file), 'utf8');
    const firstVariable = /^ {6}- ([a-z0-9_]+)$/m.exec(text(scenarioFile))![1]!;
    const edits: Array<[string, (before: string) => string]> = [
      [scenarioFile, (before) => before.replace(/channel: \S+/, 'channel: nowhere')], // unknown-reference, local
      [scenarioFile, (before) => before.replace(`      - ${firstVariable}\n`, '')], // usage: maybe unused-variable / undeclared template variable
      [scenarioFile, (before) => before.replace(/useCases: \[[^\]]*\]/, 'useCases: []')], // use-case-without-scenario
      [dataFile, (before) => before.replace(/sources: \[[^\]]*\]/, 'sources: []')], // variable-without-source (a declaration edit)
      [dataFile, (before) => before.replace(/(\n {4}name: [^\n]*)/, '$1 (renamed)')], // a name only: the per-scenario rules are replayed
      [dataFile, (before) => before.replace(/\n {4}sources: /g, '\n    maxLength: 900\n    sources: ')], // maxLength: sms-length, email-subject-length in other files
      [dataFile, (before) => before.replace(/- id: ([a-z0-9_]+)/, '- id: $1_renamed')], // a declaration renamed: unknown references elsewhere
      [scenarioFile, (before) => `${before}\n  - id: broken\n    name: [unclosed\n`], // yaml-syntax: the file drops out of the model
      [scenarioFile, () => readFileSync(path.join(mirror, scenarioFile), 'utf8')], // back to the first state of the file
    ];
    let step = 0;
    const seen = new Set<string>();
    for (const [file, edit] of edits) {
      const next = edit(text(file));
      expect(next, `edit ${step} changes ${file}`).not.toBe(text(file));
      writeFileSync(path.join(root, file), next);
      session.setOverlay(file, next);
      const incremental = toJsonReport(await session.check()).diagnostics;
      expect(incremental, `after edit ${step}`).toEqual(await lintFromDisk(root));
      for (const diagnostic of incremental) seen.add(diagnostic.ruleId);
      step++;
    }
    expect(step).toBe(edits.length);
    // The edits did reach both kinds of rules: local ones and those on usage across files.
    expect([...seen].sort()).toEqual(expect.arrayContaining(['unknown-reference', 'variable-without-source', 'yaml-syntax', 'unused-variable']));
    expect([...seen].some((rule) => rule === 'sms-length' || rule === 'email-subject-length')).toBe(true);
  });

  it('a file that appears or disappears on disk is taken in or dropped', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'omni-session-files-'));
    cpSync(path.resolve(import.meta.dirname, '../../examples/gaps'), root, { recursive: true });
    const session = await WorkspaceSession.open(root);
    const extra = 'extra.yaml';
    writeFileSync(path.join(root, extra), 'channels:\n  - { id: push, name: Push }\n');
    session.fileChanged(extra);
    expect(session.files).toContain(extra);
    expect(toJsonReport(await session.check()).diagnostics).toEqual(await lintFromDisk(root));
    const { rmSync } = await import('node:fs');
    rmSync(path.join(root, extra));
    session.fileChanged(extra);
    expect(session.files).not.toContain(extra);
    expect(toJsonReport(await session.check()).diagnostics).toEqual(await lintFromDisk(root));
  });

  it("a file created in a nested workspace (a folder with its own omni.yaml) stays that workspace's", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'omni-session-nested-'));
    cpSync(path.resolve(import.meta.dirname, '../../examples/gaps'), root, { recursive: true });
    const session = await WorkspaceSession.open(root);
    mkdirSync(path.join(root, 'team-b/scenarios'), { recursive: true });
    writeFileSync(path.join(root, 'team-b/omni.yaml'), 'locale: en\n');
    const created = 'team-b/scenarios/extra.yaml';
    writeFileSync(path.join(root, created), 'channels:\n  - { id: push, name: Push }\n');
    // The language server tells every session whose folder holds the path.
    session.fileChanged(created);
    expect(session.files).not.toContain(created);
    expect(toJsonReport(await session.check()).diagnostics).toEqual(await lintFromDisk(root));
    // A nested omni.yaml that appears takes its folder's files out of this workspace.
    mkdirSync(path.join(root, 'team-c'));
    writeFileSync(path.join(root, 'team-c/plan.yaml'), 'channels:\n  - { id: fax, name: Fax }\n');
    session.fileChanged('team-c/plan.yaml');
    expect(session.files).toContain('team-c/plan.yaml');
    writeFileSync(path.join(root, 'team-c/omni.yaml'), 'locale: en\n');
    session.fileChanged('team-c/omni.yaml');
    const afterNested = toJsonReport(await session.check()).diagnostics;
    expect(session.files).not.toContain('team-c/plan.yaml');
    expect(afterNested).toEqual(await lintFromDisk(root));
  });

  it('an edit of the shared settings omni.yaml extends re-reads the rules (a house rule renamed, then removed)', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'omni-session-extends-'));
    const root = path.join(folder, 'ws');
    cpSync(path.resolve(import.meta.dirname, '../../examples/teams'), root, { recursive: true });
    // The example's plugin imports omni itself, as a team's would from its node_modules.
    mkdirSync(path.join(folder, 'node_modules'));
    symlinkSync(path.resolve(import.meta.dirname, '../..'), path.join(folder, 'node_modules/omni-journey'), 'dir');
    const session = await WorkspaceSession.open(root);
    const rulesSeen = async () => new Set(toJsonReport(await session.check()).diagnostics.map((diagnostic) => diagnostic.ruleId));
    expect(await rulesSeen()).toContain('scenario-tags');
    const shared = 'shared/house.yaml';
    const original = readFileSync(path.join(root, shared), 'utf8');
    // As the editor sends it: the buffer of the shared file, which is not a model file (omni.yaml excludes shared/**).
    session.setOverlay(shared, original.replace('id: scenario-tags', 'id: scenario-labels'));
    const renamed = await rulesSeen();
    expect(renamed).toContain('scenario-labels');
    expect(renamed).not.toContain('scenario-tags');
    writeFileSync(path.join(root, shared), original.replace(/customRules:[\s\S]*$/, ''));
    session.setOverlay(shared, undefined);
    const removed = await rulesSeen();
    expect(removed).not.toContain('scenario-labels');
    expect(removed).not.toContain('scenario-tags');
    expect(toJsonReport(await session.check()).diagnostics).toEqual(await lintFromDisk(root));
  });

  it('an omni.yaml with a schema problem still sets the language of the findings, as in omni lint', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'omni-session-locale-'));
    cpSync(path.resolve(import.meta.dirname, '../../examples/maison-lumen'), root, { recursive: true });
    const session = await WorkspaceSession.open(root);
    const config = readFileSync(path.join(root, 'omni.yaml'), 'utf8');
    const broken = `${config}\nnot-a-setting: true\n`;
    writeFileSync(path.join(root, 'omni.yaml'), broken);
    session.setOverlay('omni.yaml', broken);
    const findings = toJsonReport(await session.check()).diagnostics;
    expect(findings.some((diagnostic) => diagnostic.file === 'omni.yaml' && diagnostic.ruleId === 'schema')).toBe(true);
    expect(session.locale).toBe('fr');
    expect(findings).toEqual(await lintFromDisk(root));
  });

  it("keeps omni.yaml's findings of the per-file rules through edits of other files (a misspelt channel in a pressure cap)", async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'omni-session-config-finding-'));
    cpSync(path.resolve(import.meta.dirname, '../../examples/gaps'), root, { recursive: true });
    const config = path.join(root, 'omni.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('channels: [email], max: 1', 'channels: [emial], max: 1'));
    const session = await WorkspaceSession.open(root);
    const inConfig = (diagnostics: Array<{ file: string; ruleId: string }>) =>
      diagnostics.filter((diagnostic) => diagnostic.file === 'omni.yaml' && diagnostic.ruleId === 'unknown-reference');
    expect(inConfig(toJsonReport(await session.check()).diagnostics)).toHaveLength(1);
    // An edit of a scenario file: the per-file rules re-run on its scenarios and replay the other files' findings.
    const scenarios = path.join(root, 'scenarios.yaml');
    const edited = readFileSync(scenarios, 'utf8').replace(/\n {4}name: ([^\n]*)/, '\n    name: $1 (edited)');
    writeFileSync(scenarios, edited);
    session.setOverlay('scenarios.yaml', edited);
    const after = toJsonReport(await session.check()).diagnostics;
    expect(inConfig(after)).toHaveLength(1);
    expect(after).toEqual(await lintFromDisk(root));
  });
});

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The fields of a SARIF result this test reads. */
interface SarifResult {
  locations: [{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }];
}

// The built CLI on the bundled gaps example, checked by Microsoft's SARIF validator with the
// GitHub Advanced Security rules, and run from sub-folders as CI jobs do.
const repo = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repo, 'bin/omni.js');
const gaps = path.join(repo, 'examples/gaps');
const validator = path.join(repo, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
const validatorMissing = !existsSync(validator) && process.env.CI !== 'true';
if (validatorMissing) console.warn(`skipped: the SARIF validator is not installed for this platform (${validator})`);

let scratch: string;
/**
 * The validator's policy: its rules as shipped, less SARIF2006 (help URIs reachable by HTTP
 * GET). That one needs the network, which test machines do not have: each run spent five
 * seconds waiting on DNS for github.com, to learn only that the docs URL is unreachable from here.
 */
let offlinePolicy: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'omni-sarif-'));
  offlinePolicy = path.join(scratch, 'offline.configuration.xml');
  writeFileSync(
    offlinePolicy,
    [
      '<?xml version="1.0" encoding="utf-8"?>',
      '<Properties>',
      '  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">',
      '    <Property Key="RuleEnabled" Value="Disabled" />',
      '  </Properties>',
      '</Properties>',
      '',
    ].join('\n'),
  );
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the validator (into a fresh report file: it refuses to overwrite one). */
function validate(sarifFile: string): { status: number | null; ruleIds: string[] } {
  const report = `${sarifFile}.validation.json`;
  const validation = spawnSync(validator, ['validate', '--rule-kind', 'Sarif;Ghas', '--config', offlinePolicy, '--output', report, sarifFile], {
    encoding: 'utf8',
    // Without libicu .NET refuses to start; invariant globalization is enough for a validator.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    timeout: 120_000,
  });
  if (!existsSync(report)) throw new Error(`the validator wrote no report:\n${validation.stdout}\n${validation.stderr}`);
  const run = JSON.parse(readFileSync(report, 'utf8')).runs[0];
  // The policy was read: the validator says it ran without that one rule.
  type Notice = { descriptor?: { id?: string } };
  const notices: Notice[] = (run.invocations ?? []).flatMap(
    (invocation: { toolConfigurationNotifications?: Notice[] }) => invocation.toolConfigurationNotifications ?? [],
  );
  if (!notices.some((notice) => notice.descriptor?.id === 'WRN999.RuleExplicitlyDisabled')) throw new Error(`the validator ignored the offline policy ${offlinePolicy}`);
  const results: { ruleId: string }[] = run.results ?? [];
  return { status: validation.status, ruleIds: results.map((result) => result.ruleId) };
}

function omni(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.GITHUB_STEP_SUMMARY;
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('SARIF for GitHub code scanning', () => {
  it.skipIf(validatorMissing)(
    'passes Sarif.Multitool validate --rule-kind "Sarif;Ghas" with no result',
    () => {
      const sarifFile = path.join(scratch, 'gaps.sarif');
      const lint = omni(['lint', '--format', 'sarif', '-o', sarifFile], gaps);
      expect(lint.status, lint.stderr).toBe(1);
      expect(validate(sarifFile)).toEqual({ status: 0, ruleIds: [] });
      // The check is real: the validator does flag a rule without its help.
      const stripped = JSON.parse(readFileSync(sarifFile, 'utf8'));
      delete stripped.runs[0].tool.driver.rules[0].help;
      const strippedFile = path.join(scratch, 'stripped.sarif');
      writeFileSync(strippedFile, JSON.stringify(stripped));
      expect(validate(strippedFile).ruleIds).toEqual(['GH2012']);
    },
    180_000,
  );

  it('every rule carries help from its doc page, full description, tags and level', () => {
    const log = JSON.parse(omni(['lint', '--format', 'sarif'], gaps).stdout);
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.length).toBeGreaterThanOrEqual(16);
    for (const rule of rules) {
      const page = readFileSync(path.join(repo, 'docs/rules', `${rule.id}.md`), 'utf8');
      expect(rule.help.markdown.split('\n')[0], rule.id).toBe(page.split('\n')[0]);
      expect(rule.help.text).not.toMatch(/\*\*|^#/m);
      expect(rule.fullDescription.text.length, rule.id).toBeGreaterThan(rule.shortDescription.text.length);
      expect(rule.defaultConfiguration.level).toMatch(/^(error|warning|none)$/);
      expect(rule.properties.tags[0]).toBe('omni');
    }
  });

  it('paths are relative to the repository root when run from a sub-folder', () => {
    const log = JSON.parse(omni(['lint', '--format', 'sarif'], gaps).stdout);
    const run = log.runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`${new URL(`file://${repo}/`).href}`);
    const uris = (cwd: string, args: string[]) =>
      JSON.parse(omni(['lint', '--format', 'sarif', ...args], cwd).stdout).runs[0].results.map(
        (result: SarifResult) => result.locations[0].physicalLocation.artifactLocation,
      );
    const fromSubFolder = uris(gaps, []);
    expect(fromSubFolder.length).toBeGreaterThan(0);
    for (const location of fromSubFolder) expect(location).toEqual({ uri: expect.stringMatching(/^examples\/gaps\/[a-z-]+\.yaml$/), uriBaseId: '%SRCROOT%' });
    // The same locations as when linted from the repository root.
    expect(uris(repo, ['examples/gaps'])).toEqual(fromSubFolder);
    const annotations = omni(['lint', '--format', 'github'], gaps).stdout.trim().split('\n');
    expect(annotations.length).toBeGreaterThan(0);
    for (const line of annotations) expect(line).toMatch(/^::(error|warning) file=examples\/gaps\/[^,]+\.yaml,line=\d+,/);
  });

  it('outside a git repository, paths stay relative to the current folder', () => {
    const plain = path.join(scratch, 'plain');
    cpSync(gaps, plain, { recursive: true });
    const run = JSON.parse(omni(['lint', '--format', 'sarif'], plain).stdout).runs[0];
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(new URL(`file://${plain}/`).href);
    for (const result of run.results)
      expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: expect.stringMatching(/^[a-z-]+\.yaml$/), uriBaseId: '%SRCROOT%' });
    const annotations = omni(['lint', '--format', 'github'], plain).stdout.trim().split('\n');
    for (const line of annotations) expect(line).toMatch(/^::(error|warning) file=[a-z-]+\.yaml,/);
  });
});

import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALL_DRAWING_PACKAGES } from '../../src/renderers/browser.js';
import { folderBytes, NPM_FROM_CACHE, packedTarball, readmeCommands, REPO_ROOT, run, userEnv } from './helpers.js';

/** The fields of a SARIF result this test reads. */
interface SarifResult {
  locations: [{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }];
}

// A new user's install: the packed tarball into an empty project, no PUPPETEER variables,
// packages from the npm cache when it has them (CI's `npm ci` fills it), else the registry
// (NPM_FROM_CACHE, for every npm command here, the workflows' `npm ci` included).
// exceljs is vendored (scripts/bundle.mjs): an install was 216 packages and 70 MB with it as a dependency.
const MAX_INSTALL_BYTES = 40 * 1024 * 1024;
const MAX_INSTALLED_PACKAGES = 40;

let scratch: string;
let project: string;
let installed: ReturnType<typeof run>;
const env = () => userEnv({ NO_COLOR: '1', ...NPM_FROM_CACHE });
/** `npm ci` runs already made, by folder and manifests: the same install in the same state is not made twice. */
const installs = new Map<string, ReturnType<typeof run>>();
/**
 * A workflow's `run:` as GitHub runs it: `bash -e`, from the step's working-directory. An
 * `npm ci` that already succeeded in this folder with the same package.json and lockfile is
 * not run again (it would install the same tree, some 10 s): its result stands.
 */
function runStep(command: string, cwd: string, extra: NodeJS.ProcessEnv = {}): ReturnType<typeof run> {
  const manifests = ['package.json', 'package-lock.json'].map((name) => path.join(cwd, name));
  const key = command === 'npm ci' && manifests.every((file) => existsSync(file)) ? [cwd, ...manifests.map((file) => readFileSync(file, 'utf8'))].join('\0') : undefined;
  const known = key === undefined ? undefined : installs.get(key);
  if (known) return known;
  const result = run('bash', ['-e', '-c', command], { cwd, env: { ...env(), ...extra } });
  if (key !== undefined && result.status === 0) installs.set(key, result);
  return result;
}
const npx = (args: string[], cwd = path.join(project, 'plan')) => run('npx', ['--no-install', ...args], { cwd, env: env() });

beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'omni-tarball-'));
  // dist/ is built by `npm test`'s pretest; --ignore-scripts packs it as it is (once for this file and pre-commit's).
  const tarball = packedTarball();
  project = path.join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), '{ "name": "team-plan", "private": true }\n');
  installed = run('npm', ['install', '--save-dev', tarball], { cwd: project, env: env() });
}, 240_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('npm install -D of the packed tarball', () => {
  it('packs with nothing but the tarball name on stdout (pre-commit reads it as the file name)', () => {
    // Lifecycle scripts included, as pre-commit runs it: none may print there.
    const packed = run('npm', ['pack', '--dry-run', '--pack-destination', scratch], { cwd: REPO_ROOT, env: env() });
    expect(packed.status, packed.stderr).toBe(0);
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(packed.stdout).toBe(`omni-journey-${version}.tgz\n`);
  });

  it('succeeds without any browser or drawing package', () => {
    expect(installed.status, installed.stderr).toBe(0);
    const modules = path.join(project, 'node_modules');
    expect(existsSync(path.join(modules, 'omni-journey/dist/cli/main.js'))).toBe(true);
    // No package able to download a browser, and nothing only drawing needs.
    for (const absent of ['puppeteer', 'puppeteer-core', '@puppeteer/browsers', 'mermaid', 'jsdom', '@mermaid-js/mermaid-cli']) {
      expect(existsSync(path.join(modules, absent)), absent).toBe(false);
    }
  });

  it('leaves node_modules under 40 MB and 40 packages', () => {
    const bytes = folderBytes(path.join(project, 'node_modules'));
    const added = /added (\d+) packages?/.exec(installed.stdout + installed.stderr);
    console.log(
      `tarball install: node_modules ${(bytes / 1024 / 1024).toFixed(1)} MB, ${readdirSync(path.join(project, 'node_modules')).length} top-level entries, ${added?.[1]} packages`,
    );
    expect(bytes).toBeLessThan(MAX_INSTALL_BYTES);
    expect(Number(added?.[1])).toBeLessThan(MAX_INSTALLED_PACKAGES);
  });

  it('carries exceljs inside, with the licence of every package inlined', () => {
    const modules = path.join(project, 'node_modules');
    for (const absent of ['exceljs', 'archiver', 'unzipper', 'jszip']) expect(existsSync(path.join(modules, absent)), absent).toBe(false);
    const vendored = readFileSync(path.join(modules, 'omni-journey/dist/exporters/exceljs.js'), 'utf8');
    // The bundler marks each inlined file with its path: the packages, read from the code itself.
    const inlined = [...new Set([...vendored.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)].map((match) => match[1]!))].sort();
    expect(inlined).toContain('exceljs');
    const licences = readFileSync(path.join(modules, 'omni-journey/dist/exporters/exceljs.LICENSES.txt'), 'utf8');
    const named = [...licences.matchAll(/^((?:@[^/@\s]+\/)?[^@\s]+)@\d[^\s]* \(([^)]+)\)$/gm)].map((match) => match[1]!).sort();
    expect(named).toEqual(inlined);
    // Each section holds the licence's text, not only its name.
    const texts = licences.split(/^=+\n.*\n=+\n/m).slice(1);
    expect(texts).toHaveLength(inlined.length);
    for (const text of texts) expect(text).toMatch(/Permission (is hereby granted|to use, copy, modify)/);
  });

  it("runs init, then the generated README's lint and export commands as written", () => {
    const init = npx(['omni', 'init', 'plan', '--yes', '--locale', 'en'], project);
    expect(init.status, init.stderr).toBe(0);
    // omni is installed in the project: the schema line points into node_modules, relative to each file.
    expect(readFileSync(path.join(project, 'plan/matrix.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../node_modules/omni-journey/schemas/model.schema.json',
    );
    expect(readFileSync(path.join(project, 'plan/scenarios/welcome.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../node_modules/omni-journey/schemas/model.schema.json',
    );
    expect(existsSync(path.join(project, 'node_modules/omni-journey/schemas/model.schema.json'))).toBe(true);
    expect(existsSync(path.join(project, 'plan/.omni'))).toBe(false);
    // The project (where `npm ci` would run) is not where this workflow runs: it fetches omni itself.
    expect(readFileSync(path.join(project, 'plan/.github/workflows/omni.yml'), 'utf8')).toContain(
      'run: npx --yes --package=omni-journey@0.1.0 omni lint --format github\n',
    );

    const commands = readmeCommands(readFileSync(path.join(project, 'plan/README.md'), 'utf8'));
    const lint = commands.find((command) => command[2] === 'lint')!;
    const exported = commands.find((command) => command[2] === 'export')!;
    expect(lint.join(' ')).toBe('npx omni lint');
    const linted = run(lint[0]!, lint.slice(1), { cwd: path.join(project, 'plan'), env: env() });
    expect(linted.stderr).toBe('');
    expect(linted.status).toBe(0);
    const written = run(exported[0]!, exported.slice(1), { cwd: path.join(project, 'plan'), env: env() });
    expect(written.status, written.stderr).toBe(0);
    expect(readFileSync(path.join(project, 'plan/out/plan.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('says in one line what to install when a report needs diagrams', () => {
    // Any executable will do as the browser: the missing packages are found before it starts.
    const report = run('npx', ['--no-install', 'omni', 'report', '-o', 'out/report.html'], {
      cwd: path.join(project, 'plan'),
      env: { ...env(), PUPPETEER_EXECUTABLE_PATH: process.execPath },
    });
    expect(report.status, report.stderr).toBe(0);
    const lines = report.stderr.trim().split('\n');
    expect(lines.filter((line) => line.includes(INSTALL_DRAWING_PACKAGES))).toEqual([
      expect.stringMatching(/^omni: puppeteer-core and mermaid are not installed .*: report written without diagrams/),
    ]);
    expect(lines).toHaveLength(2);
    expect(existsSync(path.join(project, 'plan/out/report.html'))).toBe(true);
  });

  it('runs the lint job of docs/github-actions.md as written, from the workspace sub-folder', () => {
    // The project becomes the team's repository, with the workspace in plan/ as in the doc.
    for (const args of [
      ['init', '--quiet'],
      ['config', 'user.email', 'team@example.com'],
      ['config', 'user.name', 'Team'],
    ]) {
      expect(run('git', args, { cwd: project, env: env() }).status).toBe(0);
    }
    const matrix = path.join(project, 'plan/matrix.yaml');
    writeFileSync(matrix, readFileSync(matrix, 'utf8').replace('    channel: web\n', '    channel: wbe\n'));

    const doc = readFileSync(path.join(REPO_ROOT, 'docs/github-actions.md'), 'utf8');
    const workflow = load(/```yaml\n(# \.github\/workflows\/omni\.yml[\s\S]*?)```/.exec(doc)![1]!) as {
      jobs: { lint: { steps: { run?: string; uses?: string; if?: string; 'working-directory'?: string; with?: Record<string, string> }[] } };
    };
    const steps = workflow.jobs.lint.steps;
    const summary = path.join(scratch, 'step-summary.md');
    writeFileSync(summary, '');
    const outcomes: { run: string; status: number | null; stdout: string }[] = [];
    for (const step of steps.filter((step) => step.run !== undefined)) {
      const result = runStep(step.run!, path.join(project, step['working-directory'] ?? '.'), { GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true' });
      outcomes.push({ run: step.run!, status: result.status, stdout: result.stdout });
    }
    expect(outcomes.map((outcome) => [outcome.run, outcome.status])).toEqual([
      ['npm ci', 0],
      // Fails the job on the error it annotates…
      ['npx omni lint --format github', 1],
      // …while the SARIF step still succeeds, for the upload that follows.
      ['npx omni lint --format sarif --output-file omni.sarif || test $? -eq 1', 0],
    ]);
    expect(outcomes[1]!.stdout).toMatch(/^::error file=plan\/matrix\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=unknown-reference::/m);
    expect(readFileSync(summary, 'utf8')).toContain('unknown-reference');
    const upload = steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    const sarif = JSON.parse(readFileSync(path.join(project, upload.with!.sarif_file!), 'utf8'));
    expect(sarif.runs[0].results.map((result: SarifResult) => result.locations[0].physicalLocation.artifactLocation.uri)).toContain('plan/matrix.yaml');
  }, 120_000);

  it('writes, in the repository, a workflow at its root whose steps run as written', () => {
    // Runs after the test above made the project a git repository.
    expect(existsSync(path.join(project, '.git'))).toBe(true);
    const init = npx(['omni', 'init', 'crm-plan', '--yes', '--locale', 'fr'], project);
    expect(init.status, init.stderr).toBe(0);
    const workflow = load(readFileSync(path.join(project, '.github/workflows/omni.yml'), 'utf8')) as { jobs: { lint: { steps: { run?: string; uses?: string }[] } } };
    const steps = workflow.jobs.lint.steps;
    expect(steps.map((step) => step.run ?? step.uses)).toEqual(['actions/checkout@v6', 'actions/setup-node@v6', 'npm ci', 'npx omni lint crm-plan --format github']);
    for (const step of steps.filter((step) => step.run !== undefined)) {
      const result = runStep(step.run!, project);
      expect({ run: step.run, status: result.status, stdout: step.run === 'npm ci' ? '' : result.stdout }).toEqual({ run: step.run, status: 0, stdout: '' });
    }
  }, 120_000);
});

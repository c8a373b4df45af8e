import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NPM_FROM_CACHE, OMNI_BIN, packedTarball, REPO_ROOT, run, userEnv, which } from './helpers.js';

// The real pre-commit on the hook repository of pre-commit-mirror/ (tagged as a release is),
// with the freshly packed tarball in place of the npm version, against a team's repository
// whose .pre-commit-config.yaml is docs/github-actions.md's, as written. The hook's
// environment is set up once and reused by the second run, as on a developer's machine.
// pre-commit's npm installs take their packages from the npm cache when it has them (NPM_FROM_CACHE).
const preCommit = which('pre-commit');
const missing = preCommit === undefined && process.env.CI !== 'true';
if (missing) console.warn('skipped: pre-commit is not installed (Debian/Ubuntu: apt-get install pre-commit)');

let scratch: string;
let hookRepository: string;
let team: string;
const preCommitHome = () => path.join(scratch, 'pre-commit-home');
const env = () => userEnv({ PRE_COMMIT_HOME: preCommitHome(), NO_COLOR: '1', ...NPM_FROM_CACHE });
const git = (cwd: string, ...args: string[]) => {
  const result = run('git', args, { cwd, env: env() });
  expect(result.status, result.stderr).toBe(0);
};
function initRepository(folder: string): void {
  mkdirSync(folder, { recursive: true });
  git(folder, 'init', '--quiet');
  git(folder, 'config', 'user.email', 'team@example.com');
  git(folder, 'config', 'user.name', 'Team');
  git(folder, 'config', 'commit.gpgsign', 'false');
}

beforeAll(() => {
  if (missing) return;
  scratch = mkdtempSync(path.join(os.tmpdir(), 'omni-pre-commit-'));
  const tarball = packedTarball();

  hookRepository = path.join(scratch, 'pre-commit-omni');
  initRepository(hookRepository);
  copyFileSync(path.join(REPO_ROOT, 'pre-commit-mirror/package.json'), path.join(hookRepository, 'package.json'));
  const hooks = readFileSync(path.join(REPO_ROOT, 'pre-commit-mirror/.pre-commit-hooks.yaml'), 'utf8');
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  expect(hooks).toContain(`additional_dependencies: ['omni-journey@${version}']`);
  writeFileSync(path.join(hookRepository, '.pre-commit-hooks.yaml'), hooks.replace(`omni-journey@${version}`, tarball));
  git(hookRepository, 'add', '-A');
  git(hookRepository, 'commit', '--quiet', '-m', 'hook');
  git(hookRepository, 'tag', `v${version}`);

  team = path.join(scratch, 'team');
  initRepository(team);
  // The workspace in plan/, as the doc's `args: [plan]` has it.
  const init = run(process.execPath, [OMNI_BIN, 'init', 'plan', '--yes', '--locale', 'en'], { cwd: team, env: env() });
  expect(init.status, init.stderr).toBe(0);
  const doc = readFileSync(path.join(REPO_ROOT, 'docs/github-actions.md'), 'utf8');
  const config = /```yaml\n(# \.pre-commit-config\.yaml\n[\s\S]*?)```/.exec(doc)![1]!;
  expect(config).toContain('repo: https://github.com/omni-journey/pre-commit-omni');
  expect(config).toContain(`rev: v${version}`);
  writeFileSync(path.join(team, '.pre-commit-config.yaml'), config.replace('https://github.com/omni-journey/pre-commit-omni', hookRepository));
  git(team, 'add', '-A');
  git(team, 'commit', '--quiet', '-m', 'plan');
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.skipIf(missing)('pre-commit with the real pre-commit', () => {
  it('installs the hook without building anything, passes a clean plan and fails a broken one', () => {
    const started = Date.now();
    const clean = run(preCommit ?? 'pre-commit', ['run', 'omni-lint', '--all-files'], { cwd: team, env: env(), timeout: 300_000 });
    const seconds = (Date.now() - started) / 1000;
    console.log(`pre-commit run (hook environment set up): ${seconds.toFixed(1)} s`);
    expect(clean.status, `${clean.stdout}\n${clean.stderr}`).toBe(0);
    expect(clean.stdout).toMatch(/^omni lint\.+Passed$/m);
    const environments = () =>
      readdirSync(preCommitHome())
        .filter((name) => name.startsWith('repo'))
        .sort();
    const afterFirstRun = environments();
    expect(afterFirstRun.length).toBeGreaterThan(0);

    // A reference to a channel nobody declared: the hook reports it and fails the commit.
    const matrix = path.join(team, 'plan/matrix.yaml');
    writeFileSync(matrix, readFileSync(matrix, 'utf8').replace('    channel: web\n', '    channel: wbe\n'));
    const broken = run(preCommit ?? 'pre-commit', ['run', 'omni-lint', '--all-files'], { cwd: team, env: env(), timeout: 120_000 });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^omni lint\.+Failed$/m);
    expect(broken.stdout).toMatch(/^plan\/matrix\.yaml\n[\s\S]*unknown channel "wbe"[\s\S]*unknown-reference/m);
    // The environment set up by the first run served the second: nothing was cloned or installed again.
    expect(environments()).toEqual(afterFirstRun);
  }, 420_000);
});

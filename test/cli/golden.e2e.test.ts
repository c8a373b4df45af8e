import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

/**
 * Golden CLI cases (see test/cli/README.md): each folder holds `cmd`, the expected stdout,
 * stderr and exit code, and optionally `env`, `cwd`, `input/` and `expected.files/`.
 * Cases run in-process through `run(argv, io)` (no process start-up, no build needed);
 * a case holding a `spawn` file runs the BUILT binary instead, so the real entry point
 * (bin/omni.js, exit codes, streams) stays covered. UPDATE_GOLDEN=1 rewrites the expected
 * files from the actual run.
 */
const repo = path.resolve(import.meta.dirname, '../..');
const casesDir = import.meta.dirname;
const bin = path.join(repo, 'bin/omni.js');
const update = process.env.UPDATE_GOLDEN === '1';

const cases = readdirSync(casesDir)
  .filter((name) => existsSync(path.join(casesDir, name, 'cmd')))
  .sort();

/** Newest modification time under a folder, to tell whether dist/ is older than src/. */
function newest(folder: string): number {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

beforeAll(() => {
  // `npm test` builds first; when vitest is run directly, build if dist/ is missing or stale.
  const main = path.join(repo, 'dist/cli/main.js');
  if (existsSync(main) && statSync(main).mtimeMs >= newest(path.join(repo, 'src'))) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: repo, encoding: 'utf8', shell: process.platform === 'win32' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
}, 120_000);

/** Splits an args line on whitespace; "double quotes" group words. */
function splitArgs(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]!);
}

function readOptional(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Machine-specific paths become placeholders so goldens are portable. */
function normalize(text: string, tmp: string): string {
  return text.split(tmp).join('<tmp>').split(repo).join('<repo>');
}

function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

function check(file: string, actual: string): void {
  if (update) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual, path.relative(repo, file)).toBe(readFileSync(file, 'utf8'));
}

interface CliRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): CliRun {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  expect(result.error, 'spawn').toBeUndefined();
  return result;
}

async function runInProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const status = await run(args, { stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, cwd, env });
  return { stdout, stderr, status };
}

describe('golden CLI cases', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  for (const name of cases) {
    const dir = path.join(casesDir, name);
    const spawned = existsSync(path.join(dir, 'spawn'));
    it(spawned ? `${name} (spawned)` : name, async () => {
      const tmp = mkdtempSync(path.join(tmpdir(), 'omni-golden-'));
      try {
        const fill = (text: string) => text.replaceAll('{tmp}', tmp);
        const args = splitArgs(fill(readFileSync(path.join(dir, 'cmd'), 'utf8').trim()));
        const extraEnv = Object.fromEntries(
          (readOptional(path.join(dir, 'env')) ?? '')
            .split('\n')
            .filter((line) => line.trim() && !line.startsWith('#'))
            .map((line) => [line.slice(0, line.indexOf('=')), fill(line.slice(line.indexOf('=') + 1))]),
        );
        const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extraEnv };
        // The host's CI variables must not leak into the cases.
        for (const key of ['FORCE_COLOR', 'OMNI_DEBUG', 'GITHUB_STEP_SUMMARY']) if (!(key in extraEnv)) delete env[key];
        const cwd = path.join(repo, (readOptional(path.join(dir, 'cwd')) ?? '.').trim());
        const result = spawned ? spawnCli(args, cwd, env) : await runInProcess(args, cwd, env);
        const stdout = normalize(result.stdout, tmp);
        const stderr = normalize(result.stderr, tmp);
        // Whatever the case, never a stack trace.
        expect(stderr.split('\n').filter((line) => line.startsWith('    at '))).toEqual([]);

        const sameAs = readOptional(path.join(dir, 'expected.stdout.same-as'));
        if (sameAs) expect(stdout).toBe(readFileSync(path.join(repo, sameAs.trim()), 'utf8'));
        else check(path.join(dir, 'expected.stdout'), stdout);
        if (update) {
          if (stderr) writeFileSync(path.join(dir, 'expected.stderr'), stderr);
          else rmSync(path.join(dir, 'expected.stderr'), { force: true });
        } else {
          expect(stderr, 'stderr').toBe(readOptional(path.join(dir, 'expected.stderr')) ?? '');
        }
        check(path.join(dir, 'expected.exit'), `${result.status}\n`);

        // Files the command wrote into {tmp} (-o, GITHUB_STEP_SUMMARY) against expected.files/.
        const expectedFiles = path.join(dir, 'expected.files');
        const written = listFiles(tmp);
        if (update) rmSync(expectedFiles, { recursive: true, force: true });
        else expect(written).toEqual(listFiles(expectedFiles));
        for (const file of written) check(path.join(expectedFiles, file), normalize(readFileSync(path.join(tmp, file), 'utf8'), tmp));
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});

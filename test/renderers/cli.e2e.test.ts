import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { omni as omniInProcess } from '../cli/helpers.js';

// The built CLI (`npm test` builds first), as users run it, for the golden render; the CLI's run() in process for the rest.
const BIN = path.resolve('bin/omni.js');
const GOLDEN = path.resolve('test/renderers/golden');
const temporaryFolders: string[] = [];

function tempOut(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'omni-render-test-'));
  temporaryFolders.push(folder);
  return path.join(folder, 'diagrams');
}

/** `omni render` as users run it: the built binary, spawned. */
function spawnedRender(...args: string[]) {
  const result = spawnSync('node', [BIN, 'render', ...args, '--locale', 'en'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `omni render` through `run(argv, io)` in this process (the binary runs the same function): no Node start-up per call. */
const omni = (...args: string[]) => omniInProcess(['render', ...args]);

const listFiles = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();

beforeAll(() => {
  expect(existsSync(path.resolve('dist/cli/render-run.js')), 'build first: npm run build').toBe(true);
});
afterEach(() => {
  for (const folder of temporaryFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('omni render (the CLI in process; the built binary for the golden render)', { timeout: 120_000 }, () => {
  it('writes every .mmd and journey.md, byte-identical to the golden files (spawned binary)', () => {
    const out = tempOut();
    const result = spawnedRender('examples/maison-lumen', '--out', out);
    expect(result.stderr).toBe(`omni: wrote 23 diagrams and journey.md to ${out}\n`);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    const files = listFiles(out);
    expect(files).toEqual(listFiles(path.join(GOLDEN, 'maison-lumen')));
    for (const file of files) expect(readFileSync(path.join(out, file), 'utf8'), file).toBe(readFileSync(path.join(GOLDEN, 'maison-lumen', file), 'utf8'));
  });

  it('--check exits 0 when up to date and 1 listing drifted, missing and stale files, writing nothing', async () => {
    const out = tempOut();
    expect((await omni('examples/maison-lumen', '--out', out)).code).toBe(0);
    const upToDate = await omni('examples/maison-lumen', '--out', out, '--check');
    expect(upToDate.code).toBe(0);
    expect(upToDate.stderr).toBe(`omni: 24 diagram files in ${out} are up to date\n`);

    writeFileSync(path.join(out, 'matrix.mmd'), 'block-beta\n  columns 1\n');
    rmSync(path.join(out, 'programs.mmd'));
    writeFileSync(path.join(out, 'scenarios', 'renamed.mmd'), 'flowchart LR\n');
    const drifted = await omni('examples/maison-lumen', '--out', out, '--check');
    expect(drifted.code).toBe(1);
    expect(drifted.stdout).toBe(`differs\t${out}/matrix.mmd\nmissing\t${out}/programs.mmd\nstale\t${out}/scenarios/renamed.mmd\n`);
    expect(drifted.stderr).toContain('3 files in');
    // Nothing was written or removed.
    expect(readFileSync(path.join(out, 'matrix.mmd'), 'utf8')).toBe('block-beta\n  columns 1\n');
    expect(existsSync(path.join(out, 'programs.mmd'))).toBe(false);
    expect(existsSync(path.join(out, 'scenarios', 'renamed.mmd'))).toBe(true);

    // A full render repairs everything, stale scenario files included.
    expect((await omni('examples/maison-lumen', '--out', out)).code).toBe(0);
    expect(existsSync(path.join(out, 'scenarios', 'renamed.mmd'))).toBe(false);
    expect((await omni('examples/maison-lumen', '--out', out, '--check')).code).toBe(0);
  });

  it('--check on an empty folder reports every file missing', async () => {
    const out = tempOut();
    const result = await omni('examples/maison-lumen', '--out', out, '--check');
    expect(result.code).toBe(1);
    expect(result.stdout.trim().split('\n')).toHaveLength(24);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a workspace with lint errors unless --force, and says why', async () => {
    const out = tempOut();
    const refused = await omni('examples/gaps', '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^omni: \d+ lint errors in the workspace \(first: .+\)\n {2}run `omni lint` to see them, or pass --force to render anyway\n$/);
    expect(existsSync(out)).toBe(false);
    const forced = await omni('examples/gaps', '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(forced.stderr).toMatch(/^omni: warning: rendering despite \d+ lint errors \(--force\)\n/);
    expect(readFileSync(path.join(out, 'matrix.mmd'), 'utf8')).toBe(readFileSync(path.join(GOLDEN, 'gaps', 'matrix.mmd'), 'utf8'));
  });

  it('--view renders a subset and leaves journey.md alone', async () => {
    const out = tempOut();
    const result = await omni('examples/maison-lumen', '--out', out, '--view', 'matrix,use-cases', '--view', 'programs');
    expect(result.code, result.stderr).toBe(0);
    expect(listFiles(out)).toEqual(['matrix.mmd', 'programs.mmd', 'use-cases.mmd']);
  });

  it('renders the hostile fixture', async () => {
    const out = tempOut();
    expect((await omni('test/fixtures/hostile', '--out', out)).code).toBe(0);
    expect(listFiles(out)).toContain('scenarios/sc-inject.mmd');
  });

  it.each([
    [['--view', 'matrx'], 'omni: unknown view "matrx" (did you mean "matrix"?)\n  views: matrix, use-cases, scenario-map, scenario, programs, data-lineage\n'],
    [['--check', '--format', 'svg'], 'omni: --check compares the .mmd files and journey.md only\n  drop --format, or drop --check to write SVG/PNG\n'],
    [
      ['--format', 'png', '--browser', '/nonexistent/chromium'],
      'omni: --browser /nonexistent/chromium: no executable there\n  install one (Debian/Ubuntu: `apt-get install chromium`; macOS: install Google Chrome) or pass --browser PATH / set PUPPETEER_EXECUTABLE_PATH\n',
    ],
  ])('usage error %j: one line and a hint, exit 2', async (args, stderr) => {
    const out = tempOut();
    const result = await omni('examples/maison-lumen', '--out', out, ...args);
    expect(result.stderr).toBe(stderr);
    expect(result.code).toBe(2);
  });

  it('says which file it cannot write when --out is not a folder', async () => {
    const out = tempOut();
    expect((await omni('examples/maison-lumen', '--out', out, '--view', 'matrix')).code).toBe(0);
    const result = await omni('examples/maison-lumen', '--out', path.join(out, 'matrix.mmd'), '--view', 'matrix');
    // Refused before any work, in one line naming the path (see src/cli/output.ts).
    expect(result.stderr).toBe(`omni: --out ${path.join(out, 'matrix.mmd')} is not a folder\n`);
    expect(result.code).toBe(2);
  });

  it('rejects a format it does not know through commander', async () => {
    const result = await omni('examples/maison-lumen', '--out', tempOut(), '--format', 'pdf');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'pdf' is invalid. Allowed choices are svg, png.");
  });
});

describe('what the .mmd render loads', { timeout: 120_000 }, () => {
  // The module trace of test/pipeline/lint-imports.test.ts: every module the built CLI loads.
  const REGISTER = path.resolve('test/fixtures/module-trace/register.mjs');
  const HEAVY = /node_modules\/(puppeteer|puppeteer-core|mermaid|@mermaid-js|jsdom)\//;
  const loaded = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', REGISTER, BIN, 'render', ...args, '--locale', 'en'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    return { status: result.status, modules: result.stderr.split('\n').filter((line) => line.startsWith('loaded ')) };
  };

  it.each([
    ['a render to .mmd', [] as string[], 0],
    ['render --check', ['--check'], 1],
  ])('%s loads neither Mermaid, Puppeteer nor jsdom', (_, extra, status) => {
    const { status: actual, modules } = loaded('examples/maison-lumen', '--out', tempOut(), ...extra);
    expect(actual).toBe(status);
    expect(modules.some((line) => /\/dist\/bundle\/render-run-[\w-]+\.js$/.test(line))).toBe(true);
    expect(modules.filter((line) => HEAVY.test(line))).toEqual([]);
  });
});

import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, tempDir } from './helpers.js';

/**
 * An interrupted `omni report` / `omni render` exits 128+signal and leaves the previous
 * output untouched (issue #11). Spawns the real binary: signals are the process's business.
 */

/** A "browser" that starts, says so in a file, and never answers (a slow renderer), for at most 30 s. */
function fakeBrowser(dir: string): { executable: string; started: string } {
  const executable = path.join(dir, 'slow-browser');
  const started = path.join(dir, 'browser-started');
  writeFileSync(executable, `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(started)}, String(process.pid));\nsetTimeout(() => {}, 30000);\n`);
  chmodSync(executable, 0o755);
  return { executable, started };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts omni, sends `signal` once `ready()` holds, and resolves when it has exited. */
async function interrupt(args: string[], ready: () => boolean, signal: NodeJS.Signals, env: NodeJS.ProcessEnv = {}): Promise<Ended> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const ended = new Promise<Ended>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr })));
  try {
    await waitFor(() => ready() || child.exitCode !== null, 30_000);
  } finally {
    child.kill(signal);
  }
  return ended;
}

/** A scratch folder per case (the cases run concurrently), the fake browser killed if left behind. */
async function inScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = tempDir('omni-signals-');
  try {
    return await work(dir);
  } finally {
    const started = path.join(dir, 'browser-started');
    // The fake browser is bounded anyway; do not leave it behind.
    if (existsSync(started)) {
      try {
        process.kill(Number(readFileSync(started, 'utf8')), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether a process is gone, polled for a short while (it may be exiting as omni does). */
async function processGone(pid: number): Promise<boolean> {
  const deadline = Date.now() + 3_000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// Concurrent: each case mostly waits on processes starting.
describe.concurrent('an interrupted run exits 128+signal and writes nothing', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const)(
    'report on %s while the renderer works: exit %i, the previous report untouched',
    (signal, status) =>
      inScratch(async (dir) => {
        const { executable, started } = fakeBrowser(dir);
        const report = path.join(dir, 'report.html');
        writeFileSync(report, '<p>the previous report</p>\n');
        const ended = await interrupt(['report', 'examples/maison-lumen', '--browser', executable, '-o', report], () => existsSync(started), signal);
        expect({ code: ended.code, signal: ended.signal }, ended.stderr).toEqual({ code: status, signal: null });
        expect(readFileSync(report, 'utf8')).toBe('<p>the previous report</p>\n');
        // The browser that was starting is killed, not left to finish starting on its own.
        expect(await processGone(Number(readFileSync(started, 'utf8')))).toBe(true);
        expect(readdirSync(dir).filter((name) => name.includes('omni-tmp'))).toEqual([]);
        expect(ended.stderr).not.toMatch(/report written|unexpected error|\n {4}at /);
      }),
    60_000,
  );

  it(
    'render --format svg on SIGTERM: exit 143, no diagram file written or replaced',
    () =>
      inScratch(async (dir) => {
        const { executable, started } = fakeBrowser(dir);
        const out = path.join(dir, 'diagrams');
        const first = await interrupt(['render', 'examples/maison-lumen', '--out', out, '--view', 'matrix'], () => false, 'SIGCONT');
        expect(first.code, first.stderr).toBe(0);
        const before = readFileSync(path.join(out, 'matrix.mmd'), 'utf8');
        writeFileSync(path.join(out, 'matrix.mmd'), `${before}%% edited by hand\n`);
        const ended = await interrupt(
          ['render', 'examples/maison-lumen', '--out', out, '--format', 'svg', '--browser', executable],
          () => existsSync(started),
          'SIGTERM',
        );
        expect({ code: ended.code, signal: ended.signal }, ended.stderr).toEqual({ code: 143, signal: null });
        expect(readdirSync(out)).toEqual(['matrix.mmd']);
        expect(readFileSync(path.join(out, 'matrix.mmd'), 'utf8')).toBe(`${before}%% edited by hand\n`);
      }),
    60_000,
  );
});

describe('an interrupted run with a real browser', () => {
  // After the concurrent cases: a real browser competing for the CPU would only slow them.
  it.skipIf(!existsSync('/usr/bin/chromium') && process.env.CI !== 'true')(
    'report with a real Chromium on SIGTERM: exit 143, the previous report untouched',
    () =>
      inScratch(async (dir) => {
        // Chromium's profile folder appearing in TMPDIR says the browser is starting.
        const tmp = path.join(dir, 'tmp');
        mkdirSync(tmp);
        const report = path.join(dir, 'report.html');
        writeFileSync(report, 'previous\n');
        const ended = await interrupt(
          ['report', 'examples/maison-lumen', '--browser', '/usr/bin/chromium', '-o', report],
          () => readdirSync(tmp).some((name) => name.startsWith('omni-chromium-')),
          'SIGTERM',
          { TMPDIR: tmp },
        );
        expect({ code: ended.code, signal: ended.signal }, ended.stderr).toEqual({ code: 143, signal: null });
        expect(readFileSync(report, 'utf8')).toBe('previous\n');
        // Interrupted while Chromium started: killed first, then its profile removed, so none is left.
        expect(readdirSync(tmp).filter((name) => name.startsWith('omni-chromium-'))).toEqual([]);
      }),
    60_000,
  );
});

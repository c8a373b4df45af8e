#!/usr/bin/env node
// Rendering cost of `omni render`, from one run on generated workspaces (bench/generate.mjs):
//   1. .mmd only, 10,000 scenarios (every view, omni's structural limits, no Mermaid): wall, peak RSS
//   2. --format svg: 1 diagram, 50 diagrams, 200 diagrams (one page, batched page calls)
//   3. --check-syntax on the 200-scenario workspace (Mermaid's parser in the same page)
// Targets (issue 16): (1) < 30 s and < 500 MB; (2) 50 < 2× one, 200 < 4× one, < 0.1 s per extra diagram.
//
//   npm run build && node bench/render.mjs [--browser /usr/bin/chromium] [--repeat 3] [--scenarios 10000] [--no-svg]
//
// Whole processes are timed (node start-up, lint and Chromium start-up included), medians of --repeat.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWorkspace } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'omni.js');
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const repeat = Number(option('--repeat', 3));
const bigCount = Number(option('--scenarios', 10000));
const withSvg = !argv.includes('--no-svg');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const { findBrowser } = await import(path.join(root, 'dist', 'renderers', 'browser.js'));
const browserPath = withSvg ? findBrowser(option('--browser', undefined)) : undefined;

const work = mkdtempSync(path.join(os.tmpdir(), 'omni-bench-render-'));
const small = { files: 20, channels: 12, stages: 8, variables: 60, sources: 10, seed: 1 };

/** One omni run: wall seconds and, with GNU time, peak RSS in MB. */
function omni(args) {
  const command = gnuTime ? [gnuTime, '-f', '%M', process.execPath, bin, ...args] : [process.execPath, bin, ...args];
  const start = performance.now();
  const result = spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`omni ${args.join(' ')} failed:\n${result.stderr}`);
  const rss = gnuTime ? Number(result.stderr.trim().split('\n').at(-1)) / 1024 : NaN;
  return { seconds, rss, stderr: result.stderr };
}

function measured(label, args, runs = repeat) {
  const results = Array.from({ length: runs }, () => omni(args));
  const seconds = median(results.map((result) => result.seconds));
  const rss = median(results.map((result) => result.rss));
  const spread = results.map((result) => result.seconds.toFixed(2)).join(', ');
  console.log(`${label.padEnd(62)} ${seconds.toFixed(2).padStart(7)} s ${Number.isNaN(rss) ? '' : `${rss.toFixed(0).padStart(5)} MB`}  (${spread})`);
  return seconds;
}

try {
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}, node ${process.version}${browserPath ? `, ${browserPath}` : ''}`,
  );
  const big = path.join(work, 'big');
  writeWorkspace(big, { scenarios: bigCount });
  measured(`omni lint, ${bigCount} scenarios (baseline)`, ['lint', big, '--format', 'json', '-o', path.join(work, 'lint.json')], 1);
  const mmd = measured(`omni render (.mmd only), ${bigCount} scenarios`, ['render', big, '--out', path.join(work, 'big-out')], 1);
  console.log(`  target < 30 s and < 500 MB: ${mmd < 30 ? 'met' : 'NOT met'} on time`);

  if (browserPath) {
    const ws50 = path.join(work, 'ws50');
    const ws200 = path.join(work, 'ws200');
    writeWorkspace(ws50, { ...small, scenarios: 50 });
    writeWorkspace(ws200, { ...small, scenarios: 200 });
    const svg = (ws, view, out) => ['render', ws, '--format', 'svg', '--view', view, '--browser', browserPath, '--out', path.join(work, out)];
    const one = measured('omni render --format svg, 1 diagram (use-cases)', svg(ws50, 'use-cases', 'one'));
    const fifty = measured('omni render --format svg, 50 diagrams (50 scenario flows)', svg(ws50, 'scenario', 'fifty'));
    const twoHundred = measured('omni render --format svg, 200 diagrams (200 scenario flows)', svg(ws200, 'scenario', 'two-hundred'));
    measured('omni render --check-syntax, 200 scenarios (every view, .mmd)', [
      'render',
      ws200,
      '--check-syntax',
      '--browser',
      browserPath,
      '--out',
      path.join(work, 'checked'),
    ]);
    console.log(`ratio 50 / 1:    ${(fifty / one).toFixed(2)}×  (target < 2×)`);
    console.log(`ratio 200 / 1:   ${(twoHundred / one).toFixed(2)}×  (target < 4×)`);
    console.log(`per extra diagram: ${(((twoHundred - one) / 199) * 1000).toFixed(0)} ms  (target < 100 ms)`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

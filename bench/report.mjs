#!/usr/bin/env node
// Size and time of `omni report` with diagrams on generated workspaces (bench/generate.mjs).
// Target (issue 16): under 10 MB at 500 scenarios (Mermaid's stylesheet shared, not one per SVG).
//
//   npm run build && node bench/report.mjs [--browser /usr/bin/chromium] [--scenarios 50,500]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWorkspace } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'omni.js');
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const sizes = option('--scenarios', '50,500').split(',').map(Number);
const { findBrowser } = await import(path.join(root, 'dist', 'renderers', 'browser.js'));
const browserPath = findBrowser(option('--browser', undefined));
const work = mkdtempSync(path.join(os.tmpdir(), 'omni-bench-report-'));

try {
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os
      .loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}, node ${process.version}`,
  );
  for (const scenarios of sizes) {
    const ws = path.join(work, `ws${scenarios}`);
    writeWorkspace(ws, { files: 20, channels: 12, stages: 8, variables: 60, sources: 10, seed: 1, scenarios });
    const out = path.join(work, `report${scenarios}.html`);
    const start = performance.now();
    const result = spawnSync(process.execPath, [bin, 'report', ws, '--browser', browserPath, '-o', out], { encoding: 'utf8' });
    const seconds = (performance.now() - start) / 1000;
    if (result.status !== 0) throw new Error(result.stderr);
    const html = readFileSync(out, 'utf8');
    const megabytes = statSync(out).size / 1e6;
    const svgs = html.match(/<svg id=/g)?.length ?? 0;
    const styles = html.match(/<style\b/g)?.length ?? 0;
    console.log(
      `${String(scenarios).padStart(5)} scenarios: ${seconds.toFixed(1).padStart(6)} s, ${megabytes.toFixed(2).padStart(6)} MB, ${svgs} SVG, ${styles} <style> (${result.stderr.trim().split('\n').at(-1)})`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

#!/usr/bin/env node
// Rendering speed of `omni render --format svg`, from one run:
//   1. one diagram          omni render WS --format svg --view matrix
//   2. fifty diagrams       omni render WS --format svg   (5 views + 45 scenario flows)
//   3. the same fifty       @mermaid-js/mermaid-cli renderMermaid(), one shared browser
// and the ratios. Target (issue 3): 50 diagrams in less than 3× the time of one.
//
//   npm run build && node bench/render.mjs [--browser /usr/bin/chromium] [--repeat 3]
//
// The workspace is examples/maison-lumen with its 12 scenarios copied under new ids
// until there are 45, so every diagram is a real view of a realistic plan.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'omni.js');
const argv = process.argv.slice(2);
const browserArg = argv.includes('--browser') ? argv[argv.indexOf('--browser') + 1] : undefined;
// omni runs are repeated and the median kept: one busy moment on a shared machine should not decide the ratio.
const repeat = argv.includes('--repeat') ? Number(argv[argv.indexOf('--repeat') + 1]) : 3;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const { findBrowser, CHROMIUM_ARGS } = await import(path.join(root, 'dist', 'renderers', 'browser.js'));
const browserPath = findBrowser(browserArg);

const work = mkdtempSync(path.join(os.tmpdir(), 'omni-bench-render-'));
const workspace = path.join(work, 'workspace');
cpSync(path.join(root, 'examples', 'maison-lumen'), workspace, { recursive: true });
const scenarioFolder = path.join(workspace, 'scenarios');
const originals = readdirSync(scenarioFolder)
  .sort()
  .flatMap((file) => YAML.parse(readFileSync(path.join(scenarioFolder, file), 'utf8')).scenarios);
const copies = [];
for (let index = 0; originals.length + copies.length < 45; index++) {
  const source = originals[index % originals.length];
  const round = Math.floor(index / originals.length) + 2;
  copies.push({ ...source, id: `${source.id}-${round}`, name: `${source.name} (${round})` });
}
writeFileSync(path.join(scenarioFolder, 'zz-copies.yaml'), YAML.stringify({ scenarios: copies }));

function omni(...args) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, 'render', workspace, '--browser', browserPath, ...args], { encoding: 'utf8' });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`omni render ${args.join(' ')} failed:\n${result.stderr}`);
  return { seconds, stderr: result.stderr.trim() };
}

try {
  const oneOut = path.join(work, 'one');
  const fiftyOut = path.join(work, 'fifty');
  const ones = [];
  const fifties = [];
  for (let run = 0; run < repeat; run++) {
    ones.push(omni('--format', 'svg', '--view', 'matrix', '--out', oneOut).seconds);
    fifties.push(omni('--format', 'svg', '--out', fiftyOut).seconds);
  }
  const one = { seconds: median(ones) };
  const fifty = { seconds: median(fifties) };
  const mmdFiles = readdirSync(fiftyOut, { recursive: true }).map(String).filter((file) => file.endsWith('.mmd')).sort();
  if (mmdFiles.length !== 50) throw new Error(`expected 50 diagrams, got ${mmdFiles.length}`);

  // mermaid-cli's exported API with one browser shared by all diagrams (its fastest
  // documented use): it still opens a page and loads Mermaid for each diagram.
  const { renderMermaid } = await import('@mermaid-js/mermaid-cli');
  const { default: puppeteer } = await import('puppeteer-core');
  const userDataDir = mkdtempSync(path.join(work, 'chromium-'));
  const start = performance.now();
  const browser = await puppeteer.launch({ executablePath: browserPath, headless: true, args: CHROMIUM_ARGS, userDataDir });
  try {
    for (const file of mmdFiles) {
      const definition = readFileSync(path.join(fiftyOut, file), 'utf8');
      await renderMermaid(browser, definition, 'svg', { mermaidConfig: { theme: 'default' }, viewport: { width: 800, height: 600 } });
    }
  } finally {
    await browser.close();
  }
  const mermaidCli = (performance.now() - start) / 1000;

  const row = (label, seconds, note = '') => console.log(`${label.padEnd(58)} ${seconds.toFixed(2).padStart(7)} s${note}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load ${os.loadavg()[0].toFixed(1)}, node ${process.version}, ${browserPath}`);
  const all = (values) => `  (median of ${values.map((value) => value.toFixed(2)).join(', ')})`;
  row('omni render --format svg, 1 diagram (whole process)', one.seconds, all(ones));
  row('omni render --format svg, 50 diagrams (whole process)', fifty.seconds, all(fifties));
  row('mermaid-cli renderMermaid, same 50, one shared browser', mermaidCli);
  console.log(`ratio omni 50 / omni 1:            ${(fifty.seconds / one.seconds).toFixed(2)}×  (target < 3×)`);
  console.log(`ratio mermaid-cli 50 / omni 50:    ${(mermaidCli / fifty.seconds).toFixed(2)}×`);
  console.log(`per extra diagram (omni):          ${(((fifty.seconds - one.seconds) / 49) * 1000).toFixed(0)} ms`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

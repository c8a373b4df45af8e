#!/usr/bin/env node
// Export benchmark: omni export --xlsx of a large generated workspace.
//
//   npm run build && node bench/export.mjs [--dir WS] [--runs 3]
//        [generator options, see bench/generate.mjs: --scenarios 10000 --seed 1 …]
//
// Measured in this run, on this machine, each figure the median of --runs child processes
// (wall time from spawn to exit, peak RSS from GNU time, else process.resourceUsage in a wrapper):
//   baseline  omni lint WS --format json: load + validate + lint, what any command pays first
//   export    omni export WS --xlsx FILE: the same, plus building and writing the workbook
// Targets (issue 4): export under 10 s and under 1 GB peak RSS on a 2-core machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGenerateArgs, writeWorkspace } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OMNI = path.join(ROOT, 'bin/omni.js');
const GNU_TIME = '/usr/bin/time';

function option(argv, name, fallback) {
  const index = argv.indexOf(name);
  if (index < 0) return fallback;
  const value = argv[index + 1];
  argv.splice(index, 2);
  return value;
}

/** Runs node with args in a child; returns wall seconds and peak RSS in MiB. */
function measure(args) {
  const gnu = existsSync(GNU_TIME);
  const command = gnu ? GNU_TIME : process.execPath;
  const fullArgs = gnu ? ['-f', 'MAXRSS_KB=%M CPU_S=%U+%S', process.execPath, ...args] : args;
  const start = process.hrtime.bigint();
  const child = spawnSync(command, fullArgs, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  const rss = gnu ? Number(/MAXRSS_KB=(\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024 : NaN;
  const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(child.stderr);
  return { seconds, rss, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const argv = process.argv.slice(2);
const runs = Number(option(argv, '--runs', '3'));
let dir = option(argv, '--dir', undefined);
if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
  console.error('bench/export: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const scratch = mkdtempSync(path.join(os.tmpdir(), 'omni-bench-export-'));
if (!dir) {
  const generateOptions = parseGenerateArgs(argv).options;
  dir = path.join(scratch, 'ws');
  writeWorkspace(dir, generateOptions);
}
const out = path.join(scratch, 'plan.xlsx');

const baseline = [];
const exported = [];
for (let run = 0; run < runs; run++) {
  baseline.push(measure([OMNI, 'lint', dir, '--format', 'json']));
  exported.push(measure([OMNI, 'export', dir, '--xlsx', out]));
}

// Size of what was exported, read back from the workbook's own data.
const check = spawnSync(
  process.execPath,
  [
    '-e',
    `
  const XLSX = require(${JSON.stringify(path.join(ROOT, 'node_modules/xlsx'))});
  const book = XLSX.read(require('fs').readFileSync(${JSON.stringify(out)}));
  let cells = 0, scenarios = 0;
  for (const name of book.SheetNames) {
    const sheet = book.Sheets[name];
    for (const [ref, cell] of Object.entries(sheet)) {
      if (ref[0] === '!' || cell.v === undefined || cell.v === '') continue;
      if (name !== 'omni') cells++;
      else if (ref[0] === 'A' && cell.v === 'scenarios') scenarios++;
    }
  }
  console.log(JSON.stringify({ cells, scenarios }));
`,
  ],
  { encoding: 'utf8', maxBuffer: 1 << 30 },
);
const size = JSON.parse(check.stdout || '{}');

const summary = (list) => ({ seconds: median(list.map((m) => m.seconds)), rss: median(list.map((m) => m.rss)), cpu: median(list.map((m) => m.cpu)) });
const b = summary(baseline);
const e = summary(exported);
const mib = (value) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(0)} MiB`);
console.log(`workspace  ${dir}: ${size.scenarios} scenarios, ${size.cells} non-empty cells in the visible tabs (${(statSync(out).size / 1024 / 1024).toFixed(1)} MiB)`);
console.log(`machine    ${os.cpus().length} CPU(s), load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}; median of ${runs} run(s)`);
console.log(`baseline   omni lint --format json   ${b.seconds.toFixed(2)} s wall, ${b.cpu.toFixed(2)} s CPU   peak RSS ${mib(b.rss)}`);
console.log(`export     omni export --xlsx        ${e.seconds.toFixed(2)} s wall, ${e.cpu.toFixed(2)} s CPU   peak RSS ${mib(e.rss)}`);
console.log(`ratio      export / lint             ${(e.seconds / b.seconds).toFixed(2)}× time   ${(e.rss / b.rss).toFixed(2)}× memory`);
console.log(`target     < 10 s and < 1024 MiB: ${e.seconds < 10 && e.rss < 1024 ? 'met' : 'NOT met'}`);
rmSync(scratch, { recursive: true, force: true });

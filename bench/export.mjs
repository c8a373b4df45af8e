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
// Targets (issue 4): export under 10 s and under 1 GB peak RSS on a 2-core machine;
// issue 16: 10,000 scenarios under 5 s on a quiet host, 50,000 under 1 GB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine, measure, mib, option, OMNI, requireBuild, ROOT, summary } from './common/index.mjs';
import { parseGenerateArgs, writeWorkspace } from './generate.mjs';

const argv = process.argv.slice(2);
const runs = Number(option(argv, '--runs', '3'));
let dir = option(argv, '--dir', undefined);
requireBuild('export');
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

const b = summary(baseline);
const e = summary(exported);
console.log(`workspace  ${dir}: ${size.scenarios} scenarios, ${size.cells} non-empty cells in the visible tabs (${(statSync(out).size / 1024 / 1024).toFixed(1)} MiB)`);
console.log(`machine    ${machine()}; median of ${runs} run(s)`);
console.log(`baseline   omni lint --format json   ${b.seconds.toFixed(2)} s wall, ${b.cpu.toFixed(2)} s CPU   peak RSS ${mib(b.rss)}`);
console.log(`export     omni export --xlsx        ${e.seconds.toFixed(2)} s wall, ${e.cpu.toFixed(2)} s CPU   peak RSS ${mib(e.rss)}`);
console.log(`ratio      export / lint             ${(e.seconds / b.seconds).toFixed(2)}× time   ${(e.rss / b.rss).toFixed(2)}× memory`);
console.log(`target     < 10 s and < 1024 MiB: ${e.seconds < 10 && e.rss < 1024 ? 'met' : 'NOT met'}`);
rmSync(scratch, { recursive: true, force: true });

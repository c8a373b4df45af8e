#!/usr/bin/env node
// Import benchmark: omni import --xlsx of the workbook exported from a large generated workspace.
//
//   npm run build && node bench/import.mjs [--dir WS] [--runs 3]
//        [generator options, see bench/generate.mjs: --scenarios 10000 --seed 1 …]
//
// Each figure the median of --runs child processes (wall time from spawn to exit, peak RSS
// and CPU from GNU time):
//   export    omni export WS --xlsx FILE (the reference: import must stay within 2× of it)
//   import    omni import --xlsx FILE --out DIR --force: read the workbook (bounded reader),
//             rebuild the workspace from the data sheet, compare the visible tabs, write YAML
//   into      omni import --xlsx FILE --into WS --dry-run on the unedited workbook: pair every
//             row with its entity, find no edit (and no false warning)
// Targets (issue 16): import within 2× of export; an unedited workbook gives no warning.
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

/** Runs node with args in a child; returns wall seconds, CPU seconds, peak RSS in MiB and stderr. */
function measure(args) {
  const gnu = existsSync(GNU_TIME);
  const command = gnu ? GNU_TIME : process.execPath;
  const fullArgs = gnu ? ['-f', 'MAXRSS_KB=%M CPU_S=%U+%S', process.execPath, ...args] : args;
  const start = process.hrtime.bigint();
  const child = spawnSync(command, fullArgs, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-2000)}`);
  const rss = gnu ? Number(/MAXRSS_KB=(\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024 : NaN;
  const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(child.stderr);
  const stderr = child.stderr.replace(/MAXRSS_KB=.*\n?$/, '');
  return { seconds, rss, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, stderr };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const argv = process.argv.slice(2);
const runs = Number(option(argv, '--runs', '3'));
let dir = option(argv, '--dir', undefined);
if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
  console.error('bench/import: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const scratch = mkdtempSync(path.join(os.tmpdir(), 'omni-bench-import-'));
if (!dir) {
  dir = path.join(scratch, 'ws');
  writeWorkspace(dir, parseGenerateArgs(argv).options);
}
const xlsx = path.join(scratch, 'plan.xlsx');
const out = path.join(scratch, 'imported');

const exported = [];
const imported = [];
const into = [];
for (let run = 0; run < runs; run++) {
  exported.push(measure([OMNI, 'export', dir, '--xlsx', xlsx]));
  imported.push(measure([OMNI, 'import', '--xlsx', xlsx, '--out', out, '--force']));
  into.push(measure([OMNI, 'import', '--xlsx', xlsx, '--into', dir, '--dry-run']));
}
const warnings = (list) =>
  list
    .at(-1)
    .stderr.split('\n')
    .filter((line) => line.startsWith('omni: warning:')).length;

const summary = (list) => ({ seconds: median(list.map((m) => m.seconds)), rss: median(list.map((m) => m.rss)), cpu: median(list.map((m) => m.cpu)) });
const e = summary(exported);
const i = summary(imported);
const n = summary(into);
const mib = (value) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(0)} MiB`);
const line = (label, s) => `${label} ${s.seconds.toFixed(2)} s wall, ${s.cpu.toFixed(2)} s CPU   peak RSS ${mib(s.rss)}`;
console.log(`workspace  ${dir} (${(statSync(xlsx).size / 1024 / 1024).toFixed(1)} MiB workbook)`);
console.log(`machine    ${os.cpus().length} CPU(s), load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}; median of ${runs} run(s)`);
console.log(line('export     omni export --xlsx          ', e));
console.log(line('import     omni import --out           ', i) + `   ${warnings(imported)} warning(s)`);
console.log(line('into       omni import --into --dry-run', n) + `   ${warnings(into)} warning(s)`);
console.log(`ratio      import / export             ${(i.seconds / e.seconds).toFixed(2)}× time   ${(i.rss / e.rss).toFixed(2)}× memory`);
console.log(`target     import within 2× of export, no warning: ${i.seconds <= 2 * e.seconds && warnings(imported) === 0 && warnings(into) === 0 ? 'met' : 'NOT met'}`);
rmSync(scratch, { recursive: true, force: true });

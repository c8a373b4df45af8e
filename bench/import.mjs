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
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { machine, measure, mib, option, OMNI, requireBuild, summary, warnings } from './common/index.mjs';
import { parseGenerateArgs, writeWorkspace } from './generate.mjs';

const argv = process.argv.slice(2);
const runs = Number(option(argv, '--runs', '3'));
let dir = option(argv, '--dir', undefined);
requireBuild('import');
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
const warned = (list) => warnings(list.at(-1).stderr);

const e = summary(exported);
const i = summary(imported);
const n = summary(into);
const line = (label, s) => `${label} ${s.seconds.toFixed(2)} s wall, ${s.cpu.toFixed(2)} s CPU   peak RSS ${mib(s.rss)}`;
console.log(`workspace  ${dir} (${(statSync(xlsx).size / 1024 / 1024).toFixed(1)} MiB workbook)`);
console.log(`machine    ${machine()}; median of ${runs} run(s)`);
console.log(line('export     omni export --xlsx          ', e));
console.log(line('import     omni import --out           ', i) + `   ${warned(imported)} warning(s)`);
console.log(line('into       omni import --into --dry-run', n) + `   ${warned(into)} warning(s)`);
console.log(`ratio      import / export             ${(i.seconds / e.seconds).toFixed(2)}× time   ${(i.rss / e.rss).toFixed(2)}× memory`);
console.log(`target     import within 2× of export, no warning: ${i.seconds <= 2 * e.seconds && warned(imported) === 0 && warned(into) === 0 ? 'met' : 'NOT met'}`);
rmSync(scratch, { recursive: true, force: true });

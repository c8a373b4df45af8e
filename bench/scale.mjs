#!/usr/bin/env node
// Scale suite (issue 16): every command on generated workspaces of 10 / 200 / 10,000 / 50,000
// scenarios, in one run, each against a baseline measured in the same run, interleaved.
//
//   npm run build && node bench/scale.mjs [--sizes 10,200,10000,50000] [--runs 3] [--big-runs 3] [--huge-runs 1]
//        [--svg-max 200] [--report-at 500] [--browser /usr/bin/chromium] [--only lint,export,…]
//
// Per size (workspaces from bench/generate.mjs, seeded; --runs runs each, interleaved; sizes from
// 10,000 get --big-runs runs, from 50,000 --huge-runs):
//   floor         js-yaml load of every file (the lint floor)
//   lint          omni lint --format json                         ratio to the floor
//   floor-errors  the floor on the same workspace with 10% of the scenario files holding mistakes
//   lint-errors   omni lint (stylish, code frames) on it           ratio to floor-errors
//   render-mmd    omni render (the .mmd files and journey.md, no browser)
//   render-svg    omni render --format svg, up to --svg-max scenarios  ratio to one diagram (below)
//   export        omni export --xlsx
//   import        omni import --xlsx --out (the unedited workbook)  ratio to export; warnings counted
//   diff          omni diff --from WS --to WS' (10 scenarios renamed)  ratio to lint
//   report        omni report: with diagrams up to --svg-max scenarios, --no-diagrams above
// and once: svg-1, omni render --format svg --view matrix of a one-scenario workspace (one
// diagram: the start-up every SVG render pays), and, at --report-at scenarios (0: skip),
// omni report with diagrams, for its size target.
// Wall time is spawn to exit (node start-up included); CPU and peak RSS come from GNU time
// (the node process; Chromium's own processes are not counted).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, machine, measure, mib, OMNI, option, requireBuild, ROOT, seconds, summary, warnings } from './common/index.mjs';
import { writeWorkspace } from './generate.mjs';

const SELF = fileURLToPath(import.meta.url);

/** Generator options per size: the shape of bench/generate.mjs's default plan, scaled. */
function shape(scenarios) {
  if (scenarios <= 20) return { files: 6, channels: 6, stages: 4, variables: 20, sources: 4, seed: 1, scenarios };
  if (scenarios <= 1000) return { files: 20, channels: 12, stages: 8, variables: 120, sources: 12, seed: 1, scenarios };
  return { files: Math.round(scenarios / 10), channels: 50, stages: 20, variables: 2000, sources: 200, seed: 1, scenarios };
}

function yamlFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

async function workerFloor(dir) {
  const { default: jsYaml } = await import('js-yaml');
  let nodes = 0;
  for (const file of yamlFiles(dir)) if (jsYaml.load(readFileSync(file, 'utf8'))) nodes++;
  process.stdout.write(`${nodes}\n`);
}

/** A copy of `dir` where the first scenario of 10 scenario files (spread over the plan) is renamed. */
function editedCopy(dir, out) {
  cpSync(dir, out, { recursive: true });
  const files = yamlFiles(path.join(out, 'scenarios'));
  const step = Math.max(1, Math.floor(files.length / 10));
  let edited = 0;
  for (let index = 0; index < files.length && edited < 10; index += step) {
    const text = readFileSync(files[index], 'utf8');
    const next = text.replace(/(\n {4}name: "?)/, '$1Renommé — ');
    if (next !== text) {
      writeFileSync(files[index], next);
      edited++;
    }
  }
  return edited;
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--worker') return workerFloor(argv[1]);
  requireBuild('scale');
  const sizes = option(argv, '--sizes', '10,200,10000,50000').split(',').map(Number);
  const runs = Number(option(argv, '--runs', '3'));
  const bigRuns = Number(option(argv, '--big-runs', '3'));
  const hugeRuns = Number(option(argv, '--huge-runs', '1'));
  const svgMax = Number(option(argv, '--svg-max', '200'));
  const reportAt = Number(option(argv, '--report-at', '500'));
  const only = option(argv, '--only', undefined)?.split(',');
  const keep = flag(argv, '--keep');
  const { findBrowser } = await import(path.join(ROOT, 'dist/renderers/browser.js'));
  let browser;
  try {
    browser = findBrowser(option(argv, '--browser', undefined));
  } catch (error) {
    console.error(`bench/scale: no browser (${error.message.split('\n')[0]}): SVG renders and report diagrams skipped`);
  }
  const wanted = (name) => !only || only.includes(name);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'omni-bench-scale-'));
  const rows = [];
  const row = (size, name, list, extra = {}) => {
    const s = summary(list);
    rows.push({ size, name, ...s, runs: list.length, ...extra });
    return s;
  };
  const log = (text) => process.stderr.write(`bench/scale: ${text}\n`);
  console.log(`machine: ${machine()}; ${new Date().toISOString().slice(0, 16)}Z`);

  try {
    // The one-diagram SVG baseline, once.
    let svgOne;
    if (browser && wanted('render-svg')) {
      const ws = path.join(scratch, 'one');
      writeWorkspace(ws, shape(1));
      const list = [];
      let diagrams;
      for (let run = 0; run < runs; run++) {
        const out = path.join(scratch, 'svg-one');
        rmSync(out, { recursive: true, force: true });
        // --locale en: the generated workspace is French, and the diagram count is read from the English summary line.
        const result = measure([OMNI, 'render', ws, '--out', out, '--view', 'matrix', '--format', 'svg', '--browser', browser, '--locale', 'en']);
        diagrams = /wrote (\d+) diagrams?/.exec(result.stderr)?.[1];
        list.push(result);
      }
      svgOne = row(1, 'svg-1 (matrix view only)', list, { note: `${diagrams} diagram(s): the baseline of render svg` });
    }

    for (const size of sizes) {
      log(`generating ${size} scenarios`);
      const ws = path.join(scratch, `ws${size}`);
      const wsErrors = path.join(scratch, `ws${size}-errors`);
      const wsEdited = path.join(scratch, `ws${size}-edited`);
      writeWorkspace(ws, shape(size));
      if (wanted('lint-errors')) writeWorkspace(wsErrors, { ...shape(size), errors: 10 });
      const edited = wanted('diff') ? editedCopy(ws, wsEdited) : 0;
      const xlsx = path.join(scratch, `plan${size}.xlsx`);
      const n = size >= 50000 ? hugeRuns : size >= 10000 ? bigRuns : runs;
      const m = Object.fromEntries(
        ['floor', 'lint', 'floor-errors', 'lint-errors', 'render-mmd', 'render-svg', 'export', 'import', 'diff', 'report'].map((key) => [key, []]),
      );
      const meta = {};
      for (let run = 0; run < n; run++) {
        log(`${size} scenarios, run ${run + 1}/${n}`);
        if (wanted('lint')) {
          m.floor.push(measure([SELF, '--worker', ws]));
          m.lint.push(measure([OMNI, 'lint', ws, '--format', 'json', '-o', path.join(scratch, 'lint.json')]));
        }
        if (wanted('lint-errors')) {
          m['floor-errors'].push(measure([SELF, '--worker', wsErrors]));
          m['lint-errors'].push(measure([OMNI, 'lint', wsErrors], { accept: [1] }));
        }
        if (wanted('render-mmd')) {
          const out = path.join(scratch, 'mmd');
          rmSync(out, { recursive: true, force: true });
          const result = measure([OMNI, 'render', ws, '--out', out, '--locale', 'en']);
          meta.diagrams = Number(/wrote (\d+) diagrams/.exec(result.stderr)?.[1] ?? NaN);
          m['render-mmd'].push(result);
        }
        if (wanted('render-svg') && browser && size <= svgMax) {
          const out = path.join(scratch, 'svg');
          rmSync(out, { recursive: true, force: true });
          const result = measure([OMNI, 'render', ws, '--out', out, '--format', 'svg', '--browser', browser, '--locale', 'en']);
          meta.svgs = Number(/wrote (\d+) diagrams/.exec(result.stderr)?.[1] ?? NaN);
          m['render-svg'].push(result);
        }
        if (wanted('export') || wanted('import')) {
          rmSync(xlsx, { force: true });
          m.export.push(measure([OMNI, 'export', ws, '--xlsx', xlsx]));
          meta.workbook = statSync(xlsx).size;
        }
        if (wanted('import')) {
          const result = measure([OMNI, 'import', '--xlsx', xlsx, '--out', path.join(scratch, 'imported'), '--force']);
          meta.importWarnings = warnings(result.stderr);
          m.import.push(result);
        }
        if (wanted('diff')) {
          const result = measure([OMNI, 'diff', '--from', ws, '--to', wsEdited, '--format', 'json', '-o', path.join(scratch, 'diff.json'), '--force'], {
            accept: [0, 1],
          });
          m.diff.push(result);
        }
        if (wanted('report')) {
          const out = path.join(scratch, 'report.html');
          rmSync(out, { force: true });
          const diagrams = browser && size <= svgMax;
          m.report.push(measure([OMNI, 'report', ws, '-o', out, ...(diagrams ? ['--browser', browser] : ['--no-diagrams'])]));
          meta.report = { bytes: statSync(out).size, diagrams };
        }
      }
      const floor = m.floor.length ? row(size, 'floor (js-yaml)', m.floor) : undefined;
      if (m.lint.length) row(size, 'lint', m.lint, { base: floor, baseName: 'floor' });
      const floorErrors = m['floor-errors'].length ? row(size, 'floor, 10% files with errors', m['floor-errors']) : undefined;
      if (m['lint-errors'].length) row(size, 'lint with errors (stylish)', m['lint-errors'], { base: floorErrors, baseName: 'floor' });
      if (m['render-mmd'].length) row(size, 'render mmd', m['render-mmd'], { note: `${meta.diagrams} diagrams` });
      if (m['render-svg'].length) row(size, 'render svg', m['render-svg'], { base: svgOne, baseName: 'svg-1', note: `${meta.svgs} diagrams` });
      const exported = m.export.length ? row(size, 'export', m.export, { note: `${(meta.workbook / 2 ** 20).toFixed(1)} MiB workbook` }) : undefined;
      if (m.import.length) row(size, 'import --out', m.import, { base: exported, baseName: 'export', note: `${meta.importWarnings} warning(s)` });
      const lint = rows.find((r) => r.size === size && r.name === 'lint');
      if (m.diff.length) row(size, 'diff (10 scenarios edited)', m.diff, { base: lint, baseName: 'lint', note: `${edited} files edited` });
      if (m.report.length) row(size, meta.report.diagrams ? 'report' : 'report --no-diagrams', m.report, { note: `${(meta.report.bytes / 1e6).toFixed(1)} MB` });
      if (!keep) for (const dir of [ws, wsErrors, wsEdited, xlsx]) rmSync(dir, { recursive: true, force: true });
    }

    if (reportAt > 0 && browser && wanted('report')) {
      log(`report with diagrams at ${reportAt} scenarios`);
      const ws = path.join(scratch, `report${reportAt}`);
      writeWorkspace(ws, shape(reportAt));
      const out = path.join(scratch, 'report-at.html');
      const result = measure([OMNI, 'report', ws, '-o', out, '--browser', browser]);
      const html = readFileSync(out, 'utf8');
      row(reportAt, 'report', [result], {
        note: `${(statSync(out).size / 1e6).toFixed(1)} MB, ${html.match(/<svg id=/g)?.length ?? 0} SVGs, ${html.match(/<style\b/g)?.length ?? 0} <style>`,
      });
    }
  } finally {
    if (!keep) rmSync(scratch, { recursive: true, force: true });
    else console.log(`kept ${scratch}`);
  }

  console.log('');
  console.log('| scenarios | command | wall (median) | CPU | peak RSS | runs | ratio (wall) | notes |');
  console.log('|---:|---|---:|---:|---:|---:|---|---|');
  for (const r of rows) {
    const ratio = r.base ? `${(r.seconds / r.base.seconds).toFixed(2)}× ${r.baseName}` : '';
    console.log(`| ${r.size.toLocaleString('en')} | ${r.name} | ${seconds(r.seconds)} | ${seconds(r.cpu)} | ${mib(r.rss)} | ${r.runs} | ${ratio} | ${r.note ?? ''} |`);
  }
  console.log('');
  console.log(`machine: ${machine()}`);
  spawnSync('uptime', { stdio: 'inherit' });
}

await main();

#!/usr/bin/env node
// omni simulate and the contact-pressure rules on the benchmark workspace.
//
//   node bench/simulate.mjs [--dir WS] [--runs 3] [--personas 20]
//
// Generates the 10,000-scenario workspace of bench/generate.mjs (seeded), adds a personas
// file (20 personas by default, each with five events picked by a seeded PRNG among the
// generator's triggers, at known times of day) and writes two omni.yaml variants: without
// caps, and with two pressure caps and quiet hours. Then, `--runs` times round-robin in child
// processes (wall time, node start-up included), medians of:
//   - omni simulate <ws> --format json -o <tmp>   (with caps)
//   - omni lint <ws> without caps                 (marketing-pressure and quiet-hours idle)
//   - omni lint <ws> with caps                    (both rules simulate every persona)
// Build first (npm run build).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeWorkspace } from './generate.mjs';
import { personasYaml, PRESSURE_POLICY } from './common/index.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1] : fallback;
};
const runs = Number(option('runs', '3'));
const personaCount = Number(option('personas', '20'));
const dir = option('dir', undefined) ?? mkdtempSync(path.join(tmpdir(), 'omni-bench-simulate-'));
const out = mkdtempSync(path.join(tmpdir(), 'omni-bench-simulate-out-'));

if (!option('dir', undefined)) {
  const { files, bytes } = writeWorkspace(dir);
  console.log(`workspace: ${files} files, ${(bytes / 1e6).toFixed(2)} MB in ${dir}`);
}

writeFileSync(path.join(dir, 'personas.yaml'), personasYaml(personaCount));
const baseConfig = readFileSync(path.join(dir, 'omni.yaml'), 'utf8').split('\npressure:')[0];
const withCaps = `${baseConfig.trimEnd()}\n${PRESSURE_POLICY}`;

const omni = path.join(root, 'bin/omni.js');
const time = (argv) => {
  const start = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, [omni, ...argv], { stdio: 'ignore' });
  } catch {
    // Exit 1 (violations, warnings) is expected.
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const contenders = [
  [
    'omni simulate (20 personas)',
    () => (writeFileSync(path.join(dir, 'omni.yaml'), withCaps), time(['simulate', dir, '--format', 'json', '-o', path.join(out, 's.json')])),
  ],
  ['omni lint, no caps', () => (writeFileSync(path.join(dir, 'omni.yaml'), baseConfig), time(['lint', dir, '--format', 'json', '-o', path.join(out, 'a.json')]))],
  [
    'omni lint, caps + quiet hours',
    () => (writeFileSync(path.join(dir, 'omni.yaml'), withCaps), time(['lint', dir, '--format', 'json', '-o', path.join(out, 'b.json')])),
  ],
];
const samples = contenders.map(() => []);
for (let run = 0; run < runs; run++) contenders.forEach(([, measure], i) => samples[i].push(measure()));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const medians = samples.map(median);
contenders.forEach(([name], i) => console.log(`${name.padEnd(32)} ${medians[i].toFixed(0).padStart(6)} ms  (runs: ${samples[i].map((v) => v.toFixed(0)).join(', ')})`));
console.log(`pressure rules add ${(((medians[2] - medians[1]) / medians[1]) * 100).toFixed(1)}% to omni lint`);
const report = JSON.parse(readFileSync(path.join(out, 's.json'), 'utf8'));
const entries = report.personas.reduce((sum, persona) => sum + persona.calendar.length, 0);
const violations = report.personas.reduce((sum, persona) => sum + persona.violations.pressure.length + persona.violations.quietHours.length, 0);
console.log(`simulated: ${report.personas.length} personas, ${entries} calendar entries, ${violations} violations`);
rmSync(out, { recursive: true, force: true });
if (!option('dir', undefined)) rmSync(dir, { recursive: true, force: true });

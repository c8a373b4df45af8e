#!/usr/bin/env node
// Lint benchmark: omni lint against the cost of merely parsing the same files.
//
//   npm run build && node bench/lint.mjs [--dir WS] [--runs 3] [--startup-runs 10] [--no-spectral]
//        [generator options: --files 1000 --scenarios 10000 --channels 50 --stages 20
//         --variables 2000 --sources 200 --seed 1] [--errors 10%]
//
// Everything is measured in this one run, on this machine, each figure the median of
// --runs child processes (wall time from spawn to exit, peak RSS from GNU time):
//   floor     js-yaml load of every file: read + parse, nothing else
//   baseline  `yaml` package parse + ajv (allErrors) validation against schemas/model.schema.json
//   spectral  Spectral's `schema` function on `$` with the same schema, installed here into a
//             temporary folder (never a project dependency)
//   omni      node bin/omni.js lint WS --format json, every rule on
//   teams     the same with ten customRules, suppression comments and --baseline
//   pressure  the same with two pressure caps, quiet hours and 20 personas (marketing-pressure
//             and quiet-hours simulate every persona)
//   caps      the same without quiet hours: marketing-pressure alone (issue 15's figure)
// With --errors P%, a second workspace is generated from the same seed with P% of its scenario
// files holding mistakes (see generate.mjs), and the floor and omni run on it too, in the same
// rounds: "lint with problems", where positions and code frames are computed.
// Then start-up: omni --version and omni lint examples/maison-lumen, median of --startup-runs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { personasYaml, PRESSURE_POLICY } from './common/index.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const SCHEMA = path.join(ROOT, 'schemas/model.schema.json');
const OMNI = path.join(ROOT, 'bin/omni.js');
const GNU_TIME = '/usr/bin/time';

/** Every YAML file under dir (the workspace's files plus omni.yaml), sorted. */
function yamlFiles(dir) {
  const out = [];
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name)) out.push(full);
    }
  };
  walk(dir);
  return out.sort();
}

// ---------------------------------------------------------------- child workers

async function workerFloor(dir) {
  const { default: jsYaml } = await import('js-yaml');
  let nodes = 0;
  for (const file of yamlFiles(dir)) {
    const data = jsYaml.load(readFileSync(file, 'utf8'));
    if (data) nodes++;
  }
  process.stdout.write(`${nodes}\n`);
}

async function workerBaseline(dir) {
  const { parse } = await import('yaml');
  const { default: Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  let problems = 0;
  for (const file of yamlFiles(dir)) {
    if (path.basename(file) === 'omni.yaml') continue; // the settings file has its own schema
    const data = parse(readFileSync(file, 'utf8'));
    if (!validate(data)) problems += validate.errors.length;
  }
  process.stdout.write(`${problems}\n`);
}

// ---------------------------------------------------------------- measurement

/** Runs a command once; returns wall ms, peak RSS in MB (when GNU time is there), status, output. */
function runOnce(command, args, options = {}) {
  const rssFile = path.join(os.tmpdir(), `omni-bench-rss-${process.pid}`);
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let rssMb;
  let cpuMs;
  if (useTime && existsSync(rssFile)) {
    const [kb, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    if (Number.isFinite(kb)) rssMb = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(system)) cpuMs = (user + system) * 1000;
    rmSync(rssFile, { force: true });
  }
  return { ms, cpuMs, rssMb, status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', error: result.error };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function summarize(runs) {
  const rss = runs.map((run) => run.rssMb).filter((value) => value !== undefined);
  const cpu = runs.map((run) => run.cpuMs).filter((value) => value !== undefined);
  return {
    ms: median(runs.map((run) => run.ms)),
    runs: runs.map((run) => run.ms),
    rssMb: rss.length ? Math.max(...rss) : undefined,
    cpuMs: cpu.length ? median(cpu) : undefined,
  };
}

// ---------------------------------------------------------------- Spectral

/** Installs @stoplight/spectral-cli into a temporary folder (reused across runs); returns its bin or a reason. */
function installSpectral() {
  const prefix = path.join(os.tmpdir(), 'omni-bench-spectral');
  const bin = path.join(prefix, 'node_modules/@stoplight/spectral-cli/dist/index.js');
  if (existsSync(bin)) return { bin, note: `reused ${prefix}` };
  mkdirSync(prefix, { recursive: true });
  process.stderr.write(`installing @stoplight/spectral-cli into ${prefix}…\n`);
  const result = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', '@stoplight/spectral-cli@6'], {
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
  });
  if (result.status !== 0 || !existsSync(bin)) {
    const why = (result.error?.message ?? result.stderr ?? '').trim().split('\n').slice(-3).join(' / ');
    return { reason: `npm install failed (exit ${result.status}): ${why || 'no output'}` };
  }
  return { bin, note: `installed into ${prefix}` };
}

function spectralRuleset(scratch) {
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  const ruleset = {
    rules: {
      'omni-schema': {
        description: 'A model file matches schemas/model.schema.json',
        given: '$',
        severity: 'error',
        then: { function: 'schema', functionOptions: { schema, dialect: 'draft7', allErrors: true } },
      },
    },
  };
  const file = path.join(scratch, 'spectral-ruleset.json');
  writeFileSync(file, JSON.stringify(ruleset));
  return file;
}

// ---------------------------------------------------------------- team settings

/** Ten house rules of the kinds teams write; most pass on the generated plan, one finds a few hundred gaps. */
const TEAM_RULES = `customRules:
  - { id: house-scenario-name, description: Scenarios are named, severity: error, given: scenarios, field: name, required: true }
  - { id: house-scenario-id, description: Scenario ids start with sc-, severity: error, given: scenarios, field: id, pattern: "^sc-" }
  - { id: house-step-offset, description: Offsets are written J+n or n units, severity: warn, given: scenarios.steps, field: after, pattern: "^(?:[JD][+-]?\\\\d+|\\\\d+[mhdw]|0)$" }
  - { id: house-no-test-channel, description: No test channel in the plan, severity: warn, given: scenarios.steps, field: channel, notPattern: "^test-" }
  - { id: house-sms-size, description: SMS stay under 600 characters, severity: warn, given: scenarios.steps, where: { channel: sms }, field: message, maxLength: 600 }
  - { id: house-no-todo, description: No TODO left in subjects, severity: warn, given: scenarios.steps, where: { channel: [email, push] }, field: subject, notPattern: TODO }
  - { id: house-variable-name, description: Variables are named, severity: warn, given: variables, field: name, required: true }
  - { id: house-use-case-cells, description: Use cases address a cell, severity: warn, given: useCases, field: touchpoints, minItems: 1 }
  - { id: house-steps, description: Scenarios have a step, severity: error, given: scenarios, field: steps, minItems: 1 }
  - { id: house-upsell-goal, description: Upsell scenarios for prospects state their goal, severity: warn, given: scenarios, where: { lifecycle: upsell, target: prospects }, field: goal, required: true }
`;

/**
 * The same workspace with a team's settings: ten customRules, a suppression comment in
 * every tenth scenario file, and a baseline of what the house rules find (recorded once,
 * before timing). Returns the folder and the baseline's path.
 */
function teamWorkspace(dir, scratch) {
  const teams = path.join(scratch, 'teams-workspace');
  cpSync(dir, teams, { recursive: true });
  const config = path.join(teams, 'omni.yaml');
  writeFileSync(config, `${readFileSync(config, 'utf8')}${TEAM_RULES}`);
  let index = 0;
  for (const file of yamlFiles(teams)) {
    if (!file.includes(`${path.sep}scenarios${path.sep}`) || index++ % 10 !== 0) continue;
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('\n  - id: ', '\n  # omni-disable-next-line house-upsell-goal, missing-owner -- bench: accepted\n  - id: '));
  }
  const baseline = path.join(scratch, 'omni-baseline.json');
  const run = runOnce(process.execPath, [OMNI, 'lint', teams, '--update-baseline', baseline]);
  if (run.status !== 0) throw new Error(`--update-baseline failed (exit ${run.status}): ${run.stderr.trim().slice(0, 300)}`);
  return { teams, baseline, recorded: JSON.parse(readFileSync(baseline, 'utf8')).entries.length };
}

// ---------------------------------------------------------------- pressure policy

/**
 * The same workspace with a contact-pressure policy and personas: two caps and quiet hours
 * in omni.yaml and a personas file (PERSONAS personas of five events each, picked by a seeded
 * PRNG among the generator's triggers, at known times of day), as bench/simulate.mjs writes
 * them: marketing-pressure and quiet-hours then simulate every persona.
 */
const PERSONAS = 20;

function pressureWorkspace(dir, scratch, { quietHours = true } = {}) {
  const pressure = path.join(scratch, quietHours ? 'pressure-workspace' : 'caps-workspace');
  cpSync(dir, pressure, { recursive: true });
  writeFileSync(path.join(pressure, 'personas.yaml'), personasYaml(PERSONAS));
  const config = path.join(pressure, 'omni.yaml');
  const base = readFileSync(config, 'utf8').split('\npressure:')[0];
  const policy = quietHours ? PRESSURE_POLICY : PRESSURE_POLICY.split('\nquietHours:')[0];
  writeFileSync(config, `${base.trimEnd()}\n${policy.trimEnd()}\n`);
  return pressure;
}

// ---------------------------------------------------------------- main

function parsePercentOption(value) {
  const number = Number(String(value).replace(/%$/, ''));
  if (!Number.isFinite(number) || number <= 0 || number > 100) throw new Error(`--errors needs a percentage above 0 and at most 100, got ${value}`);
  return number;
}

function parseArgs(argv) {
  const args = { runs: 3, startupRuns: 10, spectral: true, generator: {} };
  const generatorKeys = ['files', 'scenarios', 'channels', 'stages', 'variables', 'sources', 'seed'];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    const number = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} needs a positive whole number, got ${value}`);
      i++;
      return n;
    };
    if (arg === '--dir') {
      args.dir = value;
      i++;
    } else if (arg === '--runs') args.runs = number();
    else if (arg === '--startup-runs') args.startupRuns = number();
    else if (arg === '--no-spectral') args.spectral = false;
    else if (arg === '--errors') {
      args.errors = parsePercentOption(value);
      i++;
    } else if (arg.startsWith('--') && generatorKeys.includes(arg.slice(2))) args.generator[arg.slice(2)] = number();
    else throw new Error(`unknown option ${arg}`);
  }
  return args;
}

const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const fmtRss = (mb) => (mb === undefined ? 'n/a' : `${Math.round(mb)} MB`);
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : 'n/a');

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'omni-bench-lint-'));
  try {
    let dir = args.dir && path.resolve(args.dir);
    let described;
    if (dir) {
      if (!existsSync(dir)) throw new Error(`--dir ${dir} does not exist`);
      described = `reused ${dir}`;
    } else {
      const { writeWorkspace, DEFAULTS } = await import('./generate.mjs');
      dir = path.join(scratch, 'workspace');
      const options = { ...DEFAULTS, ...args.generator };
      const { files, bytes } = writeWorkspace(dir, options);
      described = `generated ${files} files, ${(bytes / 1e6).toFixed(2)} MB (${Object.entries(options)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`;
    }
    const files = yamlFiles(dir);
    const bytes = files.reduce((sum, file) => sum + readFileSync(file).length, 0);
    let errorsDir;
    if (args.errors) {
      if (args.dir) throw new Error('--errors generates its workspaces: do not combine it with --dir');
      const { writeWorkspace, DEFAULTS } = await import('./generate.mjs');
      errorsDir = path.join(scratch, 'workspace-with-errors');
      writeWorkspace(errorsDir, { ...DEFAULTS, ...args.generator, errors: args.errors });
      described += `; with errors: the same with ${args.errors}% of scenario files holding three mistakes each`;
    }

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    console.log(`omni lint benchmark — ${new Date().toISOString().slice(0, 10)}`);
    console.log(`machine: ${os.cpus().length} CPUs (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, node ${process.version}, ${os.platform()} ${os.release()}`);
    console.log(`workspace: ${described}; ${files.length} YAML files, ${(bytes / 1e6).toFixed(2)} MB`);
    console.log(`each figure: median of ${args.runs} runs in child processes (wall time incl. node start-up; peak RSS = max over runs)\n`);

    const self = fileURLToPath(import.meta.url);
    const omniOut = path.join(scratch, 'omni-lint.json');
    const tasks = [
      { key: 'floor', label: 'parse-only floor (js-yaml load)', cmd: process.execPath, args: [self, '--worker', 'floor', dir] },
      { key: 'baseline', label: 'yaml parse + ajv validate', cmd: process.execPath, args: [self, '--worker', 'baseline', dir] },
      { key: 'omni', label: 'omni lint (every rule)', cmd: process.execPath, args: [OMNI, 'lint', dir, '--format', 'json', '-o', omniOut] },
    ];
    const omniErrorsOut = path.join(scratch, 'omni-lint-errors.txt');
    if (errorsDir) {
      tasks.push(
        { key: 'floorErrors', label: 'with errors: parse-only floor', cmd: process.execPath, args: [self, '--worker', 'floor', errorsDir], okStatus: [0, 1] },
        // stylish, the default: code frames included.
        { key: 'omniErrors', label: 'with errors: omni lint (stylish)', cmd: process.execPath, args: [OMNI, 'lint', errorsDir, '-o', omniErrorsOut], okStatus: [1] },
      );
    }
    const notes = [];
    const team = teamWorkspace(dir, scratch);
    const teamOut = path.join(scratch, 'omni-lint-teams.json');
    tasks.push({
      key: 'teams',
      label: 'omni lint + 10 customRules, suppressions, --baseline',
      cmd: process.execPath,
      args: [OMNI, 'lint', team.teams, '--baseline', team.baseline, '--format', 'json', '-o', teamOut],
    });
    notes.push(`teams: baseline of ${team.recorded} entries recorded before timing`);
    const pressureDir = pressureWorkspace(dir, scratch);
    const pressureOut = path.join(scratch, 'omni-lint-pressure.json');
    tasks.push({
      key: 'pressure',
      label: `omni lint + pressure policy and ${PERSONAS} personas`,
      cmd: process.execPath,
      args: [OMNI, 'lint', pressureDir, '--format', 'json', '-o', pressureOut],
    });
    // marketing-pressure on its own (issue 15's figure): the caps and the personas, no quiet
    // hours, whose 2,253 findings on this workspace cost what reporting any 2,253 findings costs.
    const capsDir = pressureWorkspace(dir, scratch, { quietHours: false });
    const capsOut = path.join(scratch, 'omni-lint-caps.json');
    tasks.push({
      key: 'caps',
      label: `omni lint + pressure caps and ${PERSONAS} personas (marketing-pressure alone)`,
      cmd: process.execPath,
      args: [OMNI, 'lint', capsDir, '--format', 'json', '-o', capsOut],
    });
    if (args.spectral) {
      const spectral = installSpectral();
      if (spectral.bin) {
        notes.push(`spectral: @stoplight/spectral-cli ${spectralVersion(spectral.bin)}, ${spectral.note}`);
        const ruleset = spectralRuleset(scratch);
        const modelFiles = files.filter((file) => path.basename(file) !== 'omni.yaml');
        const listFile = path.join(scratch, 'spectral-out.json');
        tasks.push({
          key: 'spectral',
          label: 'Spectral, same schema',
          cmd: process.execPath,
          args: [spectral.bin, 'lint', '--ruleset', ruleset, '--format', 'json', '--output', listFile, '--quiet', ...relativeTo(dir, modelFiles)],
          cwd: dir,
          okStatus: [0, 1],
        });
      } else {
        notes.push(`spectral: skipped — ${spectral.reason}`);
      }
    }

    // Warm the page cache once so no contender pays for the first cold read.
    runOnce(process.execPath, [self, '--worker', 'floor', dir]);
    const runs = Object.fromEntries(tasks.map((task) => [task.key, []]));
    for (let round = 0; round < args.runs; round++) {
      // Round-robin, so drift in machine load spreads over every contender.
      for (const task of tasks) {
        const run = runOnce(task.cmd, task.args, { cwd: task.cwd ?? ROOT });
        const ok = (task.okStatus ?? [0]).includes(run.status);
        if (!ok) throw new Error(`${task.label} failed (exit ${run.status}): ${(run.error?.message ?? run.stderr).trim().slice(0, 500)}`);
        runs[task.key].push(run);
        process.stderr.write(`  ${task.key} run ${round + 1}: ${fmt(run.ms)}\n`);
      }
    }
    const result = Object.fromEntries(tasks.map((task) => [task.key, summarize(runs[task.key])]));

    // What each contender found, so a fast but wrong run does not go unnoticed.
    const omniJson = JSON.parse(readFileSync(omniOut, 'utf8'));
    notes.push(`omni found ${omniJson.summary.errors} errors, ${omniJson.summary.warnings} warnings`);
    const teamJson = JSON.parse(readFileSync(teamOut, 'utf8'));
    notes.push(
      `omni with team settings found ${teamJson.summary.errors} errors, ${teamJson.summary.warnings} warnings; ${teamJson.summary.suppressed ?? 0} suppressed; baseline matched ${teamJson.baseline?.matched}, prunable ${teamJson.baseline?.prunable}`,
    );
    const pressureJson = JSON.parse(readFileSync(pressureOut, 'utf8'));
    const byRule = (id) => pressureJson.diagnostics.filter((diagnostic) => diagnostic.ruleId === id).length;
    notes.push(
      `omni with a pressure policy found ${pressureJson.summary.errors} errors, ${pressureJson.summary.warnings} warnings (marketing-pressure ${byRule('marketing-pressure')}, quiet-hours ${byRule('quiet-hours')})`,
    );
    const capsJson = JSON.parse(readFileSync(capsOut, 'utf8'));
    notes.push(`omni with pressure caps only found ${capsJson.summary.errors} errors, ${capsJson.summary.warnings} warnings`);
    notes.push(`yaml+ajv found ${runs.baseline.at(-1).stdout.trim()} schema problems`);
    if (result.spectral) {
      const out = path.join(scratch, 'spectral-out.json');
      const found = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8') || '[]').length : 'n/a';
      notes.push(`spectral found ${found} problems`);
    }

    // CPU (user + sys) is steadier than wall time on a shared, loaded machine.
    console.log('| contender | wall (median) | runs | CPU (median) | peak RSS |');
    console.log('|---|---:|---|---:|---:|');
    for (const task of tasks) {
      const r = result[task.key];
      console.log(`| ${task.label} | ${fmt(r.ms)} | ${r.runs.map(fmt).join(', ')} | ${r.cpuMs === undefined ? 'n/a' : fmt(r.cpuMs)} | ${fmtRss(r.rssMb)} |`);
    }
    console.log('');
    console.log(`omni / floor:            ${ratio(result.omni.ms, result.floor.ms)}   (target ≤ 2×)`);
    if (result.omniErrors) {
      console.log(
        `with errors, omni / floor: ${ratio(result.omniErrors.ms, result.floorErrors.ms)}   (target ≤ 1.5×; CPU ${ratio(result.omniErrors.cpuMs, result.floorErrors.cpuMs)}, clean CPU ${ratio(result.omni.cpuMs, result.floor.cpuMs)})`,
      );
      const report = readFileSync(omniErrorsOut, 'utf8');
      notes.push(`with errors: omni's stylish report ${(report.length / 1e3).toFixed(0)} kB, last line: ${report.trim().split('\n').pop()}`);
    }
    console.log(`omni / yaml+ajv:         ${ratio(result.omni.ms, result.baseline.ms)}`);
    console.log(`team settings / omni:    ${ratio(result.teams.ms, result.omni.ms)}   (target < 1.10×; CPU ${ratio(result.teams.cpuMs, result.omni.cpuMs)})`);
    console.log(`marketing-pressure / omni: ${ratio(result.caps.ms, result.omni.ms)}   (target < 1.10×; CPU ${ratio(result.caps.cpuMs, result.omni.cpuMs)})`);
    console.log(`pressure + quiet hours / omni: ${ratio(result.pressure.ms, result.omni.ms)}   (CPU ${ratio(result.pressure.cpuMs, result.omni.cpuMs)})`);
    console.log(`spectral / omni:         ${result.spectral ? ratio(result.spectral.ms, result.omni.ms) : 'n/a (spectral skipped)'}`);
    console.log('');

    // Start-up on the bundled example.
    const example = path.join(ROOT, 'examples/maison-lumen');
    const startup = [
      { label: 'node -e 0 (bare node, for reference)', cmd: process.execPath, args: ['-e', '0'] },
      { label: 'omni --version', cmd: process.execPath, args: [OMNI, '--version'] },
      { label: 'omni lint examples/maison-lumen', cmd: process.execPath, args: [OMNI, 'lint', example], okStatus: [0] },
    ];
    console.log(`start-up, median of ${args.startupRuns}:`);
    console.log('| command | wall (median) | min | peak RSS |');
    console.log('|---|---:|---:|---:|');
    for (const item of startup) {
      const measured = [];
      for (let i = 0; i < args.startupRuns; i++) {
        const run = runOnce(item.cmd, item.args, { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
        if (run.status !== 0) throw new Error(`${item.label} failed (exit ${run.status}): ${run.stderr.trim().slice(0, 300)}`);
        measured.push(run);
      }
      const s = summarize(measured);
      console.log(`| ${item.label} | ${fmt(s.ms)} | ${fmt(Math.min(...s.runs))} | ${fmtRss(s.rssMb)} |`);
    }
    console.log('');
    for (const note of notes) console.log(note);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function relativeTo(dir, files) {
  return files.map((file) => path.relative(dir, file));
}

function spectralVersion(bin) {
  try {
    return JSON.parse(readFileSync(path.join(path.dirname(bin), '../package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

const argv = process.argv.slice(2);
if (argv[0] === '--worker') {
  const worker = { floor: workerFloor, baseline: workerBaseline }[argv[1]];
  await worker(argv[2]);
} else {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`bench/lint: ${error.message}\n`);
    process.exitCode = 2;
  }
}

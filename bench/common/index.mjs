// Shared boilerplate of the benches: paths, options, child processes measured with GNU time,
// medians and figures. Nothing here measures by itself.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OMNI = path.join(ROOT, 'bin/omni.js');
const GNU_TIME = '/usr/bin/time';

/** Removes `name VALUE` from argv and returns VALUE (or `fallback` when absent). */
export function option(argv, name, fallback) {
  const index = argv.indexOf(name);
  if (index < 0) return fallback;
  const value = argv[index + 1];
  argv.splice(index, 2);
  return value;
}

/** Removes a bare `name` flag from argv; true when it was there. */
export function flag(argv, name) {
  const index = argv.indexOf(name);
  if (index < 0) return false;
  argv.splice(index, 1);
  return true;
}

/** Exits 2 with a one-line message when dist/ is missing. */
export function requireBuild(bench) {
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) {
    console.error(`bench/${bench}: dist/ is missing; run \`npm run build\` first`);
    process.exit(2);
  }
}

/**
 * Runs `node ...args` in a child; returns wall seconds (spawn to exit), CPU seconds (user +
 * sys) and peak RSS in MiB from GNU time (NaN without it), the exit status and stderr.
 * Throws unless the status is one of `accept` (default 0).
 */
export function measure(args, { accept = [0], cwd } = {}) {
  const gnu = existsSync(GNU_TIME);
  const command = gnu ? GNU_TIME : process.execPath;
  const fullArgs = gnu ? ['-f', 'MAXRSS_KB=%M CPU_S=%U+%S', process.execPath, ...args] : args;
  const start = process.hrtime.bigint();
  const child = spawnSync(command, fullArgs, { encoding: 'utf8', maxBuffer: 1 << 30, cwd });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!accept.includes(child.status)) throw new Error(`${args.join(' ')} exited ${child.status ?? child.signal}: ${child.stderr.slice(-2000)}`);
  const rss = gnu ? Number(/MAXRSS_KB=(\d+)/.exec(child.stderr)?.[1] ?? NaN) / 1024 : NaN;
  const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(child.stderr);
  const stderr = child.stderr.replace(/MAXRSS_KB=.*\n?$/, '');
  return { seconds, rss, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, status: child.status, stderr, stdout: child.stdout };
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Medians of wall, CPU and peak RSS over a list of measures. */
export const summary = (list) => ({
  seconds: median(list.map((m) => m.seconds)),
  rss: median(list.map((m) => m.rss)),
  cpu: median(list.map((m) => m.cpu)),
});

export const mib = (value) => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(0)} MiB`);
export const seconds = (value) => (value < 1 ? `${(value * 1000).toFixed(0)} ms` : `${value.toFixed(2)} s`);

/** `2 CPU(s), load average 1.2 0.9 0.8, Node v20…`: what the figures were measured on. */
export function machine() {
  return `${os.cpus().length} CPU(s), load average ${os
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(' ')}, Node ${process.version}`;
}

/** Counts the `omni: warning:` lines of a command's stderr. */
export const warnings = (stderr) => stderr.split('\n').filter((line) => line.startsWith('omni: warning:')).length;

/** The bench workspaces' pressure policy: one email a day, five messages a week, quiet nights. */
export const PRESSURE_POLICY = 'pressure:\n  - { channels: [email], max: 1, per: 1d }\n  - { max: 5, per: 7d }\nquietHours: { from: "21:00", to: "08:00" }\n';

/**
 * `personas:` YAML for a generated workspace: `count` seeded personas (the same ones on every
 * run), each with five events two days apart, at a daytime hour.
 */
export function personasYaml(count) {
  const EVENTS = ['cart_abandoned', 'account_created', 'order_placed', 'order_shipped', 'order_ready', 'product_viewed', 'back_in_stock', 'birthday', 'store_visit'];
  const TARGETS = ['tous', 'nouveaux', 'fideles', 'inactifs', 'premium', 'prospects'];
  let seed = 7;
  const next = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = (list) => list[Math.floor(next() * list.length)];
  let personas = 'personas:\n';
  for (let i = 0; i < count; i++) {
    personas += `  - id: persona-${i + 1}\n    name: Persona ${i + 1}\n    target: [tous, ${pick(TARGETS.slice(1))}]\n    events:\n`;
    for (let e = 0; e < 5; e++)
      personas += `      - { event: ${pick(EVENTS)}, at: "J+${e * 2} ${String(8 + Math.floor(next() * 14)).padStart(2, '0')}:${next() < 0.5 ? '00' : '30'}" }\n`;
  }
  return personas;
}

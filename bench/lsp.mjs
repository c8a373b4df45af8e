#!/usr/bin/env node
// Language-server benchmark: `omni lsp` against `omni lint` on the same generated workspace.
//
//   npm run build && node bench/lsp.mjs [--dir WS] [--edits 10] [--requests 20] [--trace]
//        [generator options: --files 1000 --scenarios 10000 …, see bench/generate.mjs]
//
// Measured in this one run, on this machine:
//   lint        wall time of `omni lint WS --format json -o FILE` (spawn to exit) and its peak RSS (GNU time)
//   first check spawn of `omni lsp --stdio` → diagnostics published for an opened buffer
//               holding one unknown channel (the whole workspace loaded and every rule run);
//               also from the initialize request, i.e. without the server's own start-up
//   edit        one-line edit of that buffer (incremental didChange) → its diagnostics
//               published, alternately fixing and planting the error; median and worst
//   completion  a `channel:` value; definition of a channel id: median and worst of --requests
//   memory      the server's peak RSS (VmHWM) at the end, against lint's
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node.js';
import { parseGenerateArgs, writeWorkspace } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OMNI = path.join(HERE, '..', 'bin/omni.js');
const GNU_TIME = '/usr/bin/time';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : fallback;
};
const edits = Number(option('edits', '10'));
const requests = Number(option('requests', '20'));
let dir = option('dir');
if (!dir) {
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-bench-lsp-')), 'ws');
  const own = ['--dir', '--edits', '--requests'];
  const generatorArgs = argv.filter((arg, i) => arg !== '--trace' && !own.includes(arg) && !own.includes(argv[i - 1]));
  const { files, bytes } = writeWorkspace(dir, parseGenerateArgs(generatorArgs));
  console.log(`workspace: ${files} files, ${(bytes / 1e6).toFixed(2)} MB in ${dir}`);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);

// ---------------------------------------------------------------- omni lint
const rssFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-bench-rss-')), 'rss');
const report = path.join(path.dirname(rssFile), 'lint.json');
const useTime = existsSync(GNU_TIME);
const lintCommand = useTime
  ? [GNU_TIME, ['-f', '%M', '-o', rssFile, process.execPath, OMNI, 'lint', dir, '--format', 'json', '-o', report]]
  : [process.execPath, [OMNI, 'lint', dir, '--format', 'json', '-o', report]];
const lintStart = performance.now();
const lint = spawnSync(lintCommand[0], lintCommand[1], { encoding: 'utf8' });
const lintWall = performance.now() - lintStart;
if (lint.status !== 0 && lint.status !== 1) throw new Error(`omni lint failed: ${lint.stderr}`);
const lintRssMb = useTime ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : NaN;

// ---------------------------------------------------------------- omni lsp
const scenarioDir = path.join(dir, 'scenarios');
const fileName = readdirSync(scenarioDir)
  .filter((name) => name.endsWith('.yaml'))
  .sort()[0];
const file = path.join(scenarioDir, fileName);
const uri = pathToFileURL(file).href;
const original = readFileSync(file, 'utf8');
const lines = original.split('\n');
const editLine = lines.findIndex((line) => /^\s+channel: /.test(line));
const goodLine = lines[editLine];
const badLine = goodLine.replace(/channel: .*/, 'channel: nosuch-channel');
const planted = lines.map((line, i) => (i === editLine ? badLine : line)).join('\n');

const started = performance.now();
const server = spawn(process.execPath, [OMNI, 'lsp', '--stdio'], {
  stdio: ['pipe', 'pipe', 'inherit'],
  env: { ...process.env, OMNI_LSP_TRACE: argv.includes('--trace') ? '1' : '' },
});
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
let onPublish = () => undefined;
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  if (params.uri === uri) onPublish(params.diagnostics);
});
connection.listen();
const published = (predicate) =>
  new Promise((resolve) => {
    onPublish = (diagnostics) => {
      if (predicate(diagnostics)) resolve(performance.now());
    };
  });

await connection.sendRequest('initialize', {
  processId: process.pid,
  rootUri: pathToFileURL(dir).href,
  workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
  capabilities: {},
});
const initialized = performance.now(); // the server is up: what follows is its check alone
await connection.sendNotification('initialized', {});
const firstPublished = published((diagnostics) =>
  diagnostics.some((diagnostic) => diagnostic.code === 'unknown-reference' && diagnostic.message.includes('nosuch-channel')),
);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: planted } });
const firstDiagnostics = await firstPublished;
const firstCheck = firstDiagnostics - started;
const firstCheckAfterStartUp = firstDiagnostics - initialized;

const editTimes = [];
let version = 1;
for (let i = 0; i < edits; i++) {
  const fix = i % 2 === 0;
  const text = fix ? goodLine : badLine;
  const previous = fix ? badLine : goodLine;
  const done = published((diagnostics) => (fix ? diagnostics.length === 0 : diagnostics.length === 1));
  const sent = performance.now();
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: ++version },
    contentChanges: [{ range: { start: { line: editLine, character: 0 }, end: { line: editLine, character: previous.length } }, text }],
  });
  editTimes.push((await done) - sent);
}

if (edits % 2 === 0) {
  // The loop ended with the error planted: fix it, so definition finds the channel.
  const done = published((diagnostics) => diagnostics.length === 0);
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: version + 1 },
    contentChanges: [{ range: { start: { line: editLine, character: 0 }, end: { line: editLine, character: badLine.length } }, text: goodLine }],
  });
  await done;
}

const channelColumn = goodLine.indexOf('channel: ') + 'channel: '.length;
const time = async (method, params) => {
  const times = [];
  for (let i = 0; i < requests; i++) {
    const sent = performance.now();
    const result = await connection.sendRequest(method, params);
    times.push(performance.now() - sent);
    if (!result || (Array.isArray(result) && result.length === 0)) throw new Error(`${method} returned nothing`);
  }
  return times;
};
const position = { line: editLine, character: channelColumn + 1 };
const completionTimes = await time('textDocument/completion', { textDocument: { uri }, position });
const definitionTimes = await time('textDocument/definition', { textDocument: { uri }, position });

const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
const serverRssMb = Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');
connection.dispose();

// ---------------------------------------------------------------- report
const rows = [
  ['omni lint (wall, spawn to exit)', ms(lintWall), ''],
  ['omni lsp first full check (spawn to diagnostics)', ms(firstCheck), `target ≤ lint: ${firstCheck <= lintWall ? 'met' : 'NOT met'}`],
  ['omni lsp first full check (initialized to diagnostics)', ms(firstCheckAfterStartUp), `target ≤ lint: ${firstCheckAfterStartUp <= lintWall ? 'met' : 'NOT met'}`],
  [
    `one-line edit → diagnostics (median of ${edits})`,
    ms(median(editTimes)),
    `worst ${ms(Math.max(...editTimes))}; target < 100 ms: ${median(editTimes) < 100 ? 'met' : 'NOT met'}`,
  ],
  [
    `completion (median of ${requests})`,
    ms(median(completionTimes)),
    `worst ${ms(Math.max(...completionTimes))}; target < 20 ms: ${median(completionTimes) < 20 ? 'met' : 'NOT met'}`,
  ],
  [
    `definition (median of ${requests})`,
    ms(median(definitionTimes)),
    `worst ${ms(Math.max(...definitionTimes))}; target < 20 ms: ${median(definitionTimes) < 20 ? 'met' : 'NOT met'}`,
  ],
  ['peak RSS: omni lint', `${lintRssMb.toFixed(0)} MB`, ''],
  [
    'peak RSS: omni lsp (VmHWM at the end)',
    `${serverRssMb.toFixed(0)} MB`,
    `${(serverRssMb / lintRssMb).toFixed(2)}× lint; target < 2×: ${serverRssMb < 2 * lintRssMb ? 'met' : 'NOT met'}`,
  ],
];
console.log(
  `node ${process.version}, ${os.cpus().length} CPUs, load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}`,
);
console.log('| measure | figure | |\n|---|---:|---|');
for (const [name, figure, note] of rows) console.log(`| ${name} | ${figure} | ${note} |`);

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without type declarations
import { generateWorkspace } from '../../bench/generate.mjs';
import type { LintResult } from '../../src/diagnostics/types.js';
import { formatJson } from '../../src/formatters/json.js';
import { formatStylish } from '../../src/formatters/stylish.js';
import { lintWorkspace, MAX_FINDINGS_PER_FILE } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { RULES, RULES_BY_ID } from '../../src/rules/index.js';
import { tierCount } from '../setup/tiers.js';
import { mulberry32 } from '../setup/seeded-random.js';

/**
 * Seeded mutation fuzz of the whole lint pipeline, in process: model files and omni.yaml
 * are broken in the ways hostile or damaged input is (alias bombs and cycles, deep nesting,
 * huge lines, invalid UTF-8, `__proto__`, tabs, BOMs, CRLF and lone CR, byte flips,
 * truncation, floods of keys), then loaded, linted and formatted. Every case must finish
 * without throwing, in bounded time, with every finding in a real file at line ≥ 1.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run. The unit tier runs the first cases of the
 * campaign, the e2e tier all of them (test/setup/tiers.ts).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
// 48: the first case with a huge line is case 46, so the slice too runs every kind of mutation.
const CASES = tierCount(240, 48);
const MAX_CASE_MS = 8_000;
const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/maison-lumen');

function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

type Random = () => number;
type Mutation = (text: Buffer, random: Random) => Buffer;

const int = (random: Random, max: number) => Math.floor(random() * max);
const insertAt = (bytes: Buffer, at: number, extra: Buffer | string) => Buffer.concat([bytes.subarray(0, at), Buffer.from(extra), bytes.subarray(at)]);
/** An offset at the start of a line, so insertions make (mostly) well-formed lines. */
function lineStart(bytes: Buffer, random: Random): number {
  const at = int(random, bytes.length + 1);
  const previous = bytes.lastIndexOf(0x0a, at - 1);
  return previous < 0 ? 0 : previous + 1;
}
const lines = (bytes: Buffer) => bytes.toString('latin1').split('\n');
const fromLines = (list: string[]) => Buffer.from(list.join('\n'), 'latin1');

const MUTATIONS: Record<string, Mutation> = {
  'alias bomb': (bytes) => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 8; i++)
      bomb += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    return Buffer.concat([bytes, Buffer.from(`\n${bomb}`)]);
  },
  'alias inside its anchor': (bytes, random) => {
    const forms = ['loop: &l [ *l ]\n', 'loop: &l { self: *l }\n', 'loop: &l\n  again:\n    - *l\n', 'stages: &s\n  - *s\n'];
    return insertAt(bytes, lineStart(bytes, random), forms[int(random, forms.length)]!);
  },
  'alias to a missing anchor': (bytes, random) => insertAt(bytes, lineStart(bytes, random), 'ghost: *nowhere\n'),
  'deep flow nesting': (bytes, random) => {
    const depth = [100, 5_000, 60_000][int(random, 3)]!;
    return Buffer.concat([bytes, Buffer.from(`\ndeep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`)]);
  },
  'deep block nesting': (bytes, random) => {
    const depth = [50, 1_000][int(random, 2)]!;
    let text = '\ndeep:\n';
    for (let i = 1; i <= depth; i++) text += `${' '.repeat(i)}k${i}:\n`;
    return Buffer.concat([bytes, Buffer.from(text)]);
  },
  'huge line': (bytes, random) => {
    const size = [100_000, 2_000_000][int(random, 2)]!;
    const forms = [
      `huge: ${'x'.repeat(size)}\n`,
      `${'k'.repeat(size)}: 1\n`,
      `stages: [{ id: a, name: A, ${'k'.repeat(size)}: 1 }]\n`,
      `note: "${'é'.repeat(size / 2)}\n`,
    ];
    return insertAt(bytes, lineStart(bytes, random), forms[int(random, forms.length)]!);
  },
  'invalid UTF-8': (bytes, random) => {
    const sequences = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]];
    return insertAt(bytes, int(random, bytes.length + 1), Buffer.from(sequences[int(random, sequences.length)]!));
  },
  'prototype keys': (bytes, random) => {
    const forms = [
      '__proto__: { polluted: true }\n',
      'constructor: { prototype: { polluted: true } }\n',
      'stages:\n  - id: p\n    name: P\n    __proto__: { polluted: true }\n',
      '"__proto__": [1]\n',
      'toString: 1\nhasOwnProperty: 2\n',
    ];
    return insertAt(bytes, lineStart(bytes, random), forms[int(random, forms.length)]!);
  },
  tabs: (bytes, random) => {
    const list = lines(bytes);
    for (let k = 0; k < 3; k++) {
      const index = int(random, list.length);
      list[index] = list[index]!.replace(/^ {2}/, '\t');
    }
    return fromLines(list);
  },
  'byte-order marks': (bytes, random) => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    return random() < 0.5 ? Buffer.concat([bom, bom, bytes]) : insertAt(bytes, lineStart(bytes, random), bom);
  },
  'CRLF and lone CR': (bytes, random) => {
    const crlf = Buffer.from(bytes.toString('latin1').replaceAll('\n', '\r\n'), 'latin1');
    return random() < 0.5 ? crlf : insertAt(crlf, int(random, crlf.length), '\r');
  },
  'byte flips': (bytes, random) => {
    const copy = Buffer.from(bytes);
    for (let k = 0; k < 1 + int(random, 6); k++) if (copy.length > 0) copy[int(random, copy.length)] = int(random, 256);
    return copy;
  },
  truncation: (bytes, random) => bytes.subarray(0, int(random, bytes.length + 1)),
  'lines duplicated, swapped or re-indented': (bytes, random) => {
    const list = lines(bytes);
    for (let k = 0; k < 4; k++) {
      const a = int(random, list.length);
      const b = int(random, list.length);
      const roll = random();
      if (roll < 0.3) list.splice(a, 0, list[a]!);
      else if (roll < 0.6) [list[a], list[b]] = [list[b]!, list[a]!];
      else list[a] = `${' '.repeat(int(random, 5))}${list[a]!.trimStart()}`;
    }
    return fromLines(list);
  },
  'flood of keys': (bytes, random) => {
    const count = [2_000, 20_000][int(random, 2)]!;
    return Buffer.concat([bytes, Buffer.from(Array.from({ length: count }, (_, i) => `k${i}: ${i}\n`).join(''))]);
  },
  'YAML punctuation': (bytes, random) => {
    const chars = [':', '- ', '#', '"', "'", '|', '>', '[', ']', '{', '}', ',', '&', '*', '!', '%', '@', '`', '? ', '---\n', '...\n', '{{'];
    let out = bytes;
    for (let k = 0; k < 3; k++) out = insertAt(out, int(random, out.length + 1), chars[int(random, chars.length)]!);
    return out;
  },
};

const NAMES = Object.keys(MUTATIONS);

async function lintFiles(files: Map<string, Buffer>): Promise<LintResult> {
  const workspace = await loadWorkspace('/omni-fuzz-workspace', {
    source: { listFiles: () => [...files.keys()], readFile: (file) => files.get(file) ?? Buffer.alloc(0) },
  });
  return lintWorkspace(workspace);
}

describe('seeded mutation fuzz of the lint pipeline', () => {
  it(`${CASES} mutated workspaces lint without throwing, each finding at a real place (seed ${SEED})`, async () => {
    const random = mulberry32(SEED);
    const example = filesUnder(EXAMPLE);
    const generated = new Map<string, Buffer>(
      [...(generateWorkspace({ files: 8, scenarios: 24, channels: 6, stages: 4, variables: 20, sources: 4, seed: SEED % 1000 }) as Map<string, string>)].map(
        ([name, text]) => [name, Buffer.from(text)],
      ),
    );
    const started = performance.now();
    const seen = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const base = i % 2 === 0 ? example : generated;
      const files = new Map(base);
      const names = [...files.keys()];
      // Mostly a model file, sometimes omni.yaml; one or two mutations stacked.
      const target = random() < 0.15 && files.has('omni.yaml') ? 'omni.yaml' : names[int(random, names.length)]!;
      const applied: string[] = [];
      let bytes = files.get(target)!;
      for (let k = 0; k < 1 + (random() < 0.3 ? 1 : 0); k++) {
        const name = NAMES[int(random, NAMES.length)]!;
        applied.push(name);
        bytes = MUTATIONS[name]!(bytes, random);
      }
      files.set(target, bytes);
      const label = `case ${i} (seed ${SEED}): ${applied.join(' + ')} on ${target}`;
      const caseStarted = performance.now();
      let result: LintResult;
      try {
        result = await lintFiles(files);
        formatStylish(result, { rules: RULES, color: false, cwd: '/omni-fuzz-workspace', toolVersion: '0' });
        formatJson(result, { rules: RULES, color: false, cwd: '/omni-fuzz-workspace', toolVersion: '0' });
      } catch (error) {
        throw new Error(`${label}: threw ${(error as Error).stack ?? String(error)}`, { cause: error });
      }
      const elapsed = performance.now() - caseStarted;
      expect(elapsed, `${label}: took ${Math.round(elapsed)} ms`).toBeLessThan(MAX_CASE_MS);
      const perFile = new Map<string, number>();
      // Checked in plain code, one expect per case (thousands of findings per case would
      // otherwise cost more than the lint); a failure lists every offending finding.
      const misplaced: string[] = [];
      for (const diagnostic of result.diagnostics) {
        const { start, end } = diagnostic.range;
        const problems = [
          files.has(diagnostic.file) ? '' : 'not a workspace file',
          start.line >= 1 ? '' : 'line < 1',
          start.column >= 1 ? '' : 'column < 1',
          end.line >= start.line ? '' : 'ends before it starts',
          RULES_BY_ID.has(diagnostic.ruleId) ? '' : 'unknown rule',
          diagnostic.message.length > 0 ? '' : 'empty message',
        ].filter(Boolean);
        if (problems.length > 0)
          misplaced.push(`${diagnostic.ruleId} "${diagnostic.message.slice(0, 120)}" at ${diagnostic.file}:${start.line}:${start.column}: ${problems.join(', ')}`);
        perFile.set(diagnostic.file, (perFile.get(diagnostic.file) ?? 0) + 1);
      }
      expect(misplaced, label).toEqual([]);
      for (const [file, count] of perFile) expect(count, `${label}: ${count} findings in ${file}`).toBeLessThanOrEqual(MAX_FINDINGS_PER_FILE + RULES.length);
      expect(({} as Record<string, unknown>).polluted, `${label}: Object.prototype polluted`).toBeUndefined();
      for (const name of applied) seen.set(name, (seen.get(name) ?? 0) + 1);
    }
    // Every kind of mutation ran, and the whole run stays well inside the suite's budget.
    expect(NAMES.filter((name) => !seen.has(name))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(60_000);
  }, 120_000);
});

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
import { filesUnder, int, MUTATIONS } from '../setup/mutations.js';

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

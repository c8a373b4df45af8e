import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { renderDiagrams } from '../../src/renderers/index.js';
import { fits } from '../../src/renderers/limits.js';
import { buildReportView } from '../../src/report/view-model.js';
import { RULES } from '../../src/rules/index.js';
import { simulate } from '../../src/simulate/engine.js';
import { formatSimulationJson, formatSimulationMarkdown } from '../../src/simulate/format.js';
import { isScalar, isSeq, parseDocument } from 'yaml';
import { filesUnder, int, MUTATIONS } from '../setup/mutations.js';
import { nodesOf, REFERENCE_KEYS } from '../setup/seeded-edits.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';

/**
 * `--force` on damaged input: the mutations of test/fuzz/lint-mutation.test.ts and damage the
 * schema lets through (a reference to nothing, an entity declared twice, a list emptied), then what
 * render, export, simulate and report make of whatever model loading kept. Every case must
 * finish without throwing, and every diagram fit Mermaid's limits: a broken plan is
 * reported by lint, never "a bug in omni" further down.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const CASES = tierCount(120, 8);
const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/maison-lumen');
/** Damage the schema lets through, which lint reports and `--force` still draws: the model keeps it. */
const VALID_BUT_WRONG: Record<string, (text: string, random: () => number) => string> = {
  'a reference to nothing': (text, random) => {
    const document = parseDocument(text);
    const references = nodesOf(document).filter(
      ({ node, path: at }) => isScalar(node) && typeof node.value === 'string' && at.some((key) => typeof key === 'string' && REFERENCE_KEYS.has(key) && key !== 'id'),
    );
    const picked = references[int(random, references.length)];
    if (picked && isScalar(picked.node)) picked.node.value = 'ghost-id';
    return document.toString();
  },
  'an entity declared twice': (text, random) => {
    const document = parseDocument(text);
    const lists = nodesOf(document).filter(({ node, path: at }) => isSeq(node) && at.length === 1 && node.items.length > 0);
    const picked = lists[int(random, lists.length)];
    if (picked && isSeq(picked.node)) picked.node.items.push(picked.node.items[int(random, picked.node.items.length)]!);
    return document.toString();
  },
  'a list emptied': (text, random) => {
    const document = parseDocument(text);
    const lists = nodesOf(document).filter(({ node }) => isSeq(node) && node.items.length > 0);
    const picked = lists[int(random, lists.length)];
    if (picked && isSeq(picked.node)) picked.node.items = [];
    return document.toString();
  },
};
const NAMES = [...Object.keys(MUTATIONS), ...Object.keys(VALID_BUT_WRONG)];

describe('seeded mutation fuzz of what --force renders, exports, simulates and reports', () => {
  it(`${CASES} damaged workspaces (seed ${SEED})`, async () => {
    const random = mulberry32(SEED);
    const example = filesUnder(EXAMPLE);
    for (let i = 0; i < CASES; i++) {
      const files = new Map(example);
      const names = [...files.keys()].filter((name) => name.endsWith('.yaml'));
      const target = names[int(random, names.length)]!;
      const name = NAMES[int(random, NAMES.length)]!;
      const bytes = files.get(target)!;
      files.set(target, MUTATIONS[name] ? MUTATIONS[name](bytes, random) : Buffer.from(VALID_BUT_WRONG[name]!(bytes.toString('utf8'), random)));
      const label = `case ${i} (seed ${SEED}): ${name} on ${target}`;
      try {
        const workspace = await loadWorkspace('/omni-force-workspace', {
          source: { listFiles: () => [...files.keys()], readFile: (file) => files.get(file) ?? Buffer.alloc(0) },
        });
        const lint = await lintWorkspace(workspace);
        const { model } = workspace;
        const over = renderDiagrams(model).filter((diagram) => !fits(diagram.text));
        expect(
          over.map((diagram) => diagram.file),
          label,
        ).toEqual([]);
        await writeXlsx(buildWorkbook(model, summariseLint(lint.diagnostics)));
        const simulations = simulate(model);
        formatSimulationJson(model, simulations);
        formatSimulationMarkdown(model, simulations);
        buildReportView({ model, diagnostics: lint.diagnostics, rules: RULES, diagrams: { status: 'skipped' } });
      } catch (error) {
        if ((error as { name?: string }).name === 'AssertionError') throw error;
        throw new Error(`${label}: threw ${(error as Error).stack ?? String(error)}`, { cause: error });
      }
    }
  }, 180_000);
});

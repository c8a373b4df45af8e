import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { renderDiagrams } from '../../src/renderers/index.js';
import { simulate } from '../../src/simulate/engine.js';
import { formatSimulationJson } from '../../src/simulate/format.js';
import { editOf } from '../setup/seeded-edits.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';
import { sourceOf, workspaceFiles, type Files } from '../setup/workspace-files.js';

/**
 * Seeded edits that only change how a file is written (keys swapped, flow and block styles,
 * comments, quoting: test/setup/seeded-edits.ts) change no output: the same diagrams, the same
 * workbook bytes, the same simulation JSON. Deterministic output is promised for the same
 * input; this holds it for the same plan written another way.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: edits per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const EDITS = tierCount(40, 4);
const ROOT = path.resolve(import.meta.dirname, '../..');

async function outputsOf(root: string, files: Files) {
  const workspace = await loadWorkspace(root, { source: sourceOf(files), plugins: true });
  const lint = await lintWorkspace(workspace);
  const { model } = workspace;
  return {
    diagrams: renderDiagrams(model).map((diagram) => `${diagram.file}\n${diagram.text}`),
    workbook: Buffer.from(await writeXlsx(buildWorkbook(model, summariseLint(lint.diagnostics)))).toString('base64'),
    simulation: formatSimulationJson(model, simulate(model)),
  };
}

describe(`outputs after ${EDITS} seeded edits of how each example is written (seed ${SEED})`, () => {
  it.each(['examples/maison-lumen', 'examples/gaps', 'examples/teams'])(
    '%s: same diagrams, workbook bytes and simulation',
    async (example) => {
      const root = path.join(ROOT, example);
      const files = workspaceFiles(root);
      const before = await outputsOf(root, files);
      const random = mulberry32(SEED + example.length);
      let checked = 0;
      for (let attempt = 0; checked < EDITS && attempt < EDITS * 6; attempt++) {
        const edit = editOf(files, random);
        if (!edit || edit.changed || edit.text === files[edit.file]) continue;
        // Lines moved can move a suppression comment, and the lint summary the workbook shows with it.
        if (files[edit.file]!.includes('omni-disable')) continue;
        checked++;
        const after = await outputsOf(root, { ...files, [edit.file]: edit.text });
        const context = `${example}/${edit.file}: ${edit.describe}`;
        expect(after.diagrams, context).toEqual(before.diagrams);
        expect(after.simulation, context).toBe(before.simulation);
        expect(after.workbook === before.workbook, `${context}: the workbook's bytes differ`).toBe(true);
      }
      expect(checked).toBe(EDITS);
    },
    120_000,
  );
});

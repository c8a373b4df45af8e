/**
 * An unedited workbook is no edit: for every bundled workspace and the hostile fixture
 * (names with tabs, carriage returns, duplicates, unknown ids), the visible tabs read back
 * as exactly what omni wrote — no field edit, no new or deleted entity, no warning.
 */
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { dataSheetModel, importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { workbookEdits } from '../../src/exporters/workbook-edits.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { repo } from './helpers.js';

describe('import --into of an unedited workbook', () => {
  for (const folder of ['examples/maison-lumen', 'examples/gaps', 'examples/teams', 'test/fixtures/hostile', 'test/fixtures/branching']) {
    test(folder, async () => {
      const workspace = await loadWorkspace(path.join(repo, folder));
      const bytes = await writeXlsx(buildWorkbook(workspace.model, summariseLint((await lintWorkspace(workspace)).diagnostics)));
      const workbook = await readXlsx(bytes);
      const result = importWorkbook(workbook, { reportVisibleEdits: false });
      const base = dataSheetModel(result.settings, result.sections, result.defaultLifecycle === true);
      const edits = workbookEdits(workbook, buildWorkbook(base, { errors: 0, warnings: 0, rules: [] }, { editTargets: true }), base);
      expect(edits).toEqual({ edits: [], added: [], deleted: [], warnings: [] });
    });
  }
});

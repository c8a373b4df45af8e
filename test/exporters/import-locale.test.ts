import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { dataSheetModel, importWorkbook, workbookLocale } from '../../src/exporters/import-workbook.js';
import { readXlsx, type ReadWorkbook } from '../../src/exporters/read-xlsx.js';
import { workbookEdits } from '../../src/exporters/workbook-edits.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { repo } from './helpers.js';
import { typedOver } from './into-harness.js';

/** maison-lumen's (French) workbook with the business score of its first use case typed over with a word. */
async function editedWorkbook(): Promise<ReadWorkbook> {
  const workspace = await loadWorkspace(path.join(repo, 'examples/maison-lumen'));
  const workbook = await readXlsx(await writeXlsx(buildWorkbook(workspace.model, summariseLint((await lintWorkspace(workspace)).diagnostics))));
  return { sheets: workbook.sheets.map((sheet) => (sheet.name === "Cas d'usage" ? typedOver(sheet, 4, 5, 'beaucoup') : sheet)) };
}

// omni import --locale en of a French workbook said its warnings in French, the rest in English.
describe("the importer's warnings speak the run's language, the workbook's words stay its own", () => {
  test('import --out: a visible edit is reported in the language asked for, else the workbook’s', async () => {
    const workbook = await editedWorkbook();
    expect(workbookLocale(workbook)).toBe('fr');
    expect(importWorkbook(workbook, { locale: 'en' }).warnings).toEqual([
      `Cas d'usage!E4: "beaucoup" differs from omni's data ("3"); edits in the visible tabs are applied by \`omni import --into WORKSPACE\`, not by --out`,
    ]);
    expect(importWorkbook(workbook).warnings).toEqual([
      `Cas d'usage!E4: « beaucoup » diffère des données d’omni (« 3 ») ; les modifications des onglets visibles s’appliquent avec \`omni import --into ESPACE\`, pas avec --out`,
    ]);
    // The new workspace keeps the workbook's language.
    expect(importWorkbook(workbook, { locale: 'en' }).settings.locale).toBe('fr');
  });

  test('import --into: a cell it cannot apply is reported in the language asked for', async () => {
    const workbook = await editedWorkbook();
    const result = importWorkbook(workbook, { reportVisibleEdits: false, locale: 'en' });
    const base = dataSheetModel(result.settings, result.sections, result.defaultLifecycle === true);
    const expected = buildWorkbook(base, { errors: 0, warnings: 0, rules: [] }, { editTargets: true });
    expect(workbookEdits(workbook, expected, base, {}, 'en').warnings).toEqual([
      `Cas d'usage!E4: Impact business score "beaucoup" is not a whole number from 1 to 5; cell not applied`,
    ]);
    expect(workbookEdits(workbook, expected, base).warnings).toEqual([
      `Cas d'usage!E4: la note Impact business « beaucoup » n’est pas un nombre entier de 1 à 5 ; cellule non appliquée`,
    ]);
  });

  // Found by probing: an emptied score cell read `la note Difficulté «  » n’est pas un nombre entier`.
  test('import --into: an emptied score cell is said to be empty', async () => {
    const workbook = await editedWorkbook();
    const emptied = { sheets: workbook.sheets.map((sheet) => (sheet.name === "Cas d'usage" ? typedOver(sheet, 4, 5, '') : sheet)) };
    const result = importWorkbook(emptied, { reportVisibleEdits: false, locale: 'en' });
    const base = dataSheetModel(result.settings, result.sections, result.defaultLifecycle === true);
    const expected = buildWorkbook(base, { errors: 0, warnings: 0, rules: [] }, { editTargets: true });
    expect(workbookEdits(emptied, expected, base, {}, 'en').warnings).toEqual([
      `Cas d'usage!E4: Impact business score is empty: a use case needs all three scores, a whole number from 1 to 5; cell not applied`,
    ]);
    expect(workbookEdits(emptied, expected, base).warnings).toEqual([
      `Cas d'usage!E4: la note Impact business est vide : un cas d’usage a ses trois notes, un nombre entier de 1 à 5 ; cellule non appliquée`,
    ]);
  });
});

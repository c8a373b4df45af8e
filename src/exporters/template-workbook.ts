import { DEFAULT_PRIORITY_WEIGHTS } from '../model/defaults.js';
import { resolveModel } from '../model/resolve.js';
import type { Locale } from '../model/types.js';
import { buildWorkbook } from './build-workbook.js';
import { DATA_SHEET, WORKBOOK_LABELS } from './labels.js';
import type { WorkbookSpec } from './workbook-spec.js';

/**
 * The blank workbook a team fills by hand (`omni init --xlsx`): omni's own five tabs,
 * headers only, and no hidden data sheet, so that `omni import --out` reads the visible
 * tabs. Built from an empty plan, so its layout is exactly what import understands.
 */
export function buildTemplateWorkbook(locale: Locale): WorkbookSpec {
  const model = resolveModel(
    { name: WORKBOOK_LABELS[locale].blankPlanName, locale, include: [], exclude: [], rules: {}, priorityWeights: DEFAULT_PRIORITY_WEIGHTS, declared: true },
    [
      {
        file: 'template',
        data: { stages: [], channels: [], touchpoints: [], useCases: [], lifecycle: [], targets: [], programs: [], scenarios: [], sources: [], variables: [] },
        invalidPaths: [],
      },
    ],
  );
  // With the Branche column, so that a team can write branching scenarios by hand.
  const spec = buildWorkbook(model, { errors: 0, warnings: 0, rules: [] }, { branchColumn: true });
  const labels = WORKBOOK_LABELS[locale];
  const sheets = spec.sheets
    .filter((sheet) => sheet.name !== DATA_SHEET)
    .map((sheet) => {
      if (sheet.name !== labels.sheets.readme) return sheet;
      // The Read me of a blank plan: what to fill in, not a lint summary or the data-sheet note.
      const lintTitle = sheet.rows.findIndex((row) => row[0]?.value === labels.readme.lint);
      const rows = [...sheet.rows.slice(0, lintTitle), [{ value: labels.readme.templateNote, style: 'wrap' as const }]];
      return { ...sheet, rows, merges: [`A${rows.length}:C${rows.length}`] };
    });
  return { ...spec, sheets };
}

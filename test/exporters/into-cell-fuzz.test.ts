import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadWorkbook } from '../../src/exporters/read-xlsx.js';
import { intoInMemory, typedOver } from './into-harness.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';
import { repo } from './helpers.js';

/**
 * Seeded single-cell edits of the examples' workbooks through the `import --into` pipeline,
 * in memory (the workbook read once, one cell typed over per case): a text gets " édité",
 * a number another score. Each case must end in one of what a user is told: no edit,
 * warnings, a cell the YAML cannot take (named at its cell), or edits that leave the
 * workspace loading cleanly, whose new workbook then shows the typed value. Never an
 * exception, a conflict (nothing changed in the YAML), or YAML that no longer validates.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: cells per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const CELLS = tierCount(100, 30);

describe(`import --into of ${CELLS} seeded single-cell edits per example (seed ${SEED})`, () => {
  it.each(['maison-lumen', 'gaps'])(
    '%s',
    async (example) => {
      const root = path.join(repo, 'examples', example);
      const { spec, workbook, apply } = await intoInMemory(root);
      const random = mulberry32(SEED + example.length);
      const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      // The tabs people edit: not the Read me nor the hidden data sheet; not the hidden key columns omni keeps rows by.
      const editable = workbook.sheets.filter((sheet) => !sheet.hidden && sheet.name !== spec.sheets[0]!.name);
      const outcomes = { none: 0, warned: 0, refused: 0, applied: 0 };
      for (let edit = 0; edit < CELLS; edit++) {
        const sheet = pick(editable);
        const hidden = new Set(spec.sheets.find((candidate) => candidate.name === sheet.name)!.columns.flatMap((column, index) => (column.hidden ? [index + 1] : [])));
        const row = pick(sheet.rowNumbers());
        const columns = sheet.columnsOf(row).filter((column) => !hidden.has(column));
        if (columns.length === 0) continue;
        const column = pick(columns);
        const cell = sheet.cell(row, column);
        if (!cell || cell.mergedFollower || cell.formula !== undefined || cell.value === null) continue;
        const value = typeof cell.value === 'number' ? (cell.value % 5) + 1 : `${cell.value} édité`;
        const label = `${example}, seed ${SEED}: ${sheet.name} row ${row} column ${column}, ${JSON.stringify(cell.value)} typed over with ${JSON.stringify(value)}`;
        const edited: ReadWorkbook = { sheets: workbook.sheets.map((other) => (other === sheet ? typedOver(other, row, column, value) : other)) };
        const outcome = await apply(edited, label, sheet.name);
        outcomes[outcome.kind]++;
        if (outcome.kind !== 'applied') continue;
        const again = outcome.again;
        // Rows may move (a new score re-ranks the use cases): the value is somewhere in its tab.
        expect(
          again.rows.some((cells) =>
            cells.some((written) => written !== null && (written.value === value || (typeof written.value === 'object' && written.value?.result === value))),
          ),
          `${label}: not in the new workbook`,
        ).toBe(true);
      }
      // Not vacuous: most kinds of outcome happened.
      expect(outcomes.applied, JSON.stringify(outcomes)).toBeGreaterThan(CELLS / 10);
      expect(outcomes.none + outcomes.warned, JSON.stringify(outcomes)).toBeGreaterThan(0);
    },
    120_000,
  );
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadCell, ReadSheet, ReadWorkbook } from '../../src/exporters/read-xlsx.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';
import { repo } from './helpers.js';
import { intoInMemory } from './into-harness.js';

/**
 * Seeded row edits of the examples' workbooks through the `import --into` pipeline, in
 * memory, on the tabs whose rows are entities (use cases, scenario steps, data): a row
 * deleted, or a row copied below itself under a new name with its hidden key cleared (a new
 * entity, as a user adds one). Formulas move with their rows, as in a spreadsheet. Each case
 * must end in what a user is told — no edit, warnings, cells the YAML cannot take named at
 * their cell, or edits that leave the workspace loading cleanly — never an exception or a
 * conflict. A deleted row's key must then be gone from the new workbook's tab, and a copied
 * row's name be in it.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: rows per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const ROWS = tierCount(60, 6);

/** A1 references below `row` moved by `by` rows, as a spreadsheet does when rows are inserted or deleted. */
const movedFormula = (formula: string, row: number, by: number) =>
  formula.replace(/(\$?[A-Z]{1,3}\$?)(\d+)/g, (whole, column: string, digits: string) => (Number(digits) >= row ? `${column}${Number(digits) + by}` : whole));

/** The sheet with `row` deleted: the rows below move up. */
function withoutRow(sheet: ReadSheet, row: number): ReadSheet {
  const from = (r: number) => (r >= row ? r + 1 : r);
  return {
    ...sheetShape(sheet, sheet.rowCount - 1),
    cell: (r, c) => moved(sheet.cell(from(r), c), row, -1),
    rowNumbers: () => sheet.rowNumbers().flatMap((r) => (r === row ? [] : [r > row ? r - 1 : r])),
    columnsOf: (r) => sheet.columnsOf(from(r)),
    ...(sheet.outlineLevel ? { outlineLevel: (r: number) => sheet.outlineLevel!(from(r)) } : {}),
  };
}

/** The sheet with a copy of `row` inserted below it, `changes` applied to the copy. */
function withCopyBelow(sheet: ReadSheet, row: number, changes: Map<number, ReadCell['value']>): ReadSheet {
  const copy = row + 1;
  const from = (r: number) => (r > copy ? r - 1 : r === copy ? row : r);
  return {
    ...sheetShape(sheet, sheet.rowCount + 1),
    cell: (r, c) => {
      const cell = r === copy ? sheet.cell(row, c) : moved(sheet.cell(from(r), c), copy, 1);
      if (r === copy && changes.has(c)) return { ...(cell ?? {}), value: changes.get(c)! };
      return cell;
    },
    rowNumbers: () => sheet.rowNumbers().flatMap((r) => (r === row ? [r, copy] : [r > row ? r + 1 : r])),
    columnsOf: (r) => [...new Set([...sheet.columnsOf(from(r)), ...(r === copy ? changes.keys() : [])])].sort((a, b) => a - b),
    ...(sheet.outlineLevel ? { outlineLevel: (r: number) => sheet.outlineLevel!(from(r)) } : {}),
  };
}

const sheetShape = (sheet: ReadSheet, rowCount: number) => ({
  name: sheet.name,
  hidden: sheet.hidden,
  rowCount,
  columnCount: sheet.columnCount,
  ...(sheet.isColumnHidden ? { isColumnHidden: (c: number) => sheet.isColumnHidden!(c) } : {}),
});

const moved = (cell: ReadCell | undefined, row: number, by: number): ReadCell | undefined =>
  cell?.formula === undefined ? cell : { ...cell, formula: movedFormula(cell.formula, row, by) };

describe(`import --into of ${ROWS} seeded row edits per example (seed ${SEED})`, () => {
  it.each(['maison-lumen', 'gaps'])(
    '%s',
    async (example) => {
      const root = path.join(repo, 'examples', example);
      const { spec, workbook, apply } = await intoInMemory(root);
      const random = mulberry32(SEED + example.length);
      const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      // Tabs whose rows carry a hidden key: each such row is an entity (or a step) of the plan.
      const keyed = workbook.sheets.flatMap((sheet) => {
        const written = spec.sheets.find((candidate) => candidate.name === sheet.name);
        const keyColumn = written?.columns.findIndex((column) => column.hidden) ?? -1;
        return sheet.hidden || keyColumn < 0 ? [] : [{ sheet, keyColumn: keyColumn + 1 }];
      });
      expect(keyed.length).toBeGreaterThanOrEqual(3);
      const outcomes = { none: 0, warned: 0, refused: 0, applied: 0 };
      for (let edit = 0; edit < ROWS; edit++) {
        const { sheet, keyColumn } = pick(keyed);
        const rows = sheet.rowNumbers().filter((r) => typeof sheet.cell(r, keyColumn)?.value === 'string');
        if (rows.length === 0) continue;
        const row = pick(rows);
        const key = String(sheet.cell(row, keyColumn)!.value);
        const deleting = random() < 0.5;
        // The copy: a new name in its first text column that is not the key, its key cleared.
        const nameColumn = sheet.columnsOf(row).find((c) => c !== keyColumn && typeof sheet.cell(row, c)?.value === 'string' && !sheet.cell(row, c)!.mergedFollower);
        const name = `${String(nameColumn === undefined ? '' : sheet.cell(row, nameColumn)!.value)} (copie ${edit})`;
        const changes = new Map<number, ReadCell['value']>([[keyColumn, null], ...(nameColumn === undefined ? [] : [[nameColumn, name] as [number, string]])]);
        const edited: ReadWorkbook = {
          sheets: workbook.sheets.map((other) => (other !== sheet ? other : deleting ? withoutRow(other, row) : withCopyBelow(other, row, changes))),
        };
        const label = `${example}, seed ${SEED}: ${sheet.name} row ${row} (${key}) ${deleting ? 'deleted' : `copied as ${JSON.stringify(name)}`}`;
        const outcome = await apply(edited, label, sheet.name);
        outcomes[outcome.kind]++;
        if (outcome.kind !== 'applied') continue;
        const again = outcome.again;
        const texts = again.rows.flatMap((cells) => cells.map((cell) => (cell === null ? null : typeof cell.value === 'object' ? cell.value?.result : cell.value)));
        // A step's key is its place in its scenario (`cart#2`): the steps after it take the places up.
        // Its fallback's row (`cart#2f`) goes with it.
        const scenario = key.includes('#') ? key.slice(0, key.indexOf('#') + 1) : undefined;
        const stepsOf = (cells: readonly unknown[]) => cells.filter((text) => typeof text === 'string' && text.startsWith(scenario!)).length;
        const keys = sheet.rowNumbers().map((r) => sheet.cell(r, keyColumn)?.value);
        if (deleting && scenario) expect(stepsOf(texts), `${label}: not one step fewer`).toBe(stepsOf(keys) - 1 - (keys.includes(`${key}f`) ? 1 : 0));
        else if (deleting) expect(texts, `${label}: the key is still in the new workbook`).not.toContain(key);
        else if (nameColumn !== undefined) expect(texts, `${label}: the copy is not in the new workbook`).toContain(name);
      }
      expect(outcomes.applied, JSON.stringify(outcomes)).toBeGreaterThan(ROWS / 4);
    },
    120_000,
  );
});

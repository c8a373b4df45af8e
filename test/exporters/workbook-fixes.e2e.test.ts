import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import * as XLSX from 'xlsx';
import { formulaRanks, rankFormula } from '../../src/exporters/rank-formula.js';
import { importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { dropdownRanges } from '../../src/exporters/write-xlsx.js';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { exportFolder, importToFolder, repo } from './helpers.js';
import { convertWithLibreOffice, inCi, python, runPython, soffice } from './tools.js';

/** Every data validation of every sheet, as openpyxl reads it: sheet → list of sqref strings. */
const VALIDATIONS = `
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({ws.title: [str(dv.sqref) for dv in ws.data_validations.dataValidation] for ws in book.worksheets}))
`;

type Box = { top: number; left: number; bottom: number; right: number };
function box(ref: string): Box {
  const [a, b = a] = ref.split(':');
  const parse = (cell: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    return { column: [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: Number(m[2]) };
  };
  const from = parse(a!);
  const to = parse(b!);
  return { top: from.row, left: from.column, bottom: to.row, right: to.column };
}
const overlaps = (a: Box, b: Box) => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** Ranges (space-separated sqref parts flattened) that overlap another one. */
function overlapping(validations: Record<string, string[]>): string[] {
  const found: string[] = [];
  for (const [sheet, list] of Object.entries(validations)) {
    const boxes = list.flatMap((sqref) => sqref.split(' ')).map((ref) => ({ ref, box: box(ref) }));
    boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => overlaps(a.box, b.box) && found.push(`${sheet}: ${a.ref} × ${b.ref}`)));
  }
  return found;
}

describe('workbook fixes (#13)', () => {
  test('the specification tab names action steps, shows their details and the scenario’s use cases', async () => {
    const book = XLSX.read((await exportFolder('examples/maison-lumen')).bytes);
    const sheet = book.Sheets['Spécification des scénarios']!;
    const header = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O'].map((column) => sheet[`${column}3`]?.v);
    expect(header).toEqual([
      'Programme',
      'Scénario',
      'Cas d’usage',
      'Cible',
      'Type de déclencheur',
      'Déclencheur',
      'Critères de sortie',
      'Objectif',
      'Branche',
      'Délai',
      'Canal',
      'Action',
      'Objet',
      'Message',
      'Détail de l’action',
    ]);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, defval: null });
    // Column I is the Branche column: maison-lumen has a branching scenario.
    const action = rows.find((row) => row[11] === 'La commande est placée au comptoir de retrait express');
    expect(action?.slice(8, 15)).toEqual([null, '0', 'Magasin', 'La commande est placée au comptoir de retrait express', null, null, null]);
    const call = rows.find((row) => row[11] === "Un conseiller appelle pour recueillir l'avis sur les tissus");
    expect(call?.[14]).toBe("Appel sortant sur mobile_phone, avec l'historique des échantillons à l'écran.");
    const welcome = rows.find((row) => row[1] === 'Bienvenue');
    expect(welcome?.[2]).toBe(
      "Accueillir chaque nouveau compte, qu'il soit créé en ligne ou en caisse\nInciter les nouveaux utilisateurs de l'application à activer les notifications",
    );
  });

  test('score dropdowns are disjoint rectangles (exceljs alone writes E10:G17 over E4:G17)', () => {
    const dropdown = { value: 3, scoreDropdown: true };
    const rows = [[], [], [], ...Array.from({ length: 14 }, () => [null, null, null, null, dropdown, dropdown, dropdown, null])];
    expect(dropdownRanges({ rows })).toEqual(['E4:G17']);
    // A gap in one column splits that column only.
    rows[8] = [null, null, null, null, dropdown, null, dropdown];
    expect(dropdownRanges({ rows })).toEqual(['E4:E17', 'F4:F8', 'F10:F17', 'G4:G17']);
  });

  test.skipIf(!python && !inCi)('openpyxl reads one validation per range and none overlap', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-dv-'));
    const file = path.join(dir, 'lumen.xlsx');
    writeFileSync(file, (await exportFolder('examples/maison-lumen')).bytes);
    const validations = JSON.parse(runPython(VALIDATIONS, file)) as Record<string, string[]>;
    expect(validations["Cas d'usage"]).toEqual(['E4:G17']);
    expect(overlapping(validations)).toEqual([]);
  });

  test('the rank is a formula: score first, then business impact, then sheet order, around fixed ranks', async () => {
    const position = (row: number) =>
      `1+COUNTIFS(H$4:H$6,">"&H${row},J$4:J$6,"")+COUNTIFS(H$4:H$6,H${row},E$4:E$6,">"&E${row},J$4:J$6,"")` +
      (row > 4 ? `+COUNTIFS(H$4:H${row - 1},H${row},E$4:E${row - 1},E${row},J$4:J${row - 1},"")` : '');
    expect(rankFormula(4, 4, 6, 1)).toBe(`IF(J4<>"",J4,${position(4)}+COUNTIF(J$4:J$6,"<="&(${position(4)})))`);
    expect(rankFormula(6, 4, 6, 1)).toBe(`IF(J6<>"",J6,${position(6)}+COUNTIF(J$4:J$6,"<="&(${position(6)})))`);
    // Fixed ranks 1 and 3 leave 2, 4, 5 to the automatic ones, in score order; ties go to business, then sheet order.
    const rows = [
      { score: 4, business: 3 },
      { score: 0, business: 1, fixed: 1 },
      { score: 4, business: 5 },
      { score: 9, business: 1, fixed: 3 },
      { score: 4, business: 3 },
    ];
    expect(formulaRanks(rows, 2)).toEqual([4, 1, 2, 3, 5]);
    // One level is not enough for two fixed ranks: omni would see the mismatch and write numbers.
    expect(formulaRanks(rows, 1)).not.toEqual([4, 1, 2, 3, 5]);
    const book = XLSX.read((await exportFolder('examples/maison-lumen')).bytes, { cellFormula: true });
    const sheet = book.Sheets["Cas d'usage"]!;
    expect(sheet.J3?.v).toBe('Rang fixé');
    // Cached results are omni's ranking, so viewers that do not recalculate show it.
    const ranks = Array.from({ length: 14 }, (_, i) => sheet[`I${i + 4}`]);
    expect(ranks.map((cell) => cell?.v)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    expect(ranks.every((cell) => typeof cell?.f === 'string' && cell.f.startsWith('IF(J'))).toBe(true);
    // The use case with `priority: 1` shows it in the fixed-rank column.
    expect(Array.from({ length: 14 }, (_, i) => sheet[`J${i + 4}`]?.v ?? null).filter((v) => v !== null)).toEqual([1]);
  });

  test.skipIf(!python && !inCi)('a workbook saved by openpyxl (no cached formula values) re-imports without a warning', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-openpyxl-'));
    const file = path.join(dir, 'lumen.xlsx');
    writeFileSync(file, (await exportFolder('examples/maison-lumen')).bytes);
    runPython('import sys, openpyxl\nbook = openpyxl.load_workbook(sys.argv[1])\nbook.save(sys.argv[1])', file);
    const read = await readXlsx(readFileSync(file));
    const useCases = read.sheets.find((sheet) => sheet.name === "Cas d'usage")!;
    expect(useCases.cell(4, 8)).toEqual({ value: null, formula: 'E4+F4-G4' });
    expect(importWorkbook(read).warnings).toEqual([]);
  });

  test('an unedited workbook re-imports without a warning, zero scores included', async () => {
    const { bytes } = await exportFolder('test/fixtures/hostile');
    expect(importWorkbook(await readXlsx(bytes)).warnings).toEqual([]);
  });

  test.skipIf(!(python && soffice) && !inCi)(
    'LibreOffice recalculates the rank after a score is edited, and keeps the validations disjoint',
    { timeout: 180_000 },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'omni-rank-'));
      const file = path.join(dir, 'edited.xlsx');
      writeFileSync(file, (await exportFolder('examples/maison-lumen')).bytes);
      // The last use case (rank 14) becomes the best automatic one (5 + 5 − 1 = 9): rank 2, after the fixed rank 1 of row 4.
      runPython(
        "import sys, openpyxl\nbook = openpyxl.load_workbook(sys.argv[1])\nws = book[\"Cas d'usage\"]\nws['E17'] = 5\nws['F17'] = 5\nws['G17'] = 1\nbook.save(sys.argv[1])",
        file,
      );
      const out = path.join(dir, 'out');
      convertWithLibreOffice(file, 'xlsx', out, path.join(dir, 'profile'));
      const converted = path.join(out, 'edited.xlsx');
      const ranks = JSON.parse(
        runPython(
          'import sys, json, openpyxl\nws = openpyxl.load_workbook(sys.argv[1], data_only=True)["Cas d\'usage"]\nprint(json.dumps([ws.cell(row=r, column=9).value for r in range(4, 18)]))',
          converted,
        ),
      ) as number[];
      expect(ranks).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 2]);
      expect(overlapping(JSON.parse(runPython(VALIDATIONS, converted)) as Record<string, string[]>)).toEqual([]);
    },
  );

  test('a name over Excel’s 32,767-character cell limit is cut with a marker and a warning; the data sheet keeps it whole', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-long-'));
    cpSync(path.join(repo, 'examples/gaps'), dir, { recursive: true });
    const long = 'x'.repeat(40_000);
    const matrix = path.join(dir, 'matrix.yaml');
    writeFileSync(matrix, readFileSync(matrix, 'utf8').replace(/(touchpoints:\n\s+- id: [^\n]+\n\s+name: )[^\n]+/, `$1${long}`));
    const workspace = await loadWorkspace(dir);
    const spec = buildWorkbook(workspace.model, summariseLint((await lintWorkspace(workspace)).diagnostics));
    expect(spec.warnings).toEqual(["Customer journey!B5: text over Excel's 32767-character cell limit, cut (7273 characters); the full text stays in the YAML"]);
    const bytes = await writeXlsx(spec);
    const book = XLSX.read(bytes);
    const cells = book.SheetNames.filter((name) => name !== 'omni').flatMap((name) =>
      Object.values(book.Sheets[name]!)
        .filter((cell) => typeof (cell as XLSX.CellObject).v === 'string')
        .map((cell) => String((cell as XLSX.CellObject).v)),
    );
    expect(Math.max(...cells.map((text) => text.length))).toBeLessThanOrEqual(32_767);
    expect(cells.some((text) => text.endsWith('… [7273 characters cut]'))).toBe(true);
    const { result } = await importToFolder(bytes);
    expect(result.warnings).toEqual([]);
    expect(result.sections.touchpoints.some((touchpoint) => touchpoint.name === long)).toBe(true);
  });
});

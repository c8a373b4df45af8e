import ExcelJS from 'exceljs';
import { describe, expect, test, vi } from 'vitest';
import * as XLSX from 'xlsx';
import { importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { readZip } from '../../src/exporters/zip.js';
import { exportFolder } from './helpers.js';

async function exceljsRead(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** Dates of every zip entry, from the central directory (DOS date and time). */
function zipEntryStamps(zip: Buffer): string[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = zip.readUInt32LE(end + 16);
  const stamps: string[] = [];
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const time = zip.readUInt16LE(offset + 12);
    const date = zip.readUInt16LE(offset + 14);
    stamps.push(`${1980 + (date >> 9)}-${(date >> 5) & 15}-${date & 31} ${time >> 11}:${(time >> 5) & 63}`);
    offset += 46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return stamps;
}

describe('omni export --xlsx', () => {
  test('two exports of the same workspace are byte-identical, dated from the plan', async () => {
    const first = await exportFolder('examples/maison-lumen');
    // A day and a DOS-time tick later, by the clock the exporter would read (no 2 s sleep).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 86_400_000 + 2_100 });
    const second = await exportFolder('examples/maison-lumen').finally(() => vi.useRealTimers());
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(new Set(zipEntryStamps(first.bytes))).toEqual(new Set(['2026-11-1 0:0']));
    const workbook = await exceljsRead(first.bytes);
    expect(workbook.created.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(workbook.modified.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(workbook.creator).toBe('omni');
    expect(workbook.title).toBe('Plan relationnel omnicanal — Maison Lumen — plan relationnel omnicanal');
  });

  test('tabs are named in the workspace locale, the data sheet is hidden', async () => {
    const fr = XLSX.read((await exportFolder('examples/maison-lumen')).bytes);
    expect(fr.SheetNames).toEqual([
      'Lisez-moi',
      'Parcours client',
      "Cas d'usage",
      'Cartographie des scénarios',
      'Spécification des scénarios',
      'Besoins en données',
      'omni',
    ]);
    expect(fr.Workbook?.Sheets?.map((sheet) => sheet.Hidden ?? 0)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    const en = XLSX.read((await exportFolder('examples/gaps')).bytes);
    expect(en.SheetNames).toEqual(['Read me', 'Customer journey', 'Use cases', 'Scenario map', 'Scenario specification', 'Data requirements', 'omni']);
  });

  test('use cases carry a real priority formula with its cached result, sorted by rank', async () => {
    const book = XLSX.read((await exportFolder('examples/maison-lumen')).bytes);
    const sheet = book.Sheets["Cas d'usage"]!;
    expect(sheet.A3?.v).toBe('Catégorie');
    expect(sheet.H3?.v).toBe('Score de priorité');
    expect(sheet.H4).toMatchObject({ t: 'n', f: 'E4+F4-G4', v: 4 });
    expect([sheet.E4?.v, sheet.F4?.v, sheet.G4?.v]).toEqual([3, 5, 4]);
    expect(sheet.I4?.v).toBe(1);
    expect(sheet.C4?.v).toBe("Suivre chaque réclamation jusqu'à sa résolution, quel que soit le canal");
    expect(sheet['!autofilter']?.ref).toBe('A3:J3');
  });

  test('layout: frozen headers, landscape fit-to-width printing, legend colours, score dropdowns, gaps highlighted', async () => {
    const workbook = await exceljsRead((await exportFolder('examples/gaps')).bytes);
    for (const name of ['Read me', 'Customer journey', 'Use cases', 'Scenario map', 'Scenario specification', 'Data requirements']) {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    }
    const matrix = workbook.getWorksheet('Customer journey')!;
    expect(matrix.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 4 });
    expect(matrix.getCell('B2').value).toBe('Normal');
    expect((matrix.getCell('C2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF8CBAD');
    const useCases = workbook.getWorksheet('Use cases')!;
    expect(useCases.getCell('E4').dataValidation).toMatchObject({ type: 'list', formulae: ['"1,2,3,4,5"'] });
    const data = workbook.getWorksheet('Data requirements')!;
    const noSource = [...Array(data.rowCount).keys()].map((i) => data.getCell(`D${i + 1}`)).find((cell) => cell.value === 'No source');
    expect((noSource?.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe('FFFFC7CE');
    const readme = workbook.getWorksheet('Read me')!;
    const texts = readme
      .getSheetValues()
      .flat()
      .filter((value) => typeof value === 'string');
    expect(texts).toContain('unknown-reference');
    expect(texts).toContain('Gaps — every lint rule, planted on purpose');
  });

  test('no formula injection: hostile text stays text for SheetJS and exceljs; only the priority score and rank are formulas', async () => {
    const { bytes } = await exportFolder('test/fixtures/hostile');
    const book = XLSX.read(bytes, { cellFormula: true });
    const formulas: string[] = [];
    let hostile = 0;
    for (const name of book.SheetNames) {
      const sheet = book.Sheets[name]!;
      for (const [ref, cell] of Object.entries(sheet)) {
        if (ref.startsWith('!')) continue;
        const xcell = cell as XLSX.CellObject;
        if (xcell.f !== undefined) formulas.push(`${name}!${ref}=${xcell.f}`);
        if (typeof xcell.v === 'string' && /^[=+\-@\t\r]/.test(xcell.v)) {
          hostile++;
          expect(xcell.t).toBe('s');
        }
      }
    }
    expect(hostile).toBeGreaterThan(10);
    // Only omni's own formulas: the priority score (H) and the rank that follows it (I).
    const own = /^Cas d'usage!(H\d+=E\d+\+F\d+-G\d+|I(\d+)=IF\(J\2<>"",J\2,1\+COUNTIFS\([^"]*">"&H\2,J\$\d+:J\$\d+,""\)[-+A-Z0-9$:,"<>=&()]*\))$/;
    expect(formulas.filter((formula) => !own.test(formula))).toEqual([]);
    expect(formulas.length).toBeGreaterThan(0);
    const workbook = await exceljsRead(bytes);
    let checked = 0;
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Merge) return; // shows its master's value
          const text = typeof cell.value === 'string' ? cell.value : (cell.value as { text?: unknown } | null)?.text;
          if (typeof text === 'string' && /^[=+\-@\t\r]/.test(text)) {
            checked++;
            expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Hyperlink, ExcelJS.ValueType.SharedString]).toContain(cell.type);
          }
        }),
      ),
    );
    expect(checked).toBeGreaterThan(10);
  });

  test('scenario names link inside the workbook to their specification row; header rows repeat on printed pages', async () => {
    const { bytes } = await exportFolder('examples/maison-lumen');
    const book = XLSX.read(bytes);
    const map = book.Sheets['Cartographie des scénarios']!;
    expect(map.B4?.v).toBe('Bienvenue');
    expect(map.B4?.l?.Target).toBe("#'Spécification des scénarios'!B17");
    expect(book.Sheets['Spécification des scénarios']!.B17?.v).toBe('Bienvenue');
    const entries = readZip(bytes);
    const part = (name: string) => entries.find((entry) => entry.name === name)?.data.toString('utf8') ?? '';
    expect(part('xl/worksheets/_rels/sheet4.xml.rels')).not.toContain('External');
    const workbookXml = part('xl/workbook.xml');
    expect(workbookXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="1">\'Parcours client\'!$4:$4</definedName>');
    expect(workbookXml).toContain('<definedName name="_xlnm.Print_Titles" localSheetId="2">\'Cas d\'\'usage\'!$3:$3</definedName>');
  });

  test('edits made in the visible tabs of an omni workbook are reported, not dropped silently', async () => {
    const workbook = await exceljsRead((await exportFolder('examples/maison-lumen')).bytes);
    workbook.getWorksheet("Cas d'usage")!.getCell('E4').value = 5;
    const edited = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = importWorkbook(await readXlsx(edited));
    expect(result.warnings).toEqual([
      // In the workbook's language (maison-lumen is French): src/i18n, importer.visibleDiffers.
      `Cas d'usage!E4: « 5 » diffère des données d’omni (« 3 ») ; les modifications des onglets visibles s’appliquent avec \`omni import --into ESPACE\`, pas avec --out`,
    ]);
  });
});

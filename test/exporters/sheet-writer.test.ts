/**
 * omni writes the sheets' cells itself, straight into zip parts deflated as they are
 * written; exceljs only writes the package around them. These tests hold that writer to
 * exceljs's own rendering of the same cells (its row API, as omni used it before), part
 * by part, and the streaming zip to the one-shot one, byte for byte.
 */
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildWorkbook, describeWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import type { SheetSpec, WorkbookSpec } from '../../src/exporters/workbook-spec.js';
import { indented, LINK_STYLES, outlineProperties, rowHeight, STYLES, writeXlsx } from '../../src/exporters/write-xlsx.js';
import { readZip, writeZip, ZipStreamWriter } from '../../src/exporters/zip.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { repo } from './helpers.js';

/** The workbook's parts as exceljs's streaming writer renders them through its row API. */
async function exceljsParts(spec: WorkbookSpec): Promise<Map<string, string>> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true, zip: { store: true } } as never);
  for (const sheet of spec.sheets) {
    const printed = sheet.state !== 'hidden';
    const worksheet = workbook.addWorksheet(sheet.name, { state: sheet.state ?? 'visible', ...outlineProperties(sheet) } as never) as ExcelJS.Worksheet & {
      commit(): void;
    };
    worksheet.columns = sheet.columns.map((column) => ({ width: column.width, hidden: column.hidden ?? false }));
    const merges = new Map<number, string[]>();
    for (const range of sheet.merges) {
      const top = Number(/\d+/.exec(range)![0]);
      merges.set(top, [...(merges.get(top) ?? []), range]);
    }
    sheet.rows.forEach((cells, r) => {
      for (const range of merges.get(r + 1) ?? []) worksheet.mergeCells(range);
      if (cells.length === 0) return;
      const row = worksheet.getRow(r + 1);
      cells.forEach((cell, c) => {
        if (!cell) return;
        const target = row.getCell(c + 1);
        const { value } = cell;
        if (value !== null)
          target.value =
            typeof value === 'object'
              ? { formula: value.formula, result: value.result }
              : cell.link && typeof value === 'string'
                ? { text: value, hyperlink: cell.link }
                : value;
        if (cell.link) target.style = LINK_STYLES[cell.style ?? 'text'];
        else if (cell.indent) target.style = indented(cell.style ?? 'text', cell.indent);
        else if (cell.style) target.style = STYLES[cell.style];
      });
      const level = sheet.outline?.[r];
      if (level) row.outlineLevel = level;
      if (printed) row.height = cells[0]?.style === 'title' ? 26 : rowHeight(cells, sheet.columns);
      row.commit();
    });
    worksheet.commit();
  }
  await workbook.commit();
  await new Promise((resolve) => (sink.writableFinished ? resolve(undefined) : sink.on('finish', resolve)));
  return new Map(readZip(Buffer.concat(chunks)).map((entry) => [entry.name, entry.data.toString('utf8')]));
}

const partsOf = async (bytes: Buffer) => new Map(readZip(bytes).map((entry) => [entry.name, entry.data.toString('utf8')]));
const between = (xml: string, open: string, close: string) => {
  const start = xml.indexOf(open);
  return start < 0 ? '' : xml.slice(start, xml.indexOf(close, start) + close.length);
};

/** The cells, merges, shared strings and styles of omni's workbook equal exceljs's rendering of the same description. */
async function expectSameCells(spec: WorkbookSpec): Promise<void> {
  const reference = await exceljsParts(spec);
  const ours = await partsOf(await writeXlsx(spec));
  spec.sheets.forEach((sheet, index) => {
    const name = `xl/worksheets/sheet${index + 1}.xml`;
    expect(between(ours.get(name)!, '<sheetData', '</sheetData>'), `${sheet.name}: sheetData`).toBe(between(reference.get(name)!, '<sheetData', '</sheetData>'));
    expect(between(ours.get(name)!, '<mergeCells', '</mergeCells>'), `${sheet.name}: merges`).toBe(between(reference.get(name)!, '<mergeCells', '</mergeCells>'));
  });
  expect(ours.get('xl/sharedStrings.xml')).toBe(reference.get('xl/sharedStrings.xml'));
  expect(ours.get('xl/styles.xml')).toBe(reference.get('xl/styles.xml'));
}

async function exampleSpec(folder: string): Promise<WorkbookSpec> {
  const workspace = await loadWorkspace(path.join(repo, folder));
  return buildWorkbook(workspace.model, summariseLint((await lintWorkspace(workspace)).diagnostics));
}

/** Every case the row writer handles: merges over rows and past the last row, styled followers, empty and styled-empty cells, formulas, links, escapes. */
function trickySheets(): SheetSpec[] {
  const visible: SheetSpec = {
    name: 'Cases & "quotes"',
    columns: [{ width: 12 }, { width: 30 }, { width: 8, hidden: true }, { width: 8 }],
    merges: ['A2:C3', 'D5:D8', 'B10:C10', 'A10:A12'],
    rows: [
      [{ value: 'Title', style: 'title' }],
      [{ value: 'merged master', style: 'header' }, null, { value: null, style: 'wrap' }, { value: 0, style: 'number' }],
      [null, { value: null, style: 'gap' }],
      [],
      [
        { value: ' leading space', style: 'text' },
        { value: 'line\nbreak & <tag> "q" \'a\'\u0001', style: 'wrap' },
        { value: '', style: 'text' },
        { value: 'down', style: 'muted' },
      ],
      [{ value: -1.25, style: 'score' }, { value: { formula: 'A6*2&"<x>"', result: -2.5 }, style: 'score' }, { value: null }],
      [{ value: 'Go to B1', style: 'rowHeader', link: '\'Cases & "quotes"\'!B1' }, { value: 42, link: "'Hidden'!A1" }, { value: 'trailing ' }],
      [
        { value: 'Title', style: 'title' },
        { value: 'status', style: 'status-friction' },
      ],
      [],
      [{ value: 'only B10 master below' }, { value: 'B10', style: 'group' }],
    ],
  };
  const hidden: SheetSpec = {
    name: 'Hidden',
    state: 'hidden',
    columns: [{ width: 14 }, { width: 80 }],
    merges: [],
    rows: [[{ value: 'omni' }, { value: '{"a":"&amp;"}' }], [{ value: null, style: 'text' }], [], [{ value: 'Title' }, { value: 3 }]],
  };
  return [visible, hidden];
}

describe('the sheet writer', () => {
  test('renders the example workbooks cell for cell as exceljs does', async () => {
    for (const folder of ['examples/maison-lumen', 'examples/gaps', 'examples/teams']) await expectSameCells(await exampleSpec(folder));
  });

  test('renders merges, styled followers, empty cells, formulas, links and escapes as exceljs does', async () => {
    const spec: WorkbookSpec = { title: 'T & t', subject: 's', date: new Date('2026-01-02T00:00:00Z'), locale: 'en', sheets: trickySheets() };
    await expectSameCells(spec);
    // And the file reads back with the values written.
    const sheet = (await readXlsx(await writeXlsx(spec))).sheets[0]!;
    expect(sheet.cell(5, 2)?.value).toBe('line\nbreak & <tag> "q" \'a\'');
    expect(sheet.cell(6, 2)).toEqual({ value: -2.5, formula: 'A6*2&"<x>"' });
    expect(sheet.cell(8, 4)).toEqual({ value: 'down', mergedFollower: true });
    expect(sheet.cell(12, 1)).toEqual({ value: 'only B10 master below', mergedFollower: true });
  });

  test('a description built sheet by sheet and released as written gives the same bytes', async () => {
    const workspace = await loadWorkspace(path.join(repo, 'examples/maison-lumen'));
    const summary = summariseLint((await lintWorkspace(workspace)).diagnostics);
    const whole = buildWorkbook(workspace.model, summary);
    const lazy = describeWorkbook(workspace.model, summary);
    const sheets = [...lazy.sheets];
    expect(sheets).toEqual(whole.sheets);
    expect(lazy.warnings).toEqual(whole.warnings ?? []);
    const again = describeWorkbook(workspace.model, summary);
    const seen: SheetSpec[] = [];
    const bytes = await writeXlsx(
      {
        ...again.head,
        sheets: (function* () {
          for (const sheet of again.sheets) yield seen[seen.push(sheet) - 1]!;
        })(),
      },
      { release: true },
    );
    expect(bytes.equals(await writeXlsx(whole))).toBe(true);
    expect(seen.map((sheet) => sheet.rows.length)).toEqual(whole.sheets.map(() => 0));
  });
});

describe('the streaming zip writer', () => {
  test('gives the bytes of the one-shot writer, however the parts are cut', async () => {
    const texts = ['', 'a', 'x'.repeat(70_000), Array.from({ length: 5000 }, (_, i) => `<row r="${i}">é — ${i * 7919}</row>`).join('')];
    const when = new Date('2026-03-04T05:06:08Z');
    const zip = new ZipStreamWriter(when);
    let seed = 7;
    for (const [index, text] of texts.entries()) {
      const part = zip.part(`part${index}.xml`);
      const bytes = Buffer.from(text, 'utf8');
      for (let start = 0; start < bytes.length;) {
        seed = (seed * 48271) % 2147483647;
        const end = Math.min(bytes.length, start + 1 + (seed % 9000));
        if (!part.write(bytes.subarray(start, end))) await part.drained();
        start = end;
      }
      await part.end();
    }
    const streamed = await zip.finish('part2.xml');
    const order = [2, 0, 1, 3];
    const oneShot = writeZip(
      order.map((index) => ({ name: `part${index}.xml`, data: Buffer.from(texts[index]!, 'utf8') })),
      when,
    );
    expect(streamed.equals(oneShot)).toBe(true);
    expect(readZip(streamed).map((entry) => entry.data.toString('utf8'))).toEqual(order.map((index) => texts[index]));
  });
});

describe('the reader', () => {
  test('keeps a row’s cells in column order, whatever order the XML lists them in', async () => {
    const part = (name: string, text: string) => ({ name, data: Buffer.from(text, 'utf8') });
    const bytes = writeZip(
      [
        part(
          'xl/workbook.xml',
          '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        ),
        part(
          'xl/_rels/workbook.xml.rels',
          '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        ),
        part(
          'xl/worksheets/sheet1.xml',
          '<worksheet><sheetData><row r="2"><c r="D2"><v>4</v></c><c r="B2" t="str"><v>b</v></c><c r="C2"><f>1+2</f><v>3</v></c><c r="B2" t="str"><v>b again</v></c></row>' +
            '<row r="1"><c r="A1" t="str"><v>a</v></c></row></sheetData><mergeCells><mergeCell ref="A1:A2"/></mergeCells></worksheet>',
        ),
      ],
      new Date('2026-01-01T00:00:00Z'),
    );
    const sheet = (await readXlsx(bytes)).sheets[0]!;
    expect(sheet.rowNumbers()).toEqual([1, 2]);
    expect(sheet.columnsOf(2)).toEqual([1, 2, 3, 4]);
    expect([1, 2, 3, 4].map((column) => sheet.cell(2, column))).toEqual([
      { value: 'a', mergedFollower: true },
      { value: 'b again' },
      { value: 3, formula: '1+2' },
      { value: 4 },
    ]);
    expect(sheet.cell(2, 5)).toBeUndefined();
    expect(sheet.cell(3, 1)).toBeUndefined();
  });
});

/**
 * Hostile workbooks from the reliability audit (#11), each generated here (a few KB to a
 * few MB on disk): import is bounded by the cells present and by a size budget checked
 * before anything inflates.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx, WorkbookLimitError } from '../../src/exporters/read-xlsx.js';
import { readZip } from '../../src/exporters/zip.js';
import { handFilledTemplate } from '../fixtures/xlsx/hand-filled.js';
import { repo } from './helpers.js';

interface RawEntry {
  name: string;
  /** Raw deflate data. */
  compressed: Buffer;
  /** Uncompressed size as the central directory declares it (may lie). */
  size: number;
}

/** A zip of pre-deflated entries, so a test can declare any size it likes. */
function zipOf(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(8, 10);
    record.writeUInt32LE(entry.compressed.length, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    parts.push(local, name, entry.compressed);
    central.push(record, name);
    offset += 30 + name.length + entry.compressed.length;
  }
  const size = central.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

const entry = (name: string, data: Buffer | string): RawEntry => {
  const bytes = Buffer.from(data);
  return { name, compressed: deflateRawSync(bytes), size: bytes.length };
};

/**
 * `head`, then `repeat` × `times`, then `tail`, as one valid raw deflate stream, built without
 * deflating the whole (2 GiB of zeros took 10 s at level 9): each piece is deflated once and
 * ends on a full flush (byte-aligned, no reference to what came before), so the `repeat`
 * piece is simply written `times` times; the tail's piece ends the stream.
 */
function deflatedStream(head: string, repeat: Buffer, times: number, tail: string): { compressed: Buffer; size: number } {
  const piece = (data: Buffer | string) => deflateRawSync(data, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const repeated = piece(repeat);
  const compressed = Buffer.concat([piece(head), ...Array.from({ length: times }, () => repeated), deflateRawSync(tail, { level: 9 })]);
  return { compressed, size: head.length + repeat.length * times + tail.length };
}

/** The hand-filled template with some of its parts replaced or added. */
async function templateWith(edit: (entries: RawEntry[], parts: Map<string, string>) => void): Promise<Buffer> {
  const parts = new Map(readZip(await handFilledTemplate()).map((part) => [part.name, part.data.toString('utf8')]));
  const entries: RawEntry[] = [];
  edit(entries, parts);
  return zipOf([...[...parts].map(([name, text]) => entry(name, text)), ...entries]);
}

const MATRIX = 'xl/worksheets/sheet1.xml';

describe('bounded import (#11)', () => {
  test('the hostile streams below inflate to exactly what they declare', () => {
    const stream = deflatedStream('<worksheet>', Buffer.alloc(100_000, 0x20), 5, '</worksheet>');
    const inflated = inflateRawSync(stream.compressed);
    expect(inflated.length).toBe(stream.size);
    expect(inflated.equals(Buffer.concat([Buffer.from('<worksheet>'), Buffer.alloc(500_000, 0x20), Buffer.from('</worksheet>')]))).toBe(true);
  });

  test('a lone cell at XFD1048576 costs one cell: the import finishes at once and reports it', async () => {
    const bytes = await templateWith((_entries, parts) => {
      const xml = parts.get(MATRIX)!;
      parts.set(
        MATRIX,
        xml
          .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
          .replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far away</t></is></c></row></sheetData>'),
      );
    });
    expect(bytes.length).toBeLessThan(64 * 1024);
    const started = performance.now();
    const workbook = await readXlsx(bytes);
    const matrix = workbook.sheets.find((sheet) => sheet.name === 'Parcours client')!;
    expect([matrix.rowCount, matrix.columnCount]).toEqual([1_048_576, 16_384]);
    expect(matrix.rowNumbers().length).toBeLessThan(20);
    const result = importWorkbook(workbook);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.warnings).toContain('Parcours client!XFD1048576: "far away" is in a column without a stage header; not imported');
  });

  test('a 200,000-row sheet imports in time linear in its rows (the 1,000,000-row case took 262 s)', { timeout: 60_000 }, async () => {
    const rows = 200_000;
    const bytes = await templateWith((entries, parts) => {
      const xml = parts.get('xl/worksheets/sheet5.xml')!;
      // Data requirements: the same variable, row after row, for the last scenario.
      const many = Array.from({ length: rows }, (_, i) => `<row r="${i + 20}"><c r="C${i + 20}" t="inlineStr"><is><t>Prénom</t></is></c></row>`).join('');
      parts.set('xl/worksheets/sheet5.xml', xml.replace('</sheetData>', `${many}</sheetData>`));
    });
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const started = performance.now();
    const result = importWorkbook(await readXlsx(bytes));
    const seconds = (performance.now() - started) / 1000;
    expect(result.sections.variables.map((variable) => variable.id)).toEqual(['prenom', 'articles-du-panier', 'magasin-prefere']);
    expect(seconds).toBeLessThan(20);
  });

  test('unclosed elements by the hundred thousand (a row of cells, styles, a theme) read at once: the row alone took 85 s', async () => {
    const bytes = await templateWith((_entries, parts) => {
      parts.set(MATRIX, parts.get(MATRIX)!.replace('</sheetData>', `<row r="40">${'<c r="A40">'.repeat(200_000)}</row></sheetData>`));
      parts.set('xl/styles.xml', parts.get('xl/styles.xml')!.replace('</styleSheet>', `${'<cellXfs><xf fillId="1">'.repeat(50_000)}</styleSheet>`));
      const theme = [...parts.keys()].find((name) => name.startsWith('xl/theme/'))!;
      parts.set(theme, parts.get(theme)!.replace('</a:themeElements>', `${'<a:clrScheme><a:dk1><a:srgbClr '.repeat(50_000)}</a:themeElements>`));
    });
    expect(bytes.length).toBeLessThan(64 * 1024);
    const started = performance.now();
    const result = importWorkbook(await readXlsx(bytes));
    expect(performance.now() - started).toBeLessThan(5_000);
    // What comes before the hostile parts still reads as it did.
    expect(result.sections.touchpoints.length).toBeGreaterThan(0);
  });

  test('a 2 GiB zero-filled image is never inflated', async () => {
    const image = deflatedStream('', Buffer.alloc(16 * 1024 * 1024), 128, '');
    expect(image.size).toBe(2 * 1024 * 1024 * 1024);
    const bytes = await templateWith((entries) => entries.push({ name: 'xl/media/image1.png', ...image }));
    expect(bytes.length).toBeLessThan(4 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const result = importWorkbook(await readXlsx(bytes));
    expect(result.sections.touchpoints).toHaveLength(8);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  }, 60_000);

  test('1 GiB of whitespace in a sheet is refused from its declared size, before inflating', async () => {
    const sheet = deflatedStream('<worksheet><sheetData>', Buffer.alloc(16 * 1024 * 1024, 0x20), 64, '</sheetData></worksheet>');
    const bytes = await templateWith((entries, parts) => {
      parts.delete(MATRIX);
      entries.push({ name: MATRIX, ...sheet });
    });
    expect(bytes.length).toBeLessThan(4 * 1024 * 1024);
    const started = performance.now();
    await expect(readXlsx(bytes)).rejects.toThrow(WorkbookLimitError);
    await expect(readXlsx(bytes)).rejects.toThrow('xl/worksheets/sheet1.xml is 1024 MiB uncompressed, over the 384 MiB a part may have');
    expect(performance.now() - started).toBeLessThan(2_000);
  }, 60_000);

  test('a part that inflates far beyond its compressed size is refused as a zip bomb', async () => {
    const sheet = deflatedStream('<worksheet><sheetData>', Buffer.alloc(16 * 1024 * 1024, 0x20), 20, '</sheetData></worksheet>');
    const bytes = await templateWith((entries, parts) => {
      parts.delete(MATRIX);
      entries.push({ name: MATRIX, ...sheet });
    });
    await expect(readXlsx(bytes)).rejects.toThrow(/^xl\/worksheets\/sheet1\.xml inflates \d+ times \(320 MiB\): refused as a zip bomb$/);
    // The CLI says it in one line (and a hint), exit 2, nothing written.
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-bomb-'));
    const file = path.join(dir, 'bomb.xlsx');
    writeFileSync(file, bytes);
    const run = spawnSync(process.execPath, [path.join(repo, 'bin/omni.js'), 'import', '--xlsx', file, '--out', path.join(dir, 'out')], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^omni: .*bomb\.xlsx refused: xl\/worksheets\/sheet1\.xml inflates \d+ times \(320 MiB\): refused as a zip bomb\n {2}omni reads workbooks within fixed budgets \(see docs\/export\.md, Reading budgets\)\n$/,
    );
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  }, 60_000);

  test('a part that lies about its size stops inflating at the declared size', async () => {
    const sheet = deflatedStream('<worksheet><sheetData>', Buffer.alloc(1024 * 1024, 0x20), 8, '</sheetData></worksheet>');
    const bytes = await templateWith((entries, parts) => {
      parts.delete(MATRIX);
      entries.push({ name: MATRIX, compressed: sheet.compressed, size: 4096 });
    });
    await expect(readXlsx(bytes)).rejects.toThrow('xl/worksheets/sheet1.xml inflates to more than its declared 4096 bytes: the archive is damaged or hostile');
  });

  test('an archive with more entries than a workbook has is refused from its directory', async () => {
    const entries = Array.from({ length: 10_001 }, (_, i) => entry(`x/${i}`, ''));
    await expect(readXlsx(zipOf(entries))).rejects.toThrow('the archive has 10001 entries, more than the 10000 a workbook may have');
  });
});

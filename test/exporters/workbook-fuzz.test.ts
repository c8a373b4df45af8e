/**
 * Seeded workbook mutations (#11): whatever the bytes, reading and importing either
 * succeed or fail with a one-line error of a known kind — never a crash, never a hang.
 */
import { describe, expect, test } from 'vitest';
import { importWorkbook, WorkbookError } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { readZip, writeZip } from '../../src/exporters/zip.js';
import { handFilledTemplate } from '../fixtures/xlsx/hand-filled.js';
import { exportFolder } from './helpers.js';
import { tierCount } from '../setup/tiers.js';
import { mulberry32 as prng } from '../setup/seeded-random.js';

const SNIPPETS = [
  '<c r="XFD1048576" t="s"><v>99999999</v></c>',
  '<row r="0">',
  '</row>',
  '<mergeCell ref="A1:XFD1048576"/>',
  '&#xFFFFFFF;',
  '_xD800_',
  '<v>NaN</v>',
  '<f>',
  't="e"',
  '"',
  '<',
  '<![CDATA[x',
];

function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at) + SNIPPETS[Math.floor(random() * SNIPPETS.length)] + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 200));
    case 2:
      return text.slice(0, at);
    default:
      return text.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x3000)) + text.slice(at + 1);
  }
}

// The unit tier runs the first 60 runs, the e2e tier all 300 (test/setup/tiers.ts).
const RUNS = tierCount(300, 60);

describe('workbook fuzzing', () => {
  test(`${RUNS} seeded mutations of the XML parts and the zip bytes: no crash, bounded time`, { timeout: 120_000 }, async () => {
    const sources = [await handFilledTemplate(), (await exportFolder('examples/gaps')).bytes];
    const random = prng(11);
    const failures: string[] = [];
    // How the runs ended, so the test shows it exercises both paths.
    const outcomes = { imported: 0, refusedImport: 0, refusedRead: 0 };
    const started = performance.now();
    for (let run = 0; run < RUNS; run++) {
      const source = sources[run % sources.length]!;
      let bytes: Buffer;
      if (run % 5 === 4) {
        // Raw byte damage to the archive itself.
        bytes = Buffer.from(source);
        for (let flips = 0; flips < 8; flips++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      } else {
        const entries = readZip(source);
        const targets = entries.filter((entry) => entry.name.endsWith('.xml'));
        const target = targets[Math.floor(random() * targets.length)]!;
        target.data = Buffer.from(mutate(target.data.toString('utf8'), random), 'utf8');
        bytes = writeZip(entries, new Date('2026-01-01T00:00:00Z'));
      }
      try {
        const workbook = await readXlsx(bytes);
        try {
          importWorkbook(workbook);
          outcomes.imported++;
        } catch (error) {
          outcomes.refusedImport++;
          if (!(error instanceof WorkbookError)) failures.push(`run ${run}: import threw ${(error as Error).name}: ${(error as Error).message}`);
        }
      } catch (error) {
        outcomes.refusedRead++;
        // Reading may refuse damaged bytes, with a plain one-line message.
        const message = (error as Error).message;
        if (!(error instanceof Error) || (error as Error).name !== 'Error' || message.includes('\n'))
          failures.push(`run ${run}: read threw ${(error as Error).name}: ${message}`);
      }
    }
    expect(failures).toEqual([]);
    // Over 300 runs: more than 100 imported, more than 10 refused on reading (in proportion for a slice).
    expect(outcomes.imported).toBeGreaterThan(RUNS / 3);
    expect(outcomes.refusedRead).toBeGreaterThan(RUNS / 30);
    expect(performance.now() - started).toBeLessThan(90_000);
  });
});

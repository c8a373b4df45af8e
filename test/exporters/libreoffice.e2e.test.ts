import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportFolder } from './helpers.js';

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find((candidate) => existsSync(candidate));
const inCi = process.env.CI === 'true';
if (!soffice && !inCi) console.warn('skipping the LibreOffice conversion test: soffice not found (apt-get install libreoffice-calc-nogui)');

describe('LibreOffice opens the exported workbook', () => {
  // Runs wherever soffice is installed; in CI a missing soffice fails instead of skipping.
  test.skipIf(!soffice && !inCi)('converts to PDF without error, one page or more per tab', { timeout: 180_000 }, async () => {
    expect(soffice, 'soffice not found; .ci/run installs libreoffice-calc-nogui').toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-soffice-'));
    const names = ['maison-lumen', 'hostile'];
    for (const folder of ['examples/maison-lumen', 'test/fixtures/hostile'])
      writeFileSync(path.join(dir, `${path.basename(folder)}.xlsx`), (await exportFolder(folder)).bytes);
    // One LibreOffice start converts both (starting it is most of the cost).
    execFileSync(
      soffice!,
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...names.map((name) => path.join(dir, `${name}.xlsx`))],
      {
        stdio: 'pipe',
        timeout: 150_000,
      },
    );
    for (const name of names) {
      const pdf = readFileSync(path.join(dir, `${name}.pdf`));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(6);
    }
  });
});

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
    for (const folder of ['examples/maison-lumen', 'test/fixtures/hostile']) {
      const name = path.basename(folder);
      writeFileSync(path.join(dir, `${name}.xlsx`), (await exportFolder(folder)).bytes);
      execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, `${name}.xlsx`)], {
        stdio: 'pipe',
        timeout: 150_000,
      });
      const pdf = readFileSync(path.join(dir, `${name}.pdf`));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages).toBeGreaterThanOrEqual(6);
    }
  });
});

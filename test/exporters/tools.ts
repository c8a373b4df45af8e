import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Independent readers and editors of the workbook: Python's openpyxl and LibreOffice. */
export const inCi = process.env.CI === 'true';

/** A python3 that can import openpyxl (the pyenv shim may lack it; Debian's has python3-openpyxl). */
export const python = ['python3', '/usr/bin/python3'].find((candidate) => spawnSync(candidate, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);

export const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'].find((candidate) => existsSync(candidate));

if (!python && !inCi) console.warn('skipping openpyxl checks: no python3 with openpyxl (apt-get install python3-openpyxl)');
if (!soffice && !inCi) console.warn('skipping LibreOffice checks: soffice not found (apt-get install libreoffice-calc-nogui)');

/** Runs a Python script with arguments; returns its stdout, throws with its stderr on failure. */
export function runPython(script: string, ...args: string[]): string {
  if (!python) throw new Error('python3 with openpyxl not found');
  const run = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return run.stdout;
}

/** Converts a workbook with LibreOffice (headless, own profile) into `outDir`. */
export function convertWithLibreOffice(file: string, format: string, outDir: string, profile: string): void {
  if (!soffice) throw new Error('soffice not found');
  const run = spawnSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, file], {
    encoding: 'utf8',
    timeout: 150_000,
  });
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
}

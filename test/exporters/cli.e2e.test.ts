import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { handFilledTemplate } from '../fixtures/xlsx/hand-filled.js';
import { repo } from './helpers.js';

const omni = (...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bin/omni.js'), ...args], { encoding: 'utf8', cwd: repo });

describe('omni export / omni import (built CLI)', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(path.join(repo, 'dist/cli/export.js'))) throw new Error('run `npm run build` first (npm test does it)');
    dir = mkdtempSync(path.join(tmpdir(), 'omni-cli-'));
  });

  test('export writes the workbook atomically and says where on stderr; gaps are exported with a notice', () => {
    const file = path.join(dir, 'gaps.xlsx');
    const run = omni('export', 'examples/gaps', '--xlsx', file);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^omni: exported with \d+ lint errors? and \d+ warnings?, listed in the Read me tab\nomni: workbook written to (.+)\n$/);
    expect(run.stderr).toContain(`omni: workbook written to ${file}\n`);
    expect(readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(dir).filter((name) => name.includes('omni-tmp'))).toEqual([]);
  });

  test('import writes YAML files, then refuses to overwrite them without --force', () => {
    const file = path.join(dir, 'lumen.xlsx');
    expect(omni('export', 'examples/maison-lumen', '--xlsx', file).status).toBe(0);
    const out = path.join(dir, 'lumen');
    const first = omni('import', '--xlsx', file, '--out', out);
    expect(first.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['data.yaml', 'matrix.yaml', 'omni.yaml', 'programs.yaml', 'scenarios.yaml', 'use-cases.yaml']);
    expect(omni('lint', out).status).toBe(0);
    // In the workbook's language (fr), or the one asked for.
    const second = omni('import', '--xlsx', file, '--out', out);
    expect(second.status).toBe(2);
    expect(second.stderr).toContain('existent déjà');
    const inEnglish = omni('import', '--xlsx', file, '--out', out, '--locale', 'en');
    expect(inEnglish.status).toBe(2);
    expect(inEnglish.stderr).toContain('already exist');
    expect(inEnglish.stderr).toContain('pass --force to replace them');
    expect(omni('import', '--xlsx', file, '--out', out, '--force').status).toBe(0);
  });

  test('a hand-filled template imports with warnings on stderr naming sheet and cell', async () => {
    const file = path.join(dir, 'hand.xlsx');
    writeFileSync(file, await handFilledTemplate());
    const run = omni('import', '--xlsx', file, '--out', path.join(dir, 'hand'));
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('omni: warning: Parcours client!C9: fill colour 7030A0 is not in the legend; status set to normal\n');
    expect(run.stderr).toContain('imported from the visible tabs (hand-filled template) with 9 warnings');
  });

  test('an unreadable workbook is a clear error, exit 2, no stack trace', () => {
    const file = path.join(dir, 'not-a-workbook.xlsx');
    writeFileSync(file, 'hello');
    const run = omni('import', '--xlsx', file, '--out', path.join(dir, 'nothing'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^omni: cannot read .*not-a-workbook\.xlsx as an \.xlsx workbook \(.*\)\n {2}save it from Excel, LibreOffice or Google Sheets as \.xlsx\n$/,
    );
    expect(omni('import', '--xlsx', path.join(dir, 'missing.xlsx'), '--out', dir).stderr).toBe(`omni: workbook not found: ${path.join(dir, 'missing.xlsx')}\n`);
  });
});

describe('omni export refuses a workspace it cannot fully read', () => {
  test('schema or yaml-syntax errors stop the export unless --force', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-cli-broken-'));
    writeFileSync(path.join(dir, 'omni.yaml'), 'name: Broken\nlocale: en\n');
    writeFileSync(path.join(dir, 'journey.yaml'), 'stages:\n  - id: a\n    name: A\n  - id: b\n');
    const file = path.join(dir, 'out.xlsx');
    const refused = omni('export', dir, '--xlsx', file);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /^omni: 1 file problem \(yaml-syntax or schema\) would leave entities out of the workbook \(first: journey\.yaml:4:\d+ .*\)\n {2}fix them \(see `omni lint`\), or pass --force to export what could be read\n$/,
    );
    expect(existsSync(file)).toBe(false);
    expect(omni('export', dir, '--xlsx', file, '--force').status).toBe(0);
    expect(existsSync(file)).toBe(true);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The lint path must stay light: the workbook, browser, diagram and language-server libraries are loaded only
// by the commands that need them. Runs the built CLI with module hooks that list every load.
const ROOT = path.resolve(import.meta.dirname, '../..');
const REGISTER = path.join(ROOT, 'test/fixtures/module-trace/register.mjs');
const HEAVY =
  /node_modules\/(exceljs|puppeteer|puppeteer-core|mermaid|@mermaid-js|jsdom|vscode-languageserver|vscode-languageserver-textdocument|vscode-languageserver-protocol|vscode-jsonrpc)\//;

function loadedModules(args: string[]): { modules: string[]; status: number | null } {
  const result = spawnSync(process.execPath, ['--import', REGISTER, 'bin/omni.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  const modules = result.stderr
    .split('\n')
    .filter((line) => line.startsWith('loaded '))
    .map((line) => line.slice('loaded '.length));
  return { modules, status: result.status };
}

describe('the lint path', () => {
  it.each([
    ['a clean workspace', ['lint', 'examples/maison-lumen'], 0],
    ['a workspace with problems, in SARIF', ['lint', 'examples/gaps', '--format', 'sarif'], 1],
  ])('loads no workbook, browser or diagram library: %s', (_, args, status) => {
    const { modules, status: actual } = loadedModules(args);
    expect(actual).toBe(status);
    expect(modules.some((url) => url.endsWith('/dist/pipeline/lint.js'))).toBe(true);
    expect(modules.filter((url) => HEAVY.test(url))).toEqual([]);
  });

  it('the trace sees heavy modules when a command does load them', () => {
    const { modules } = loadedModules(['export', 'examples/maison-lumen', '--xlsx', path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-imports-')), 'plan.xlsx')]);
    expect(modules.some((url) => /node_modules\/exceljs\//.test(url))).toBe(true);
  });
});

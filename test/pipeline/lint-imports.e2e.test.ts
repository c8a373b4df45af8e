import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The lint path must stay light: the workbook, browser, diagram and language-server libraries are loaded only
// by the commands that need them. Runs the built CLI with module hooks that list every load.
const ROOT = path.resolve(import.meta.dirname, '../..');
const REGISTER = path.join(ROOT, 'test/fixtures/module-trace/register.mjs');
// exceljs is vendored into dist/exporters/exceljs.js (scripts/bundle.mjs): that file is heavy too.
const HEAVY =
  /\/dist\/exporters\/exceljs\.js$|node_modules\/(exceljs|puppeteer|puppeteer-core|mermaid|@mermaid-js|jsdom|vscode-languageserver|vscode-languageserver-textdocument|vscode-languageserver-protocol|vscode-jsonrpc)\//;

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
    expect(modules.some((url) => url.endsWith('/dist/bundle/main.js'))).toBe(true);
    expect(modules.filter((url) => HEAVY.test(url))).toEqual([]);
  });

  it('runs from the bundle: of omni’s own files, only dist/bundle/ and the generated validators load', () => {
    const { modules, status } = loadedModules(['lint', 'examples/maison-lumen']);
    expect(status).toBe(0);
    const own = [...new Set(modules.filter((url) => url.startsWith('file://') && !url.includes('/node_modules/')))].map((url) =>
      path.relative(ROOT, new URL(url).pathname),
    );
    expect(own.filter((file) => !file.startsWith('dist/bundle/')).sort()).toEqual([
      'bin/omni.js',
      'dist/schema/config-validator.generated.js',
      'dist/schema/model-validator.generated.js',
    ]);
    // A few dozen files, not the hundred modules tsc writes (scripts/bundle.mjs).
    expect(own.length).toBeLessThan(40);
  });

  it('the trace sees heavy modules when a command does load them', () => {
    const { modules } = loadedModules(['export', 'examples/maison-lumen', '--xlsx', path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-imports-')), 'plan.xlsx')]);
    // The vendored exceljs, never the package: an install of omni has no exceljs in node_modules.
    expect(modules.filter((url) => HEAVY.test(url))).toEqual([new URL('dist/exporters/exceljs.js', `file://${ROOT}/`).href]);
  });
});

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, copyExample, lintAsLsp, ROOT, uriOf } from './client.js';

const NVIM = '/usr/bin/nvim';
const available = existsSync(NVIM);
if (!available && process.env.CI === 'true') throw new Error(`${NVIM} is missing: .ci/run installs neovim`);

describe.skipIf(!available)(`a real editor: Neovim's built-in LSP client${available ? '' : ' (skipped: /usr/bin/nvim not installed; apt-get install neovim)'}`, () => {
  it('receives the diagnostics omni lint reports for an example file, and goes to a definition', async () => {
    const workspace = copyExample('gaps');
    const file = path.join(workspace, 'scenarios.yaml');
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-nvim-')), 'result.json');
    const text = readFileSync(file, 'utf8');
    const offset = text.indexOf('channel: sms') + 'channel: '.length + 1;
    const line = text.slice(0, offset).split('\n').length - 1;
    const column = offset - text.lastIndexOf('\n', offset - 1) - 1;
    const run = spawnSync(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', file, '-c', `luafile ${path.join(ROOT, 'test/lsp/nvim/diagnostics.lua')}`], {
      cwd: workspace,
      encoding: 'utf8',
      timeout: 90_000,
      env: {
        ...process.env,
        OMNI_CMD: JSON.stringify([process.execPath, BIN, 'lsp', '--stdio']),
        OMNI_ROOT: workspace,
        OMNI_OUT: out,
        OMNI_DEFINITION_AT: `${line},${column}`,
      },
    });
    expect(run.error).toBeUndefined();
    expect(existsSync(out), `nvim wrote nothing: ${run.stderr}`).toBe(true);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      ok: boolean;
      waited_ms: number;
      elsewhere: string[];
      diagnostics: Array<{ lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string; code: string }>;
      definition?: Array<{ uri: string; range: { start: { line: number; character: number } } }>;
    };
    expect(result.ok, `no diagnostics for the buffer after ${result.waited_ms} ms; elsewhere: ${JSON.stringify(result.elsewhere)}; nvim: ${run.stderr}`).toBe(true);
    const expected = (await lintAsLsp(workspace)).get(uriOf(file))!.map((diagnostic) => ({
      lnum: diagnostic.range.start.line,
      col: diagnostic.range.start.character,
      end_lnum: diagnostic.range.end.line,
      end_col: diagnostic.range.end.character,
      severity: diagnostic.severity,
      message: diagnostic.message,
      code: diagnostic.code,
    }));
    const order = (a: { lnum: number; col: number; message: string }, b: { lnum: number; col: number; message: string }) =>
      a.lnum - b.lnum || a.col - b.col || (a.message < b.message ? -1 : 1);
    expect([...result.diagnostics].sort(order)).toEqual(expected.sort(order));
    expect(expected.length).toBeGreaterThanOrEqual(5);
    const matrix = readFileSync(path.join(workspace, 'matrix.yaml'), 'utf8');
    const declaration = matrix.slice(0, matrix.indexOf('id: sms') + 4).split('\n').length - 1;
    expect(result.definition).toEqual([
      { uri: uriOf(path.join(workspace, 'matrix.yaml')), range: { start: { line: declaration, character: expect.any(Number) }, end: expect.anything() } },
    ]);
  }, 120_000);
});

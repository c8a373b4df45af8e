import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CompletionRequest, DefinitionRequest, DocumentSymbolRequest, HoverRequest } from 'vscode-languageserver-protocol/node.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, LspClient, uriOf } from './client.js';

/** Ten levels of nine aliases each: 9^10 nodes once expanded. */
function aliasBomb(): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let level = 1; level <= 10; level++) lines.push(`a${level}: &a${level} [${Array.from({ length: 9 }, () => `*a${level - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nscenarios: *a10\n`;
}

describe('bad buffers never crash or hang the server', () => {
  let workspace: string;
  let client: LspClient;
  let file: string;
  beforeAll(async () => {
    workspace = copyExample('maison-lumen');
    file = path.join(workspace, 'scenarios/bienvenue.yaml');
    client = await LspClient.start(workspace);
    await client.open(file);
  });
  afterAll(() => client.stop());

  /** After each ordeal the server still answers, with correct results. */
  async function stillServes(): Promise<void> {
    const matrix = path.join(workspace, 'matrix.yaml');
    const text = readFileSync(matrix, 'utf8');
    const offset = text.indexOf('channel: email') + 'channel: '.length;
    const line = text.slice(0, offset).split('\n').length - 1;
    const character = offset - text.lastIndexOf('\n', offset - 1) - 1;
    const items = (await client.connection.sendRequest(CompletionRequest.method, { textDocument: { uri: uriOf(matrix) }, position: { line, character } })) as Array<{
      label: string;
    }>;
    expect(items.map((item) => item.label)).toContain('email');
  }

  // maison-lumen declares locale: fr, so the finding reads in French (English: "an alias bomb?").
  it('an alias bomb is a yaml-syntax error, answered quickly', async () => {
    const started = Date.now();
    await client.change(file, aliasBomb());
    await client.waitFor(() =>
      (client.diagnostics.get(uriOf(file)) ?? []).some((diagnostic) => diagnostic.code === 'yaml-syntax' && /bombe d’alias/.test(diagnostic.message)),
    );
    const symbols = await client.connection.sendRequest(DocumentSymbolRequest.method, { textDocument: { uri: uriOf(file) } });
    expect(Array.isArray(symbols)).toBe(true);
    await client.connection.sendRequest(HoverRequest.method, { textDocument: { uri: uriOf(file) }, position: { line: 11, character: 12 } });
    expect(Date.now() - started).toBeLessThan(10_000);
    await stillServes();
  });

  it('every prefix of a file being typed: diagnostics keep coming, requests keep answering', async () => {
    const text = readFileSync(file, 'utf8');
    let version = 10;
    for (let end = 0; end <= text.length; end += 97) {
      const prefix = text.slice(0, end);
      await client.change(file, prefix, version++);
      const lines = prefix.split('\n');
      const position = { line: lines.length - 1, character: lines.at(-1)!.length };
      await client.connection.sendRequest(CompletionRequest.method, { textDocument: { uri: uriOf(file) }, position });
      await client.connection.sendRequest(DefinitionRequest.method, { textDocument: { uri: uriOf(file) }, position });
    }
    await client.change(file, text.replace('subject: "Bienvenue', 'subject: "Bienvenue {{'), version++);
    await client.waitFor(() =>
      (client.diagnostics.get(uriOf(file)) ?? []).some((diagnostic) => diagnostic.code === 'yaml-syntax' || diagnostic.code === 'template-syntax'),
    );
    await client.change(file, text, version);
    await client.waitFor(() => (client.diagnostics.get(uriOf(file)) ?? []).length === 0);
    await stillServes();
  });

  it('a 5 MB buffer is checked without hanging, and the server goes on', async () => {
    const text = readFileSync(file, 'utf8');
    const big = `${text}${'# padding comment line to make the buffer big...............................\n'.repeat(66_000)}`;
    expect(big.length).toBeGreaterThan(5_000_000);
    const started = Date.now();
    await client.change(file, big.replace('channel: email', 'channel: emial'), 100);
    await client.waitFor(
      () => (client.diagnostics.get(uriOf(file)) ?? []).some((diagnostic) => diagnostic.code === 'unknown-reference' && diagnostic.message.includes('« emial »')),
      30_000,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
    await client.change(file, text, 101);
    await client.waitFor(() => (client.diagnostics.get(uriOf(file)) ?? []).length === 0);
    await stillServes();
  });

  it('a stray YAML file outside any workspace loads nothing and gets no diagnostics', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const os = await import('node:os');
    const stray = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-stray-')), 'notes.yaml');
    writeFileSync(stray, 'channels: [unclosed\n');
    await client.open(stray);
    await expect(client.connection.sendRequest(CompletionRequest.method, { textDocument: { uri: uriOf(stray) }, position: { line: 0, character: 11 } })).resolves.toEqual(
      [],
    );
    await client.settle(300);
    expect(client.diagnostics.has(uriOf(stray))).toBe(false);
    await client.close(stray);
  });

  it('requests on a megabyte-long line answer at once', async () => {
    const line = `scenarios: [${'a: [b, '.repeat(300_000)}`;
    await client.change(file, line, 200);
    const started = Date.now();
    for (const method of [CompletionRequest.method, DefinitionRequest.method, HoverRequest.method]) {
      await client.connection.sendRequest(method, { textDocument: { uri: uriOf(file) }, position: { line: 0, character: line.length } });
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    await client.change(file, readFileSync(file, 'utf8'), 201);
    await client.waitFor(() => (client.diagnostics.get(uriOf(file)) ?? []).length === 0);
    await stillServes();
  });

  it('a request that fails is answered with an error, and the next one is served', async () => {
    // No position: the handler throws inside; the server must answer, not die.
    await expect(client.connection.sendRequest(DefinitionRequest.method, { textDocument: { uri: uriOf(file) } })).rejects.toThrow(/definition failed/);
    await expect(
      client.connection.sendRequest(HoverRequest.method, { textDocument: { uri: 'file:///nowhere/at/all.yaml' }, position: { line: 0, character: 0 } }),
    ).resolves.toBeNull();
    await stillServes();
    expect(client.child.exitCode).toBeNull();
  });
});

describe('start-up', () => {
  it('omni lsp loads the protocol libraries (the lint path does not: test/pipeline/lint-imports), and ends when its input closes', async () => {
    const { spawnSync } = await import('node:child_process');
    const { ROOT, BIN } = await import('./client.js');
    const run = spawnSync(process.execPath, ['--import', path.join(ROOT, 'test/fixtures/module-trace/register.mjs'), BIN, 'lsp', '--stdio'], {
      input: '',
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.signal).toBeNull();
    expect(run.stderr.split('\n').some((line) => /^loaded .*node_modules\/vscode-languageserver\//.test(line))).toBe(true);
  });
});

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInit } from '../../src/cli/init-run.js';
import { PassThrough } from 'node:stream';
import type { CompletionItem, CompletionList, ConfigurationParams, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node.js';
import { REPO_ROOT } from './helpers.js';

// The real yaml-language-server (what VS Code's YAML extension, Neovim, IntelliJ… run), over
// stdio with raw JSON-RPC, on a workspace `omni init` wrote: the schema line it reads must
// resolve offline, giving completion and schema diagnostics.
const SERVER = path.join(REPO_ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server');

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { message: string };
}

class LanguageClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private pending = new Map<number, (message: Message) => void>();
  private listeners: ((message: Message) => void)[] = [];
  readonly server: ChildProcessWithoutNullStreams;

  constructor(private readonly settings: object) {
    this.server = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    this.server.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())![1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined && message.method === undefined) {
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
      return;
    }
    // Requests from the server: settings when asked, plain acknowledgement otherwise.
    if (message.id !== undefined && message.method !== undefined) {
      const result =
        message.method === 'workspace/configuration'
          ? (message.params as ConfigurationParams).items.map((item: { section?: string }) => (item.section === 'yaml' ? this.settings : null))
          : null;
      this.send({ id: message.id, result });
    }
    for (const listener of this.listeners) listener(message);
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
    this.server.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  /** The result of a request, as the caller says the server answers it. */
  request<Result = unknown>(method: string, params: object): Promise<Result> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) => (message.error ? reject(new Error(message.error.message)) : resolve(message.result as Result)));
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: object): void {
    this.send({ method, params });
  }

  /** The first notification matching, or an error after `ms`. */
  waitFor(predicate: (message: Message) => boolean, ms = 20_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the language server')), ms);
      const listener = (message: Message) => {
        if (!predicate(message)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((other) => other !== listener);
        resolve(message);
      };
      this.listeners.push(listener);
    });
  }

  async stop(): Promise<void> {
    await this.request('shutdown', {}).catch(() => undefined);
    this.notify('exit', {});
    this.server.kill();
  }
}

// Offline: no schema store, only the schema the file names.
const SETTINGS = { validate: true, completion: true, hover: true, schemaStore: { enable: false }, schemas: {} };

let workspace: string;
let client: LanguageClient;

beforeAll(async () => {
  workspace = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-editor-')), 'plan');
  await runInit(workspace, { yes: true, locale: 'en' }, '0.1.0', {
    cwd: path.dirname(workspace),
    input: new PassThrough(),
    output: new PassThrough(),
    interactive: false,
    log: () => undefined,
  });
  client = new LanguageClient(SETTINGS);
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(workspace).href,
    workspaceFolders: [{ uri: pathToFileURL(workspace).href, name: 'plan' }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: { completion: { completionItem: { snippetSupport: true } }, publishDiagnostics: {}, hover: {} },
    },
  });
  client.notify('initialized', {});
  client.notify('workspace/didChangeConfiguration', { settings: { yaml: SETTINGS } });
}, 30_000);

afterAll(async () => {
  await client?.stop();
  rmSync(path.dirname(workspace), { recursive: true, force: true });
});

function open(file: string, text: string): string {
  const uri = pathToFileURL(path.join(workspace, file)).href;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  return uri;
}

/** The params of a textDocument/publishDiagnostics notification. */
function published(message: Message): PublishDiagnosticsParams {
  return message.params as PublishDiagnosticsParams;
}

describe("yaml-language-server on an init'd workspace", () => {
  it('reports a schema error through the local schema line', async () => {
    const original = readFileSync(path.join(workspace, 'matrix.yaml'), 'utf8');
    const broken = original.replace('    type: online\n', '    type: onlin\n');
    expect(broken).not.toBe(original);
    const uri = pathToFileURL(path.join(workspace, 'matrix.yaml')).href;
    const diagnostics = client.waitFor(
      (message) => message.method === 'textDocument/publishDiagnostics' && published(message).uri === uri && published(message).diagnostics.length > 0,
    );
    open('matrix.yaml', broken);
    const params = published(await diagnostics);
    const line = broken.split('\n').findIndex((text) => text === '    type: onlin');
    expect(params.diagnostics).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/Value is not accepted\. Valid values: "online", "offline"/),
        range: expect.objectContaining({ start: { line, character: 10 } }),
      }),
    ]);
    // Not "Unable to load schema": the copy the line names was read.
    expect(JSON.stringify(params.diagnostics)).not.toMatch(/Unable to load schema/);
  }, 30_000);

  it('completes the fields of a channel, in a scenario file one folder down too', async () => {
    const matrix = readFileSync(path.join(workspace, 'matrix.yaml'), 'utf8');
    const text = matrix.replace('channels:\n', 'channels:\n  - id: whatsapp\n    \n');
    const line = text.split('\n').indexOf('  - id: whatsapp') + 1;
    const uri = open('matrix-completion.yaml', text);
    const completion = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character: 4 } });
    const labels = (Array.isArray(completion) ? completion : completion.items).map((item: { label: string }) => item.label);
    expect(labels).toEqual(expect.arrayContaining(['name', 'type', 'requiresConsent']));

    const scenario = readFileSync(path.join(workspace, 'scenarios/welcome.yaml'), 'utf8');
    const scenarioText = scenario.replace('    steps:\n', '    steps:\n      - \n');
    const stepLine = scenarioText.split('\n').indexOf('      - ');
    const scenarioUri = open('scenarios/completion.yaml', scenarioText);
    const steps = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', {
      textDocument: { uri: scenarioUri },
      position: { line: stepLine, character: 8 },
    });
    const stepLabels = (Array.isArray(steps) ? steps : steps.items).map((item: { label: string }) => item.label);
    expect(stepLabels).toEqual(expect.arrayContaining(['after', 'channel', 'subject', 'message']));
  }, 30_000);

  it('the check is real: a schema line that does not resolve gives "Unable to load schema"', async () => {
    const matrix = readFileSync(path.join(workspace, 'matrix.yaml'), 'utf8');
    const text = matrix.replace('./.omni/schemas/model.schema.json', './.omni/schemas/missing.schema.json');
    expect(text).not.toBe(matrix);
    const uri = pathToFileURL(path.join(workspace, 'matrix-missing.yaml')).href;
    const diagnostics = client.waitFor(
      (message) => message.method === 'textDocument/publishDiagnostics' && published(message).uri === uri && published(message).diagnostics.length > 0,
    );
    open('matrix-missing.yaml', text);
    expect(published(await diagnostics).diagnostics.map((diagnostic: { message: string }) => diagnostic.message)).toEqual([
      expect.stringMatching(/Unable to load schema/),
    ]);
  }, 30_000);
});

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { omniInItsLanguage } from '../cli/helpers.js';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(ROOT, 'bin/omni.js');

/** The built server, spoken to over JSON-RPC as an editor would. */
export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly stderr: string[] = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.set(params.uri, params.diagnostics);
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk));
    this.connection.listen();
  }

  static async start(rootFolder: string): Promise<LspClient> {
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: rootFolder, stdio: 'pipe' });
    const client = new LspClient(child);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uriOf(rootFolder),
      workspaceFolders: [{ uri: uriOf(rootFolder), name: path.basename(rootFolder) }],
      capabilities: { textDocument: { rename: { prepareSupport: true } } },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Resolves once `predicate` holds over the diagnostics received so far (or rejects after `ms`). */
  async waitFor(predicate: () => boolean, ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for diagnostics; got ${JSON.stringify([...this.diagnostics.keys()])}\n${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits until no diagnostics arrived for `quiet` ms: the server published everything it had. */
  async settle(quiet = 400): Promise<void> {
    for (;;) {
      const arrived = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), quiet);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
      if (!arrived) return;
    }
  }

  open(file: string, text = readFileSync(file, 'utf8'), uri = uriOf(file)): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  }

  change(file: string, text: string, version = 2): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uriOf(file), version }, contentChanges: [{ text }] });
  }

  close(file: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: uriOf(file) } });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 3000);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }
}

export const uriOf = (file: string) => pathToFileURL(file).href;

/** A copy of an example workspace to edit freely. */
export function copyExample(name: string): string {
  const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-lsp-')), name);
  cpSync(path.join(ROOT, 'examples', name), target, { recursive: true });
  return target;
}

interface LintJson {
  diagnostics: Array<{
    ruleId: string;
    severity: string;
    message: string;
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    docsUrl: string;
    suggestion?: string;
  }>;
}

/**
 * `omni lint --format json` on a workspace, as the LSP diagnostics it should equal, per file
 * URI: the CLI's run() in process (what bin/omni.js runs), against the server's own process.
 */
export async function lintAsLsp(workspace: string): Promise<Map<string, Diagnostic[]>> {
  const run = await omniInItsLanguage(['lint', workspace, '--format', 'json'], ROOT);
  const report = JSON.parse(run.stdout) as LintJson;
  const byUri = new Map<string, Diagnostic[]>();
  for (const entry of report.diagnostics) {
    const uri = uriOf(path.join(workspace, entry.file));
    const list = byUri.get(uri) ?? [];
    const diagnostic: Diagnostic = {
      range: { start: { line: entry.line - 1, character: entry.column - 1 }, end: { line: entry.endLine - 1, character: entry.endColumn - 1 } },
      severity: entry.severity === 'error' ? 1 : 2,
      code: entry.ruleId,
      codeDescription: { href: entry.docsUrl },
      source: 'omni',
      message: entry.message,
    };
    list.push(diagnostic);
    byUri.set(uri, list);
  }
  return byUri;
}

/** Diagnostics without the server's private `data` (suggestion, entity), for comparison with lint. */
export function withoutData(diagnostics: readonly Diagnostic[] | undefined): Diagnostic[] {
  return (diagnostics ?? []).map(({ data: _data, ...rest }) => rest);
}

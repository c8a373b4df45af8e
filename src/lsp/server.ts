import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { createConnection } from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE, findWorkspaceRoot } from '../loader/discover.js';
import { WorkspaceSession } from '../pipeline/session.js';
import { Features, toLspDiagnostic } from './features.js';

interface Workspace {
  session: WorkspaceSession;
  features: Features;
  /** Last diagnostics published per file, to republish only what changed. */
  published: Map<string, { key: string; diagnostics: LspDiagnostic[] }>;
  checking?: Promise<void>;
  again: boolean;
}

const pathOf = (uri: string): string | undefined => {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
};

/**
 * `omni lsp`: the language server. One workspace session per omni.yaml folder (the opened
 * folder's, else each file's nearest), diagnostics from the same rules as `omni lint`,
 * republished for every file whose findings change after an edit anywhere.
 */
export function startServer(connection: Connection = createConnection(process.stdin, process.stdout)): void {
  const documents = new TextDocuments(TextDocument);
  const workspaces = new Map<string, Promise<Workspace>>();
  let watchRegistration = false;
  let initialFolders: string[] = [];

  const log = (message: string) => connection.console.error(`omni: ${message}`);
  // OMNI_LSP_TRACE=1: phase timings on stderr (ms since the process started), for bench/lsp.mjs.
  const trace = process.env.OMNI_LSP_TRACE ? (what: string) => process.stderr.write(`omni lsp ${performance.now().toFixed(0)} ms: ${what}\n`) : () => undefined;
  trace('server started');

  const openWorkspace = (root: string): Promise<Workspace> => {
    let workspace = workspaces.get(root);
    if (!workspace) {
      trace(`loading ${root}`);
      workspace = WorkspaceSession.open(root).then((session) => {
        trace(`loaded ${session.files.length} files`);
        const opened: Workspace = { session, features: new Features(session), published: new Map(), again: false };
        for (const document of documents.all()) {
          const file = session.relative(pathOf(document.uri) ?? '');
          if (file !== undefined && rootFor(pathOf(document.uri) ?? '') === root) {
            session.rememberUri(file, document.uri);
            session.setOverlay(file, document.getText());
          }
        }
        schedule(opened);
        return opened;
      });
      workspace.catch((error: unknown) => log(`cannot load the workspace ${root}: ${(error as Error).message}`));
      workspaces.set(root, workspace);
    }
    return workspace;
  };

  /**
   * The workspace a file belongs to: its nearest folder upwards with omni.yaml, else the opened
   * folder holding it; none for a stray file elsewhere (its folder could be a home directory).
   */
  const rootFor = (file: string): string | undefined => {
    const nearest = findWorkspaceRoot(path.dirname(file));
    if (existsSync(path.join(nearest, CONFIG_FILE))) return nearest;
    return initialFolders
      .map(pathOf)
      .filter((folder): folder is string => folder !== undefined && file.startsWith(folder + path.sep))
      .sort((a, b) => b.length - a.length)[0];
  };

  const workspaceOf = async (uri: string): Promise<{ workspace: Workspace; file: string } | undefined> => {
    const absolute = pathOf(uri);
    if (!absolute) return undefined;
    const root = rootFor(absolute);
    if (!root) return undefined;
    const workspace = await openWorkspace(root);
    const file = workspace.session.relative(absolute);
    if (file === undefined) return undefined;
    return { workspace, file };
  };

  /** Runs a check soon; edits that arrive meanwhile are folded into the next one. */
  const schedule = (workspace: Workspace): void => {
    if (workspace.checking) {
      workspace.again = true;
      return;
    }
    workspace.checking = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => publish(workspace))
      .catch((error: unknown) => log(`check failed: ${(error as Error).stack ?? error}`))
      .finally(() => {
        workspace.checking = undefined;
        if (workspace.again) {
          workspace.again = false;
          schedule(workspace);
        }
      });
  };

  const publish = async (workspace: Workspace): Promise<void> => {
    trace('check');
    const result = await workspace.session.check();
    trace(`checked: ${result.diagnostics.length} diagnostics`);
    const byFile = new Map<string, LspDiagnostic[]>();
    for (const file of workspace.session.files) byFile.set(file, []);
    for (const diagnostic of result.diagnostics) {
      let list = byFile.get(diagnostic.file);
      if (!list) byFile.set(diagnostic.file, (list = []));
      list.push(toLspDiagnostic(diagnostic));
    }
    for (const file of workspace.published.keys()) if (!byFile.has(file)) byFile.set(file, []);
    for (const [file, diagnostics] of byFile) {
      const key = JSON.stringify(diagnostics);
      const previous = workspace.published.get(file);
      if (previous ? previous.key === key : diagnostics.length === 0) continue;
      workspace.published.set(file, { key, diagnostics });
      await connection.sendDiagnostics({ uri: workspace.session.uriOf(file), diagnostics });
    }
    workspace.session.forgetPositions(new Set(result.diagnostics.map((diagnostic) => diagnostic.file)));
  };

  /** Every request answers, whatever happens inside: a failure becomes an error response, the server goes on. */
  const guard =
    <P, R>(name: string, handler: (params: P) => Promise<R>) =>
    async (params: P): Promise<R | ResponseError<void>> => {
      try {
        return await handler(params);
      } catch (error) {
        if (error instanceof ResponseError) return error;
        log(`${name} failed: ${(error as Error).stack ?? error}`);
        return new ResponseError(ErrorCodes.InternalError, `omni: ${name} failed: ${(error as Error).message ?? error}`);
      }
    };

  const withDocument = async <R>(uri: string, empty: R, run: (workspace: Workspace, file: string, text: string) => Promise<R>): Promise<R> => {
    const found = await workspaceOf(uri);
    if (!found || !found.workspace.session.isWorkspaceFile(found.file)) return empty;
    const text = documents.get(uri)?.getText() ?? found.workspace.session.textOf(found.file) ?? '';
    return run(found.workspace, found.file, text);
  };

  connection.onInitialize((params): InitializeResult => {
    watchRegistration = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    initialFolders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '{', '-'] },
        definitionProvider: true,
        referencesProvider: true,
        hoverProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'omni' },
    };
  });

  connection.onInitialized(() => {
    // Loading blocks for a while on a large workspace: let the didOpen that editors send right
    // after `initialized` arrive first, so that the first check already has the open buffers.
    setTimeout(() => {
      for (const uri of initialFolders) {
        const folder = pathOf(uri);
        if (!folder || !existsSync(folder) || !statSync(folder).isDirectory()) continue;
        const root = findWorkspaceRoot(folder);
        if (existsSync(path.join(root, CONFIG_FILE))) void openWorkspace(root).catch(() => undefined);
      }
    }, 20);
    if (watchRegistration) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] }).catch(() => undefined);
    }
  });

  const bufferChanged = async (uri: string, text: string | undefined): Promise<void> => {
    const found = await workspaceOf(uri);
    if (!found) return;
    const { session } = found.workspace;
    trace(`buffer ${found.file} ${text === undefined ? 'closed' : 'changed'}`);
    if (text !== undefined) {
      const before = session.uriOf(found.file);
      session.rememberUri(found.file, uri);
      if (before !== uri) await republishUnder(found.workspace, found.file, before, uri);
    }
    if (session.setOverlay(found.file, text)) schedule(found.workspace);
  };
  /**
   * An editor may spell a file's URI otherwise than Node does (VS Code encodes `'`, `(` and
   * `:`, as in `file:///c%3A/…`): findings published before the file was opened move to the
   * editor's URI, since an unchanged buffer triggers no new check.
   */
  const republishUnder = async (workspace: Workspace, file: string, before: string, uri: string): Promise<void> => {
    const published = workspace.published.get(file);
    if (!published || published.diagnostics.length === 0) return;
    await connection.sendDiagnostics({ uri: before, diagnostics: [] });
    await connection.sendDiagnostics({ uri, diagnostics: published.diagnostics });
  };
  const report = (name: string) => (error: unknown) => log(`${name} failed: ${(error as Error).stack ?? error}`);
  documents.onDidOpen((event) => void bufferChanged(event.document.uri, event.document.getText()).catch(report('didOpen')));
  documents.onDidChangeContent((event) => void bufferChanged(event.document.uri, event.document.getText()).catch(report('didChange')));
  documents.onDidClose((event) => void bufferChanged(event.document.uri, undefined).catch(report('didClose')));

  connection.onDidChangeWatchedFiles((params) => {
    void (async () => {
      const touched = new Set<Workspace>();
      for (const change of params.changes) {
        if (documents.get(change.uri)) continue; // the buffer wins over the disk
        const absolute = pathOf(change.uri);
        if (!absolute) continue;
        for (const pending of workspaces.values()) {
          const workspace = await pending;
          const file = workspace.session.relative(absolute);
          if (file === undefined) continue;
          workspace.session.fileChanged(file);
          touched.add(workspace);
        }
      }
      for (const workspace of touched) schedule(workspace);
    })().catch(report('didChangeWatchedFiles'));
  });

  connection.onCompletion(
    guard('completion', (params) =>
      withDocument(params.textDocument.uri, [], (workspace, file, text) => workspace.features.completion(file, text, params.position.line, params.position.character)),
    ),
  );
  connection.onDefinition(
    guard('definition', (params) =>
      withDocument(params.textDocument.uri, [], (workspace, file, text) => workspace.features.definition(file, text, params.position.line, params.position.character)),
    ),
  );
  connection.onReferences(
    guard('references', (params) =>
      withDocument(params.textDocument.uri, [], (workspace, file, text) =>
        workspace.features.references(file, text, params.position.line, params.position.character, params.context.includeDeclaration),
      ),
    ),
  );
  connection.onHover(
    guard('hover', (params) =>
      withDocument(params.textDocument.uri, null, (workspace, file, text) => workspace.features.hover(file, text, params.position.line, params.position.character)),
    ),
  );
  connection.onPrepareRename(
    guard('prepareRename', (params) =>
      withDocument(params.textDocument.uri, null, async (workspace, file, text) =>
        workspace.features.prepareRename(file, text, params.position.line, params.position.character),
      ),
    ),
  );
  connection.onRenameRequest(
    guard('rename', (params) =>
      withDocument(params.textDocument.uri, null, async (workspace, file, text) => {
        const edit = await workspace.features.rename(file, text, params.position.line, params.position.character, params.newName);
        if ('refused' in edit) throw new ResponseError(ErrorCodes.InvalidRequest, `omni: ${edit.refused}`);
        return edit;
      }),
    ),
  );
  connection.onDocumentSymbol(
    guard('documentSymbol', (params) => withDocument(params.textDocument.uri, [], (workspace, _file, text) => workspace.features.documentSymbols(text))),
  );
  connection.onCodeAction(
    guard('codeAction', (params) =>
      withDocument(params.textDocument.uri, [], async (workspace, file) => {
        // The server's own diagnostics (with their suggestions) in the asked range; clients do not all send `data` back.
        const own = workspace.published.get(file)?.diagnostics ?? [];
        const { start, end } = params.range;
        const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
          a.line < b.line || (a.line === b.line && a.character <= b.character);
        const relevant = own.filter((diagnostic) => before(diagnostic.range.start, end) && before(start, diagnostic.range.end));
        return workspace.features.codeActions(file, relevant);
      }),
    ),
  );

  // A bug must not take the editor's diagnostics down with it: log, answer what can be answered, go on.
  process.on('uncaughtException', (error) => log(`unexpected error: ${error.stack ?? error}`));
  process.on('unhandledRejection', (error) => log(`unexpected error: ${(error as Error)?.stack ?? error}`));

  documents.listen(connection);
  connection.listen();
}

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './client.js';

const EXTENSION = path.join(ROOT, 'editors/vscode');
const manifest = JSON.parse(readFileSync(path.join(EXTENSION, 'package.json'), 'utf8')) as { main: string; activationEvents: string[] };

describe('the VS Code extension', () => {
  it('is a thin client: it starts `omni lsp --stdio` for YAML files and watches them', async () => {
    // Load extension.js with stand-ins for the modules only VS Code provides.
    // What extension.js hands vscode-languageclient: the fields this test reads.
    const started: Array<{ serverOptions: { command: string; args: string[] }; clientOptions: { documentSelector: unknown[] } }> = [];
    const folder = mkdtempSync(path.join(os.tmpdir(), 'omni-vscode-ws-'));
    mkdirSync(path.join(folder, 'node_modules/.bin'), { recursive: true });
    writeFileSync(path.join(folder, 'node_modules/.bin/omni'), '#!/bin/sh\n');
    const watchers: string[] = [];
    const fakeVscode = {
      workspace: {
        getConfiguration: () => ({ get: () => '' }),
        workspaceFolders: [{ uri: { fsPath: folder } }],
        createFileSystemWatcher: (glob: string) => (watchers.push(glob), { glob }),
      },
      window: {
        showErrorMessage: (message: string) => {
          throw new Error(message);
        },
      },
    };
    class FakeLanguageClient {
      constructor(_id: string, _name: string, serverOptions: unknown, clientOptions: unknown) {
        started.push({ serverOptions, clientOptions } as (typeof started)[number]);
      }
      start() {
        return Promise.resolve();
      }
      stop() {
        return Promise.resolve();
      }
    }
    const require = createRequire(import.meta.url);
    const Module = require('node:module') as { _load: (request: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    Module._load = (request: string, ...rest: unknown[]) =>
      request === 'vscode' ? fakeVscode : request === 'vscode-languageclient/node' ? { LanguageClient: FakeLanguageClient } : load(request, ...rest);
    try {
      const extension = require(path.join(EXTENSION, 'extension.js')) as { activate(context: { subscriptions: unknown[] }): Promise<void> };
      await extension.activate({ subscriptions: [] });
    } finally {
      Module._load = load;
    }
    expect(started).toHaveLength(1);
    // The workspace's own omni (npm install --save-dev omni-journey) wins over the PATH.
    expect(started[0]!.serverOptions.command).toBe(path.join(folder, 'node_modules/.bin/omni'));
    expect(started[0]!.serverOptions.args).toEqual(['lsp', '--stdio']);
    expect(started[0]!.clientOptions.documentSelector).toContainEqual({ scheme: 'file', language: 'yaml' });
    expect(watchers).toEqual(['**/*.{yaml,yml}']);
    expect(manifest.main).toBe('./extension.js');
    expect(manifest.activationEvents).toContain('workspaceContains:**/omni.yaml');
  });

  // The extension's dependency is installed by .ci/run (npm --prefix editors/vscode ci); locally it may be absent.
  const modules = process.env.OMNI_VSCODE_NODE_MODULES ?? path.join(EXTENSION, 'node_modules');
  const installed = existsSync(path.join(modules, 'vscode-languageclient'));
  if (!installed && process.env.CI === 'true') throw new Error(`${modules}/vscode-languageclient is missing: .ci/run installs it`);
  it.skipIf(!installed)(`packages as a .vsix with @vscode/vsce${installed ? '' : ' (skipped: run `npm --prefix editors/vscode ci` first)'}`, () => {
    const staging = path.join(mkdtempSync(path.join(os.tmpdir(), 'omni-vsix-')), 'vscode');
    cpSync(EXTENSION, staging, { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) });
    if (!existsSync(path.join(staging, 'node_modules'))) symlinkSync(modules, path.join(staging, 'node_modules'), 'dir');
    const vsix = path.join(path.dirname(staging), 'omni.vsix');
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--skip-license', '-o', vsix], {
      cwd: staging,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    // Read the archive back with an independent reader (Python's zipfile).
    const list = spawnSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', vsix], { encoding: 'utf8' });
    const entries = list.stdout.split('\n');
    expect(entries).toContain('extension/extension.js');
    expect(entries).toContain('extension/package.json');
    expect(entries.some((entry) => entry.startsWith('extension/node_modules/vscode-languageclient/'))).toBe(true);
    const packaged = spawnSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("extension/package.json").decode())', vsix], {
      encoding: 'utf8',
    });
    expect(JSON.parse(packaged.stdout)).toMatchObject({ name: 'omni-journey', main: './extension.js' });
  });
});

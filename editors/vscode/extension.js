// A thin client: starts `omni lsp --stdio` and lets vscode-languageclient do the rest.
// Everything omni knows (diagnostics, completion, definition, rename, …) comes from the server.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

/** The omni command: the setting, else the workspace's own install, else `omni` on the PATH. */
function omniCommand() {
  const configured = vscode.workspace.getConfiguration('omni').get('path');
  if (configured) return configured;
  const binary = process.platform === 'win32' ? 'omni.cmd' : 'omni';
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const local = path.join(folder.uri.fsPath, 'node_modules', '.bin', binary);
    if (fs.existsSync(local)) return local;
  }
  return binary;
}

async function activate(context) {
  const command = omniCommand();
  const serverOptions = { command, args: ['lsp', '--stdio'], options: { shell: process.platform === 'win32' } };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', pattern: '**/*.{yaml,yml}' },
    ],
    // Files changed outside the editor (git checkout, another tool) are re-read by the server.
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
  };
  client = new LanguageClient('omni', 'omni', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `omni: could not start \`${command} lsp --stdio\` (${error.message}). Install omni in the workspace (npm install --save-dev omni-journey) or set omni.path.`,
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, omniCommand };

import type { Command } from 'commander';

export function registerLsp(program: Command): void {
  program
    .command('lsp')
    .description('Run the language server (LSP over stdio) for editors: live lint diagnostics, completion, definition, references, hover, rename.')
    .option('--stdio', 'talk over stdin/stdout (the default and only transport; accepted because editors pass it)')
    // Some clients add their own flags (e.g. --clientProcessId=…): an editor must not fail to start the server over one.
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', '\nEditor setups (VS Code, Neovim, any LSP client): docs/editors.md')
    .action(async () => {
      // The server and its protocol libraries load only here, never on the lint path.
      const { startServer } = await import('../lsp/server.js');
      // The connection keeps the process alive until the client sends exit or closes stdin.
      startServer();
    });
}

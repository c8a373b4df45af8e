import type { Command } from 'commander';
import { helpWords } from './output.js';

export function registerLsp(program: Command): void {
  const help = helpWords().lsp;
  program
    .command('lsp')
    .description(help.description)
    .option('--stdio', help.stdio)
    // Some clients add their own flags (e.g. --clientProcessId=…): an editor must not fail to start the server over one.
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText('after', help.after)
    .action(async () => {
      // The server and its protocol libraries load only here, never on the lint path.
      const { startServer } = await import('../lsp/server.js');
      // The connection keeps the process alive until the client sends exit or closes stdin.
      startServer();
    });
}

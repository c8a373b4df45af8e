import type { Command } from 'commander';
import { writeData } from './output.js';

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of model files (or of omni.yaml with --config), for editors and other tools.')
    .option('--config', 'print the schema of omni.yaml instead')
    .action(async (options: { config?: boolean }) => {
      const { loadSchema } = await import('../schema/schemas.js');
      // The shipped schemas only use internal $refs, so each is self-contained as it is.
      writeData(`${JSON.stringify(loadSchema(options.config ? 'config' : 'model'), null, 2)}\n`);
    });
}

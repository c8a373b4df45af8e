import path from 'node:path';
import type { Command } from 'commander';
import { currentIo, say, writeData, writeMessage, writeOutputFile } from './output.js';

type SchemaKind = 'model' | 'config';
const KINDS: readonly SchemaKind[] = ['model', 'config'];

/** A schema as omni prints and writes it: the shipped one, self-contained (internal $refs only). */
async function schemaText(kind: SchemaKind): Promise<string> {
  const { loadSchema } = await import('../schema/schemas.js');
  return `${JSON.stringify(loadSchema(kind), null, 2)}\n`;
}

/** Both schema files under `folder` (a relative path, forward slashes) → their text. */
export async function schemaFiles(folder: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const kind of KINDS) files.set(`${folder}/${kind}.schema.json`, await schemaText(kind));
  return files;
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('Print the JSON Schema of model files (or of omni.yaml with --config), for editors and other tools.')
    .option('--config', 'print the schema of omni.yaml instead')
    .option('--write <dir>', 'write model.schema.json and config.schema.json into this folder instead (replacing them)')
    .addHelpText(
      'after',
      '\nEditors read a local copy offline: `omni schema --write .omni/schemas`, then `# yaml-language-server: $schema=./.omni/schemas/model.schema.json`.',
    )
    .action(async (options: { config?: boolean; write?: string }) => {
      if (options.write === undefined) {
        writeData(await schemaText(options.config ? 'config' : 'model'));
        return;
      }
      for (const [file, text] of await schemaFiles(options.write.split(path.sep).join('/').replace(/\/+$/, '') || '.')) {
        writeOutputFile(path.resolve(currentIo().cwd, file), text);
        writeMessage(say('wrote', { file }));
      }
    });
}

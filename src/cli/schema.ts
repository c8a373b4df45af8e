import path from 'node:path';
import type { Command } from 'commander';
import { currentIo, helpWords, say, writeData, writeMessage, writeOutputFile } from './output.js';

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
  const help = helpWords().schema;
  program
    .command('schema')
    .description(help.description)
    .option('--config', help.config)
    .option('--write <dir>', help.write)
    .addHelpText('after', help.after)
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

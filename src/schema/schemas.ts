import { readFileSync } from 'node:fs';

export type SchemaName = 'model' | 'config';

export const SCHEMA_FILES: Record<SchemaName, string> = {
  model: 'model.schema.json',
  config: 'config.schema.json',
};

const cache = new Map<SchemaName, Record<string, unknown>>();

/** The JSON Schemas shipped in schemas/ (the same files editors use). */
export function loadSchema(name: SchemaName): Record<string, unknown> {
  let schema = cache.get(name);
  if (!schema) {
    // src/schema and dist/schema are both two levels below the package root.
    const url = new URL(`../../schemas/${SCHEMA_FILES[name]}`, import.meta.url);
    schema = JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
    cache.set(name, schema);
  }
  return schema;
}

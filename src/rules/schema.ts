import { createLoaderRule } from './create-rule.js';

/** Reported by the loader: ajv errors against schemas/model.schema.json or config.schema.json. */
export const schema = createLoaderRule({
  id: 'schema',
  description: 'A file breaks the JSON Schema: unknown section or property, wrong type, missing field, invalid id or value.',
  defaultSeverity: 'error',
});

import { createLoaderRule } from './create-rule.js';

/** Reported by the loader: ajv errors against schemas/model.schema.json or config.schema.json. */
export const schema = createLoaderRule({
  id: 'schema',
  defaultSeverity: 'error',
});

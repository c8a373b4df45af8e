import { createLoaderRule } from './create-rule.js';

/** Reported by the loader: a file that cannot be read as UTF-8 YAML. */
export const yamlSyntax = createLoaderRule({
  id: 'yaml-syntax',
  defaultSeverity: 'error',
});

import { createLoaderRule } from './create-rule.js';

/** Reported by the loader: a file that cannot be read as UTF-8 YAML. */
export const yamlSyntax = createLoaderRule({
  id: 'yaml-syntax',
  description: 'A file is not valid YAML (or not UTF-8, too large, or an alias bomb).',
  defaultSeverity: 'error',
});

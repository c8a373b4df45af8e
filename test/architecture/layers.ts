/**
 * The layers of src/ and what each may import (besides itself, node: built-ins and
 * packages). ARCHITECTURE.md explains them; test/architecture/layers.test.ts enforces them.
 */
export const LAYERS: Record<string, readonly string[]> = {
  util: [],
  diagnostics: ['util'],
  // The vocabulary names the model's types only (type-only imports of model/types.ts).
  i18n: ['model/types'],
  model: ['diagnostics', 'i18n', 'util'],
  loader: ['diagnostics', 'util'],
  schema: ['diagnostics', 'util'],
  simulate: ['model', 'util'],
  rules: ['diagnostics', 'i18n', 'model', 'simulate', 'util'],
  pipeline: ['diagnostics', 'i18n', 'loader', 'model', 'rules', 'schema', 'util'],
  formatters: ['diagnostics', 'i18n', 'rules', 'util'],
  renderers: ['diagnostics', 'i18n', 'model', 'util'],
  exporters: ['diagnostics', 'i18n', 'model', 'util'],
  report: ['diagnostics', 'i18n', 'model', 'renderers', 'rules', 'util'],
  diff: ['diagnostics', 'formatters', 'i18n', 'loader', 'model', 'pipeline', 'renderers', 'util'],
  cli: ['diagnostics', 'diff', 'exporters', 'formatters', 'i18n', 'loader', 'model', 'pipeline', 'renderers', 'report', 'rules', 'schema', 'simulate', 'util'],
  // Ambient declarations for untyped packages.
  types: [],
};

/** Packages too heavy for the lint path: only these layers may import them (statically or not). */
export const HEAVY_PACKAGES: Record<string, readonly string[]> = {
  exceljs: ['exporters'],
  'puppeteer-core': ['renderers', 'report'],
  mermaid: ['renderers', 'report'],
  jsdom: ['renderers', 'report'],
};

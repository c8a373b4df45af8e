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
  schema: ['diagnostics', 'i18n', 'util'],
  simulate: ['i18n', 'model', 'util'],
  rules: ['config/types', 'diagnostics', 'i18n', 'model', 'simulate', 'util'],
  // Fingerprints of findings (lint --baseline) and omni-disable comments: read by the pipeline.
  baseline: ['diagnostics', 'model', 'util'],
  suppressions: ['diagnostics', 'i18n', 'model', 'util'],
  pipeline: ['baseline', 'config', 'diagnostics', 'i18n', 'loader', 'model', 'rules', 'schema', 'suppressions', 'util'],
  // omni.yaml's team settings (extends, customRules, plugins, overrides): part of loading a
  // workspace, split out of pipeline/load.ts; the pipeline hands it its file reader.
  config: ['diagnostics', 'i18n', 'loader', 'model', 'rules', 'schema', 'util'],
  formatters: ['diagnostics', 'i18n', 'rules', 'util'],
  renderers: ['diagnostics', 'i18n', 'model', 'util'],
  exporters: ['diagnostics', 'i18n', 'model', 'util'],
  report: ['diagnostics', 'i18n', 'model', 'renderers', 'rules', 'simulate', 'util'],
  diff: ['diagnostics', 'formatters', 'i18n', 'loader', 'model', 'pipeline', 'renderers', 'util'],
  // The starter workspace `omni init` writes (its words are in i18n/starter.ts).
  init: ['i18n', 'model', 'util'],
  // The language server: another front end on the pipeline, like cli (it owns stdio when it runs).
  lsp: ['diagnostics', 'i18n', 'loader', 'model', 'pipeline', 'rules', 'schema', 'simulate', 'util'],
  // The public entry point of plugins (`import { createRule } from 'omni-journey'`).
  'plugin.ts': ['rules', 'diagnostics', 'model'],
  cli: [
    'baseline',
    'config',
    'diagnostics',
    'diff',
    'exporters',
    'formatters',
    'i18n',
    'init',
    'loader',
    'lsp',
    'model',
    'pipeline',
    'renderers',
    'report',
    'rules',
    'schema',
    'simulate',
    'util',
  ],
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

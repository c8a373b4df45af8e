import type { Formatter } from './shared.js';

export type { FormatContext, Formatter } from './shared.js';
export type { MarkdownSummaryOptions } from './markdown.js';
export type { JsonDiagnostic, JsonReport } from './json.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github';

/**
 * Every `--format` value and how to load its formatter: only the one asked for is imported,
 * which keeps `omni lint`'s start-up short (the CLI lists the keys in its help).
 */
const loaders: Record<FormatName, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).formatStylish,
  json: async () => (await import('./json.js')).formatJson,
  sarif: async () => (await import('./sarif.js')).formatSarif,
  junit: async () => (await import('./junit.js')).formatJunit,
  github: async () => (await import('./github.js')).formatGithub,
};

export const formatNames = Object.keys(loaders) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(loaders, name);
}

export function loadFormatter(name: FormatName): Promise<Formatter> {
  return loaders[name]();
}

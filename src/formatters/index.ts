import type { Formatter } from './shared.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export type { FormatContext, Formatter } from './shared.js';
export { formatMarkdownSummary, type MarkdownSummaryOptions } from './markdown.js';
export type { JsonDiagnostic, JsonReport } from './json.js';

export type FormatName = 'stylish' | 'json' | 'sarif' | 'junit' | 'github';

/** Every `--format` value and its formatter; the CLI lists the keys in its help. */
export const formatters: Record<FormatName, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
};

export const formatNames = Object.keys(formatters) as FormatName[];

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(formatters, name);
}

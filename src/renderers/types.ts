import type { Model } from '../model/types.js';

export const VIEW_NAMES = ['matrix', 'use-cases', 'scenario-map', 'scenario', 'programs', 'data-lineage'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

/** One Mermaid diagram, ready to write: `file` is relative to the output folder, with `/`. */
export interface Diagram {
  view: ViewName;
  file: string;
  /** Heading for journey.md, in the workspace locale (plain text, not escaped). */
  title: string;
  text: string;
  /** Id of the workspace entity drawn: the scenario of a flow, the source, programme or target of a part; absent for a whole-workspace view. */
  entity?: string;
  /** Set when the view was split into parts: the sentence, in the workspace locale, that says how. */
  split?: string;
  /** Plain-text lines naming what the diagram numbers (the priority chart's ranks), listed under it in journey.md. */
  legend?: string[];
}

export interface View {
  name: ViewName;
  /** One line for --help and the docs. */
  description: string;
  render(model: Model): Diagram[];
}

/** Joins diagram lines with a final newline, so files end cleanly and diff well. */
export function lines(...parts: (string | readonly string[] | false | undefined)[]): string {
  const out: string[] = [];
  for (const part of parts) {
    if (part === false || part === undefined) continue;
    if (typeof part === 'string') out.push(part);
    else out.push(...part);
  }
  return `${out.join('\n')}\n`;
}

/** `classDef` line from a status colour (hex without #). */
export function classDef(name: string, colors: { fill: string; stroke: string; text: string }, extra = ''): string {
  return `  classDef ${name} fill:#${colors.fill},stroke:#${colors.stroke},color:#${colors.text}${extra}`;
}

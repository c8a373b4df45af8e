import { WordedError, wordMessage, type WordedMessage } from '../i18n/index.js';

/**
 * Mermaid refuses a flowchart with more than `maxEdges` links and any diagram longer
 * than `maxTextSize` characters (its defaults, which GitHub and mmdc keep). omni's views
 * stay under a budget below both by design: a view that would not fit is split into
 * parts (or its cells capped) by a rule stated in journey.md, and every diagram is
 * measured here before anything is written. This check is structural and costs a scan of
 * the text: Mermaid itself is only loaded under `--check-syntax` or to draw images.
 */
export const MERMAID_LIMITS = { maxEdges: 500, maxTextSize: 50_000 } as const;

/** omni's own ceiling per diagram, with a margin under Mermaid's limits. */
export const DIAGRAM_BUDGET = { edges: 400, characters: 40_000 } as const;

// Our links are `a --> b`, `a -.-> b` or the invisible `a ~~~ b` (Mermaid counts it too) between node ids,
// one per line, with an optional quoted label (`a -->|"clicked"| b`); labels are escaped, so no label holds one.
const EDGE_LINE = /^ +[A-Za-z0-9_]+ (?:-\.?->|~~~)(?:\|"[^"\n]*"\|)? [A-Za-z0-9_]+$/gm;

export function edgeCount(text: string): number {
  return text.match(EDGE_LINE)?.length ?? 0;
}

/** How full a diagram is, as a fraction of the budget (above 1: too big). */
export function fullness(text: string): number {
  return Math.max(edgeCount(text) / DIAGRAM_BUDGET.edges, text.length / DIAGRAM_BUDGET.characters);
}

export const fits = (text: string): boolean => fullness(text) <= 1;

/** What is over Mermaid's limits in a diagram text (worded in src/i18n), or undefined. */
export function overLimitWords(text: string): WordedMessage | undefined {
  const edges = edgeCount(text);
  if (edges > DIAGRAM_BUDGET.edges) return { messageId: 'tooManyLinks', data: { count: edges, budget: DIAGRAM_BUDGET.edges, max: MERMAID_LIMITS.maxEdges } };
  if (text.length > DIAGRAM_BUDGET.characters) {
    return { messageId: 'tooManyCharacters', data: { count: text.length, budget: DIAGRAM_BUDGET.characters, max: MERMAID_LIMITS.maxTextSize } };
  }
  return undefined;
}

/** The same, in English. */
export function overLimit(text: string): string | undefined {
  const words = overLimitWords(text);
  return words && wordMessage(words, 'en');
}

export class DiagramLimitError extends WordedError {
  constructor(
    readonly file: string,
    detail: WordedMessage,
  ) {
    super('diagramTooLarge', { file, detail });
  }
}

/** Throws DiagramLimitError for the first diagram over the budget (a view that failed to split: a bug in omni). */
export function assertWithinLimits(diagrams: readonly { file: string; text: string }[]): void {
  for (const diagram of diagrams) {
    const problem = overLimitWords(diagram.text);
    if (problem) throw new DiagramLimitError(diagram.file, problem);
  }
}

/**
 * Cuts `items`, in order, into the fewest even consecutive groups whose diagram fits
 * (at most `maxPerGroup` items each), and returns each group with its text. Returns
 * undefined when a single item alone does not fit: the caller must cap what one item
 * draws. Cost: a few builds of the whole list, not one per item.
 */
export function splitToFit<T>(items: readonly T[], build: (group: readonly T[]) => string, maxPerGroup = Infinity): { items: T[]; text: string }[] | undefined {
  if (items.length === 0) return [{ items: [], text: build([]) }];
  let parts = Math.max(1, Math.ceil(items.length / maxPerGroup));
  for (;;) {
    const size = Math.ceil(items.length / parts);
    const groups: { items: T[]; text: string }[] = [];
    for (let start = 0; start < items.length; start += size) {
      const group = items.slice(start, start + size);
      groups.push({ items: group, text: build(group) });
    }
    const worst = Math.max(...groups.map((group) => fullness(group.text)));
    if (worst <= 1) return groups;
    if (size === 1) return undefined;
    parts = Math.min(items.length, Math.max(parts + 1, Math.ceil(parts * worst * 1.05)));
  }
}

/** The largest cap from `max` down (halving) for which the diagram fits; 0 when even that does not. */
export function largestFittingCap(max: number, build: (cap: number) => string): { cap: number; text: string } {
  for (let cap = max; cap >= 1; cap = cap === 1 ? 0 : Math.floor(cap / 2)) {
    const text = build(cap);
    if (fits(text)) return { cap, text };
  }
  return { cap: 0, text: build(0) };
}

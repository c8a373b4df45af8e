import type { Diagram } from '../../src/renderers/types.js';

// Mermaid's own parser in Node, for tests only: it needs `window` and `document` to load,
// which jsdom (a dev dependency) provides. `omni render` parses in Chromium instead
// (--check-syntax), so neither jsdom nor this cost is on its path.

export class DiagramSyntaxError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: Mermaid cannot parse the generated diagram: ${detail}`);
  }
}

type Mermaid = (typeof import('mermaid'))['default'];
let parser: Promise<Mermaid> | undefined;

async function loadParser(): Promise<Mermaid> {
  const { JSDOM } = await import('jsdom');
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const scope = globalThis as Record<string, unknown>;
  for (const name of ['window', 'document'] as const) if (scope[name] === undefined) scope[name] = name === 'window' ? window : window.document;
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false });
  return mermaid;
}

export function mermaidInNode(): Promise<Mermaid> {
  parser ??= loadParser();
  return parser;
}

/** Throws DiagramSyntaxError for the first diagram Mermaid rejects. */
export async function checkDiagrams(diagrams: readonly Diagram[]): Promise<void> {
  const mermaid = await mermaidInNode();
  for (const diagram of diagrams) {
    try {
      await mermaid.parse(diagram.text);
    } catch (error) {
      const detail = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 4).join(' ');
      throw new DiagramSyntaxError(diagram.file, detail);
    }
  }
}

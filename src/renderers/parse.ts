import type { Diagram } from './types.js';

export class DiagramSyntaxError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: Mermaid cannot parse the generated diagram: ${detail}`);
  }
}

interface MermaidParser {
  parse(text: string): Promise<unknown>;
}

let parser: Promise<MermaidParser> | undefined;

/**
 * Mermaid's own parser in Node: it needs `window` and `document` only to load, which
 * jsdom provides. Imported on first use, so nothing but `omni render` pays for it.
 */
async function loadParser(): Promise<MermaidParser> {
  const { JSDOM } = await import('jsdom');
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  const scope = globalThis as Record<string, unknown>;
  for (const name of ['window', 'document'] as const) if (scope[name] === undefined) scope[name] = name === 'window' ? window : window.document;
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false });
  return mermaid;
}

/** Throws DiagramSyntaxError for the first diagram Mermaid rejects. */
export async function checkDiagrams(diagrams: readonly Diagram[]): Promise<void> {
  parser ??= loadParser();
  const mermaid = await parser;
  for (const diagram of diagrams) {
    try {
      await mermaid.parse(diagram.text);
    } catch (error) {
      const detail = (error instanceof Error ? error.message : String(error)).split('\n').slice(0, 4).join(' ');
      throw new DiagramSyntaxError(diagram.file, detail);
    }
  }
}

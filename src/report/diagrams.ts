import type { Model } from '../model/types.js';
import { renderDiagrams } from '../renderers/index.js';
import { unsafeSvgReason } from './svg-safety.js';
import { DIAGRAM_KEYS, type DiagramOutcome } from './view-model.js';

/** One diagram the report embeds: its key in the view model and its Mermaid text. */
export interface DiagramRequest {
  key: string;
  text: string;
}

/**
 * The Mermaid texts the report needs, from the same pure renderers as `omni render`:
 * the priority chart, one flow per scenario (first declaration of an id) and the data lineage.
 */
export function diagramRequests(model: Model): DiagramRequest[] {
  const requests: DiagramRequest[] = [];
  const seen = new Set<string>();
  let scenarioIndex = 0;
  for (const diagram of renderDiagrams(model, ['use-cases', 'scenario', 'data-lineage'])) {
    let key: string;
    if (diagram.view === 'scenario') {
      // The scenario view yields one diagram per declared scenario, in declaration order.
      const scenario = model.scenarios[scenarioIndex++];
      if (!scenario) continue;
      key = DIAGRAM_KEYS.scenario(scenario.id);
    } else if (diagram.view === 'use-cases') key = DIAGRAM_KEYS.useCases;
    else key = DIAGRAM_KEYS.dataLineage;
    if (seen.has(key)) continue;
    seen.add(key);
    requests.push({ key, text: diagram.text });
  }
  return requests;
}

/**
 * Every diagram of a page shares one document, but Mermaid names each SVG's root, its
 * markers and its CSS selectors after the render id (the same for every render). Renames
 * that id in tags and in the SVG's <style>, never in label text.
 */
export function withUniqueSvgId(svg: string, newId: string): string {
  const rootId = /^\s*<svg\b[^>]*?\sid="([^"]+)"/.exec(svg)?.[1];
  if (!rootId) return svg;
  const escaped = rootId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const idPattern = new RegExp(`(^|[^A-Za-z0-9_-])${escaped}(?=$|[^A-Za-z0-9])`, 'g');
  const rename = (text: string) => text.replace(idPattern, (_match, before: string) => `${before}${newId}`);
  return svg.replace(/<style\b[^>]*>[\s\S]*?<\/style>|<[^>]+>/g, rename);
}

export interface DiagramRunResult {
  outcome: DiagramOutcome;
  /** Keys whose rendering failed, with Mermaid's message. */
  failures: { key: string; message: string }[];
}

/** What renders one Mermaid text to SVG text; the report's only contact with the browser. */
export interface SvgRenderer {
  render(text: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Renders the requested diagrams with one renderer (one page, Mermaid loaded once). A
 * diagram that fails is reported and left out; the others are still embedded.
 */
export async function renderWith(renderer: SvgRenderer, requests: readonly DiagramRequest[]): Promise<DiagramRunResult> {
  const svgs = new Map<string, string>();
  const failures: DiagramRunResult['failures'] = [];
  try {
    for (const [index, request] of requests.entries()) {
      try {
        const svg = await renderer.render(request.text);
        const unsafe = unsafeSvgReason(svg);
        if (unsafe) failures.push({ key: request.key, message: `left out, the SVG has ${unsafe}` });
        else svgs.set(request.key, withUniqueSvgId(svg, `omni-diagram-${index + 1}`));
      } catch (error) {
        failures.push({ key: request.key, message: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
      }
    }
  } finally {
    await renderer.close();
  }
  return { outcome: { status: 'rendered', svgs }, failures };
}

/**
 * The Chromium path of `omni render`: src/renderers/browser.ts finds the browser and
 * opens one Mermaid page. Throws BrowserNotFoundError (from there) when there is none.
 */
export async function openChromiumRenderer(browserPath: string | undefined): Promise<SvgRenderer> {
  const { findBrowser, openMermaidPage } = await import('../renderers/browser.js');
  const executable = findBrowser(browserPath);
  const page = await openMermaidPage(executable);
  const decoder = new TextDecoder();
  return {
    render: async (text) => decoder.decode(await page.render(text, 'svg')),
    close: () => page.close(),
  };
}

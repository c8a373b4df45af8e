import type { WordedMessage } from '../i18n/index.js';
import type { Model } from '../model/types.js';
import { renderDiagrams } from '../renderers/index.js';
import { unsafeSvg } from './svg-safety.js';
import { DIAGRAM_KEYS, type DiagramOutcome } from './view-model.js';

/** One diagram the report embeds: its key in the view model, its caption and its Mermaid text. */
export interface DiagramRequest {
  key: string;
  label?: string;
  text: string;
}

/**
 * The Mermaid texts the report needs, from the same pure renderers as `omni render`:
 * the priority chart, one flow per scenario and the data lineage (one or several parts).
 * Scenario flows are paired with their scenario by the id each diagram carries, never by
 * position (an id declared twice is drawn once, from its first declaration).
 */
export function diagramRequests(model: Model): DiagramRequest[] {
  const requests: DiagramRequest[] = [];
  const seen = new Set<string>();
  for (const diagram of renderDiagrams(model, ['use-cases', 'scenario', 'data-lineage'])) {
    let key: string;
    let label: string | undefined;
    if (diagram.view === 'scenario') {
      if (diagram.entity === undefined) continue;
      key = DIAGRAM_KEYS.scenario(diagram.entity);
    } else if (diagram.view === 'use-cases') key = DIAGRAM_KEYS.useCases;
    else if (diagram.split === undefined) key = DIAGRAM_KEYS.dataLineage;
    else {
      key = DIAGRAM_KEYS.dataLineagePart(diagram.file);
      label = diagram.title;
    }
    if (seen.has(key)) continue;
    seen.add(key);
    requests.push({ key, text: diagram.text, ...(label !== undefined ? { label } : {}) });
  }
  return requests;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The id of an SVG's root element, if any. */
const rootIdOf = (svg: string): string | undefined => /^\s*<svg\b[^>]*?\sid="([^"]+)"/.exec(svg)?.[1];

/**
 * Every diagram of a page shares one document, but Mermaid names each SVG's root, its
 * markers and its CSS selectors after the render id (the same for every render). Renames
 * that id in tags and in the SVG's <style>, never in label text.
 */
export function withUniqueSvgId(svg: string, newId: string): string {
  const rootId = rootIdOf(svg);
  if (!rootId) return svg;
  const idPattern = new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(rootId)}(?=$|[^A-Za-z0-9])`, 'g');
  const rename = (text: string) => text.replace(idPattern, (_match, before: string) => `${before}${newId}`);
  return svg.replace(/<style\b[^>]*>[\s\S]*?<\/style>|<[^>]+>/g, rename);
}

/**
 * Mermaid inlines a full stylesheet in every SVG, scoped by the SVG's id: with hundreds
 * of scenario flows it is most of the report's weight. Each distinct stylesheet is kept
 * once for the page, scoped by a class (`omni-css-N`) given to the SVGs that used it, and
 * removed from the SVGs. A stylesheet that names the id otherwise than as its scope, or
 * that the safety check refuses, stays where it was.
 */
export class SharedStyles {
  private readonly classes = new Map<string, string>();

  /** The SVG without its <style>, its root tagged with the class of its shared sheet. */
  share(svg: string): string {
    const rootId = rootIdOf(svg);
    const style = /<style\b[^>]*>([\s\S]*?)<\/style>/.exec(svg);
    if (!rootId || !style) return svg;
    const scope = new RegExp(`#${escapeRegExp(rootId)}(?![A-Za-z0-9_-])`, 'g');
    const css = style[1]!.replace(scope, '\u0000');
    if (css.includes(rootId) || /<\/|@import|url\(\s*["']?\s*(?!#)[^)\s"']/i.test(css)) return svg;
    let className = this.classes.get(css);
    if (!className) {
      className = `omni-css-${this.classes.size + 1}`;
      this.classes.set(css, className);
    }
    const withoutStyle = svg.slice(0, style.index) + svg.slice(style.index + style[0].length);
    return withoutStyle.replace(/^\s*<svg\b[^>]*>/, (tag) =>
      /\sclass="[^"]*"/.test(tag)
        ? tag.replace(/\sclass="([^"]*)"/, (_whole, existing: string) => ` class="${existing} ${className}"`)
        : tag.replace(/\/?>$/, (end) => ` class="${className}"${end}`),
    );
  }

  /** Every shared stylesheet, each scoped by its class, in first-use order. */
  css(): string {
    return [...this.classes].map(([css, className]) => css.replaceAll('\u0000', `.${className}`)).join('\n');
  }
}

/**
 * Mermaid defines a dozen arrow-head markers in every flowchart and uses one or two: the
 * others are dropped (a marker is kept whenever anything in the SVG refers to its id).
 */
export function withoutUnusedMarkers(svg: string): string {
  return svg.replace(/<marker\b[^>]*\sid="([^"]+)"[^>]*>[\s\S]*?<\/marker>/g, (marker, id: string) =>
    svg.includes(`#${id})`) || svg.includes(`"#${id}"`) ? marker : '',
  );
}

export interface DiagramRunResult {
  outcome: DiagramOutcome;
  /** Keys whose rendering failed, with Mermaid's message. */
  /** Why each diagram is missing: the renderer's own words (a string), or omni's, named. */
  failures: { key: string; message: string | WordedMessage }[];
}

export type DrawResult = { svg: string } | { error: string };

/** What renders Mermaid texts to SVG text (several per call); the report's only contact with the browser. */
export interface SvgRenderer {
  renderAll(texts: readonly string[]): Promise<DrawResult[]>;
  close(): Promise<void>;
}

/**
 * Renders the requested diagrams with one renderer (one page, Mermaid loaded once). A
 * diagram that fails is reported and left out; the others are still embedded.
 */
export async function renderWith(renderer: SvgRenderer, requests: readonly DiagramRequest[]): Promise<DiagramRunResult> {
  const svgs = new Map<string, string>();
  const labels = new Map<string, string>();
  const failures: DiagramRunResult['failures'] = [];
  const styles = new SharedStyles();
  try {
    // A browser that dies mid-run fails every diagram left, not the report.
    const drawn = await renderer.renderAll(requests.map((request) => request.text)).catch((error: unknown): DrawResult[] => {
      const message = error instanceof Error ? error.message : String(error);
      return requests.map(() => ({ error: message }));
    });
    for (const [index, request] of requests.entries()) {
      const result = drawn[index];
      if (!result || 'error' in result) {
        failures.push({ key: request.key, message: result ? result.error.split('\n')[0]! : { messageId: 'diagramNothingDrawn' } });
        continue;
      }
      const unsafe = unsafeSvg(result.svg);
      if (unsafe) failures.push({ key: request.key, message: { messageId: 'diagramUnsafe', data: { reason: unsafe } } });
      else {
        svgs.set(request.key, withUniqueSvgId(withoutUnusedMarkers(styles.share(result.svg)), `omni-diagram-${index + 1}`));
        if (request.label !== undefined) labels.set(request.key, request.label);
      }
    }
  } finally {
    await renderer.close();
  }
  return { outcome: { status: 'rendered', svgs, labels, css: styles.css() }, failures };
}

/**
 * The Chromium path of `omni render`: src/renderers/browser.ts finds the browser and
 * opens one Mermaid page. Throws MissingPackageError when puppeteer-core or mermaid is
 * not installed, BrowserNotFoundError when there is no browser.
 */
export async function openChromiumRenderer(browserPath: string | undefined): Promise<SvgRenderer> {
  const { findBrowser, missingDrawingPackages, MissingPackageError, openMermaidPage } = await import('../renderers/browser.js');
  const missing = missingDrawingPackages();
  if (missing.length > 0) throw new MissingPackageError(missing);
  const page = await openMermaidPage(findBrowser(browserPath));
  return { renderAll: (texts) => page.renderSvgs(texts), close: () => page.close() };
}

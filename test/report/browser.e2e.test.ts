import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_COLORS } from '../../src/model/labels.js';
import { CHROMIUM_FLAGS, chromium, reportHtml, sharedRenderer } from './helpers.js';

const browserPath = chromium();
const rgb = (hex: string) => `rgb(${parseInt(hex.slice(0, 2), 16)}, ${parseInt(hex.slice(2, 4), 16)}, ${parseInt(hex.slice(4, 6), 16)})`;

describe.skipIf(!browserPath.path)(`report in headless Chromium (${browserPath.reason || browserPath.path})`, () => {
  let browser: Browser;
  const drawing = sharedRenderer();
  let folder: string;
  let file: string;
  const consoleMessages: string[] = [];
  const requests: string[] = [];
  let cells: { status: string; background: string }[];
  let items: { status: string; background: string }[];
  let diagrams: number;
  let html: string;
  let columns: { header: number[]; rows: number[][] };
  let styledNodes: { font: string; link: string }[];
  let arrowHeads: { used: number; missing: string[] };

  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'omni-report-'));
    file = path.join(folder, 'report.html');
    html = await reportHtml('examples/maison-lumen', { diagrams: true, renderer: drawing.renderer });
    writeFileSync(file, html);
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({
      executablePath: browserPath.path,
      headless: true,
      args: CHROMIUM_FLAGS,
      userDataDir: path.join(folder, 'profile'),
    });
    const page = await browser.newPage();
    page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => consoleMessages.push(`pageerror: ${(error as Error).message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'networkidle0' });
    ({ cells, items, diagrams } = await page.evaluate(() => ({
      cells: [...document.querySelectorAll<HTMLElement>('table.matrix td[data-status]')].map((cell) => ({
        status: cell.dataset.status!,
        background: getComputedStyle(cell).backgroundColor,
      })),
      items: [...document.querySelectorAll<HTMLElement>('table.matrix td.mixed .tp')].map((item) => ({
        status: item.dataset.status!,
        background: getComputedStyle(item).backgroundColor,
      })),
      diagrams: document.querySelectorAll('.diagram-svg svg').length,
    })));
    arrowHeads = await page.evaluate(() => {
      const references = [...document.querySelectorAll('.diagram-svg svg [marker-end], .diagram-svg svg [marker-start]')].flatMap((element) =>
        ['marker-end', 'marker-start'].map((name) => element.getAttribute(name)).filter((value): value is string => value !== null && value !== 'none'),
      );
      const missing = references
        .map((reference) => /url\(#([^)]+)\)/.exec(reference)?.[1] ?? reference)
        .filter((id) => document.getElementById(id)?.tagName !== 'marker');
      return { used: references.length, missing: [...new Set(missing)] };
    });
    ({ columns, styledNodes } = await page.evaluate(() => {
      const table = document.querySelector('table.data.variables')!;
      const left = (cells: Iterable<Element>) => [...cells].map((cell) => Math.round(cell.getBoundingClientRect().left));
      return {
        columns: { header: left(table.querySelectorAll('thead th')), rows: [...table.querySelectorAll('tbody tr')].map((row) => left(row.children)) },
        // Properties only Mermaid's stylesheet sets (font of the root, colour of links), now that the SVGs have no <style>.
        styledNodes: [...document.querySelectorAll('.diagram-svg svg path.flowchart-link')].slice(0, 5).map((link) => ({
          font: getComputedStyle(link.closest('svg')!).fontFamily,
          link: getComputedStyle(link).stroke,
        })),
      };
    }));
    await page.screenshot({ path: path.join(folder, 'report.png'), fullPage: true });
    if (process.env.OMNI_REPORT_SCREENSHOT) await page.screenshot({ path: process.env.OMNI_REPORT_SCREENSHOT, fullPage: true });
  });

  afterAll(async () => {
    await browser?.close();
    await drawing.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('loads with no console message and no error', () => {
    expect(consoleMessages).toEqual([]);
  });

  it('makes no request other than the file itself', () => {
    expect(requests).toEqual([pathToFileURL(file).href]);
  });

  it('colours every single-status matrix cell with the template colour of its status', () => {
    expect(cells.length).toBeGreaterThan(20);
    expect(new Set(cells.map((cell) => cell.status))).toEqual(new Set(['normal', 'friction', 'opportunity']));
    for (const cell of cells) expect(cell.background, cell.status).toBe(rgb(STATUS_COLORS[cell.status as keyof typeof STATUS_COLORS].fill));
  });

  it('colours each touchpoint of a mixed cell by its own status', () => {
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.background, item.status).toBe(rgb(STATUS_COLORS[item.status as keyof typeof STATUS_COLORS].fill));
  });

  it('embeds every diagram: priority chart, twelve scenario flows, data lineage in seven parts (one per source)', () => {
    expect(diagrams).toBe(20);
  });

  it('lines up the data-requirements headers with their columns (no flex on the table)', () => {
    expect(columns.header).toHaveLength(5);
    expect(new Set(columns.header).size).toBe(5);
    expect(columns.rows.length).toBeGreaterThan(10);
    for (const row of columns.rows) expect(row).toEqual(columns.header);
  });

  it('keeps one copy of each Mermaid stylesheet, in the head, and it still styles the diagrams', () => {
    const inSvg = html.match(/<svg\b[\s\S]*?<\/svg>/g)!;
    expect(inSvg.length).toBe(20);
    for (const svg of inSvg) expect(svg).not.toContain('<style');
    const ids = [...html.matchAll(/<svg id="([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // report.css, then one sheet per distinct Mermaid stylesheet (flowchart, quadrant chart): 2 <style> in all.
    expect(html.match(/<style>/g)).toHaveLength(2);
    expect(styledNodes.length).toBeGreaterThan(0);
    for (const node of styledNodes) {
      expect(node.font).toMatch(/trebuchet ms/i);
      expect(node.link).toBe('rgb(51, 51, 51)');
    }
  });

  it('drops only the arrow-head markers nothing uses', () => {
    expect(arrowHeads.used).toBeGreaterThan(50);
    expect(arrowHeads.missing).toEqual([]);
  });

  it('is byte-identical when built again (Mermaid seeded)', async () => {
    // On the same Mermaid page, which has drawn the whole report before; a fresh browser draws
    // the same bytes too (test/renderers/chromium.e2e.test.ts compares two).
    expect(await reportHtml('examples/maison-lumen', { diagrams: true, renderer: drawing.renderer })).toBe(html);
  });

  it('takes a full-page screenshot', () => {
    const size = statSync(path.join(folder, 'report.png')).size;
    expect(size).toBeGreaterThan(100_000);
  });
});

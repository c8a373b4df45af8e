import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_COLORS } from '../../src/model/labels.js';
import { CHROMIUM_FLAGS, chromium, reportHtml } from './helpers.js';

const browserPath = chromium();
const rgb = (hex: string) => `rgb(${parseInt(hex.slice(0, 2), 16)}, ${parseInt(hex.slice(2, 4), 16)}, ${parseInt(hex.slice(4, 6), 16)})`;

describe.skipIf(!browserPath.path)(`report in headless Chromium (${browserPath.reason || browserPath.path})`, () => {
  let browser: Browser;
  let folder: string;
  let file: string;
  const consoleMessages: string[] = [];
  const requests: string[] = [];
  let cells: { status: string; background: string }[];
  let items: { status: string; background: string }[];
  let diagrams: number;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'omni-report-'));
    file = path.join(folder, 'report.html');
    writeFileSync(file, await reportHtml('examples/maison-lumen', { diagrams: true }));
    const { default: puppeteer } = await import('puppeteer-core');
    browser = await puppeteer.launch({
      executablePath: browserPath.path,
      headless: true,
      args: CHROMIUM_FLAGS,
      userDataDir: path.join(folder, 'profile'),
    });
    const page = await browser.newPage();
    page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => consoleMessages.push(`pageerror: ${error.message}`));
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
    await page.screenshot({ path: path.join(folder, 'report.png'), fullPage: true });
    if (process.env.OMNI_REPORT_SCREENSHOT) await page.screenshot({ path: process.env.OMNI_REPORT_SCREENSHOT, fullPage: true });
  });

  afterAll(async () => {
    await browser?.close();
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

  it('takes a full-page screenshot', () => {
    const size = statSync(path.join(folder, 'report.png')).size;
    expect(size).toBeGreaterThan(100_000);
  });
});

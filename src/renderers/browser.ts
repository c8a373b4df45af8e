import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';

export type ImageFormat = 'svg' | 'png';

/** Flags for a locked-down, offline, throw-away browser. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where system Chromium or Chrome usually lives, tried in order after --browser and PUPPETEER_EXECUTABLE_PATH. */
export const KNOWN_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export class BrowserNotFoundError extends Error {}

/** The one command that adds what drawing needs; docs/dependencies.md gives the same. */
export const DRAWING_INSTALL_COMMAND = 'npm install --save-dev puppeteer-core mermaid@11.17.2';

/**
 * puppeteer-core or mermaid is not installed: they are optional peer dependencies, added
 * only by those who draw SVG/PNG. A BrowserNotFoundError, so callers that go on without
 * diagrams (the report) do so.
 */
export class DrawingPackagesMissingError extends BrowserNotFoundError {
  constructor(missing: readonly string[]) {
    super(`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed (drawing SVG/PNG needs them): run \`${DRAWING_INSTALL_COMMAND}\``);
  }
}

/** Names of the drawing packages that cannot be resolved from omni's install. */
export function missingDrawingPackages(): string[] {
  const require = createRequire(import.meta.url);
  const resolves = (specifier: string) => {
    try {
      require.resolve(specifier);
      return true;
    } catch {
      return false;
    }
  };
  return [
    ...(resolves('puppeteer-core') ? [] : ['puppeteer-core']),
    ...(resolves('mermaid/package.json') ? [] : ['mermaid']),
  ];
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to render with: the explicit path (which must exist), else
 * PUPPETEER_EXECUTABLE_PATH, else the first known install. Puppeteer's own download is
 * never used: it needs the network, which CI and offline machines do not have.
 */
export function findBrowser(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, candidates = KNOWN_BROWSERS): string {
  if (explicit !== undefined) {
    if (!isExecutable(explicit)) throw new BrowserNotFoundError(`--browser ${explicit}: no executable there`);
    return explicit;
  }
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new BrowserNotFoundError(`PUPPETEER_EXECUTABLE_PATH=${fromEnv}: no executable there`);
    return fromEnv;
  }
  const found = candidates.find(isExecutable);
  if (!found) throw new BrowserNotFoundError('no Chromium or Chrome found for --format svg/png');
  return found;
}

/** mermaid's browser bundle, the same version the parser check and mmdc use. */
export function mermaidBundlePath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');
}

/** mmdc's defaults: theme `default`, white background, an 800×600 page. */
export const MERMAID_CONFIG = { startOnLoad: false, theme: 'default' } as const;
const VIEWPORT = { width: 800, height: 600 };
const SVG_ID = 'my-svg';

export interface MermaidPage {
  /** Renders one diagram: SVG as UTF-8 text, PNG as bytes (element screenshot at scale 2). */
  render(definition: string, format: ImageFormat): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * One headless page with Mermaid loaded once; each diagram is one `mermaid.render` call
 * in it (mermaid-cli reloads the page and Mermaid for every diagram, which dominates its
 * time).
 */
export async function openMermaidPage(executablePath: string): Promise<MermaidPage> {
  const missing = missingDrawingPackages();
  if (missing.length > 0) throw new DrawingPackagesMissingError(missing);
  const { default: puppeteer } = await import('puppeteer-core');
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'omni-chromium-'));
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      userDataDir,
      defaultViewport: { ...VIEWPORT, deviceScaleFactor: 2 },
    });
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body style="margin:0;background:white"><div id="container"></div></body></html>');
    await page.addScriptTag({ path: mermaidBundlePath() });
    await page.evaluate((config) => {
      (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize(config);
    }, MERMAID_CONFIG);
    const opened = browser;
    return {
      render: (definition, format) => renderOne(page, definition, format),
      async close() {
        await opened.close().catch(() => undefined);
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

async function renderOne(page: Page, definition: string, format: ImageFormat): Promise<Uint8Array> {
  const result = await page.evaluate(
    async (definition, svgId, format) => {
      const mermaid = (globalThis as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
      const container = document.getElementById('container')!;
      container.innerHTML = '';
      try {
        const { svg } = await mermaid.render(svgId, definition);
        container.innerHTML = svg;
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
      const element = container.querySelector('svg')!;
      element.style.backgroundColor = 'white';
      if (format === 'png') {
        // Natural size, not squeezed into the 800 px page: a screenshot cannot be zoomed.
        const box = element.viewBox.baseVal;
        if (box && box.width > 0) {
          element.style.maxWidth = 'none';
          element.setAttribute('width', String(Math.ceil(box.width)));
          element.setAttribute('height', String(Math.ceil(box.height)));
        }
        const rect = element.getBoundingClientRect();
        return { width: Math.ceil(rect.right), height: Math.ceil(rect.bottom) };
      }
      return { svg: new XMLSerializer().serializeToString(element) };
    },
    definition,
    SVG_ID,
    format,
  );
  if ('error' in result) throw new Error(result.error);
  if ('svg' in result) return new TextEncoder().encode(result.svg);
  await page.setViewport({ width: Math.max(result.width, 1), height: Math.max(result.height, 1), deviceScaleFactor: 2 });
  const element = await page.$('#container svg');
  const png = await element!.screenshot({ type: 'png' });
  await page.setViewport({ ...VIEWPORT, deviceScaleFactor: 2 });
  return png;
}

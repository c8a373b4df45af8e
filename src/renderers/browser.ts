import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { WordedError } from '../i18n/index.js';
import { onInterrupt } from '../util/process-cleanup.js';

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

/** No browser to draw with (worded in src/i18n: `browserNotExecutable`, `envBrowserNotExecutable`, `noBrowserForFormat`). */
export class BrowserNotFoundError extends WordedError {}

/** The optional packages drawing needs; they may be absent from an install that only lints. */
export const DRAWING_PACKAGES = ['puppeteer-core', 'mermaid'] as const;
/** The one command that adds what drawing needs; docs/dependencies.md gives the same. */
export const INSTALL_DRAWING_PACKAGES = 'npm install --save-dev puppeteer-core mermaid@11.17.2';

/** A drawing package is not installed: one line naming what to install. */
export class MissingPackageError extends WordedError {
  constructor(readonly packages: readonly string[]) {
    super(packages.length > 1 ? 'missingPackages' : 'missingPackage', { first: packages[0]!, second: packages[1] ?? '', command: INSTALL_DRAWING_PACKAGES });
  }
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
    if (!isExecutable(explicit)) throw new BrowserNotFoundError('browserNotExecutable', { path: explicit });
    return explicit;
  }
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new BrowserNotFoundError('envBrowserNotExecutable', { path: fromEnv });
    return fromEnv;
  }
  const found = candidates.find(isExecutable);
  if (!found) throw new BrowserNotFoundError('noBrowserForFormat');
  return found;
}

const resolvePackage = (name: string): string | undefined => {
  try {
    return createRequire(import.meta.url).resolve(`${name}/package.json`);
  } catch {
    return undefined;
  }
};

/** Which drawing packages cannot be found (none when both are installed); cheap, loads nothing. */
export function missingDrawingPackages(resolve: (name: string) => string | undefined = resolvePackage): string[] {
  return DRAWING_PACKAGES.filter((name) => resolve(name) === undefined);
}

/** mermaid's browser bundle, the same version mmdc uses. */
export function mermaidBundlePath(): string {
  const manifest = resolvePackage('mermaid');
  if (!manifest) throw new MissingPackageError(['mermaid']);
  return path.join(path.dirname(manifest), 'dist', 'mermaid.min.js');
}

/**
 * mmdc's defaults (theme `default`, white background, an 800×600 page), plus seeds:
 * Mermaid draws some shapes with roughjs and names block-diagram nodes with Math.random,
 * so without them the same diagram gives different SVG bytes on every run.
 */
export const MERMAID_CONFIG = {
  startOnLoad: false,
  theme: 'default',
  securityLevel: 'strict',
  deterministicIds: true,
  deterministicIDSeed: 'omni',
  handDrawnSeed: 1,
} as const;
const VIEWPORT = { width: 800, height: 600 };
const SVG_ID = 'my-svg';
/** Diagrams per page.evaluate round trip: enough to amortise the call, small enough to keep messages modest. */
const BATCH = 25;

export type DrawResult = { svg: string } | { error: string };

export interface MermaidPage {
  /** Mermaid's own parser on each text, in the page: undefined when accepted, else its message. */
  parse(definitions: readonly string[]): Promise<(string | undefined)[]>;
  /** Draws each text to SVG, several per round trip; a failure is that diagram's result, not the batch's. */
  renderSvgs(definitions: readonly string[]): Promise<DrawResult[]>;
  /** One PNG (element screenshot at scale 2, natural size). */
  renderPng(definition: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

async function importPuppeteer() {
  const missing = missingDrawingPackages();
  if (missing.length > 0) throw new MissingPackageError(missing);
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer;
}

/**
 * One headless page with Mermaid loaded once; diagrams go through it in batches
 * (mermaid-cli reloads the page and Mermaid for every diagram, which dominates its time).
 *
 * The browser talks to omni over a pipe, not a port: when omni dies, even by SIGKILL,
 * the pipe closes and Chromium exits on its own. SIGINT/SIGTERM/SIGHUP and every normal
 * exit close it and remove its temporary profile.
 */
export async function openMermaidPage(executablePath: string): Promise<MermaidPage> {
  const puppeteer = await importPuppeteer();
  const bundle = mermaidBundlePath();
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'omni-chromium-'));
  let browser: Browser | undefined;
  let launching: Promise<Browser> | undefined;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    process.removeListener('exit', removeProfileNow);
    // Interrupted while Chromium starts: wait for it (briefly) so it is closed before its profile
    // is removed; otherwise the starting browser writes the profile again after omni is gone.
    const started = browser ?? (launching ? await Promise.race([launching.catch(() => undefined), sleep(3_000, undefined, { ref: false })]) : undefined);
    await started?.close().catch(() => undefined);
    rmSync(userDataDir, { recursive: true, force: true });
  };
  // Last resort on an exit nobody awaited (an exit called from elsewhere): the pipe dies with us, the profile must not stay.
  const removeProfileNow = () => {
    try {
      browser?.process()?.kill('SIGKILL');
    } catch {
      // already gone
    }
    rmSync(userDataDir, { recursive: true, force: true });
  };
  const unregister = onInterrupt(close);
  process.on('exit', removeProfileNow);
  try {
    launching = puppeteer.launch({
      executablePath,
      headless: true,
      pipe: true,
      args: CHROMIUM_ARGS,
      userDataDir,
      defaultViewport: { ...VIEWPORT, deviceScaleFactor: 2 },
      // omni's own handler cleans up and exits with 128+signal; puppeteer's would race it.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    browser = await launching;
    if (closed) throw new Error('interrupted while the browser started');
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body style="margin:0;background:white"><div id="container"></div></body></html>');
    await page.addScriptTag({ path: bundle });
    await page.evaluate((config) => {
      (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize(config);
    }, MERMAID_CONFIG);
    return {
      parse: (definitions) => parseInPage(page, definitions),
      renderSvgs: (definitions) => renderSvgs(page, definitions),
      renderPng: (definition) => renderPng(page, definition),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function inBatches<T>(items: readonly string[], run: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < items.length; start += BATCH) results.push(...(await run(items.slice(start, start + BATCH))));
  return results;
}

function parseInPage(page: Page, definitions: readonly string[]): Promise<(string | undefined)[]> {
  return inBatches(definitions, (batch) =>
    page.evaluate(async (texts) => {
      const mermaid = (globalThis as unknown as { mermaid: { parse(text: string): Promise<unknown> } }).mermaid;
      const out: (string | null)[] = [];
      for (const text of texts) {
        try {
          await mermaid.parse(text);
          out.push(null);
        } catch (error) {
          out.push(error instanceof Error ? error.message : String(error));
        }
      }
      return out;
    }, batch),
  ).then((results) => results.map((result) => result ?? undefined));
}

/**
 * The page-side drawing code, shared by SVG and PNG: Math.random is replaced by a
 * seeded generator reset before every diagram, so a diagram's bytes depend on its text
 * only, not on what was drawn before it.
 */
function renderSvgs(page: Page, definitions: readonly string[]): Promise<DrawResult[]> {
  return inBatches(definitions, (batch) =>
    page.evaluate(
      async (texts, svgId) => {
        const mermaid = (globalThis as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
        const container = document.getElementById('container')!;
        const out: ({ svg: string } | { error: string })[] = [];
        for (const text of texts) {
          let seed = 0x5eed;
          Math.random = () => {
            // mulberry32
            seed = (seed + 0x6d2b79f5) | 0;
            let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
            t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
            return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
          };
          container.innerHTML = '';
          try {
            const { svg } = await mermaid.render(svgId, text);
            container.innerHTML = svg;
            const element = container.querySelector('svg')!;
            element.style.backgroundColor = 'white';
            out.push({ svg: new XMLSerializer().serializeToString(element) });
          } catch (error) {
            out.push({ error: error instanceof Error ? error.message : String(error) });
          }
        }
        container.innerHTML = '';
        return out;
      },
      batch,
      SVG_ID,
    ),
  );
}

async function renderPng(page: Page, definition: string): Promise<Uint8Array> {
  const [drawn] = await renderSvgs(page, [definition]);
  if (!drawn || 'error' in drawn) throw new Error(drawn ? drawn.error : 'nothing drawn');
  const size = await page.evaluate((svg) => {
    const container = document.getElementById('container')!;
    container.innerHTML = svg;
    const element = container.querySelector('svg')!;
    // Natural size, not squeezed into the 800 px page: a screenshot cannot be zoomed.
    const box = element.viewBox.baseVal;
    if (box && box.width > 0) {
      element.style.maxWidth = 'none';
      element.setAttribute('width', String(Math.ceil(box.width)));
      element.setAttribute('height', String(Math.ceil(box.height)));
    }
    const rect = element.getBoundingClientRect();
    return { width: Math.ceil(rect.right), height: Math.ceil(rect.bottom) };
  }, drawn.svg);
  await page.setViewport({ width: Math.max(size.width, 1), height: Math.max(size.height, 1), deviceScaleFactor: 2 });
  const element = await page.$('#container svg');
  const png = await element!.screenshot({ type: 'png' });
  await page.setViewport({ ...VIEWPORT, deviceScaleFactor: 2 });
  return png;
}

import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { WordedError } from '../i18n/index.js';
import { onInterrupt } from '../util/process-cleanup.js';
import { withMermaidSpeedups } from './mermaid-speedups.js';

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

/**
 * Chromium's singleton socket lives in a folder of its temporary folder
 * (`$TMPDIR/.org.chromium.Chromium.XXXXXX/SingletonSocket`, 46 characters more), and a
 * socket's path holds at most 107 bytes (103 on macOS): with a longer TMPDIR, Chromium exits
 * as it starts ("Target closed"). Then it gets /tmp as its TMPDIR instead, when that is
 * usable; undefined leaves its environment as it is (Windows has no such socket).
 */
export function chromiumTmpdir(tmpdir: string, platform: NodeJS.Platform = process.platform, usable: (folder: string) => boolean = isWritableFolder): string | undefined {
  if (platform === 'win32') return undefined;
  const longest = platform === 'darwin' ? 103 : 107;
  if (Buffer.byteLength(tmpdir) + '/.org.chromium.Chromium.XXXXXX/SingletonSocket'.length <= longest) return undefined;
  return usable('/tmp') ? '/tmp' : undefined;
}

function isWritableFolder(folder: string): boolean {
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

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
/** Diagrams per page.evaluate round trip: enough to amortise the call, small enough to share the work between pages evenly. */
const BATCH = 25;
/** PNGs per batch: each is a screenshot of its own, so small batches let every page share them. */
const PNG_BATCH = 4;
/** Pages drawing at once, at most (and never more than the CPUs): each is a renderer process with its own copy of Mermaid. */
const MAX_PAGES = 2;
/**
 * Batches of SVGs the first page draws alone before a second page opens. A page costs about
 * 1 s of CPU to start, and the second renderer shares the CPUs with omni and the browser
 * process: on a 2-CPU host it pays only past ~200 diagrams (50 scenario flows: 2.9 s on one
 * page, 3.7 s on two; 200: even; 500: 11.1 s against 8.7 s; bench/README.md, session 16).
 */
const SVG_BATCHES_ALONE = 8;
/** Parse checks cost less each: one page was quicker at ~500 diagrams (3.6 s against 4.0 s); two pay in the thousands (10,000: 23.3 s against 24.4 s). */
const PARSE_BATCHES_ALONE = 40;
/** A PNG's screenshot costs ~0.3 s: a second page pays from the second batch. */
const PNG_BATCHES_ALONE = 1;

export type DrawResult = { svg: string } | { error: string };
export type PngResult = { png: Uint8Array } | { error: string };

export interface MermaidPage {
  /** Mermaid's own parser on each text, in the page: undefined when accepted, else its message. */
  parse(definitions: readonly string[], onProgress?: (done: number) => void): Promise<(string | undefined)[]>;
  /**
   * Draws each text to SVG, several per round trip, on every page of the pool; a failure is that
   * diagram's result, not the batch's. `onProgress` hears how many are drawn so far.
   */
  renderSvgs(definitions: readonly string[], onProgress?: (done: number) => void): Promise<DrawResult[]>;
  /** PNGs (element screenshots at scale 2, natural size), on every page of the pool, as renderSvgs. */
  renderPngs(definitions: readonly string[], onProgress?: (done: number) => void): Promise<PngResult[]>;
  close(): Promise<void>;
}

async function importPuppeteer() {
  const missing = missingDrawingPackages();
  if (missing.length > 0) throw new MissingPackageError(missing);
  const { default: puppeteer } = await import('puppeteer-core');
  return puppeteer;
}

/**
 * Headless pages with Mermaid loaded once each; diagrams go through them in batches
 * (mermaid-cli reloads the page and Mermaid for every diagram, which dominates its time).
 * The first page draws small calls alone; a large one opens a second page (`pages`, default
 * one per CPU, at most MAX_PAGES) while the first draws (SVG_BATCHES_ALONE, PARSE_BATCHES_ALONE,
 * PNG_BATCHES_ALONE; `svgBatchesAlone` sets the first for the test that compares one page with two).
 *
 * The browser talks to omni over a pipe, not a port: when omni dies, even by SIGKILL,
 * the pipe closes and Chromium exits on its own. SIGINT/SIGTERM/SIGHUP and every normal
 * exit close it and remove its temporary profile.
 */
export async function openMermaidPage(executablePath: string, options: { speedups?: boolean; pages?: number; svgBatchesAlone?: number } = {}): Promise<MermaidPage> {
  const puppeteer = await importPuppeteer();
  const bundle = readFileSync(mermaidBundlePath(), 'utf8');
  // Faster configuration copies, same bytes out (mermaid-speedups.ts); `speedups: false` is for the test that compares.
  const script = options.speedups === false ? bundle : withMermaidSpeedups(bundle).source;
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'omni-chromium-'));
  const pageUrl = writeDrawingPage(userDataDir, script);
  const tmpdir = chromiumTmpdir(os.tmpdir());
  let browser: Browser | undefined;
  let launching: Promise<Browser> | undefined;
  // Aborting a launch SIGKILLs Chromium's process group (puppeteer's launch `signal`).
  const launch = new AbortController();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    process.removeListener('exit', removeProfileNow);
    if (browser) await browser.close().catch(() => undefined);
    else if (launching) {
      // Interrupted while Chromium starts: killed at once, then (briefly) awaited, so that
      // nothing of it still runs to write the profile again once it is removed.
      launch.abort();
      await Promise.race([launching.catch(() => undefined), sleep(3_000, undefined, { ref: false })]);
    }
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
      ...(tmpdir ? { env: { ...process.env, TMPDIR: tmpdir } } : {}),
      signal: launch.signal,
      defaultViewport: { ...VIEWPORT, deviceScaleFactor: 2 },
      // omni's own handler cleans up and exits with 128+signal; puppeteer's would race it.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    browser = await launching;
    if (closed) throw new Error('interrupted while the browser started');
    const opened = browser;
    // The tab Chromium starts with is the first page (a new one would start another renderer process).
    const first = await preparePage((await opened.pages())[0] ?? (await opened.newPage()), pageUrl);
    const pool = createPagePool(first, Math.min(options.pages ?? os.availableParallelism(), MAX_PAGES), async () =>
      preparePage(await opened.newPage({ type: 'window' }), pageUrl),
    );
    const svgAlone = options.svgBatchesAlone ?? SVG_BATCHES_ALONE;
    return {
      parse: (definitions, onProgress) =>
        pool.run(definitions, parseInPage, onProgress, BATCH, PARSE_BATCHES_ALONE).then((results) => results.map((result) => result ?? undefined)),
      renderSvgs: (definitions, onProgress) => pool.run(definitions, renderSvgBatch, onProgress, BATCH, svgAlone),
      renderPngs: (definitions, onProgress) => pool.run(definitions, renderPngBatch, onProgress, PNG_BATCH, PNG_BATCHES_ALONE),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The page every diagram is drawn in, and Mermaid beside it, written into the browser's
 * temporary profile (removed with it). Chromium reads a script it loads from a URL as it
 * streams in, off the main thread; the same 3.5 MB sent inline through the DevTools pipe
 * cost each page about 0.25 s more CPU (bench/README.md, session 16). The page reads no
 * other file (Chromium refuses fetch and XHR of file URLs without --allow-file-access-from-files),
 * and Mermaid's strict security level keeps a diagram's text from adding markup.
 */
function writeDrawingPage(profile: string, script: string): string {
  const folder = path.join(profile, 'omni-page');
  mkdirSync(folder);
  writeFileSync(path.join(folder, 'mermaid.js'), script);
  writeFileSync(
    path.join(folder, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:white"><div id="container"></div><script src="mermaid.js"></script></body></html>',
  );
  return pathToFileURL(path.join(folder, 'index.html')).href;
}

async function preparePage(page: Page, pageUrl: string): Promise<Page> {
  await page.goto(pageUrl, { waitUntil: 'load' });
  await page.evaluate((config) => {
    (globalThis as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize(config);
  }, MERMAID_CONFIG);
  return page;
}

/**
 * The pages diagrams are spread over, in batches taken in turn from one queue: the first
 * page, and up to `size - 1` more (one per CPU, each its own renderer process), opened only
 * once a call has more than `alone` batches, while the first page draws. A page that cannot be
 * opened leaves the work to the others. Results keep the order of the input, and a
 * diagram's bytes depend on its text only (renderSvgBatch), so the spread never shows.
 * Exported for its unit test.
 */
export function createPagePool(first: Page, size: number, open: () => Promise<Page>) {
  let extra: Promise<Page | undefined>[] | undefined;
  const extraPages = () => (extra ??= Array.from({ length: Math.max(0, size - 1) }, () => open().catch(() => undefined)));
  return {
    run<T>(
      items: readonly string[],
      draw: (page: Page, batch: string[]) => Promise<T[]>,
      onProgress: ((done: number) => void) | undefined,
      batchSize: number,
      alone: number,
    ): Promise<T[]> {
      const batches: string[][] = [];
      for (let start = 0; start < items.length; start += batchSize) batches.push(items.slice(start, start + batchSize));
      if (batches.length === 0) return Promise.resolve([]);
      // A page already open (or opening) is free to use, however small the call.
      const others = batches.length > alone || (extra !== undefined && batches.length > 1) ? extraPages() : [];
      return new Promise<T[]>((resolve, reject) => {
        const results: T[][] = [];
        let next = 0;
        let finished = 0;
        let done = 0;
        let failed = false;
        const work = async (page: Page) => {
          while (!failed && next < batches.length) {
            const index = next++;
            const batch = batches[index]!;
            results[index] = await draw(page, batch);
            finished += 1;
            done += batch.length;
            onProgress?.(done);
            if (finished === batches.length) resolve(results.flat());
          }
        };
        const fail = (error: unknown) => {
          failed = true;
          reject(error);
        };
        work(first).catch(fail);
        // A page still opening once every batch is taken is not waited for: it serves the next call.
        for (const opening of others) opening.then((page) => (page ? work(page) : undefined)).catch(fail);
      });
    },
  };
}

function parseInPage(page: Page, batch: string[]): Promise<(string | null)[]> {
  return page.evaluate(async (texts) => {
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
  }, batch);
}

/**
 * The page-side drawing code, shared by SVG and PNG: Math.random is replaced by a
 * seeded generator reset before every diagram, so a diagram's bytes depend on its text
 * only, not on what was drawn before it.
 */
function renderSvgBatch(page: Page, batch: string[]): Promise<DrawResult[]> {
  return page.evaluate(
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
  );
}

/**
 * A batch of PNGs on one page: the SVGs drawn in one round trip (in the 800 px page, as
 * renderSvgs draws them), then each shown at its natural size and screenshot. The page gets
 * its size back after the batch, before it draws anything else.
 */
async function renderPngBatch(page: Page, batch: string[]): Promise<PngResult[]> {
  const drawn = await renderSvgBatch(page, batch);
  const results: PngResult[] = [];
  try {
    for (const result of drawn) results.push('error' in result ? result : { png: await screenshotOf(page, result.svg) });
  } finally {
    await page.setViewport({ ...VIEWPORT, deviceScaleFactor: 2 });
  }
  return results;
}

async function screenshotOf(page: Page, svg: string): Promise<Uint8Array> {
  const size = await page.evaluate((markup) => {
    const container = document.getElementById('container')!;
    container.innerHTML = markup;
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
  }, svg);
  await page.setViewport({ width: Math.max(size.width, 1), height: Math.max(size.height, 1), deviceScaleFactor: 2 });
  const element = await page.$('#container svg');
  return element!.screenshot({ type: 'png' });
}

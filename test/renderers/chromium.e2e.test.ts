import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, MissingPackageError, missingDrawingPackages, openMermaidPage, type MermaidPage } from '../../src/renderers/browser.js';
import { renderDiagrams } from '../../src/renderers/index.js';
import { loadModel } from './helpers.js';

// Mermaid in the one Chromium page omni opens: the parse check, seeded drawing, the
// browser's lifetime tied to omni's, and `omni render --format svg|png` end to end.
// Outside CI a machine without Chromium skips visibly; in CI (CI=true, where .ci/run installs
// Debian's chromium) it must run. One file, so its cases never run beside each other: two
// files drawing in Chromium at once on a 2-core machine took twice as long each (and the
// whole suite 50% longer) as one after the other.
let browser: string | undefined;
try {
  browser = findBrowser(undefined);
} catch {
  browser = undefined;
}
const skip = browser === undefined && process.env.CI !== 'true';
if (skip) console.warn('[omni] Chromium tests skipped: no Chromium found (install one: apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)');
const BIN = path.resolve('bin/omni.js');
const folders: string[] = [];
const tempFolder = (prefix: string) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
  folders.push(folder);
  return folder;
};
/**
 * The test process's own Mermaid page pool, two pages (omni's default on two cores), opened
 * once for the file: the cases compare what it draws with other pages and with omni's files.
 */
let shared: Promise<MermaidPage> | undefined;
const sharedPage = () => (shared ??= openMermaidPage(browser!, { pages: 2, svgBatchesAlone: 1 }));
afterAll(async () => {
  await (await shared)?.close();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

describe('drawing packages', () => {
  it('names what to install when puppeteer-core or mermaid is missing', () => {
    expect(missingDrawingPackages((name) => (name === 'mermaid' ? undefined : `/x/${name}/package.json`))).toEqual(['mermaid']);
    expect(missingDrawingPackages(() => undefined)).toEqual(['puppeteer-core', 'mermaid']);
    expect(missingDrawingPackages()).toEqual([]);
    expect(new MissingPackageError(['puppeteer-core', 'mermaid']).message).toBe(
      'puppeteer-core and mermaid are not installed (needed to draw diagrams): run `npm install --save-dev puppeteer-core mermaid@11.17.2`',
    );
  });
});

describe('findBrowser', () => {
  const executable = process.execPath; // any executable file stands in for Chromium here

  it('takes --browser first, then PUPPETEER_EXECUTABLE_PATH, then the known installs', () => {
    expect(findBrowser(executable, { PUPPETEER_EXECUTABLE_PATH: '/nope' }, [])).toBe(executable);
    expect(findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: executable }, ['/nope'])).toBe(executable);
    expect(findBrowser(undefined, {}, ['/nope/chromium', executable])).toBe(executable);
  });

  it('says which setting points nowhere, or that nothing was found', () => {
    expect(() => findBrowser('/nope/chrome', {}, [executable])).toThrow('--browser /nope/chrome: no executable there');
    expect(() => findBrowser(undefined, { PUPPETEER_EXECUTABLE_PATH: '/nope' }, [executable])).toThrow('PUPPETEER_EXECUTABLE_PATH=/nope: no executable there');
    expect(() => findBrowser(undefined, {}, ['/nope/chromium'])).toThrow('no Chromium or Chrome found for --format svg/png');
  });
});

/** Processes whose command line holds this text, as `ps` sees them. */
function processesWith(text: string): string[] {
  const listing = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout;
  return listing.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

/** The temporary profile of the Chromium started by this omni process (its direct child), once it runs. */
async function profileOf(pid: number, timeout = 60_000): Promise<string> {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    const listing = spawnSync('ps', ['-eo', 'ppid=,args='], { encoding: 'utf8' }).stdout;
    for (const line of listing.split('\n')) {
      const match = /^\s*(\d+)\s.*--user-data-dir=(\S*omni-chromium-\w+)/.exec(line);
      if (match && Number(match[1]) === pid) return match[2]!;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Chromium did not start');
}

async function gone(profile: string, timeout = 10_000): Promise<string[]> {
  const start = Date.now();
  let left = processesWith(profile);
  while (left.length > 0 && Date.now() - start < timeout) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = processesWith(profile);
  }
  return left;
}

describe.skipIf(skip)('one Chromium page', { timeout: 180_000 }, () => {
  let page: MermaidPage;
  // A plain Chromium to measure the SVGs omni wrote, started once for every case that needs it.
  let measuring: Promise<Browser> | undefined;
  const measuringBrowser = async () => {
    const { default: puppeteer } = await import('puppeteer-core');
    measuring ??= puppeteer.launch({ executablePath: browser!, headless: true, pipe: true, args: ['--no-sandbox'], userDataDir: tempFolder('omni-profile-') });
    return measuring;
  };
  beforeAll(async () => {
    page = await sharedPage();
  });
  afterAll(async () => {
    await (await measuring)?.close();
  });

  it("runs Mermaid's parser: a broken label is rejected with Mermaid's message, our diagrams pass", async () => {
    const diagrams = renderDiagrams(await loadModel('hostile'));
    const results = await page.parse(['flowchart LR\n  a["Relance"] --> end"]\n', ...diagrams.map((diagram) => diagram.text)]);
    expect(results[0]).toMatch(/Parse error/);
    expect(results.slice(1)).toEqual(diagrams.map(() => undefined));
  });

  it('draws the same bytes for the same text, whatever was drawn before it in the page', async () => {
    const diagrams = renderDiagrams(await loadModel('maison-lumen'));
    const matrix = diagrams.find((diagram) => diagram.view === 'matrix')!.text;
    const [alone] = await page.renderSvgs([matrix]);
    const after = await page.renderSvgs([...diagrams.slice(0, 30).map((diagram) => diagram.text), matrix]);
    expect('svg' in alone!).toBe(true);
    expect(after[after.length - 1]).toEqual(alone);
  });

  it('draws the same bytes (SVG and PNG) with or without the configuration speed-ups, and on one page or two, in order', async () => {
    const models = await Promise.all((['maison-lumen', 'gaps', 'hostile'] as const).map(loadModel));
    const perWorkspace = models.map((model) => renderDiagrams(model));
    const texts = perWorkspace.flat().map((diagram) => diagram.text);
    // 40 diagrams: two batches of 25 at most, the second one for the second page once it is open.
    const many = texts;
    // Without the speed-ups Mermaid is slower: the plain page draws a sample (positions in
    // `many`), the first diagram of each view of each workspace — every diagram type, in both
    // batches — and all of hostile's.
    const sample: number[] = [];
    let offset = 0;
    perWorkspace.forEach((list, workspace) => {
      const seen = new Set<string>();
      list.forEach((diagram, index) => {
        if (workspace === 2 || !seen.has(diagram.view)) sample.push(offset + index);
        seen.add(diagram.view);
      });
      offset += list.length;
    });
    expect([sample.length, sample.some((index) => index < 25), sample.some((index) => index >= 25)]).toEqual([19, true, true]);
    const plain = await openMermaidPage(browser!, { speedups: false, pages: 1 });
    let expected: Awaited<ReturnType<MermaidPage['renderSvgs']>>;
    // PNGs go four to a batch: six of them use the second page too (the six smallest: a
    // screenshot's cost is its area).
    const pngTexts = [...texts].sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, 6);
    let expectedPngs: Awaited<ReturnType<MermaidPage['renderPngs']>>;
    try {
      expected = await plain.renderSvgs(sample.map((index) => many[index]!));
      expectedPngs = await plain.renderPngs(pngTexts);
    } finally {
      await plain.close();
    }
    expect(expected.filter((result) => 'svg' in result)).toHaveLength(sample.length);
    // The file's two-page pool, with speed-ups: another Chromium, which has drawn other diagrams before.
    const two = page;
    const progress: number[] = [];
    const drawn = await two.renderSvgs(many, (done) => progress.push(done));
    expect(drawn.filter((result) => 'svg' in result)).toHaveLength(many.length);
    expect(sample.map((index) => drawn[index])).toEqual(expected);
    expect(progress.at(-1)).toBe(many.length);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    // The same page pool again, and the parser on it.
    expect(await two.renderSvgs(texts.slice(0, 3))).toEqual(drawn.slice(0, 3));
    expect(await two.parse(many)).toEqual(many.map(() => undefined));
    expect(expectedPngs.every((result) => 'png' in result && result.png.length > 1000)).toBe(true);
    expect(await two.renderPngs(pngTexts)).toEqual(expectedPngs);
  });

  // `omni render --format svg` writing what another Chromium draws: 'SVG and PNG in headless
  // Chromium' below compares its maison-lumen files with this file's page.

  // gaps has a use case no scenario serves: unlinked, it used to sit among the programmes with a link behind it.
  it.each([
    ['examples/maison-lumen', ['conversion', 'activation', 'upsell', 'satisfaction']],
    ['examples/gaps', ['conversion', 'retention']],
  ])('%s: programmes in declared order, top to bottom, and no link crosses a box it does not join', async (workspace, declared) => {
    // programs.svg of the whole render the SVG cases below check too (one omni and one Chromium fewer).
    const out = renderedImages(workspace, 'svg', ...(workspace === 'examples/gaps' ? ['--force'] : []));
    const svg = readFileSync(path.join(out, 'programs.svg'), 'utf8');
    const tab = await (await measuringBrowser()).newPage();
    try {
      await tab.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
      const layout = await tab.evaluate(() => {
        const root = document.querySelector('svg')!;
        const toRoot = (element: SVGGraphicsElement) => {
          const box = element.getBBox();
          const matrix = root.getScreenCTM()!.inverse().multiply(element.getScreenCTM()!);
          const a = new DOMPoint(box.x, box.y).matrixTransform(matrix);
          const b = new DOMPoint(box.x + box.width, box.y + box.height).matrixTransform(matrix);
          return { left: Math.min(a.x, b.x), top: Math.min(a.y, b.y), right: Math.max(a.x, b.x), bottom: Math.max(a.y, b.y) };
        };
        const nodes = [...root.querySelectorAll<SVGGElement>('g.node')].map((node) => ({ id: node.id, box: toRoot(node) }));
        const visible = (edge: SVGPathElement) =>
          !edge.classList.contains('edge-thickness-invisible') && getComputedStyle(edge).strokeWidth !== '0px' && getComputedStyle(edge).stroke !== 'none';
        const edges = [...root.querySelectorAll<SVGPathElement>('path.flowchart-link')].filter(visible).map((edge) => {
          const matrix = root.getScreenCTM()!.inverse().multiply(edge.getScreenCTM()!);
          const length = edge.getTotalLength();
          const points: { x: number; y: number }[] = [];
          for (let at = 0; at <= length; at += 4) {
            const point = edge.getPointAtLength(at).matrixTransform(matrix);
            points.push({ x: point.x, y: point.y });
          }
          return { id: edge.id, points };
        });
        return { nodes, edges };
      });
      const programs = layout.nodes.filter((node) => /-program_/.test(node.id));
      expect(programs.map((node) => /-program_(\w+)-\d+$/.exec(node.id)![1])).toEqual(declared);
      const tops = programs.map((node) => node.box.top);
      expect([...tops].sort((a, b) => a - b)).toEqual(tops);

      const inside = (point: { x: number; y: number }, box: { left: number; top: number; right: number; bottom: number }, margin: number) =>
        point.x > box.left + margin && point.x < box.right - margin && point.y > box.top + margin && point.y < box.bottom - margin;
      expect(layout.edges.length).toBeGreaterThan(3);
      for (const edge of layout.edges) {
        const ends = layout.nodes.filter((node) => inside(edge.points[0]!, node.box, -6) || inside(edge.points[edge.points.length - 1]!, node.box, -6));
        for (const node of layout.nodes) {
          if (ends.includes(node)) continue;
          for (const point of edge.points) expect(inside(point, node.box, 1), `${edge.id} passes behind ${node.id}`).toBe(false);
        }
      }
    } finally {
      await tab.close();
    }
  });
});

describe.skipIf(skip)('the browser lives and dies with omni', { timeout: 180_000 }, () => {
  let workspace: string;
  beforeAll(async () => {
    workspace = path.join(tempFolder('omni-lifetime-'), 'ws');
    const { writeWorkspace } = (await import(path.resolve('bench/generate.mjs'))) as { writeWorkspace(out: string, options: Record<string, number>): void };
    // Enough diagrams that drawing takes a while: the signal lands mid-run.
    writeWorkspace(workspace, { files: 20, scenarios: 200, channels: 12, stages: 8, variables: 60, sources: 10, seed: 3 });
  });

  it('on SIGKILL of omni, Chromium exits on its own (its pipe closes)', async () => {
    const out = tempFolder('omni-kill-');
    const child = spawn('node', [BIN, 'render', workspace, '--out', out, '--format', 'svg'], { stdio: 'ignore' });
    const profile = await profileOf(child.pid!);
    expect(processesWith(profile).length).toBeGreaterThan(0);
    child.kill('SIGKILL');
    expect(await gone(profile)).toEqual([]);
    rmSync(profile, { recursive: true, force: true }); // SIGKILL leaves no chance to remove it: the one thing the OS's tmp cleaning must do
  });

  it('on SIGTERM, exits 143 having closed Chromium, removed its profile and written nothing', async () => {
    const out = tempFolder('omni-term-');
    const child = spawn('node', [BIN, 'render', workspace, '--out', out, '--format', 'svg'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const profile = await profileOf(child.pid!);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    expect(await gone(profile)).toEqual([]);
    expect(existsSync(profile)).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  });
});

function renderImages(workspace: string, format: 'svg' | 'png', ...extra: string[]): string {
  const out = tempFolder(`omni-render-${format}-`);
  const result = spawnSync('node', [BIN, 'render', workspace, '--out', out, '--format', format, '--locale', 'en', ...extra], { encoding: 'utf8' });
  expect(result.stderr).toMatch(new RegExp(`wrote \\d+ diagrams (and journey\\.md )?and \\d+ ${format.toUpperCase()} to `));
  expect(result.status).toBe(0);
  return out;
}

/** `omni render` of a workspace, run once per file for the same arguments: cases that read the same render share it. */
const renders = new Map<string, string>();
function renderedImages(workspace: string, format: 'svg' | 'png', ...extra: string[]): string {
  const key = JSON.stringify([workspace, format, extra]);
  let out = renders.get(key);
  if (out === undefined) renders.set(key, (out = renderImages(workspace, format, ...extra)));
  return out;
}

/**
 * `omni render` of the hostile fixture with a TMPDIR of 150 characters, once per file:
 * Chromium's singleton socket would need 196 (src/renderers/browser.ts, chromiumTmpdir).
 */
let hostileRender: { out: string; tmp: string; result: SpawnSyncReturns<string> } | undefined;
function hostileUnderLongTmpdir() {
  if (hostileRender) return hostileRender;
  const base = tempFolder('omni-long-tmp-');
  const tmp = path.join(base, 'x'.repeat(150 - base.length - 1));
  mkdirSync(tmp);
  const out = tempFolder('omni-render-long-tmp-');
  const result = spawnSync('node', [BIN, 'render', 'test/fixtures/hostile', '--out', out, '--format', 'svg', '--locale', 'en'], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp },
  });
  return (hostileRender = { out, tmp, result });
}

const imagesIn = (folder: string, extension: string) =>
  readdirSync(folder, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith(extension))
    .sort();

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(data.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

describe.skipIf(skip)('SVG and PNG in headless Chromium', { timeout: 300_000 }, () => {
  it('finds a browser (in CI a missing one is a failure, not a skip)', () => {
    expect(browser, 'no Chromium: apt-get install chromium').toBeDefined();
  });

  it('maison-lumen: every diagram as well-formed SVG with its labels, the same bytes as another Chromium draws', async () => {
    const out = renderedImages('examples/maison-lumen', 'svg');
    const files = imagesIn(out, '.svg');
    expect(files).toHaveLength(23);
    for (const file of files) {
      const svg = readFileSync(path.join(out, file), 'utf8');
      expect(XMLValidator.validate(svg), file).toBe(true);
      expect(svg, file).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
    const read = (file: string) => readFileSync(path.join(out, file), 'utf8');
    for (const label of ['Je me renseigne', 'Notices de montage et FAQ', 'Légende', 'Point de friction', 'Opportunité']) expect(read('matrix.svg')).toContain(label);
    for (const label of ['Gains rapides', 'Grands projets', 'Petits plus', 'Difficile', 'Valeur forte']) expect(read('use-cases.svg')).toContain(label);
    expect(read('scenarios/relance-panier-abandonne.svg')).toContain('cart_abandoned');
    // More than 25 variables: the lineage is drawn per source.
    expect(read('data-lineage/fidelite.svg')).toContain('Programme de fidélité Lumen+');
    // Deterministic: the file's own Chromium, in this process, draws byte-identical images
    // from the diagrams this checkout renders (omni writes what Mermaid returned, unchanged).
    const diagrams = renderDiagrams(await loadModel('maison-lumen'));
    expect(diagrams.map((diagram) => diagram.file.replace(/\.mmd$/, '.svg')).sort()).toEqual(files);
    const drawn = await (await sharedPage()).renderSvgs(diagrams.map((diagram) => diagram.text));
    diagrams.forEach((diagram, index) => {
      const file = diagram.file.replace(/\.mmd$/, '.svg');
      const result = drawn[index]!;
      expect('svg' in result && readFileSync(path.join(out, file)).equals(Buffer.from(result.svg)), file).toBe(true);
    });
  });

  it('maison-lumen: the plan-wide views as PNG, at scale 2 and natural size', () => {
    // The scenario flowcharts and the lineage's seven parts are left out (the cost of a PNG is
    // its screenshot); the speed-up case draws six PNGs over both pages of a pool.
    const out = renderImages('examples/maison-lumen', 'png', '--view', 'matrix,use-cases,scenario-map,programs');
    const files = imagesIn(out, '.png');
    expect(files).toEqual(['matrix.png', 'programs.png', 'scenario-map.png', 'use-cases.png']);
    for (const file of files) {
      const { width, height } = pngSize(readFileSync(path.join(out, file)));
      expect(width, file).toBeGreaterThan(200);
      expect(height, file).toBeGreaterThan(100);
      expect(width * height, file).toBeLessThan(100_000_000);
    }
    // The matrix is wide: drawn at its own width (8 columns), not squeezed into the 800 px page.
    expect(pngSize(readFileSync(path.join(out, 'matrix.png'))).width).toBeGreaterThan(3000);
  });

  it("draws with a TMPDIR too long for Chromium's socket, and leaves nothing in it", () => {
    const { out, tmp, result } = hostileUnderLongTmpdir();
    expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: `omni: wrote 7 diagrams and journey.md and 7 SVG to ${out}\n` });
    expect(XMLValidator.validate(readFileSync(path.join(out, 'matrix.svg'), 'utf8'))).toBe(true);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('gaps (with --force) and the hostile fixture render too; hostile names stay text', () => {
    const gaps = renderedImages('examples/gaps', 'svg', '--force');
    expect(imagesIn(gaps, '.svg')).toHaveLength(11);
    for (const file of imagesIn(gaps, '.svg')) expect(XMLValidator.validate(readFileSync(path.join(gaps, file), 'utf8')), file).toBe(true);
    // The hostile fixture's render is the long-TMPDIR case's.
    const { out } = hostileUnderLongTmpdir();
    expect(imagesIn(out, '.svg')).toHaveLength(7);
    for (const file of imagesIn(out, '.svg')) {
      const svg = readFileSync(path.join(out, file), 'utf8');
      expect(XMLValidator.validate(svg), file).toBe(true);
      expect(svg, file).not.toMatch(/<script|onerror=|javascript:/i);
    }
    const matrix = readFileSync(path.join(out, 'matrix.svg'), 'utf8');
    expect(matrix).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(matrix).toContain('%%{init: {"theme":"dark"}}%%');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/renderers/browser.js';

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

// Real rendering in a real Chromium. Outside CI a machine without one skips with a
// visible reason; in CI (CI=true, where .ci/run installs Debian's chromium) it must run.
let browser: string | undefined;
try {
  browser = findBrowser(undefined);
} catch {
  browser = undefined;
}
const inCI = process.env.CI === 'true';
const skip = browser === undefined && !inCI;
if (skip) console.warn('[omni] SVG/PNG rendering tests skipped: no Chromium found (install one: apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)');

const BIN = path.resolve('bin/omni.js');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function renderImages(workspace: string, format: 'svg' | 'png', ...extra: string[]): string {
  const out = mkdtempSync(path.join(os.tmpdir(), `omni-render-${format}-`));
  folders.push(out);
  const result = spawnSync('node', [BIN, 'render', workspace, '--out', out, '--format', format, '--locale', 'en', ...extra], { encoding: 'utf8' });
  expect(result.stderr).toMatch(new RegExp(`wrote \\d+ diagrams and journey\\.md and \\d+ ${format.toUpperCase()} to `));
  expect(result.status).toBe(0);
  return out;
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

  it('maison-lumen: every diagram as well-formed SVG with its labels, the same bytes on a second run', () => {
    const out = renderImages('examples/maison-lumen', 'svg');
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
    // Deterministic: another process, with another Chromium, writes byte-identical files.
    const again = renderImages('examples/maison-lumen', 'svg');
    expect(imagesIn(again, '.svg')).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(again, file)).equals(readFileSync(path.join(out, file))), file).toBe(true);
  });

  it('maison-lumen: every diagram as PNG, at scale 2 and natural size', () => {
    const out = renderImages('examples/maison-lumen', 'png');
    const files = imagesIn(out, '.png');
    expect(files).toHaveLength(23);
    for (const file of files) {
      const { width, height } = pngSize(readFileSync(path.join(out, file)));
      expect(width, file).toBeGreaterThan(200);
      expect(height, file).toBeGreaterThan(100);
      expect(width * height, file).toBeLessThan(100_000_000);
    }
    // The matrix is wide: drawn at its own width (8 columns), not squeezed into the 800 px page.
    expect(pngSize(readFileSync(path.join(out, 'matrix.png'))).width).toBeGreaterThan(3000);
  });

  it('gaps (with --force) and the hostile fixture render too; hostile names stay text', () => {
    expect(imagesIn(renderImages('examples/gaps', 'png', '--force'), '.png')).toHaveLength(10);
    const out = renderImages('test/fixtures/hostile', 'svg');
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

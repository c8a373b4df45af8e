import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// An install without the optional drawing packages: the built CLI copied next to a
// node_modules that links every package but puppeteer-core and mermaid.
const ROOT = path.resolve('.');
const MODULES = path.join(ROOT, 'node_modules');
const LEFT_OUT = new Set(['puppeteer-core', 'mermaid']);

describe('without puppeteer-core and mermaid', { timeout: 120_000 }, () => {
  let install: string;
  beforeAll(() => {
    install = mkdtempSync(path.join(os.tmpdir(), 'omni-no-drawing-'));
    for (const folder of ['bin', 'dist', 'schemas', 'templates']) cpSync(path.join(ROOT, folder), path.join(install, folder), { recursive: true });
    cpSync(path.join(ROOT, 'package.json'), path.join(install, 'package.json'));
    mkdirSync(path.join(install, 'node_modules'));
    for (const entry of readdirSync(MODULES)) {
      if (LEFT_OUT.has(entry) || entry.startsWith('.')) continue;
      symlinkSync(path.join(MODULES, entry), path.join(install, 'node_modules', entry));
    }
    expect(existsSync(path.join(install, 'node_modules', 'mermaid'))).toBe(false);
  });
  afterAll(() => rmSync(install, { recursive: true, force: true }));

  const omni = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(install, 'bin/omni.js'), ...args, '--locale', 'en'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const example = path.join(ROOT, 'examples/maison-lumen');

  it('renders .mmd as usual', () => {
    const out = path.join(install, 'out-mmd');
    const result = omni('render', example, '--out', out);
    expect(result.stderr).toBe(`omni: wrote 23 diagrams and journey.md to ${out}\n`);
    expect(result.status).toBe(0);
  });

  it.each([['--format', 'svg'], ['--check-syntax']])('render %s stops with one line naming the install command, exit 2, writing nothing', (...flag) => {
    const out = path.join(install, `out-${flag[0]}`);
    const result = omni('render', example, '--out', out, ...flag);
    expect(result.status).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'omni: puppeteer-core and mermaid are not installed (needed to draw diagrams): run `npm install --save-dev puppeteer-core mermaid@11.17.2`',
    );
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('report writes the page without diagrams and says what to install', () => {
    const out = path.join(install, 'report.html');
    const result = omni('report', example, '-o', out);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      `omni: puppeteer-core and mermaid are not installed (needed to draw diagrams): run \`npm install --save-dev puppeteer-core mermaid@11.17.2\`: report written without diagrams (or pass --no-diagrams)\nomni: report written to ${out} (0 diagrams)\n`,
    );
    expect(readFileSync(out, 'utf8')).not.toContain('<svg id=');
  });
});

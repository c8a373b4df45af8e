import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runReport } from '../../src/cli/report-run.js';
import { CliError } from '../../src/cli/errors.js';
import { BrowserNotFoundError, MissingPackageError } from '../../src/renderers/browser.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { diagramRequests, renderWith } from '../../src/report/diagrams.js';
import { buildReportView } from '../../src/report/view-model.js';
import { RULES } from '../../src/rules/index.js';
import { ROOT } from './helpers.js';

describe('runReport', () => {
  let folder: string;
  let stderr: string[];
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'omni-report-cli-'));
    stderr = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(folder, { recursive: true, force: true });
  });

  const noBrowser = async () => {
    throw new BrowserNotFoundError('noBrowserForFormat');
  };

  it('builds the report of a workspace with lint errors instead of refusing it, and lists them', async () => {
    const out = path.join(folder, 'nested/report.html');
    const code = await runReport(path.join(ROOT, 'examples/gaps'), { out, diagrams: false }, noBrowser);
    expect(code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<code class="where">data.yaml:32:9</code> unknown channel &quot;push&quot;');
    expect(stderr).toEqual([`omni: report written to ${out} (0 diagrams)\n`]);
    // Written atomically: no temporary file left beside it.
    expect(readdirSync(path.join(folder, 'nested'))).toEqual(['report.html']);
    expect(html.endsWith('</html>\n')).toBe(true);
  });

  it('without a browser: one clear line on stderr, and the report still has every table', async () => {
    const out = path.join(folder, 'report.html');
    const code = await runReport(path.join(ROOT, 'examples/maison-lumen'), { out, diagrams: true }, noBrowser);
    expect(code).toBe(0);
    expect(stderr[0]).toBe(
      'omni: no Chromium or Chrome found: report written without diagrams (install chromium, pass --browser PATH, or --no-diagrams to silence this)\n',
    );
    const html = readFileSync(out, 'utf8');
    // Matrix, use cases, scenario map, eleven linear scenarios' steps (the birthday one branches: a nested list), variables.
    expect(html.match(/<table class="(matrix|data use-cases|scenario-map|data steps|data variables)"/g)!.length).toBe(15);
    expect(html.match(/<table class="data calendar"/g)!.length).toBe(2);
    expect(html).toContain('Diagramme non disponible : aucun navigateur Chromium trouvé lors de la génération.');
  });

  it('names the misconfigured PUPPETEER_EXECUTABLE_PATH and still writes the report', async () => {
    const out = path.join(folder, 'report.html');
    const badEnv = async () => {
      throw new BrowserNotFoundError('envBrowserNotExecutable', { path: '/nope' });
    };
    expect(await runReport(path.join(ROOT, 'examples/maison-lumen'), { out, diagrams: true }, badEnv)).toBe(0);
    expect(stderr[0]).toMatch(/^omni: PUPPETEER_EXECUTABLE_PATH=\/nope: no executable there: report written without diagrams/);
    expect(existsSync(out)).toBe(true);
  });

  it('writes the report without diagrams and one line naming what to install when a drawing package is missing', async () => {
    const out = path.join(folder, 'report.html');
    const missing = async () => {
      throw new MissingPackageError(['mermaid']);
    };
    expect(await runReport(path.join(ROOT, 'examples/maison-lumen'), { out, diagrams: true }, missing)).toBe(0);
    expect(stderr).toEqual([
      'omni: mermaid is not installed (needed to draw diagrams): run `npm install --save-dev puppeteer-core mermaid@11.17.2`: report written without diagrams (or pass --no-diagrams)\n',
      `omni: report written to ${out} (0 diagrams)\n`,
    ]);
    expect(readFileSync(out, 'utf8')).toContain('diagram-note');
  });

  it('pairs each scenario with its own flow by id, even with a duplicated id before it', async () => {
    const { model: base } = await loadWorkspace(path.join(ROOT, 'examples/maison-lumen'));
    const [first, second] = base.scenarios;
    // A second declaration of the first id (a duplicate-id error, which the report tolerates) shifts every position after it.
    const model = { ...base, scenarios: [first!, { ...first!, name: 'Doublon' }, ...base.scenarios.slice(1)] };
    const requests = diagramRequests(model);
    const flow = (id: string) => requests.find((request) => request.key === `scenario:${id}`)!.text;
    expect(flow(first!.id)).not.toContain('Doublon');
    for (const scenario of base.scenarios.slice(1)) expect(flow(scenario.id), scenario.id).toContain(`step_1`);
    // A fake renderer echoes the text, so each embedded SVG shows which diagram landed where.
    const echo = {
      renderAll: async (texts: readonly string[]) =>
        texts.map((text) => ({ svg: `<svg id="my-svg"><text>${text.length}:${/trigger_trigger\(\["[^"]*"\]\)/.test(text) ? 'flow' : 'other'}</text></svg>` })),
      close: async () => undefined,
    };
    const { outcome } = await renderWith(echo, requests);
    const view = buildReportView({ model, diagnostics: [], rules: RULES, diagrams: outcome });
    const secondView = view.scenarios.find((scenario) => scenario.id === second!.id)!;
    expect(secondView.diagram.svg).toContain(`<text>${flow(second!.id).length}:`);
    expect(requests.filter((request) => request.key.startsWith('scenario:'))).toHaveLength(base.scenarios.length);
  });

  it('still writes the report when the browser dies mid-run, each diagram noted as failed', async () => {
    const out = path.join(folder, 'report.html');
    const dying = async () => ({
      renderAll: async () => {
        throw new Error('Target closed\nstack');
      },
      close: async () => undefined,
    });
    expect(await runReport(path.join(ROOT, 'examples/maison-lumen'), { out, diagrams: true }, dying)).toBe(0);
    expect(stderr[0]).toBe('omni: diagram use-cases could not be rendered: Target closed\n');
    expect(stderr.at(-1)).toBe(`omni: report written to ${out} (0 diagrams)\n`);
  });

  it('stops with a usage error when the browser named by --browser does not exist', async () => {
    const out = path.join(folder, 'report.html');
    const missing = async () => {
      throw new BrowserNotFoundError('browserNotExecutable', { path: '/nope' });
    };
    await expect(runReport(path.join(ROOT, 'examples/maison-lumen'), { out, diagrams: true, browser: '/nope' }, missing)).rejects.toThrow(CliError);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an --out that is a folder', async () => {
    await expect(runReport(path.join(ROOT, 'examples/maison-lumen'), { out: folder, diagrams: false })).rejects.toThrow(/is a folder/);
  });

  it('embeds what the renderer draws and reports a diagram that fails', async () => {
    const out = path.join(folder, 'report.html');
    let closed = false;
    const fake = async () => ({
      renderAll: async (texts: readonly string[]) =>
        texts.map((text) =>
          text.includes('quadrantChart')
            ? { error: 'Parse error on line 3\nmore' }
            : { svg: '<svg id="my-svg" xmlns="http://www.w3.org/2000/svg"><style>#my-svg{fill:red}</style><text>ok</text></svg>' },
        ),
      close: async () => {
        closed = true;
      },
    });
    await runReport(path.join(ROOT, 'examples/maison-lumen'), { out, diagrams: true }, fake);
    expect(closed).toBe(true);
    expect(stderr).toEqual(['omni: diagram use-cases could not be rendered: Parse error on line 3\n', `omni: report written to ${out} (19 diagrams)\n`]);
    const html = readFileSync(out, 'utf8');
    // Mermaid's per-SVG stylesheet is shared once in the head, scoped by a class; ids stay unique.
    expect(html).toContain('<svg id="omni-diagram-2" xmlns="http://www.w3.org/2000/svg" class="omni-css-1"><text>ok</text></svg>');
    expect(html).toContain('<svg id="omni-diagram-3" xmlns="http://www.w3.org/2000/svg" class="omni-css-1"><text>ok</text></svg>');
    expect(html.match(/\.omni-css-1\{fill:red\}/g)).toHaveLength(1);
    expect(html).toContain('Diagramme non disponible : le rendu a échoué.');
  });
});

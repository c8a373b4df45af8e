import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Model } from '../../src/model/types.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { findBrowser } from '../../src/renderers/browser.js';
import { buildJourney, renderDiagrams } from '../../src/renderers/index.js';
import { assertWithinLimits, DIAGRAM_BUDGET, DiagramLimitError, edgeCount, overLimit, splitToFit } from '../../src/renderers/limits.js';
import { loadModel } from './helpers.js';

type Generator = { writeWorkspace(out: string, options: Record<string, number>): void };
const GENERATOR = path.resolve('bench/generate.mjs');
const BIN = path.resolve('bin/omni.js');

let browser: string | undefined;
try {
  browser = findBrowser(undefined);
} catch {
  browser = undefined;
}
const inCI = process.env.CI === 'true';
if (browser === undefined && !inCI) console.warn('[omni] --check-syntax test of the 200-scenario workspace skipped: no Chromium found');

describe('limits', () => {
  it('counts our links and measures text against the budget', () => {
    expect(edgeCount('flowchart LR\n  a["x --> y"]\n  a --> b\n  b -.-> c\n')).toBe(2);
    // A branch's labelled link counts too (it did not, so a wait of 450 branches passed the check).
    expect(edgeCount('flowchart LR\n  a -->|"clicked"| b\n  a -.->|"go to x"| c\n')).toBe(2);
    const edges = Array.from({ length: DIAGRAM_BUDGET.edges + 1 }, (_, index) => `  n${index} --> n${index + 1}`).join('\n');
    expect(overLimit(`flowchart LR\n${edges}\n`)).toBe(`${DIAGRAM_BUDGET.edges + 1} links, over omni's budget of 400 (Mermaid's maxEdges is 500)`);
    expect(overLimit('x'.repeat(DIAGRAM_BUDGET.characters + 1))).toMatch(/^40001 characters, over omni's budget of 40000 \(Mermaid's maxTextSize is 50000\)$/);
    expect(() => assertWithinLimits([{ file: 'programs.mmd', text: `flowchart LR\n${edges}\n` }])).toThrow(DiagramLimitError);
  });

  it('splits a list into the fewest even groups that fit, or says one item alone does not', () => {
    const items = Array.from({ length: 1000 }, (_, index) => index);
    const build = (group: readonly number[]) => group.map((item) => `  a${item} --> b${item}`).join('\n');
    const groups = splitToFit(items, build)!;
    expect(groups.map((group) => group.items.length)).toEqual([334, 334, 332]);
    expect(groups.flatMap((group) => group.items)).toEqual(items);
    expect(splitToFit(items, build, 100)!.length).toBe(10);
    expect(splitToFit([1], () => 'x'.repeat(DIAGRAM_BUDGET.characters + 1))).toBeUndefined();
  });
});

describe('a 200-scenario workspace', { timeout: 240_000 }, () => {
  let folder: string;
  let model: Model;
  beforeAll(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'omni-scale-'));
    const { writeWorkspace } = (await import(GENERATOR)) as Generator;
    // Enough variables that one lineage would pass Mermaid's 500 links (the failure this guards against).
    writeWorkspace(path.join(folder, 'ws'), { files: 20, scenarios: 200, channels: 12, stages: 8, variables: 120, sources: 12, seed: 7 });
    model = (await loadWorkspace(path.join(folder, 'ws'))).model;
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('gives diagrams all within Mermaid limits, the large views split with the rule stated in journey.md', () => {
    const diagrams = renderDiagrams(model);
    assertWithinLimits(diagrams);
    const links =
      model.variables.reduce((sum, variable) => sum + variable.sources.length, 0) + model.scenarios.reduce((sum, scenario) => sum + new Set(scenario.variables).size, 0);
    expect(links, 'one lineage diagram would be over Mermaid maxEdges').toBeGreaterThan(500);
    const lineage = diagrams.filter((diagram) => diagram.view === 'data-lineage');
    expect(lineage.length).toBeGreaterThan(model.sources.length - 1);
    for (const part of lineage) {
      expect(part.file).toMatch(/^data-lineage\/[a-z0-9_-]+\.mmd$/);
      expect(part.text.match(/^ {2}variable_\w+\[/gm)!.length).toBeLessThanOrEqual(25);
    }
    const journey = buildJourney(model, diagrams);
    for (const part of lineage) expect(journey).toContain(`(${part.file})`);
    expect(journey).toContain('Plus de 25 variables : un diagramme par source');
  });

  it('renders to .mmd with the parse check in Chromium, every diagram accepted by Mermaid', () => {
    if (browser === undefined && !inCI) return;
    const out = path.join(folder, 'out');
    const result = spawnSync('node', [BIN, 'render', path.join(folder, 'ws'), '--out', out, '--check-syntax', '--locale', 'en'], { encoding: 'utf8' });
    expect(result.stderr).toMatch(/^omni: wrote \d+ diagrams and journey\.md to /);
    expect(result.status).toBe(0);
    const files = readdirSync(out, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith('.mmd'));
    expect(files.length).toBe(renderDiagrams(model).length);
    expect(files.some((file) => file.startsWith('data-lineage/'))).toBe(true);
  });
});

describe('hostile sizes', () => {
  it('a scenario serving a thousand use cases: the programmes view caps its links, within limits', async () => {
    const base = await loadModel('maison-lumen');
    const template = base.useCases[0]!;
    const useCases = Array.from({ length: 1000 }, (_, index) => ({ ...template, id: `uc-${index}`, name: `Use case ${index}` }));
    const scenarios = base.scenarios.map((scenario, index) => (index === 0 ? { ...scenario, useCases: useCases.map((useCase) => useCase.id) } : scenario));
    const index = {
      ...base.index,
      useCases: new Map(useCases.map((useCase) => [useCase.id, useCase])),
      scenarios: new Map(scenarios.map((scenario) => [scenario.id, scenario])),
    };
    const model = { ...base, useCases, scenarios, index };
    const programs = renderDiagrams(model, ['programs']);
    assertWithinLimits(programs);
    expect(programs.map((diagram) => diagram.text).join('\n')).toContain('"+ 970 de plus"');
  });

  it('thousands of use cases: the priority chart in bands of ranks, each within limits, legend per band', async () => {
    const base = await loadModel('maison-lumen');
    const template = base.useCases[0]!;
    const useCases = Array.from({ length: 3000 }, (_, index) => ({
      ...template,
      id: `uc-${index}`,
      name: `Use case ${index}`,
      priority: undefined,
      scores: { business: 1 + (index % 5), experience: 1 + ((index >> 2) % 5), difficulty: 1 + ((index >> 4) % 5) },
    }));
    const model = { ...base, useCases, index: { ...base.index, useCases: new Map(useCases.map((useCase) => [useCase.id, useCase])) } };
    const charts = renderDiagrams(model, ['use-cases']);
    assertWithinLimits(charts);
    expect(charts.length).toBeGreaterThan(1);
    expect(charts[0]!.file).toBe('use-cases/1.mmd');
    expect(charts.flatMap((chart) => chart.legend!).map((line) => Number(line.split('.')[0]))).toEqual(Array.from({ length: 3000 }, (_, index) => index + 1));
  });

  it('a name of a million characters renders in bounded time and size', async () => {
    const base = await loadModel('maison-lumen');
    const huge = `${'Relance '.repeat(125_000)}fin`;
    const scenarios = base.scenarios.map((scenario, index) =>
      index === 0 ? { ...scenario, name: huge, goal: huge, trigger: { ...scenario.trigger, event: huge } } : scenario,
    );
    const variables = base.variables.map((variable, index) => (index === 0 ? { ...variable, name: huge } : variable));
    const model = { ...base, scenarios, variables, index: { ...base.index, scenarios: new Map(scenarios.map((scenario) => [scenario.id, scenario])) } };
    const start = performance.now();
    const diagrams = renderDiagrams(model);
    const journey = buildJourney(model, diagrams);
    expect(performance.now() - start).toBeLessThan(3000);
    assertWithinLimits(diagrams);
    expect(journey.length).toBeLessThan(200_000);
    const flow = diagrams.find((diagram) => diagram.entity === scenarios[0]!.id)!;
    expect(flow.title.length).toBeLessThanOrEqual(120);
    expect(flow.title.endsWith('…')).toBe(true);
    expect(readFileSync(path.resolve('test/renderers/golden/maison-lumen/scenarios', `${scenarios[1]!.id}.mmd`), 'utf8')).toBe(
      diagrams.find((diagram) => diagram.entity === scenarios[1]!.id)!.text,
    );
  });
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildJourney, renderDiagrams, VIEW_NAMES } from '../../src/renderers/index.js';
import { loadModel } from './helpers.js';

// UPDATE_GOLDEN=1 rewrites the files; read the diff before committing it.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = path.resolve('test/renderers/golden');

function expectGolden(file: string, actual: string): void {
  const target = path.join(GOLDEN, file);
  if (UPDATE) {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, actual);
  }
  expect(existsSync(target), `missing golden file ${file} (run with UPDATE_GOLDEN=1)`).toBe(true);
  expect(actual).toBe(readFileSync(target, 'utf8'));
}

describe.each(['maison-lumen', 'gaps'] as const)('golden diagrams of %s', (name) => {
  it.each(VIEW_NAMES)('view %s', async (view) => {
    const diagrams = renderDiagrams(await loadModel(name), [view]);
    expect(diagrams.length).toBeGreaterThan(0);
    for (const diagram of diagrams) {
      expect(diagram.view).toBe(view);
      expectGolden(path.join(name, diagram.file), diagram.text);
    }
  });

  it('journey.md', async () => {
    const model = await loadModel(name);
    expectGolden(path.join(name, 'journey.md'), buildJourney(model, renderDiagrams(model)));
  });
});

describe('determinism', () => {
  it('renders byte-identical text from two separately loaded models', async () => {
    const first = await loadModel('maison-lumen');
    const second = await loadModel('maison-lumen');
    const a = renderDiagrams(first);
    const b = renderDiagrams(second);
    expect(b.map((diagram) => diagram.text)).toEqual(a.map((diagram) => diagram.text));
    expect(buildJourney(second, b)).toBe(buildJourney(first, a));
  });

  it('draws the first declaration of an id declared twice (gaps plants duplicate-id), as references resolve', async () => {
    const model = await loadModel('gaps');
    expect(model.stages.map((stage) => stage.id)).toEqual(['discover', 'buy', 'buy']);
    const [matrix] = renderDiagrams(model, ['matrix']);
    expect(matrix!.text).toContain('  columns 3\n');
    expect(matrix!.text).toContain('  stage_buy["I buy"]\n');
    expect(matrix!.text).not.toContain('I buy again');
    expect(matrix!.text.match(/block:cell_web_buy\n/g)).toHaveLength(1);
  });

  it('names one file per scenario under scenarios/, in declaration order', async () => {
    const model = await loadModel('maison-lumen');
    const files = renderDiagrams(model, ['scenario']).map((diagram) => diagram.file);
    expect(files).toEqual(model.scenarios.map((scenario) => `scenarios/${scenario.id}.mmd`));
  });
});

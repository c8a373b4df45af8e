import { describe, expect, it } from 'vitest';
import { renderDiagrams, type Diagram } from '../../src/renderers/index.js';
import { checkDiagrams, DiagramSyntaxError, mermaidInNode } from './mermaid-node.js';
import { shorten } from '../../src/renderers/escape.js';
import { loadModel, WORKSPACES } from './helpers.js';
import { cartDiagram, delayDiagram, gotoDiagram, wideDiagram } from './branch-diagrams.js';
import { simulate } from '../../src/simulate/engine.js';
import { formatSimulationMarkdown } from '../../src/simulate/format.js';
import { loadFiles } from '../rules/run-rule.js';
import { SIMULATION_FILES } from '../simulate/fixture.js';

// Mermaid's own parser (the real `mermaid` package in jsdom), the check `omni render` runs before writing.
describe.each(Object.keys(WORKSPACES) as (keyof typeof WORKSPACES)[])('every diagram of %s', (name) => {
  it('is accepted by mermaid.parse', async () => {
    const diagrams = renderDiagrams(await loadModel(name));
    expect(diagrams.length).toBeGreaterThanOrEqual(6);
    const mermaid = await mermaidInNode();
    await checkDiagrams(diagrams);
    for (const diagram of diagrams) {
      const result = (await mermaid.parse(diagram.text)) as { diagramType: string };
      expect(result.diagramType, diagram.file).toBe({ matrix: 'block', 'scenario-map': 'block', 'use-cases': 'quadrantChart' }[diagram.view as string] ?? 'flowchart-v2');
    }
  });
});

// The diagrams the unit tier reads line by line (scenario-branches, simulate), parsed here.
describe('branched scenarios and the simulation gantt', () => {
  it('a wait with labelled branches, a split with its control group: accepted by mermaid.parse', async () => {
    const mermaid = await mermaidInNode();
    await expect(mermaid.parse((await cartDiagram()).text)).resolves.toBeTruthy();
  });

  it('a plain delay looping back with a goto: accepted by mermaid.parse', async () => {
    const mermaid = await mermaidInNode();
    await expect(mermaid.parse((await delayDiagram()).text)).resolves.toBeTruthy();
  });

  it('a goto as a dotted edge and a decision on targets: accepted by mermaid.parse', async () => {
    const mermaid = await mermaidInNode();
    await expect(mermaid.parse((await gotoDiagram()).text)).resolves.toBeTruthy();
  });

  it('a wait of 600 branches and a decision of 600 empty ones, past the steps drawn: accepted by mermaid.parse', async () => {
    const mermaid = await mermaidInNode();
    await expect(mermaid.parse((await wideDiagram(600)).text)).resolves.toBeTruthy();
    await expect(mermaid.parse((await wideDiagram(600, true)).text)).resolves.toBeTruthy();
  });

  it("the gantt of Camille's simulated week in omni simulate's Markdown: accepted by mermaid.parse", async () => {
    const { model } = await loadFiles(SIMULATION_FILES);
    const markdown = formatSimulationMarkdown(model, simulate(model, 'camille'));
    const gantt = /```mermaid\n([\s\S]*?)```/.exec(markdown)![1]!;
    expect(gantt.startsWith('gantt\n')).toBe(true);
    const mermaid = await mermaidInNode();
    await expect(mermaid.parse(gantt)).resolves.toBeTruthy();
  });
});

/** Mermaid's entity placeholders (what its parser sees) back to characters. */
const decodePlaceholders = (text: string) =>
  text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (whole, name: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>' })[name] ?? whole);

const OUR_IDS = /^(corner|stage|channel|cell|tp|legend|phase|target|scenario|trigger|step|goal|exit|program|usecase|source|variable)_[A-Za-z0-9_]+$/;

/** Node ids and labels as Mermaid's own parser understood them. */
async function parsedNodes(diagram: Diagram): Promise<{ ids: string[]; labels: string[] }> {
  const mermaid = await mermaidInNode();
  const parsed = await mermaid.mermaidAPI.getDiagramFromText(diagram.text);
  const db = parsed.db as unknown as Record<string, (...args: unknown[]) => unknown>;
  if (diagram.view === 'matrix' || diagram.view === 'scenario-map') {
    const blocks = (db.getBlocksFlat!() as { id: string; type: string; label?: string }[]).filter((block) => block.type !== 'space' && block.id !== 'root');
    return { ids: blocks.map((block) => block.id), labels: blocks.map((block) => decodePlaceholders(block.label ?? '')) };
  }
  if (diagram.view === 'use-cases') {
    const data = db.getQuadrantData!() as { points: { text: { text: string } }[] };
    return { ids: [], labels: data.points.map((point) => decodePlaceholders(point.text.text)) };
  }
  const vertices = [...(db.getVertices!() as Map<string, { id: string; text: string }>).values()];
  return { ids: vertices.map((vertex) => vertex.id), labels: vertices.map((vertex) => decodePlaceholders(vertex.text)) };
}

describe('hostile names stay inert labels', () => {
  it('create no node, link or directive of their own, and read back as typed', async () => {
    const model = await loadModel('hostile');
    const diagrams = renderDiagrams(model);
    const byFile = new Map(diagrams.map((diagram) => [diagram.file, diagram]));
    for (const diagram of diagrams) {
      const { ids } = await parsedNodes(diagram);
      for (const id of ids) expect(id, `${diagram.file}: unexpected node`).toMatch(OUR_IDS);
      // No statement starts with a name: every line is one of ours (a bare `end` closes our blocks).
      for (const line of diagram.text.split('\n')) {
        if (line === '  linkStyle default stroke:#A6A6A6,stroke-width:1px') continue; // data lineage's grey links
        expect(line, diagram.file).not.toMatch(/^\s*(click|%%|style|linkStyle|subgraph)\b|^\s*end\b./);
      }
    }

    const matrix = await parsedNodes(byFile.get('matrix.mmd')!);
    for (const stage of model.stages) expect(matrix.labels).toContain(shorten(stage.name, 60));
    for (const touchpoint of model.touchpoints) expect(matrix.labels).toContain(shorten(touchpoint.name, 80));
    // corner, headers, touchpoints, 4 non-empty cells, the legend block and its 4 entries
    expect(matrix.ids).toHaveLength(1 + model.stages.length + model.channels.length + model.touchpoints.length + 4 + 1 + 4);

    const programs = await parsedNodes(byFile.get('programs.mmd')!);
    expect(programs.labels).toContain('end');
    expect(programs.labels).toContain('graph TD; A-->B');
    expect(programs.labels).toContain('Relance"] --> end; click sc call alert(1) %%');
    expect(programs.ids).toHaveLength(model.programs.length + model.scenarios.length + model.useCases.length);

    const lineage = await parsedNodes(byFile.get('data-lineage.mmd')!);
    expect(lineage.labels).toContain('-cart | items ; [[x]] # not a comment');
    expect(lineage.labels).toContain('Caisse "POS" <b>bold</b> &lt;');

    const flow = await parsedNodes(byFile.get('scenarios/sc-inject.mmd')!);
    expect(flow.ids).toEqual(['trigger_trigger', 'step_1', 'step_2', 'step_3', 'goal_goal', 'exit_exit']);
    expect(flow.labels[0]).toBe('Déclencheur · Comportement<br><b>cart_abandoned"] --> x</b>');

    const chart = await parsedNodes(byFile.get('use-cases.mmd')!);
    expect(chart.labels).toEqual(['1']);
    expect(byFile.get('use-cases.mmd')!.legend).toEqual(['1. =1+2 "quoted" <i>x</i>']);
  });

  it('a label escaped by anything less would break the parser (the check can fail)', async () => {
    const broken: Diagram = { view: 'programs', file: 'programs.mmd', title: 't', text: 'flowchart LR\n  a["Relance"] --> end"]\n' };
    await expect(checkDiagrams([broken])).rejects.toBeInstanceOf(DiagramSyntaxError);
    await expect(checkDiagrams([broken])).rejects.toThrow(/^programs\.mmd: Mermaid cannot parse the generated diagram: /);
  });
});

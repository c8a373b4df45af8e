import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPair, isScalar, parseDocument, visit } from 'yaml';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { renderDiagrams } from '../../src/renderers/index.js';
import { simulate } from '../../src/simulate/engine.js';
import { formatSimulationMarkdown } from '../../src/simulate/format.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';
import { sourceOf, workspaceFiles, type Files } from '../setup/workspace-files.js';
import { mermaidInNode } from './mermaid-node.js';

/**
 * Seeded texts that Mermaid gives a meaning to (brackets, quotes, arrows, comments, init
 * directives, click handlers, markup, entities, semicolons, newlines, emoji) written into the
 * names, labels, subjects and messages of the examples: every diagram omni draws of each
 * variant is accepted by Mermaid and keeps its shape — as many lines as the same plan with
 * plain text there, and the same diagram type: a text never becomes a node, an edge or a directive.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: variants per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const VARIANTS = tierCount(10, 4);
const ROOT = path.resolve(import.meta.dirname, '../..');
const HOSTILE = [
  'a"]; B["b',
  "a') --> B('b",
  'x --> y',
  '%% comment',
  '%%{init: {"theme": "dark"}}%%',
  'click A href "javascript:alert(1)"',
  '<script>alert(1)</script>',
  '<b>bold</b> &amp; &lt;',
  '#quot; #59; #35;',
  'a; b; c',
  'line one\nline two',
  'end',
  'subgraph x',
  'style A fill:#f00',
  ':::className',
  '`code` {curly} [square] (round) |pipe|',
  '🎁 Offre — été',
  'A'.repeat(200),
  '\\"escaped\\"',
  '-- x --',
  'classDef x fill:red',
  'title: x',
  'quadrant-1 x',
  '0',
];
const BRANCHING_KEYS = new Set(['wait', 'decision', 'split', 'until', 'branches', 'paths']);
/** Keys whose values are free text a diagram may show. */
const TEXT_KEYS = new Set(['name', 'label', 'subject', 'message', 'description', 'title']);

/** The files with each text field picked by `chosen` set to `value(field)`. */
function withTexts(files: Files, chosen: (index: number) => boolean, value: (index: number) => string): Files {
  let index = 0;
  const out: Files = {};
  for (const [file, text] of Object.entries(files)) {
    const document = parseDocument(text);
    visit(document, {
      Pair(_, pair, ancestors) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        // A branch's name is an id (goto and assumptions name it); its label is the text.
        const inBranch = ancestors.some((node) => isPair(node) && isScalar(node.key) && BRANCHING_KEYS.has(String(node.key.value)));
        if (TEXT_KEYS.has(key) && !(key === 'name' && inBranch) && isScalar(pair.value) && typeof pair.value.value === 'string') {
          if (chosen(index)) pair.value.value = value(index);
          index++;
        }
      },
    });
    out[file] = document.toString();
  }
  return out;
}

async function diagramsOf(root: string, files: Files, omniYaml: string | undefined) {
  const all: Files = omniYaml === undefined ? files : { ...files, 'omni.yaml': omniYaml };
  const { model, diagnostics } = await loadWorkspace(root, { source: sourceOf(all) });
  // A value the schema refuses (too long for a name, a line break in one) drops its entity: not this campaign's subject.
  if (diagnostics.length > 0) {
    return undefined;
  }
  const diagrams = renderDiagrams(model).map((diagram) => ({ file: diagram.file, text: diagram.text }));
  // The simulation's gantt, when the plan has personas.
  if (model.personas.length > 0) {
    const markdown = formatSimulationMarkdown(model, simulate(model));
    [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].forEach((match, index) => diagrams.push({ file: `simulate-${index}`, text: match[1]! }));
  }
  return diagrams;
}

describe(`diagrams of the examples with ${VARIANTS} seeded variants of hostile text (seed ${SEED})`, () => {
  it.each(['examples/maison-lumen', 'examples/gaps', 'test/fixtures/branching'])('%s', { timeout: 120_000 }, async (example) => {
    const root = path.join(ROOT, example);
    const files = workspaceFiles(root, false);
    const omniYaml = (() => {
      try {
        return readFileSync(path.join(root, 'omni.yaml'), 'utf8');
      } catch {
        return undefined;
      }
    })();
    const mermaid = await mermaidInNode();
    // Mermaid's parse in jsdom is slow: each kind of diagram is parsed plain once.
    const types = new Map<string, string>();
    const typeOf = async (diagram: { file: string; text: string }) => {
      const kind = diagram.file.replace(/^scenarios\/.*/, 'scenario');
      if (!types.has(kind)) types.set(kind, ((await mermaid.parse(diagram.text)) as { diagramType: string }).diagramType);
      return types.get(kind)!;
    };
    const random = mulberry32(SEED);
    let checked = 0;
    for (let variant = 0; variant < VARIANTS; variant++) {
      const picks = new Map<number, string>();
      const chance = 0.1 + random() * 0.4;
      const chosen = (index: number) => {
        if (!picks.has(index)) picks.set(index, random() < chance ? HOSTILE[Math.floor(random() * HOSTILE.length)]! : '');
        return picks.get(index)! !== '';
      };
      const hostile = await diagramsOf(
        root,
        withTexts(files, chosen, (index) => picks.get(index)!),
        omniYaml,
      );
      // The same fields with plain text of the same length, so shortening cuts alike.
      const plain = await diagramsOf(
        root,
        withTexts(
          files,
          (index) => picks.get(index) !== '' && picks.has(index),
          (index) => 'x'.repeat([...picks.get(index)!.replace(/\n/g, ' ')].length),
        ),
        omniYaml,
      );
      if (!hostile || !plain) continue;
      checked++;
      expect(hostile.map((diagram) => diagram.file)).toEqual(plain.map((diagram) => diagram.file));
      for (const [index, diagram] of hostile.entries()) {
        // What no hostile text reached is the plain plan's diagram (parse.e2e parses those).
        if (diagram.text === plain[index]!.text) continue;
        const context = `${example} variant ${variant}: ${diagram.file}`;
        const parsed = (await mermaid.parse(diagram.text).catch((error: Error) => ({ diagramType: `rejected: ${error.message.split('\n').slice(0, 3).join(' ')}` }))) as {
          diagramType: string;
        };
        expect(parsed.diagramType, `${context}\n${diagram.text}`).toBe(await typeOf(plain[index]!));
        expect(diagram.text.split('\n').length, `${context}\n${diagram.text}`).toBe(plain[index]!.text.split('\n').length);
      }
    }
    expect(checked).toBeGreaterThan(VARIANTS / 3);
  });
});

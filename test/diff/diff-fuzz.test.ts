import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import { side } from '../../src/cli/diff-run.js';
import { diffWorkspaces, isEmptyDiff, type DiffSide, type WorkspaceDiff } from '../../src/diff/diff.js';
import { SECTION_KINDS } from '../../src/model/types.js';
import { WorkspaceReuse } from '../../src/pipeline/reuse.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';
import { sourceOf, workspaceFiles, type Files } from '../setup/workspace-files.js';

/**
 * Seeded edits of the examples, each of one kind:
 * - presentation only (keys of a mapping swapped, block and flow styles swapped, a comment
 *   added, a string quoted or written as a block scalar): `omni diff` must find nothing (in a
 *   file with suppression comments, nothing in the journey: lines moved can move them);
 * - one value changed (a text, a number, a boolean): `omni diff` must name that field of that
 *   entity, at its path from the entity as the YAML has it (a list other than steps as a
 *   whole), and nothing else in its section.
 * Both sides go through the same loading as `omni diff` (a reused base, then the head).
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: edits per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const EDITS = tierCount(120, 24);
const ROOT = path.resolve(import.meta.dirname, '../..');

type Path = (string | number)[];

/** Every node of the document with its path from the root. */
function nodesOf(document: Document): { node: Node; path: Path }[] {
  const found: { node: Node; path: Path }[] = [];
  const walk = (node: unknown, at: Path) => {
    if (isMap(node)) {
      found.push({ node, path: at });
      for (const pair of node.items) if (isScalar(pair.key)) walk(pair.value, [...at, String(pair.key.value)]);
    } else if (isSeq(node)) {
      found.push({ node, path: at });
      node.items.forEach((item, index) => walk(item, [...at, index]));
    } else if (isScalar(node)) found.push({ node, path: at });
  };
  walk(document.contents, []);
  return found;
}

interface Edit {
  file: string;
  text: string;
  describe: string;
  /** For a changed value: the file's path to it. */
  changed?: Path;
}

/** Keys whose values are ids or references: changing one is a rename or a broken reference, not a field change. */
const REFERENCE_KEYS = new Set([
  'id',
  'stage',
  'channel',
  'program',
  'lifecycle',
  'target',
  'useCases',
  'variables',
  'sources',
  'event',
  'exit',
  'goal',
  'goto',
  'scenario',
  'extends',
  'include',
  'exclude',
  'locale',
  'rules',
  'overrides',
  'plugins',
  'customRules',
  'channels',
  'touchpoints',
  'stages',
  'targets',
  'events',
  'assume',
]);

function editOf(files: Files, random: () => number): Edit | undefined {
  const names = Object.keys(files).sort();
  const file = names[Math.floor(random() * names.length)]!;
  const document = parseDocument(files[file]!);
  const nodes = nodesOf(document);
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(random() * list.length)];
  const kind = Math.floor(random() * 6);
  if (kind === 0) {
    const map = pick(nodes.filter(({ node }) => isMap(node) && node.items.length > 1));
    if (!map || !isMap(map.node)) return undefined;
    const items = map.node.items;
    const a = Math.floor(random() * items.length);
    const b = (a + 1 + Math.floor(random() * (items.length - 1))) % items.length;
    [items[a], items[b]] = [items[b]!, items[a]!];
    return { file, text: document.toString(), describe: `keys ${a} and ${b} of ${JSON.stringify(map.path)} swapped` };
  }
  if (kind === 1) {
    const collection = pick(nodes.filter(({ node }) => (isMap(node) || isSeq(node)) && node.items.length > 0));
    if (!collection || !(isMap(collection.node) || isSeq(collection.node))) return undefined;
    const flow = !collection.node.flow;
    // A flow collection holds flow collections only.
    visit(collection.node, { Map: (_, map) => void (map.flow = flow), Seq: (_, seq) => void (seq.flow = flow) });
    return { file, text: document.toString(), describe: `${JSON.stringify(collection.path)} in ${flow ? 'flow' : 'block'} style` };
  }
  if (kind === 2) {
    const node = pick(nodes.filter(({ path: at }) => at.length > 0));
    if (!node) return undefined;
    node.node.commentBefore = ' a comment from the diff campaign';
    return { file, text: document.toString(), describe: `a comment before ${JSON.stringify(node.path)}` };
  }
  const strings = nodes.filter(({ node, path: at }) => isScalar(node) && typeof node.value === 'string' && at.length > 0);
  if (kind === 3) {
    const scalar = pick(strings);
    if (!scalar || !isScalar(scalar.node)) return undefined;
    const styles = [Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED, Scalar.PLAIN] as const;
    const style = pick([...styles])!;
    scalar.node.type = style;
    return { file, text: document.toString(), describe: `${JSON.stringify(scalar.path)} written ${style}` };
  }
  // A value changed, away from ids and references.
  const values = nodes.filter(
    ({ node, path: at }) => isScalar(node) && at.length >= 3 && !at.some((segment) => typeof segment === 'string' && REFERENCE_KEYS.has(segment) && segment !== at[0]),
  );
  const scalar = pick(values);
  if (!scalar || !isScalar(scalar.node)) return undefined;
  const value = scalar.node.value;
  if (typeof value === 'string') scalar.node.value = `${value} (edited)`;
  else if (typeof value === 'number') scalar.node.value = value + 1;
  else if (typeof value === 'boolean') scalar.node.value = !value;
  else return undefined;
  return { file, text: document.toString(), describe: `${JSON.stringify(scalar.path)} changed`, changed: scalar.path };
}

const SECTIONS_WITH_LISTS = new Set<string>(SECTION_KINDS);

/** What the diff says, in a few words, for a failure's message. */
function summary(diff: WorkspaceDiff): unknown {
  return {
    settings: diff.settings,
    sections: diff.sections.map(({ section, added, removed, renamed, changed, reordered }) => ({ section, added, removed, renamed, changed, reordered })),
    cells: diff.cells.length,
    ranks: diff.ranks.length,
    gaps: [...diff.gaps.introduced, ...diff.gaps.fixed].map((gap) => `${gap.ruleId}: ${gap.message}`),
  };
}

describe(`omni diff on ${EDITS} seeded edits of each example (seed ${SEED})`, () => {
  it.each(['examples/maison-lumen', 'examples/teams', 'examples/gaps', 'test/fixtures/branching'])('%s', async (example) => {
    const root = path.join(ROOT, example);
    const files = workspaceFiles(root);
    const random = mulberry32(SEED);
    const reuse = new WorkspaceReuse();
    // Plugins as omni diff runs them: the working tree's, on both sides.
    const base: DiffSide = await side('base', root, reuse, sourceOf(files), true);
    let checked = 0;
    for (let attempt = 0; checked < EDITS && attempt < EDITS * 4; attempt++) {
      const edit = editOf(files, random);
      if (!edit || edit.text === files[edit.file]) continue;
      checked++;
      const head = await side('head', root, reuse, sourceOf({ ...files, [edit.file]: edit.text }), true);
      const diff = diffWorkspaces(base, head);
      const context = `${example}/${edit.file}: ${edit.describe}\n${edit.text}`;
      if (!edit.changed) {
        // Moving lines can move a suppression comment off the line it silences: a real change.
        const journeyOnly = files[edit.file]!.includes('omni-disable') ? { ...diff, gaps: { introduced: [], fixed: [] } } : diff;
        expect(isEmptyDiff(journeyOnly) ? 'nothing' : summary(diff), context).toBe('nothing');
        continue;
      }
      expect(isEmptyDiff(diff), context).toBe(false);
      const schemaFindings = head.lint.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema' || diagnostic.ruleId === 'yaml-syntax');
      if (schemaFindings.length > base.lint.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema').length) continue;
      const [section, index, ...field] = edit.changed;
      if (edit.file === 'omni.yaml' || typeof section !== 'string' || !SECTIONS_WITH_LISTS.has(section) || typeof index !== 'number') continue;
      // Lists compare as a whole (their items added and removed), except step lists and the lists inside steps.
      const firstIndex = field.findIndex((segment) => typeof segment === 'number');
      const expected = field[0] === 'steps' || firstIndex < 0 ? field : field.slice(0, firstIndex);
      const id = (parseDocument(files[edit.file]!).getIn([section, index, 'id']) as string | undefined) ?? '';
      const entry = diff.sections.find((candidate) => candidate.section === section);
      expect(
        {
          added: entry?.added,
          removed: entry?.removed,
          renamed: entry?.renamed,
          changed: entry?.changed.map((change) => ({ id: change.id, paths: change.changes.map((one) => one.path) })),
        },
        context,
      ).toEqual({ added: [], removed: [], renamed: [], changed: [{ id, paths: [expected] }] });
    }
    expect(checked).toBe(EDITS);
  });
});

describe('what the campaign found', () => {
  const plan = (stages: string, config = 'name: Plan\nlocale: en\n'): Files => ({ 'omni.yaml': config, 'plan.yaml': `stages:\n${stages}` });
  const diffOf = async (base: Files, head: Files) => {
    const reuse = new WorkspaceReuse();
    return diffWorkspaces(await side('base', '/plan', reuse, sourceOf(base)), await side('head', '/plan', reuse, sourceOf(head)));
  };
  const stages = '  - { id: buy, name: Buy }\n';

  it('sees no change in a pressure cap whose keys come in another order', async () => {
    const before = plan(stages, 'name: Plan\nlocale: en\npressure:\n  - { channels: [email], max: 2, per: 1d }\n');
    const after = plan(stages, 'name: Plan\nlocale: en\npressure:\n  - { per: 1d, channels: [email], max: 2 }\n');
    expect(isEmptyDiff(await diffOf(before, after))).toBe(true);
  });

  it('names a changed house rule under the settings', async () => {
    const config = (pattern: string) =>
      `name: Plan\nlocale: en\ncustomRules:\n  - { id: house-names, description: Names say who, severity: warn, given: stages, field: name, pattern: "${pattern}" }\n`;
    const diff = await diffOf(plan(stages, config('^[A-Z]')), plan(stages, config('^[A-Z][a-z]')));
    expect(diff.settings).toEqual([{ path: ['customRules', 'house-names', 'pattern'], before: '^[A-Z]', after: '^[A-Z][a-z]' }]);
  });

  it('names an edit of a second declaration of the same id (a duplicate-id error)', async () => {
    const diff = await diffOf(plan(`${stages}  - { id: buy, name: Buy again }\n`), plan(`${stages}  - { id: buy, name: Buy once more }\n`));
    expect(diff.sections.map(({ section, changed }) => ({ section, changed }))).toEqual([
      { section: 'stages', changed: [{ id: 'buy', name: 'Buy once more', changes: [{ path: ['name'], before: 'Buy again', after: 'Buy once more' }] }] },
    ]);
  });
});

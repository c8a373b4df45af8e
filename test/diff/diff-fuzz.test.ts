import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { side } from '../../src/cli/diff-run.js';
import { diffWorkspaces, isEmptyDiff, ORDERED_SECTIONS, type DiffSide, type WorkspaceDiff } from '../../src/diff/diff.js';
import { SECTION_KINDS } from '../../src/model/types.js';
import { WorkspaceReuse } from '../../src/pipeline/reuse.js';
import { editOf, moveEntity, swapEntities } from '../setup/seeded-edits.js';
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
 *   whole), and nothing else in its section;
 * - two entities of a section whose order is no content swapped, or one moved to a file of
 *   its own: `omni diff` must find nothing.
 * Both sides go through the same loading as `omni diff` (a reused base, then the head).
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: edits per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const EDITS = tierCount(120, 24);
const ROOT = path.resolve(import.meta.dirname, '../..');

const SECTIONS_WITH_LISTS = new Set<string>(SECTION_KINDS);
/** Sections whose order is no content: swapping two of their entities, or moving one to another file, is no change. */
const UNORDERED = SECTION_KINDS.filter((section) => !ORDERED_SECTIONS.includes(section));

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
    const base: DiffSide = await side('base', root, reuse, { source: sourceOf(files), plugins: true });
    let checked = 0;
    for (let attempt = 0; checked < EDITS && attempt < EDITS * 4; attempt++) {
      const kind = Math.floor(random() * 8);
      const edit = kind === 6 ? swapEntities(files, random, UNORDERED) : kind === 7 ? moveEntity(files, random, UNORDERED) : editOf(files, random);
      if (!edit || edit.text === files[edit.file]) continue;
      checked++;
      const edited = { ...files, [edit.file]: edit.text, ...(edit.added ? { [edit.added.file]: edit.added.text } : {}) };
      const head = await side('head', root, reuse, { source: sourceOf(edited), plugins: true });
      const diff = diffWorkspaces(base, head);
      const context = `${example}/${edit.file}: ${edit.describe}\n${edit.text}`;
      if (!edit.changed) {
        // Moving lines can move a suppression comment off the line it silences: a real change.
        let journeyOnly = files[edit.file]!.includes('omni-disable') ? { ...diff, gaps: { introduced: [], fixed: [] } } : diff;
        // Use cases of equal scores rank in declaration order (format.md#use-case-priority).
        if (edit.entities === 'useCases') journeyOnly = { ...journeyOnly, ranks: [] };
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
    return diffWorkspaces(await side('base', '/plan', reuse, { source: sourceOf(base) }), await side('head', '/plan', reuse, { source: sourceOf(head) }));
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

  // Found while giving overrides their options: the channels an option lists were named twice.
  it('names a changed rule option, and an override’s, once each', async () => {
    const channels = 'channels:\n  - { id: sms, name: SMS }\n  - { id: email, name: Email }\n';
    const config = (rules: string) => `name: Plan\nlocale: en\n${rules}`;
    const diff = await diffOf(
      plan(`${stages}${channels}`, config('rules:\n  sms-length: [warn, { channels: [sms] }]\n')),
      plan(
        `${stages}${channels}`,
        config('rules:\n  sms-length: [warn, { channels: [sms, email] }]\noverrides:\n  - files: ["x/**"]\n    rules: { sms-length: [warn, { maxSegments: 2 }] }\n'),
      ),
    );
    expect(diff.settings.map((change) => change.path.join('.'))).toEqual(['ruleOptions.sms-length.channels', 'overrides.0']);
  });

  it('names an edit of a second declaration of the same id (a duplicate-id error)', async () => {
    const diff = await diffOf(plan(`${stages}  - { id: buy, name: Buy again }\n`), plan(`${stages}  - { id: buy, name: Buy once more }\n`));
    expect(diff.sections.map(({ section, changed }) => ({ section, changed }))).toEqual([
      { section: 'stages', changed: [{ id: 'buy', name: 'Buy once more', changes: [{ path: ['name'], before: 'Buy again', after: 'Buy once more' }] }] },
    ]);
  });
});

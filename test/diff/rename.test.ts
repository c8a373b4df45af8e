import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/diagnostics/types.js';
import { diffWorkspaces, type DiffSide } from '../../src/diff/diff.js';
import { formatDiffText } from '../../src/diff/format-text.js';
import { DEFAULT_PRIORITY_WEIGHTS } from '../../src/model/defaults.js';
import { resolveModel } from '../../src/model/resolve.js';
import type { Settings } from '../../src/model/types.js';

const settings: Settings = { name: 'plan', locale: 'en', include: [], exclude: [], rules: {}, priorityWeights: DEFAULT_PRIORITY_WEIGHTS, declared: false };
const clean: LintResult = { root: '/plan', files: [], diagnostics: [], sources: new Map() };

function side(label: string, programs: { id: string; name: string; objective?: string }[]): DiffSide {
  return { label, model: resolveModel(settings, [{ file: 'plan.yaml', data: { programs }, invalidPaths: [] }]), lint: clean };
}

const programsDiff = (before: Parameters<typeof side>[1], after: Parameters<typeof side>[1]) => {
  const diff = diffWorkspaces(side('base', before), side('head', after));
  return { diff, section: diff.sections.find((entry) => entry.section === 'programs') };
};

describe('renamed entities', () => {
  it('pairs an id change with identical content as a rename without changes', () => {
    const { section } = programsDiff([{ id: 'conv', name: 'Conversion', objective: 'Sell' }], [{ id: 'conversion', name: 'Conversion', objective: 'Sell' }]);
    expect(section).toMatchObject({ added: [], removed: [], renamed: [{ from: 'conv', to: 'conversion', name: 'Conversion', changes: [] }] });
  });

  it('pairs a rename that also edits fields by the unchanged name, with the edits', () => {
    const { diff, section } = programsDiff([{ id: 'conv', name: 'Conversion', objective: 'Sell' }], [{ id: 'conversion', name: 'Conversion', objective: 'Sell more' }]);
    expect(section).toMatchObject({
      added: [],
      removed: [],
      renamed: [{ from: 'conv', to: 'conversion', name: 'Conversion', changes: [{ path: ['objective'], before: 'Sell', after: 'Sell more' }] }],
    });
    expect(diff.summary).toMatchObject({ added: 0, removed: 0, renamed: 1 });
    expect(formatDiffText(diff, { color: false })).toBe(
      'omni diff base → head\n1 renamed\n\nPrograms\n  → program conv renamed to conversion; objective Sell → Sell more\n',
    );
  });

  it('leaves a removal and an addition when the name is ambiguous or changed too', () => {
    const twice = programsDiff(
      [
        { id: 'a', name: 'Same' },
        { id: 'b', name: 'Same', objective: 'x' },
      ],
      [{ id: 'c', name: 'Same', objective: 'y' }],
    ).section;
    expect(twice).toMatchObject({ renamed: [], removed: [{ id: 'a' }, { id: 'b' }], added: [{ id: 'c' }] });
    const renamedAndRetitled = programsDiff([{ id: 'a', name: 'Old', objective: 'x' }], [{ id: 'b', name: 'New', objective: 'y' }]).section;
    expect(renamedAndRetitled).toMatchObject({ renamed: [], removed: [{ id: 'a' }], added: [{ id: 'b' }] });
  });
});

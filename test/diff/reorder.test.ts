import { describe, expect, it } from 'vitest';
import type { LintResult } from '../../src/diagnostics/types.js';
import { diffWorkspaces, longestCommonSubsequence, longestIncreasingRun, type DiffSide } from '../../src/diff/diff.js';
import { DEFAULT_PRIORITY_WEIGHTS } from '../../src/model/defaults.js';
import { resolveModel } from '../../src/model/resolve.js';
import type { Settings } from '../../src/model/types.js';

const settings: Settings = { name: 'plan', locale: 'en', include: [], exclude: [], rules: {}, priorityWeights: DEFAULT_PRIORITY_WEIGHTS, declared: false };
const clean: LintResult = { root: '/plan', files: [], diagnostics: [], sources: new Map() };

function side(section: 'stages' | 'programs', ids: string[]): DiffSide {
  const data = { [section]: ids.map((id) => ({ id, name: id.toUpperCase() })) };
  return { label: ids.join(''), model: resolveModel(settings, [{ file: 'plan.yaml', data, invalidPaths: [] }]), lint: clean };
}

const moves = (section: 'stages' | 'programs', before: string[], after: string[]) => {
  const diff = diffWorkspaces(side(section, before), side(section, after));
  const entry = diff.sections.find((candidate) => candidate.section === section);
  return { summary: diff.summary.moved, reordered: entry?.reordered ?? null };
};

describe('reordered sections', () => {
  it.each([
    ['one stage to the front', ['a', 'b', 'c', 'd'], ['d', 'a', 'b', 'c'], [{ id: 'd', name: 'D', before: 4, after: 1 }]],
    ['one stage to the end', ['a', 'b', 'c', 'd'], ['b', 'c', 'd', 'a'], [{ id: 'a', name: 'A', before: 1, after: 4 }]],
    // Either neighbour explains a swap: the first one of the base is named.
    ['two neighbours swapped', ['a', 'b', 'c'], ['a', 'c', 'b'], [{ id: 'b', name: 'B', before: 2, after: 3 }]],
    // b kept its place: a and c moved around it.
    [
      'the order reversed',
      ['a', 'b', 'c'],
      ['c', 'b', 'a'],
      [
        { id: 'c', name: 'C', before: 3, after: 1 },
        { id: 'a', name: 'A', before: 1, after: 3 },
      ],
    ],
  ])('names the fewest moves: %s', (_, before, after, moved) => {
    expect(moves('stages', before, after)).toEqual({ summary: moved.length, reordered: { before: before, after: after, moved } });
  });

  it('reports no move when entities are only added or removed', () => {
    expect(moves('stages', ['a', 'b', 'c'], ['x', 'a', 'c', 'y'])).toEqual({ summary: 0, reordered: null });
  });

  it('compares only the entities both sides have', () => {
    expect(moves('stages', ['a', 'b', 'c'], ['c', 'x', 'a'])).toEqual({
      summary: 1,
      reordered: { before: ['a', 'c'], after: ['c', 'a'], moved: [{ id: 'a', name: 'A', before: 1, after: 3 }] },
    });
  });

  it('finds the fewest moves on huge ordered sections too, in n log n', () => {
    const ids = Array.from({ length: 5000 }, (_, index) => `s${index}`);
    const head = [ids[4999]!, ...ids.slice(0, 2000), ids[2001]!, ids[2000]!, ...ids.slice(2002, 4999)];
    const { summary, reordered } = moves('stages', ids, head);
    expect(summary).toBe(2);
    expect(reordered?.moved).toEqual([
      { id: 's4999', name: 'S4999', before: 5000, after: 1 },
      { id: 's2000', name: 'S2000', before: 2001, after: 2003 },
    ]);
  });

  it('keeps as many entities in place with either search (random shuffles)', () => {
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const ids = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, index) => `e${index}`);
      const shuffled = [...ids];
      for (let swaps = Math.floor(random() * 6); swaps > 0; swaps--) {
        const [i, j] = [Math.floor(random() * ids.length), Math.floor(random() * ids.length)];
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const quadratic = longestCommonSubsequence(ids, shuffled);
      const fast = longestIncreasingRun(ids, shuffled);
      expect(fast.size).toBe(quadratic.size);
      // What is kept is in the same relative order on both sides.
      for (const kept of [quadratic, fast]) expect(ids.filter((id) => kept.has(id))).toEqual(shuffled.filter((id) => kept.has(id)));
    }
  });

  it('ignores the order of sections where it means nothing (programs)', () => {
    const diff = diffWorkspaces(side('programs', ['a', 'b']), side('programs', ['b', 'a']));
    expect(diff.sections).toEqual([]);
    expect(diff.summary.moved).toBe(0);
  });
});

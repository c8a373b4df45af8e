import { describe, expect, it } from 'vitest';
import { createProgress, parseViews } from '../../src/cli/render-run.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findDrift, staleFiles } from '../../src/renderers/output.js';
import type { Diagram } from '../../src/renderers/types.js';

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  const stream = { isTTY, columns: 60, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  return { stream, written };
}

describe('progress bar', () => {
  it('draws one rewritten line on a terminal and clears it at the end', () => {
    const { stream, written } = fakeStream(true);
    const progress = createProgress(4, stream);
    progress.update(1, 'matrix.mmd');
    progress.update(4, '');
    progress.done();
    expect(written[0]).toBe(`\r${'[######------------------] 1/4 matrix.mmd'.padEnd(59)}`);
    expect(written[1]).toBe(`\r${'[########################] 4/4 '.padEnd(59)}`);
    expect(written[2]).toBe(`\r${' '.repeat(59)}\r`);
  });

  it('writes nothing to a pipe or a file, so CI logs stay clean', () => {
    const { stream, written } = fakeStream(false);
    const progress = createProgress(4, stream);
    progress.update(1, 'matrix.mmd');
    progress.done();
    expect(written).toEqual([]);
  });
});

describe('parseViews', () => {
  it('keeps view order whatever the order given, and defaults to every view', () => {
    expect(parseViews(['programs', 'matrix'])).toEqual(['matrix', 'programs']);
    expect(parseViews([])).toEqual(['matrix', 'use-cases', 'scenario-map', 'scenario', 'programs', 'data-lineage']);
  });
});

describe('findDrift', () => {
  it('counts a missing folder as every file missing', () => {
    const outputs = new Map([
      ['matrix.mmd', 'x\n'],
      ['journey.md', 'y\n'],
    ]);
    expect(findDrift('/nonexistent/omni-out', outputs, [], ['matrix'])).toEqual([
      { file: 'matrix.mmd', state: 'missing' },
      { file: 'journey.md', state: 'missing' },
    ]);
  });
});

describe('staleFiles', () => {
  it('finds what a view no longer produces: a scenario gone, the whole file of a view now split, parts of a view now whole', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'omni-stale-'));
    try {
      for (const file of [
        'matrix.mmd',
        'matrix.svg',
        'scenario-map/vip.mmd',
        'scenarios/gone.mmd',
        'scenarios/kept.mmd',
        'scenarios/notes.txt',
        'programs.mmd',
        'other.mmd',
      ]) {
        mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
        writeFileSync(path.join(out, file), 'x');
      }
      const diagram = (view: Diagram['view'], file: string): Diagram => ({ view, file, title: file, text: '' });
      const now = [
        diagram('matrix', 'matrix/stage-a.mmd'),
        diagram('scenario-map', 'scenario-map.mmd'),
        diagram('scenario', 'scenarios/kept.mmd'),
        diagram('programs', 'programs.mmd'),
      ];
      const all = ['matrix', 'use-cases', 'scenario-map', 'scenario', 'programs', 'data-lineage'] as const;
      expect(staleFiles(out, now, all, ['.mmd', '.svg'])).toEqual(['matrix.mmd', 'matrix.svg', 'scenario-map/vip.mmd', 'scenarios/gone.mmd']);
      // Only the views rendered: a --view matrix run leaves the scenario files alone.
      expect(staleFiles(out, now, ['matrix'], ['.mmd'])).toEqual(['matrix.mmd']);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

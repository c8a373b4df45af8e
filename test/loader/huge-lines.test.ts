import { describe, expect, it } from 'vitest';
import { formatStylish } from '../../src/formatters/stylish.js';
import { frameWindow, MAX_FRAME_WIDTH } from '../../src/formatters/terminal-text.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { RULES } from '../../src/rules/index.js';

async function stylishOf(files: Record<string, string>): Promise<string> {
  const workspace = await loadWorkspace('/omni-memory-workspace', {
    source: { listFiles: () => Object.keys(files), readFile: (file) => Buffer.from(files[file] ?? '') },
  });
  const result = await lintWorkspace(workspace);
  return formatStylish(result, { rules: RULES, color: false, cwd: '/omni-memory-workspace', toolVersion: '0' });
}

describe('code frames of huge lines', () => {
  it('a 10 MB line shows a bounded window around the column, cut ends marked', async () => {
    const key = 'k'.repeat(10_000_000);
    const started = performance.now();
    const output = await stylishOf({ 'x.yaml': `stages: [{ id: a, name: A, ${key}: 1 }]\n` });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(output.length).toBeLessThan(2_000);
    const lines = output.split('\n');
    expect(lines[2]).toBe(`  1:28  error  unknown property "${'k'.repeat(57)}…" (allowed: id, name, description, owner, tags)  schema`);
    expect(lines[3]).toBe(`    1 | stages: [{ id: a, name: A, ${'k'.repeat(MAX_FRAME_WIDTH - 27)}…`);
    expect(lines[4]).toBe(`      | ${' '.repeat(27)}${'^'.repeat(MAX_FRAME_WIDTH - 27)}`);
  }, 30_000);

  it('far into the line, the window ends at the end of the line and says where it was cut', async () => {
    const output = await stylishOf({ 'x.yaml': `stages: [{ id: a, name: "${'x'.repeat(100_000)}", bad: 1 }]\n` });
    const lines = output.split('\n');
    expect(lines[2]).toMatch(/^ {2}1:100029 {2}error {2}unknown property "bad"/);
    expect(lines[3]).toBe(`    1 | …${'x'.repeat(148)}", bad: 1 }]`);
    expect(lines[4]).toBe(`      | ${' '.repeat(152)}^^^`);
  });

  it('in the middle of the line, the window starts a quarter of its width before the column', async () => {
    const output = await stylishOf({ 'x.yaml': `stages: [{ id: a, name: "${'x'.repeat(100_000)}", bad: 1, description: "${'y'.repeat(100_000)}" }]\n` });
    const lines = output.split('\n');
    const shown = `…${'x'.repeat(37)}", bad: 1, description: "`;
    expect(lines[3]).toBe(`    1 | ${shown}${'y'.repeat(160 - shown.length + 1)}…`);
    expect(lines[4]).toBe(`      | ${' '.repeat(41)}^^^`);
  });

  it('never splits a surrogate pair at either end of the window', () => {
    const line = '🎉'.repeat(200);
    const { start, end } = frameWindow(line, 101);
    expect(line.charCodeAt(start)).toBe(0xd83c);
    expect(end === line.length || line.charCodeAt(end) === 0xd83c).toBe(true);
    expect(frameWindow('short', 3)).toEqual({ start: 0, end: 5 });
  });
});

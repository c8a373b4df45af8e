import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { timingLimit } from '../../src/cli/rule-timing.js';
import { RULES } from '../../src/rules/index.js';
import { omni, REPO } from './helpers.js';

// TIMING=1 omni lint, as ESLint has it: each rule's time, slowest first, on stderr after the report.
const ROW = /^([a-z][a-z0-9-]*) +\| +(\d+\.\d{3}) \| +(\d+\.\d)%$/;
const BUILT_IN = new Set(RULES.map((rule) => rule.id));
// Off by default, so they do not run on the examples.
const OFF = RULES.filter((rule) => rule.defaultSeverity === 'off').map((rule) => rule.id);

function table(stderr: string): { header: string[]; rows: { id: string; time: number; share: number }[] } {
  const lines = stderr.trimEnd().split('\n');
  const rows = lines.slice(2).map((line) => {
    const match = ROW.exec(line);
    expect(match, line).not.toBeNull();
    return { id: match![1]!, time: Number(match![2]), share: Number(match![3]) };
  });
  return { header: lines.slice(0, 2), rows };
}

describe('TIMING', () => {
  it('adds nothing to the report, and writes the ten slowest rules to stderr, slowest first', async () => {
    const plain = await omni(['lint', 'examples/gaps', '--format', 'json']);
    const timed = await omni(['lint', 'examples/gaps', '--format', 'json'], REPO, { TIMING: '1' });
    expect(plain.stderr).toBe('');
    expect({ code: timed.code, stdout: JSON.parse(timed.stdout) }).toEqual({ code: plain.code, stdout: JSON.parse(plain.stdout) });
    const { header, rows } = table(timed.stderr);
    expect(rows).toHaveLength(10);
    // The first column is as wide as the longest id listed: which ten are slowest varies from run to run.
    const width = Math.max('Rule'.length, ...rows.map((row) => row.id.length));
    expect(header).toEqual([`${'Rule'.padEnd(width)} | Time (ms) | Relative`, `:${'-'.repeat(width)}|----------:|--------:`]);
    for (const row of rows) expect(BUILT_IN.has(row.id), row.id).toBe(true);
    expect(rows.map((row) => row.time)).toEqual(rows.map((row) => row.time).sort((a, b) => b - a));
  });

  it('TIMING=all lists every rule that ran, their shares adding up to the whole', async () => {
    const { stderr } = await omni(['lint', 'examples/maison-lumen'], REPO, { TIMING: 'all' });
    // The stylish report goes to stdout: stderr holds the table alone.
    const { rows } = table(stderr);
    expect(rows.map((row) => row.id).sort()).toEqual([...BUILT_IN].filter((id) => !OFF.includes(id)).sort());
    // Each share is rounded to a tenth: the sum is 100 within half a tenth per row.
    expect(Math.abs(rows.reduce((sum, row) => sum + row.share, 0) - 100)).toBeLessThanOrEqual(0.05 * rows.length + 1e-9);
  });

  it('TIMING above 10 shows that many rules; below, ten', async () => {
    expect(table((await omni(['lint', 'examples/maison-lumen'], REPO, { TIMING: '15' })).stderr).rows).toHaveLength(15);
    expect(table((await omni(['lint', 'examples/maison-lumen'], REPO, { TIMING: '3' })).stderr).rows).toHaveLength(10);
  });

  it("speaks the workspace's language", async () => {
    let stderr = '';
    await run(['lint', 'examples/maison-lumen', '--format', 'json'], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => ((stderr += text), true) },
      cwd: REPO,
      env: { TIMING: '1', NO_COLOR: '1' },
    });
    expect(table(stderr).header).toEqual(['Règle                        | Temps (ms) |  Part', ':----------------------------|-----------:|-----:']);
  });

  it('reads TIMING as ESLint does', () => {
    expect([undefined, '', '0', '1', 'true', '10', '11', '50', 'all', 'ALL'].map(timingLimit)).toEqual([
      undefined,
      undefined,
      10,
      10,
      10,
      10,
      11,
      50,
      Infinity,
      Infinity,
    ]);
  });
});

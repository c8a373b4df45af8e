import { describe, expect, it } from 'vitest';
import { createPositionResolver, createYamlPositionResolver } from '../../src/loader/positions.js';
import { capPerFile, MAX_FINDINGS_PER_FILE } from '../../src/pipeline/lint.js';
import { tierSize } from '../setup/tiers.js';
import { lintMemory, summarize } from './lint-memory.js';

const STAGE = 'stages:\n  - id: a\n    name: A\n';
const unknownKeys = (count: number) => STAGE + Array.from({ length: count }, (_, i) => `k${i}: 1\n`).join('');
// 100,000 keys in e2e (where a quadratic cost would show); 5,000 in the unit tier.
const KEYS = tierSize(100_000, 5_000);

describe('a file with very many findings', () => {
  it('positions cost the same per lookup however many keys a mapping has', async () => {
    // 100,000 keys: the old resolver scanned the mapping once per lookup (quadratic, minutes).
    const text = unknownKeys(KEYS);
    const resolver = await createPositionResolver(text);
    const started = performance.now();
    for (let i = 0; i < KEYS; i++) {
      const { start } = resolver.resolve({ file: 'x.yaml', path: [`k${i}`], target: 'key' });
      if (start.line !== i + 4 || start.column !== 1) throw new Error(`k${i} at ${start.line}:${start.column}`);
    }
    // Generous for a loaded host: the quadratic lookup took minutes.
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('so does the yaml-package resolver (files the fast reader declines), aliases included', async () => {
    // An anchor sends the file to the yaml package; each lookup goes through an alias.
    const text = `base: &base\n${Array.from({ length: KEYS / 2 }, (_, i) => `  k${i}: 1\n`).join('')}copy: *base\n`;
    const resolver = await createYamlPositionResolver(text);
    const started = performance.now();
    for (let i = 0; i < KEYS / 2; i++) {
      const { start } = resolver.resolve({ file: 'x.yaml', path: ['copy', `k${i}`], target: 'key' });
      if (start.line !== i + 2 || start.column !== 3) throw new Error(`k${i} at ${start.line}:${start.column}`);
    }
    // Generous for a loaded host: the quadratic lookup took minutes.
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('reports at most 1,000 findings per file, then one summary at the first left out', async () => {
    const diagnostics = await lintMemory({ 'x.yaml': unknownKeys(KEYS) });
    expect(diagnostics).toHaveLength(MAX_FINDINGS_PER_FILE + 1);
    const lines = summarize(diagnostics);
    expect(lines[0]).toBe(
      'x.yaml:4:1 schema unknown section "k0" (allowed: stages, channels, touchpoints, lifecycle, targets, programs, useCases, scenarios, sources, variables, events, personas)',
    );
    expect(lines[999]).toMatch(/^x\.yaml:1003:1 schema unknown section "k999"/);
    expect(lines[1000]).toBe(
      `x.yaml:1004:1 schema ${KEYS === 100_000 ? '99,000' : '4,000'} more schema findings in this file not shown, from here on (omni reports at most 1,000 findings per file: fix these and lint again)`,
    );
    expect(diagnostics[1000]!.severity).toBe('error');
  }, 60_000);

  it('the cap counts per file, and sums up what it leaves out rule by rule', () => {
    const at = (file: string, ruleId: string, key: string) => ({ ruleId, message: key, location: { file, path: [key] } });
    const pending = [
      at('a.yaml', 'schema', 'k1'),
      at('a.yaml', 'schema', 'k2'),
      at('b.yaml', 'schema', 'k3'),
      at('a.yaml', 'unknown-reference', 'k4'),
      at('a.yaml', 'schema', 'k5'),
      at('a.yaml', 'unknown-reference', 'k6'),
    ];
    const capped = capPerFile(pending, 2);
    expect(capped.map((d) => `${d.location.file} ${d.ruleId} ${d.location.path[0]} ${d.message}`)).toEqual([
      'a.yaml schema k1 k1',
      'a.yaml schema k2 k2',
      'b.yaml schema k3 k3',
      'a.yaml unknown-reference k4 2 more unknown-reference findings in this file not shown, from here on',
      'a.yaml schema k5 1 more schema finding in this file not shown, from here on',
    ]);
  });
});

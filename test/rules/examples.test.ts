import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintFolder } from './run-rule.js';
import { RULES } from '../../src/rules/index.js';

const repo = path.resolve(import.meta.dirname, '../..');
const gaps = path.join(repo, 'examples/gaps');

/**
 * The planted gaps, from the `# gap: <rule-id>` comments of examples/gaps: each diagnostic
 * is on the line after its comment, at the value that line holds (after `- ` and `key: `);
 * a template variable is pointed at inside its `{{…}}`.
 */
function plantedGaps(): string[] {
  const expected: string[] = [];
  for (const file of readdirSync(gaps).filter((name) => name.endsWith('.yaml')).sort()) {
    const lines = readFileSync(path.join(gaps, file), 'utf8').split('\n');
    lines.forEach((line, index) => {
      const match = /^\s*# gap: ([a-z-]+)\s*$/.exec(line);
      if (!match) return;
      const target = lines[index + 1]!;
      const value = /^(\s*(?:- )?(?:[A-Za-z]+: )?)/.exec(target)![1]!.length;
      const column = match[1] === 'undeclared-template-variable' ? target.indexOf('{{') + 3 : value + 1;
      expected.push(`${match[1]} ${file}:${index + 2}:${column}`);
    });
  }
  return expected;
}

describe('examples/gaps', () => {
  it('plants every model rule (all but yaml-syntax and schema, which live in test/fixtures/broken)', () => {
    const planted = new Set(plantedGaps().map((entry) => entry.split(' ')[0]));
    expect([...planted].sort()).toEqual(RULES.map((rule) => rule.id).filter((id) => id !== 'yaml-syntax' && id !== 'schema').sort());
  });

  it('yields exactly the planted gaps, each at its line and column, and nothing else', async () => {
    const diagnostics = await lintFolder(gaps);
    const actual = diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.range.start.line}:${d.range.start.column}`);
    expect(actual.sort()).toEqual(plantedGaps().sort());
    expect(actual).toHaveLength(23);
  });
});

describe('lint-clean workspaces', () => {
  for (const folder of ['examples/maison-lumen', 'test/fixtures/hostile']) {
    it(`${folder} has no diagnostic at all, warnings included`, async () => {
      expect(await lintFolder(path.join(repo, folder))).toEqual([]);
    });
  }
});

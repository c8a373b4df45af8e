import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';
import { sourceOf, workspaceFiles, type Files } from '../setup/workspace-files.js';

/**
 * For findings of the examples picked by a seed, `# omni-disable-next-line <rule> -- reason`
 * written on its own line just above the finding's line (same indentation): that rule's
 * findings on that line, and only they, become suppressed; every other finding stays, one line
 * lower below the comment; no suppression-directive or unused-suppression finding appears.
 * Comments that would change what the YAML says (inside a block scalar) are skipped, and so
 * are the findings of unused-suppression (a directive cannot silence another one).
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: findings per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const CASES = tierCount(60, 15);
const ROOT = path.resolve(import.meta.dirname, '../..');

async function lint(root: string, files: Files) {
  const workspace = await loadWorkspace(root, { source: sourceOf(files), plugins: true });
  return lintWorkspace(workspace, { ruleOverrides: { 'unused-suppression': 'error' } });
}

const key = (diagnostic: Diagnostic, line = diagnostic.range.start.line) =>
  `${diagnostic.file}:${line}:${diagnostic.range.start.column} ${diagnostic.ruleId} ${diagnostic.message}`;

describe(`omni-disable-next-line above ${CASES} seeded findings of each example (seed ${SEED})`, () => {
  it.each(['examples/gaps', 'examples/teams'])('%s', async (example) => {
    const root = path.join(ROOT, example);
    const files = workspaceFiles(root);
    const before = await lint(root, files);
    const candidates = before.diagnostics.filter(
      (diagnostic) =>
        diagnostic.ruleId !== 'yaml-syntax' &&
        diagnostic.ruleId !== 'suppression-directive' &&
        diagnostic.ruleId !== 'unused-suppression' &&
        files[diagnostic.file] !== undefined,
    );
    expect(candidates.length).toBeGreaterThan(0);
    const random = mulberry32(SEED);
    let checked = 0;
    for (let round = 0; round < CASES && candidates.length > 0; round++) {
      const target = candidates[Math.floor(random() * candidates.length)]!;
      const lines = files[target.file]!.split('\n');
      const line = target.range.start.line;
      const indent = /^\s*/.exec(lines[line - 1]!)![0];
      const text = [...lines.slice(0, line - 1), `${indent}# omni-disable-next-line ${target.ruleId} -- seeded campaign`, ...lines.slice(line - 1)].join('\n');
      const meaning = (yaml: string) => {
        try {
          return JSON.stringify(parse(yaml));
        } catch {
          return undefined;
        }
      };
      const same = meaning(text) !== undefined && meaning(text) === meaning(files[target.file]!);
      if (!same) continue;
      checked++;
      const after = await lint(root, { ...files, [target.file]: text });
      const silenced = (diagnostic: Diagnostic) => diagnostic.file === target.file && diagnostic.range.start.line === line && diagnostic.ruleId === target.ruleId;
      const shifted = (diagnostic: Diagnostic) =>
        key(diagnostic, diagnostic.file === target.file && diagnostic.range.start.line >= line ? diagnostic.range.start.line + 1 : diagnostic.range.start.line);
      const context = `${example}/${target.file}:${line} ${target.ruleId}`;
      expect(after.diagnostics.map((diagnostic) => key(diagnostic)).sort(), context).toEqual(
        before.diagnostics
          .filter((diagnostic) => !silenced(diagnostic))
          .map(shifted)
          .sort(),
      );
      expect((after.suppressed ?? []).map((diagnostic) => key(diagnostic)).sort(), context).toEqual(
        [...(before.suppressed ?? []), ...before.diagnostics.filter(silenced)].map(shifted).sort(),
      );
    }
    expect(checked).toBeGreaterThan(CASES / 2);
  });
});

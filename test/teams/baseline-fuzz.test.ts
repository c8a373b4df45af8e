import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, createBaseline, parseBaseline } from '../../src/baseline/baseline.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import { SECTION_KINDS } from '../../src/model/types.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { editOf, moveEntity, swapEntities } from '../setup/seeded-edits.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';
import { sourceOf, workspaceFiles, type Files } from '../setup/workspace-files.js';

/**
 * Seeded edits that change how the plan is written, never what it says: keys swapped, flow
 * and block styles swapped, comments added, strings quoted or written as block scalars
 * (test/setup/seeded-edits.ts), two entities of a section swapped, an entity moved to a file
 * of its own. After each, lint must find the same things — same rules, entities, messages
 * and fingerprints — each located at the same token of the edited text, and the baseline
 * recorded before must still match every finding, with nothing left to prune.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: edits per workspace).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const EDITS = tierCount(100, 8);
const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The token at a finding's start (quotes left out), to check it points at the same text
 * after the edit. A block scalar starts at its `|` or `>`, a flow mapping at `{`, and a
 * finding about a whole entity (missing-owner) at its first key, whichever that is: those
 * match any token.
 */
function tokenAt(text: string, diagnostic: Diagnostic): string {
  if (/^[^|]*\|[^|]*\|\w+\/\*$/.test(diagnostic.fingerprint ?? '')) return '*';
  const line = text.split('\n')[diagnostic.range.start.line - 1];
  if (line === undefined) return `<no line ${diagnostic.range.start.line}>`;
  const rest = line.slice(diagnostic.range.start.column - 1);
  if (/^[{[|>]/.test(rest)) return '*';
  return (/^["']?([^\s"',:}\]]*)/.exec(rest)?.[1] ?? '').slice(0, 40);
}

/** Findings (what, then where) in one order, with the wildcard token of `tokenAt` taken from the other side. */
function matched(before: { what: string; token: string }[], after: { what: string; token: string }[]): [string[], string[]] {
  const order = (list: { what: string; token: string }[]) => [...list].sort((a, b) => (a.what < b.what ? -1 : a.what > b.what ? 1 : a.token < b.token ? -1 : 1));
  const [left, right] = [order(before), order(after)];
  const show = (one: { what: string; token: string }, other: { token: string } | undefined) =>
    `${one.what} @${one.token === '*' || other?.token === '*' ? '*' : one.token}`;
  return [left.map((one, i) => show(one, right[i])), right.map((one, i) => show(one, left[i]))];
}

/** What a finding says, without where it is. */
const what = (diagnostic: Diagnostic) =>
  `${diagnostic.ruleId} ${diagnostic.severity} ${diagnostic.entity?.kind ?? ''}:${diagnostic.entity?.id ?? ''} ${diagnostic.fingerprint} ${diagnostic.message}`;

async function lintOf(root: string, files: Files) {
  const workspace = await loadWorkspace(root, { source: sourceOf(files), plugins: true });
  const result = await lintWorkspace(workspace);
  return result.diagnostics.map((diagnostic) => ({ diagnostic, what: what(diagnostic), token: tokenAt(files[diagnostic.file] ?? '', diagnostic) }));
}

describe(`lint and its baseline after ${EDITS} seeded edits of how each workspace is written (seed ${SEED})`, () => {
  it.each(['examples/gaps', 'examples/teams', 'examples/maison-lumen', 'test/fixtures/branching'])('%s', async (example) => {
    const root = path.join(ROOT, example);
    const files = workspaceFiles(root);
    const random = mulberry32(SEED);
    const base = await lintOf(root, files);
    const baseline = parseBaseline(createBaseline(base.map(({ diagnostic }) => diagnostic)));
    let checked = 0;
    for (let attempt = 0; checked < EDITS && attempt < EDITS * 6; attempt++) {
      const kind = Math.floor(random() * 6);
      const edit = kind === 4 ? swapEntities(files, random, SECTION_KINDS) : kind === 5 ? moveEntity(files, random, SECTION_KINDS) : editOf(files, random);
      if (!edit || edit.changed || edit.text === files[edit.file]) continue;
      // Lines moved can move a suppression comment off the line it silences: a real change.
      if (files[edit.file]!.includes('omni-disable')) continue;
      checked++;
      const head: Files = { ...files, [edit.file]: edit.text, ...(edit.added ? { [edit.added.file]: edit.added.text } : {}) };
      const after = await lintOf(root, head);
      const context = `${example}/${edit.file}: ${edit.describe}\n${edit.text}`;
      const [expected, found] = matched(base, after);
      expect(found, context).toEqual(expected);
      const outcome = applyBaseline(
        after.map(({ diagnostic }) => diagnostic),
        baseline,
      );
      expect({ kept: outcome.kept.map(what), prunable: outcome.prunable }, context).toEqual({ kept: [], prunable: 0 });
    }
    expect(checked).toBe(EDITS);
  });
});

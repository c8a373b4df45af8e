import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJsonReport } from '../../src/formatters/json.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { WorkspaceSession } from '../../src/pipeline/session.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';

/**
 * Seeded edit fuzz of the language server's incremental session: line edits an author makes
 * (deleting, duplicating, commenting out, re-indenting a line, pointing a reference at
 * another id, renaming an id through a file, breaking the YAML, restoring a file) land one
 * after another in random files of each example, omni.yaml and shared settings included;
 * after each, the session's findings must be what a fresh `omni lint` of the same files
 * gives. FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: edits per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const EDITS = tierCount(120, 40);
const ROOT = path.resolve(import.meta.dirname, '../..');
/** Edits in a row on one copy of an example, before starting again from a fresh copy. */
const RUN_LENGTH = 40;

async function lintFromDisk(root: string) {
  return toJsonReport(await lintWorkspace(await loadWorkspace(root))).diagnostics;
}

function yamlFilesUnder(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full, base));
    else if (/\.ya?ml$/.test(entry.name)) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

type Edit = (lines: string[], at: number, context: { ids: string[]; original: string; pick: (count: number) => number }) => string[];

const EDIT_KINDS: Record<string, Edit> = {
  'delete a line': (lines, at) => lines.filter((_, index) => index !== at),
  'duplicate a line': (lines, at) => [...lines.slice(0, at + 1), ...lines.slice(at)],
  'comment out a line': (lines, at) => lines.map((line, index) => (index === at ? `#${line}` : line)),
  'indent a line': (lines, at) => lines.map((line, index) => (index === at ? `  ${line}` : line)),
  'point a value at another id': (lines, at, { ids, pick }) =>
    lines.map((line, index) => (index === at ? line.replace(/: ([\w-]+)\s*$/, `: ${ids[pick(ids.length)]}`) : line)),
  'rename an id through the file': (lines) => {
    const text = lines.join('\n');
    const id = /id: ([\w-]+)/.exec(text)?.[1];
    return id ? text.split(id).join(`${id}x`).split('\n') : lines;
  },
  'break the YAML': (lines, at) => lines.map((line, index) => (index === at ? `${line} [unclosed` : line)),
  'restore the file': (_lines, _at, { original }) => original.split('\n'),
};

describe(`the incremental session equals a fresh lint after each of ${EDITS} seeded edits per example (seed ${SEED})`, () => {
  it.each(['maison-lumen', 'gaps', 'teams'])(
    '%s',
    async (example) => {
      const source = path.join(ROOT, 'examples', example);
      const random = mulberry32(SEED + example.length);
      const pick = (count: number) => Math.floor(random() * count);
      const kinds = Object.keys(EDIT_KINDS);
      const seen = new Set<string>();
      let session: WorkspaceSession | undefined;
      let root = '';
      let log: string[] = [];
      for (let edit = 0; edit < EDITS; edit++) {
        if (edit % RUN_LENGTH === 0) {
          // The disk copy is what `omni lint` reads; the session reads its own copy, with the edits as open buffers.
          const folder = mkdtempSync(path.join(os.tmpdir(), 'omni-session-fuzz-'));
          // examples/teams' plugin imports omni itself, as a team's would from its node_modules.
          mkdirSync(path.join(folder, 'node_modules'));
          symlinkSync(ROOT, path.join(folder, 'node_modules/omni-journey'), 'dir');
          root = path.join(folder, 'disk');
          cpSync(source, root, { recursive: true });
          cpSync(source, path.join(folder, 'session'), { recursive: true });
          session = await WorkspaceSession.open(path.join(folder, 'session'));
          log = [];
        }
        const files = yamlFilesUnder(root);
        const ids = [...new Set(files.flatMap((file) => [...readFileSync(path.join(root, file), 'utf8').matchAll(/id: ([\w-]+)/g)].map((match) => match[1]!)))];
        const file = files[pick(files.length)]!;
        const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
        const at = pick(lines.length);
        const kind = kinds[pick(kinds.length)]!;
        const next = EDIT_KINDS[kind]!(lines, at, { ids, original: readFileSync(path.join(source, file), 'utf8'), pick }).join('\n');
        log.push(`${edit}: ${kind}, ${file}:${at + 1}`);
        writeFileSync(path.join(root, file), next);
        session!.setOverlay(file, next);
        const incremental = toJsonReport(await session!.check()).diagnostics;
        expect(incremental, `${example}, seed ${SEED}, after:\n${log.join('\n')}`).toEqual(await lintFromDisk(root));
        for (const diagnostic of incremental) seen.add(diagnostic.ruleId);
      }
      // Not vacuous: the edits broke the YAML, the schema and the references.
      expect([...seen]).toEqual(expect.arrayContaining(['yaml-syntax', 'schema', 'unknown-reference']));
    },
    120_000,
  );
});

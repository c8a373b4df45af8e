import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toJsonReport } from '../../src/formatters/json.js';
import { Features } from '../../src/lsp/features.js';
import { SECTION_KINDS, type EntityBase } from '../../src/model/types.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { WorkspaceSession } from '../../src/pipeline/session.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Lint's findings as rule, file and line: what a rename must leave as it was. */
async function findings(root: string): Promise<string[]> {
  return toJsonReport(await lintWorkspace(await loadWorkspace(root))).diagnostics.map((diagnostic) => `${diagnostic.ruleId} ${diagnostic.file}:${diagnostic.line}`);
}

/**
 * The language server's rename, applied to every id each example declares, one at a time:
 * lint must then find exactly what it found before, at the same lines. A use the rename
 * misses (a `{{variable}}` in a fallback, an event a wait listens for, the scenario a
 * persona's assumption names, a channel of omni.yaml's pressure caps) shows as a new finding.
 */
describe('renaming any declared id leaves lint as it was', () => {
  it.each(['maison-lumen', 'gaps', 'teams'])(
    '%s',
    async (example) => {
      const source = path.join(ROOT, 'examples', example);
      const before = await findings(source);
      const { model } = await loadWorkspace(source);
      const declared = SECTION_KINDS.flatMap((kind) => (model[kind] as EntityBase[]).map((entity) => ({ kind, entity })))
        // omni's default lifecycle, declared in no file, has nothing to rename.
        .filter(({ entity }) => entity.origin.file !== '')
        // examples/teams' rule options and house rules name channels (sms-length's default `channels: [sms]`, `where: { channel: sms }`): settings a rename does not rewrite.
        .filter(({ kind }) => !(example === 'teams' && kind === 'channels'));
      expect(declared.length).toBeGreaterThan(15);
      const problems: string[] = [];
      for (const { kind, entity } of declared) {
        const folder = mkdtempSync(path.join(os.tmpdir(), 'omni-rename-'));
        // examples/teams' plugin imports omni itself, as a team's would from its node_modules.
        mkdirSync(path.join(folder, 'node_modules'));
        symlinkSync(ROOT, path.join(folder, 'node_modules/omni-journey'), 'dir');
        const root = path.join(folder, 'ws');
        cpSync(source, root, { recursive: true });
        const session = await WorkspaceSession.open(root);
        const text = readFileSync(path.join(root, entity.origin.file), 'utf8');
        const range = (await session.positions(entity.origin.file)).resolve({ file: entity.origin.file, path: [...entity.origin.path, 'id'] });
        const edit = await new Features(session).rename(entity.origin.file, text, range.start.line - 1, range.start.column, `${entity.id}-renamed`);
        if ('refused' in edit) {
          problems.push(`${kind} ${entity.id}: refused (${edit.refused})`);
          continue;
        }
        for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
          const file = fileURLToPath(uri);
          const lines = readFileSync(file, 'utf8').split('\n');
          // Last first: an edit never moves the ones before it.
          for (const { range: at, newText } of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
            const line = lines[at.start.line]!;
            lines[at.start.line] = line.slice(0, at.start.character) + newText + line.slice(at.end.character);
          }
          writeFileSync(file, lines.join('\n'));
        }
        const after = await findings(root);
        const added = after.filter((finding) => !before.includes(finding));
        const gone = before.filter((finding) => !after.includes(finding));
        if (added.length > 0 || gone.length > 0) problems.push(`${kind} ${entity.id}: new ${JSON.stringify(added)}, gone ${JSON.stringify(gone)}`);
      }
      expect(problems).toEqual([]);
    },
    60_000,
  );
});

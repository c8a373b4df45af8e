import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Features } from '../../src/lsp/features.js';
import { forEachMention, forEachReference, forEachSettingsMention, referencePath } from '../../src/model/references.js';
import type { JsonPath } from '../../src/diagnostics/types.js';
import type { EntityBase, SectionKind } from '../../src/model/types.js';
import { WorkspaceSession } from '../../src/pipeline/session.js';
import { editOf } from '../setup/seeded-edits.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';
import { workspaceFiles, type Files } from '../setup/workspace-files.js';

/**
 * The language server reads the line under the cursor to tell which id it is on and of
 * what kind. Seeded rounds over the examples, each after an edit of how one file is written
 * (flow and block styles swapped, keys swapped, comments, quoting: test/setup/seeded-edits.ts):
 * at every id a reference or a mention writes, go-to-definition must land on that id's
 * declaration, and completion must offer ids of that kind only, that one among them.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: rounds per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const ROUNDS = tierCount(30, 3);
const ROOT = path.resolve(import.meta.dirname, '../..');

interface Site {
  kind: SectionKind;
  id: string;
  file: string;
  path: JsonPath;
}

function sitesOf(model: Awaited<ReturnType<WorkspaceSession['model']>>): Site[] {
  const sites: Site[] = [];
  forEachReference(model, (kind, id, origin, _from, key, index) => sites.push({ kind, id, file: origin.file, path: referencePath(origin, key, index) }));
  forEachMention(model, (kind, id, file, at) => sites.push({ kind, id, file, path: at }));
  forEachSettingsMention(model.settings, (kind, id, at) => sites.push({ kind, id, file: 'omni.yaml', path: at }));
  return sites.filter((site) => (model[site.kind] as EntityBase[]).some((entity) => entity.id === site.id && entity.origin.file !== ''));
}

describe(`go-to-definition and completion at every id, after ${ROUNDS} seeded rewrites of each example (seed ${SEED})`, () => {
  it.each(['maison-lumen', 'gaps', 'teams'])(
    '%s',
    async (example) => {
      const source = path.join(ROOT, 'examples', example);
      const files = workspaceFiles(source);
      const random = mulberry32(SEED + example.length);
      const problems: string[] = [];
      let checked = 0;
      for (let round = 0; round < ROUNDS; round++) {
        let edited: Files = files;
        let described = 'as written';
        if (round > 0) {
          const edit = editOf(files, random);
          if (!edit || edit.changed || edit.text === files[edit.file]) continue;
          edited = { ...files, [edit.file]: edit.text };
          described = `${edit.file}: ${edit.describe}`;
        }
        const folder = mkdtempSync(path.join(os.tmpdir(), 'omni-cursor-'));
        // examples/teams' plugin imports omni itself, as a team's would from its node_modules.
        mkdirSync(path.join(folder, 'node_modules'));
        symlinkSync(ROOT, path.join(folder, 'node_modules/omni-journey'), 'dir');
        const root = path.join(folder, 'ws');
        for (const [name, text] of Object.entries(edited)) {
          mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
          writeFileSync(path.join(root, name), text);
        }
        const session = await WorkspaceSession.open(root);
        const features = new Features(session);
        const model = await session.model();
        const where = async (file: string, at: JsonPath) => (await session.positions(file)).resolve({ file, path: at });
        for (const site of sitesOf(model)) {
          const range = await where(site.file, site.path);
          if (range.start.line !== range.end.line) continue;
          const text = edited[site.file]!;
          const line = range.start.line - 1;
          const character = Math.floor((range.start.column + range.end.column) / 2) - 1;
          const label = `${example} (${described}) ${site.file}:${range.start.line}:${character + 1} ${site.kind} "${site.id}"`;
          const declared = await Promise.all(
            (model[site.kind] as EntityBase[])
              .filter((entity) => entity.id === site.id)
              .map(async (entity) => `${entity.origin.file}:${(await where(entity.origin.file, [...entity.origin.path, 'id'])).start.line}`),
          );
          const found = (await features.definition(site.file, text, line, character)).map(
            (location) => `${path.relative(root, fileURLToPath(location.uri))}:${location.range.start.line + 1}`,
          );
          if (JSON.stringify(found) !== JSON.stringify(declared)) problems.push(`${label}: definition ${JSON.stringify(found)}, declared ${JSON.stringify(declared)}`);
          const offered = (await features.completion(site.file, text, line, character)).map((item) => item.label);
          const ofKind = new Set((model[site.kind] as EntityBase[]).map((entity) => entity.id));
          // Events need no declaration: those the plan names are offered too.
          if (site.kind === 'events') forEachMention(model, (kind, id) => kind === 'events' && ofKind.add(id));
          if (!offered.includes(site.id) || offered.some((id) => !ofKind.has(id))) problems.push(`${label}: completion offers ${JSON.stringify(offered.slice(0, 8))}…`);
          checked++;
        }
      }
      expect(problems.slice(0, 20)).toEqual([]);
      expect(checked).toBeGreaterThan(ROUNDS * 10);
    },
    120_000,
  );
});

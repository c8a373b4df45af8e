import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { dataSheetModel, importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { workbookEdits } from '../../src/exporters/workbook-edits.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';
import { comparable, exportFolder, importToFolder, repo } from './helpers.js';

/**
 * Seeded round trips of the examples with values an author might write (emoji, a formula,
 * markup, quotes, a tab, spaces, an apostrophe, a template, YAML indicators, a number or a
 * boolean as text, a long text) put in random fields, or lines deleted: each variant that
 * still loads without a finding of yaml-syntax or schema must come back from its workbook
 * unchanged (import --out), and its unedited workbook must be no edit (import --into).
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: variants per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const VARIANTS = tierCount(48, 16);
const VALUES = [
  'x',
  '🎁 Offre',
  '=1+1',
  '<b>gras</b>',
  '"q"',
  'a\tb',
  '   ',
  "l'été",
  '{{first_name}}',
  '| x',
  '# x',
  'J+2',
  '- x',
  '@x',
  '0',
  'true',
  '',
  'A'.repeat(300),
];
/** Fields whose values are ids, offsets or enumerations: a random text there is a schema finding, not a round trip. */
const STRUCTURAL = /^\s*(?:- )?(?:id|after|channel|event|type|status|lifecycle|target|program|kind|percent|timeout|per|max|from|to|goto|reentry|when)\b/;

function modelFilesUnder(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...modelFilesUnder(full, base));
    else if (/\.ya?ml$/.test(entry.name) && entry.name !== 'omni.yaml') out.push(path.relative(base, full));
  }
  return out.sort();
}

describe(`import(export(W)) equals W on ${VARIANTS} seeded variants of each example (seed ${SEED})`, () => {
  it.each(['maison-lumen', 'gaps'])(
    '%s',
    async (example) => {
      const random = mulberry32(SEED + example.length);
      const pick = (count: number) => Math.floor(random() * count);
      let roundTrips = 0;
      for (let variant = 0; variant < VARIANTS; variant++) {
        const root = path.join(mkdtempSync(path.join(tmpdir(), 'omni-round-trip-fuzz-')), 'ws');
        cpSync(path.join(repo, 'examples', example), root, { recursive: true });
        const files = modelFilesUnder(root);
        const changes: string[] = [];
        for (let change = 0; change < 4; change++) {
          const file = files[pick(files.length)]!;
          const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
          const at = pick(lines.length);
          const field = /^(\s*(?:- )?[\w-]+: )(.*)$/.exec(lines[at] ?? '');
          if (field && !STRUCTURAL.test(lines[at]!)) {
            lines[at] = field[1] + JSON.stringify(VALUES[pick(VALUES.length)]! + (random() < 0.5 ? field[2] : ''));
            changes.push(`${file}:${at + 1} set to ${lines[at]!.trim()}`);
          } else if (pick(3) === 0) {
            changes.push(`${file}:${at + 1} deleted`);
            lines.splice(at, 1);
          }
          writeFileSync(path.join(root, file), lines.join('\n'));
        }
        const label = `${example}, seed ${SEED}, variant ${variant}:\n${changes.join('\n')}`;
        const workspace = await loadWorkspace(root);
        if (workspace.diagnostics.length > 0) continue;
        roundTrips++;
        const { model, bytes } = await exportFolder(path.relative(repo, root));
        const { dir, result } = await importToFolder(bytes);
        expect(result.warnings, label).toEqual([]);
        const reimported = await loadWorkspace(dir);
        expect(
          reimported.diagnostics.map((diagnostic) => diagnostic.message),
          label,
        ).toEqual([]);
        expect(comparable(reimported.model), label).toEqual(comparable(model));
        const workbook = await readXlsx(await writeXlsx(buildWorkbook(workspace.model, summariseLint((await lintWorkspace(workspace)).diagnostics))));
        const read = importWorkbook(workbook, { reportVisibleEdits: false });
        const base = dataSheetModel(read.settings, read.sections, read.defaultLifecycle === true);
        const edits = workbookEdits(workbook, buildWorkbook(base, { errors: 0, warnings: 0, rules: [] }, { editTargets: true }), base);
        expect(edits, `${label}\n(unedited, --into)`).toEqual({ edits: [], added: [], deleted: [], warnings: [] });
      }
      // Not vacuous: some variants are valid plans that went round (gaps plants lint findings, so fewer of its variants).
      expect(roundTrips).toBeGreaterThan(VARIANTS / 20);
    },
    120_000,
  );
});

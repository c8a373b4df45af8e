import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { omniIn, repo } from './helpers.js';
import { convertWithLibreOffice, inCi, python, runPython, soffice } from './tools.js';

// The messages are read in English (the examples are French workspaces; test/i18n checks the French).
// The CLI's run() in process; the French --dry-run case below spawns the built binary, as users run it.
const omni = (cwd: string, ...args: string[]) => omniIn(cwd, ...args, '--locale', 'en');
const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { encoding: 'utf8', cwd }).stdout;

/** The example in its own git repository, exported next to it. */
async function setUp(): Promise<{ ws: string; xlsx: string; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omni-into-cli-'));
  const ws = path.join(dir, 'ws');
  cpSync(path.join(repo, 'examples/maison-lumen'), ws, { recursive: true });
  git(ws, 'init', '-q');
  git(ws, 'add', '-A');
  git(ws, 'commit', '-qm', 'init');
  const xlsx = path.join(dir, 'plan.xlsx');
  expect((await omni(dir, 'export', ws, '--xlsx', xlsx)).status).toBe(0);
  return { ws, xlsx, dir };
}

/** The changed lines of `git diff` (no headers, no context). */
const changedLines = (ws: string) =>
  git(ws, 'diff', '--unified=0')
    .split('\n')
    .filter((line) => /^[-+]/.test(line) && !/^(---|\+\+\+) /.test(line));

const EDIT = `
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
uc = book["Cas d'usage"]
for r in range(4, uc.max_row + 1):
    if uc.cell(row=r, column=11).value == 'relance-panier':
        uc.cell(row=r, column=5).value = 2
spec = book['Spécification des scénarios']
for r in range(4, spec.max_row + 1):
    if spec.cell(row=r, column=16).value == 'alerte-stock#1':
        spec.cell(row=r, column=13).value = 'Dernières pièces'
book.save(sys.argv[2])
`;
// git diff lists files in path order: scenarios/ before use-cases.yaml.
const EXPECTED = ['+        subject: Dernières pièces', '-      business: 5', '+      business: 2'];

describe('omni import --into (the CLI in process; the binary for the French dry run)', () => {
  beforeAll(() => {
    if (!existsSync(path.join(repo, 'dist/cli/import-run.js'))) throw new Error('run `npm run build` first (npm test does it)');
  });

  test('an unedited workbook applies nothing and warns of nothing', async () => {
    const { ws, xlsx, dir } = await setUp();
    const run = await omni(dir, 'import', '--xlsx', xlsx, '--into', ws);
    expect(run.stderr).toBe('omni: the workbook has no edit to apply\n');
    expect(run.status).toBe(0);
    expect(git(ws, 'status', '--porcelain')).toBe('');
  });

  test.skipIf(!python && !inCi)('edits made with openpyxl: --dry-run prints them as omni diff, then exactly those lines change, comments kept, lint clean', async () => {
    const { ws, xlsx, dir } = await setUp();
    const edited = path.join(dir, 'edited.xlsx');
    runPython(EDIT, xlsx, edited);
    const dry = await omni(dir, 'import', '--xlsx', edited, '--into', ws, '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('~ use case relance-panier: scores.business 5 → 2');
    expect(dry.stdout).toContain('~ scenario alerte-stock: step 2 subject (none) → Dernières pièces');
    expect(dry.stderr).toBe('omni: --dry-run: 2 files would change, nothing written\n');
    // Without --locale en, the French workspace previews in French, as `omni diff` does.
    const french = spawnSync(process.execPath, [path.join(repo, 'bin/omni.js'), 'import', '--xlsx', edited, '--into', ws, '--dry-run'], { encoding: 'utf8', cwd: dir });
    expect(french.stdout).toContain('Cas d’usage\n  ~ cas d’usage relance-panier : scores.business 5 → 2\n');
    expect(french.stdout).toContain('  ~ scénario alerte-stock : étape 2 subject (aucun) → Dernières pièces\n');
    expect(git(ws, 'status', '--porcelain')).toBe('');
    const run = await omni(dir, 'import', '--xlsx', edited, '--into', ws);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${path.join(ws, 'scenarios/alerte-stock.yaml')}\n${path.join(ws, 'use-cases.yaml')}\n`);
    expect(changedLines(ws)).toEqual(EXPECTED);
    expect(readFileSync(path.join(ws, 'use-cases.yaml'), 'utf8')).toContain('# Score de priorité = business + expérience − difficulté.');
    expect(readdirSync(ws).filter((name) => name.includes('omni-tmp'))).toEqual([]);
    expect((await omni(dir, 'lint', ws)).status).toBe(0);
  });

  test.skipIf(!python && !inCi)('a YAML change since the export is a conflict when the workbook edits the same entity: exit 1, nothing written', async () => {
    const { ws, xlsx, dir } = await setUp();
    const edited = path.join(dir, 'edited.xlsx');
    runPython(EDIT, xlsx, edited);
    const useCases = path.join(ws, 'use-cases.yaml');
    const text = readFileSync(useCases, 'utf8').replace('name: Relancer les paniers abandonnés par email puis par SMS', 'name: Relancer les paniers (YAML)');
    writeFileSync(useCases, text);
    const run = await omni(dir, 'import', '--xlsx', edited, '--into', ws);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      // In the run's language (--locale en here; else the workspace's): the importer's messages live in src/i18n.
      'omni: conflict: Cas d\'usage!E5: use case "relance-panier" changed in the YAML since the export (use-cases.yaml); edit it there or export again\n' +
        'omni: 1 conflict: nothing written\n',
    );
    expect(readFileSync(useCases, 'utf8')).toBe(text);
    expect(git(ws, 'diff', '--stat', '--', 'scenarios')).toBe('');
    // A YAML change to an entity the workbook does not edit is no conflict, and is kept.
    git(ws, 'checkout', '-q', '--', 'use-cases.yaml');
    appendFileSync(path.join(ws, 'matrix.yaml'), '# a comment added after the export\n');
    expect((await omni(dir, 'import', '--xlsx', edited, '--into', ws)).status).toBe(0);
    expect(changedLines(ws)).toContain('+# a comment added after the export');
    expect(changedLines(ws).filter((line) => !line.includes('a comment added'))).toEqual(EXPECTED);
  });

  test.skipIf(!((python && soffice) || inCi))(
    'a workbook edited with openpyxl then saved by LibreOffice imports the same edits, no false warning',
    { timeout: 180_000 },
    async () => {
      const { ws, xlsx, dir } = await setUp();
      const edited = path.join(dir, 'edited.xlsx');
      runPython(EDIT, xlsx, edited);
      const out = path.join(dir, 'lo');
      convertWithLibreOffice(edited, 'xlsx', out, path.join(dir, 'profile'));
      const run = await omni(dir, 'import', '--xlsx', path.join(out, 'edited.xlsx'), '--into', ws);
      expect(run.stderr).toMatch(/^omni: applied 2 edits from .*edited\.xlsx; run `git diff` to review them\n$/);
      expect(run.status).toBe(0);
      expect(changedLines(ws)).toEqual(EXPECTED);
    },
  );

  test.skipIf(!soffice && !inCi)(
    'a workbook edited in LibreOffice (its own flat ODS, then saved as .xlsx by LibreOffice) imports exactly the edits',
    { timeout: 240_000 },
    async () => {
      const { ws, xlsx, dir } = await setUp();
      const profile = path.join(dir, 'profile');
      const fodsDir = path.join(dir, 'fods');
      convertWithLibreOffice(xlsx, 'fods', fodsDir, profile);
      const fods = path.join(fodsDir, 'plan.fods');
      const before = readFileSync(fods, 'utf8');
      const message = '<text:p>Plus que {{store_stock}} exemplaires de {{product_name}} à {{preferred_store}}. Réservez-le en 1 clic.</text:p>';
      expect(before.split('<text:p>Je me renseigne</text:p>')).toHaveLength(2);
      expect(before.split(message)).toHaveLength(2);
      writeFileSync(
        fods,
        before
          .replace('<text:p>Je me renseigne</text:p>', '<text:p>Je découvre</text:p>')
          .replace(message, '<text:p>Plus que {{store_stock}} pièces à {{preferred_store}}.</text:p>'),
      );
      const back = path.join(dir, 'back');
      convertWithLibreOffice(fods, 'xlsx', back, profile);
      const run = await omni(dir, 'import', '--xlsx', path.join(back, 'plan.xlsx'), '--into', ws);
      expect(run.stderr).toMatch(/^omni: applied 2 edits from .*plan\.xlsx; run `git diff` to review them\n$/);
      expect(changedLines(ws)).toEqual([
        '-    name: Je me renseigne',
        '+    name: Je découvre',
        '-        message: "Plus que {{store_stock}} exemplaires de {{product_name}} à {{preferred_store}}. Réservez-le en 1 clic."',
        '+        message: "Plus que {{store_stock}} pièces à {{preferred_store}}."',
      ]);
    },
  );

  test('export(import(export)) is byte-identical', async () => {
    const { xlsx, dir } = await setUp();
    const out = path.join(dir, 'imported');
    expect((await omni(dir, 'import', '--xlsx', xlsx, '--out', out)).status).toBe(0);
    const again = path.join(dir, 'again.xlsx');
    expect((await omni(dir, 'export', out, '--xlsx', again)).status).toBe(0);
    expect(readFileSync(again).equals(readFileSync(xlsx))).toBe(true);
  });

  test('--into needs an omni workbook; --out and --into exclude each other', async () => {
    const { ws, xlsx, dir } = await setUp();
    expect((await omni(dir, 'import', '--xlsx', xlsx, '--into', ws, '--out', dir)).stderr).toBe(
      'omni: pass either --out (a new workspace) or --into (apply edits to a workspace), not both\n',
    );
    expect((await omni(dir, 'import', '--xlsx', xlsx)).stderr).toBe('omni: nowhere to import to: pass --out DIR or --into WORKSPACE\n');
    expect((await omni(dir, 'import', '--xlsx', xlsx, '--out', dir, '--dry-run')).stderr).toBe('omni: --dry-run goes with --into\n');
  });
});

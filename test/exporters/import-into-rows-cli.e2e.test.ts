/**
 * `omni import --into` with added and deleted rows, through the CLI (its run() in process; the
 * refusal of a deleted use case spawns the built binary): new entities
 * land in git as new lines (and a new scenario file), the workspace lints clean, the
 * round trip stays byte-identical, and a deletion that would leave references dangling
 * is refused with each reference, nothing written.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { omniIn, repo } from './helpers.js';
import { EDIT, git } from './into-harness.js';
import { inCi, python, runPython } from './tools.js';

/** The built binary, spawned: what users run (one case here; the others call the same run() in process). */
const spawnedOmni = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bin/omni.js'), ...args], { encoding: 'utf8', cwd });
const omni = omniIn;

async function setUp(): Promise<{ ws: string; xlsx: string; dir: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omni-rows-cli-'));
  const ws = path.join(dir, 'ws');
  cpSync(path.join(repo, 'examples/maison-lumen'), ws, { recursive: true });
  git(ws, 'init', '-q');
  git(ws, 'add', '-A');
  git(ws, 'commit', '-qm', 'init');
  const xlsx = path.join(dir, 'plan.xlsx');
  expect((await omni(dir, 'export', ws, '--xlsx', xlsx)).status).toBe(0);
  return { ws, xlsx, dir };
}

function edit(dir: string, xlsx: string, ops: Record<string, unknown>[]): string {
  const out = path.join(dir, `edited-${Math.random().toString(36).slice(2)}.xlsx`);
  writeFileSync(path.join(dir, 'ops.json'), JSON.stringify([{ ops, out }]));
  runPython(EDIT, xlsx, path.join(dir, 'ops.json'));
  return out;
}

const M = 'Parcours client';
const UC = "Cas d'usage";
const S = 'Spécification des scénarios';
const D = 'Besoins en données';

describe.skipIf(!python && !inCi)('omni import --into, added and deleted rows (built CLI)', () => {
  test('a new stage, touchpoint, use case, scenario (with its variable) and programme: applied, lint clean, export(import(export)) byte-identical', async () => {
    const { ws, xlsx, dir } = await setUp();
    const edited = edit(dir, xlsx, [
      { sheet: M, insertCol: 5 },
      { sheet: M, cell: 'E4', value: 'Je réserve' },
      { sheet: M, cell: 'E5', value: 'Réservation en ligne', fill: 'C6EFCE' },
      { sheet: UC, append: { 1: 'Conversion en ligne', 2: 'Conversion', 3: 'Réserver en ligne, retirer en magasin', 4: 'Réservation en ligne', 5: 4, 6: 4, 7: 2 } },
      { sheet: S, append: { 1: 'Fidélisation' } },
      {
        sheet: S,
        append: {
          2: 'Réservation confirmée',
          3: 'Réserver en ligne, retirer en magasin',
          4: 'Tous les contacts',
          5: 'Événement',
          6: 'reservation_made',
          7: 'order_placed',
          10: '0',
          11: 'Email',
          13: 'Votre réservation',
          14: 'Bonjour {{first_name}}, votre article vous attend.',
        },
      },
      { sheet: D, append: { 1: 'Réservation confirmée', 3: 'Prénom' } },
      { sheet: D, append: { 3: 'Consentement email' } },
    ]);
    const run = await omni(dir, 'import', '--xlsx', edited, '--into', ws, '--locale', 'en');
    expect(run.stderr).toBe(`omni: applied 5 edits from ${edited}; run \`git diff\` to review them\n`);
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toEqual(
      ['matrix.yaml', 'programs.yaml', 'scenarios/reservation-confirmee.yaml', 'use-cases.yaml'].map((name) => path.join(ws, name)),
    );
    expect(git(ws, 'status', '--porcelain').stdout).toBe(' M matrix.yaml\n M programs.yaml\n M use-cases.yaml\n?? scenarios/reservation-confirmee.yaml\n');
    expect(readFileSync(path.join(ws, 'scenarios/reservation-confirmee.yaml'), 'utf8')).toBe(
      [
        '# yaml-language-server: $schema=../../../schemas/model.schema.json',
        '',
        'scenarios:',
        '  - id: reservation-confirmee',
        '    name: Réservation confirmée',
        '    program: fidelisation',
        '    lifecycle: relationship',
        '    target: tous',
        '    useCases: [reserver-en-ligne-retirer-en-magasin]',
        '    trigger:',
        '      type: event',
        '      event: reservation_made',
        '    exit: [order_placed]',
        '    variables:',
        '      - first_name',
        '      - email_optin',
        '    steps:',
        '      - after: "0"',
        '        channel: email',
        '        subject: Votre réservation',
        '        message: Bonjour {{first_name}}, votre article vous attend.',
        '',
      ].join('\n'),
    );
    const lint = await omni(dir, 'lint', ws);
    expect(lint.stdout).toBe('');
    expect(lint.status).toBe(0);
    // The updated workspace exports, imports and exports again to the same bytes.
    const exported = path.join(dir, 'again.xlsx');
    expect((await omni(dir, 'export', ws, '--xlsx', exported)).status).toBe(0);
    const out = path.join(dir, 'imported');
    expect((await omni(dir, 'import', '--xlsx', exported, '--out', out)).status).toBe(0);
    const twice = path.join(dir, 'twice.xlsx');
    expect((await omni(dir, 'export', out, '--xlsx', twice)).status).toBe(0);
    expect(readFileSync(twice).equals(readFileSync(exported))).toBe(true);
    // And the re-exported workbook, imported --into the updated workspace, has nothing to apply.
    expect((await omni(dir, 'import', '--xlsx', exported, '--into', ws, '--locale', 'en')).stderr).toBe('omni: the workbook has no edit to apply\n');
  });

  test('a deleted channel row whose channel steps still use: refused, each dangling reference listed, nothing written', async () => {
    const { ws, xlsx, dir } = await setUp();
    const edited = edit(dir, xlsx, [{ sheet: M, deleteRows: 14, count: 1 }]);
    const run = await omni(dir, 'import', '--xlsx', edited, '--into', ws);
    expect(run.status).toBe(1);
    const lines = run.stderr.split('\n').filter(Boolean);
    expect(lines.slice(-2)).toEqual([
      expect.stringMatching(/^omni: (1 référence resterait orpheline|[2-9]\d* références resteraient orphelines) après les suppressions ; rien n’est écrit$/),
      'omni: supprimez ou modifiez aussi ces références dans le classeur (par exemple retirez le cas d’usage de la cellule du scénario), ou modifiez le YAML, puis importez à nouveau',
    ]);
    expect(lines[0]).toMatch(/^omni: .*scenarios\/reciblage-social\.yaml:\d+:\d+: .*reseaux-sociaux.* \(unknown-reference\)$/);
    expect(git(ws, 'status', '--porcelain').stdout).toBe('');
  });

  test('a deleted use case row: refused while a scenario names it, applied once its cell is cleared too', async () => {
    const { ws, xlsx, dir } = await setUp();
    const refused = spawnedOmni(dir, 'import', '--xlsx', edit(dir, xlsx, [{ sheet: UC, deleteKey: 'social-achetable' }]), '--into', ws);
    expect(refused.status).toBe(1);
    expect(refused.stderr.split('\n')[0]).toMatch(/^omni: .*scenarios\/reciblage-social\.yaml:9:\d+: .*social-achetable.* \(unknown-reference\)$/);
    expect(git(ws, 'status', '--porcelain').stdout).toBe('');
    const both = edit(dir, xlsx, [
      { sheet: UC, deleteKey: 'social-achetable' },
      { sheet: S, key: 'reciblage-social#0', col: 3, value: null },
    ]);
    const run = await omni(dir, 'import', '--xlsx', both, '--into', ws, '--locale', 'en');
    expect(run.stderr).toBe(`omni: applied 2 edits from ${both}; run \`git diff\` to review them\n`);
    expect(run.status).toBe(0);
    expect(git(ws, 'diff', '--stat').stdout).toContain('2 files changed');
    expect(existsSync(path.join(ws, 'use-cases.yaml'))).toBe(true);
  });
});

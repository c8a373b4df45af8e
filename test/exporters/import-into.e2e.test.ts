/**
 * `omni import --into`: a workbook edited by independent tools (openpyxl, LibreOffice)
 * comes back as exactly the edited YAML lines, one golden case per editable field.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { applyEdits } from '../../src/exporters/apply-edits.js';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { dataSheetModel, importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { workbookEdits } from '../../src/exporters/workbook-edits.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { repo } from './helpers.js';
import { inCi, python, runPython } from './tools.js';

const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { encoding: 'utf8', cwd });

/** A copy of the example in a git repository of its own, and its exported workbook. */
async function workspaceCopy(): Promise<{ dir: string; xlsx: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omni-into-'));
  cpSync(path.join(repo, 'examples/maison-lumen'), path.join(dir, 'ws'), { recursive: true });
  const ws = path.join(dir, 'ws');
  git(ws, 'init', '-q');
  git(ws, 'add', '-A');
  git(ws, 'commit', '-qm', 'init');
  const workspace = await loadWorkspace(ws);
  const lint = await lintWorkspace(workspace);
  const xlsx = path.join(dir, 'plan.xlsx');
  writeFileSync(xlsx, await writeXlsx(buildWorkbook(workspace.model, summariseLint(lint.diagnostics))));
  return { dir: ws, xlsx };
}

/**
 * Edits a workbook with openpyxl. Ops: {sheet, key, col, value} sets the cell of the row
 * whose hidden key is `key`; {sheet, cell, value}; {sheet, cell, fill}; {sheet, deleteKey};
 * {sheet, insertAfterKey, values: {col: value}}; {sheet, append: {col: value}}.
 */
const EDIT = `
import json, sys, openpyxl
from openpyxl.styles import PatternFill
source, ops_path = sys.argv[1], sys.argv[2]
for case in json.load(open(ops_path)):
    book = openpyxl.load_workbook(source)
    for op in case['ops']:
        ws = book[op['sheet']]
        key_col = {"Cas d'usage": 11, 'Spécification des scénarios': 16, 'Besoins en données': 6}.get(op['sheet'])
        def row_of(key):
            for r in range(1, ws.max_row + 1):
                if ws.cell(row=r, column=key_col).value == key:
                    return r
            raise SystemExit('no row with key ' + key)
        if 'key' in op:
            ws.cell(row=row_of(op['key']), column=op['col']).value = op['value']
        elif 'fill' in op:
            ws[op['cell']].fill = PatternFill('solid', fgColor='FF' + op['fill'])
        elif 'cell' in op:
            ws[op['cell']] = op['value']
        elif 'deleteKey' in op:
            ws.delete_rows(row_of(op['deleteKey']))
        elif 'insertAfterKey' in op:
            r = row_of(op['insertAfterKey']) + 1
            ws.insert_rows(r)
            for col, value in op['values'].items():
                ws.cell(row=r, column=int(col)).value = value
        elif 'append' in op:
            r = ws.max_row + 1
            for col, value in op['append'].items():
                ws.cell(row=r, column=int(col)).value = value
    book.save(case['out'])
`;

/** Lines removed and added per file, in file order (a plain LCS line diff). */
function lineDiff(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) out.push(`+${b[j++]}`);
    else out.push(`-${a[i++]}`);
  }
  return out;
}

/** Runs the --into pipeline in process: file → removed/added lines, plus warnings and conflicts. */
async function applied(ws: string, xlsx: string) {
  const workbook = await readXlsx(readFileSync(xlsx));
  const result = importWorkbook(workbook);
  const base = dataSheetModel(result.settings, result.sections, result.defaultLifecycle === true);
  const edits = workbookEdits(workbook, buildWorkbook(base, { errors: 0, warnings: 0, rules: [] }, { editTargets: true }), base);
  const current = await loadWorkspace(ws);
  const { files, conflicts, warnings } = applyEdits(current.model, result.records!, edits, (name) => readFileSync(path.join(ws, name), 'utf8'));
  const diff: Record<string, string[]> = {};
  for (const [name, text] of files) diff[name] = lineDiff(readFileSync(path.join(ws, name), 'utf8'), text);
  return { diff, conflicts: conflicts.map((c) => c.message), warnings: [...edits.warnings, ...warnings] };
}

interface Case {
  field: string;
  ops: Record<string, unknown>[];
  diff: Record<string, string[]>;
}

const UC = "Cas d'usage";
const SPEC = 'Spécification des scénarios';
const DATA = 'Besoins en données';
const CASES: Case[] = [
  {
    field: 'use case name',
    ops: [{ sheet: UC, key: 'relance-panier', col: 3, value: 'Relancer les paniers abandonnés' }],
    diff: { 'use-cases.yaml': ['-    name: Relancer les paniers abandonnés par email puis par SMS', '+    name: Relancer les paniers abandonnés'] },
  },
  {
    field: 'category',
    ops: [{ sheet: UC, key: 'relance-panier', col: 1, value: 'Conversion' }],
    diff: { 'use-cases.yaml': ['-    category: Conversion en ligne', '+    category: Conversion'] },
  },
  {
    field: 'objective',
    ops: [{ sheet: UC, key: 'stock-temps-reel', col: 2, value: 'Trafic magasin' }],
    diff: { 'use-cases.yaml': ['-    objective: Conversion', '+    objective: Trafic magasin'] },
  },
  {
    field: 'touchpoints',
    ops: [{ sheet: UC, key: 'stock-temps-reel', col: 4, value: 'Disponibilité en magasin sur la fiche produit' }],
    diff: { 'use-cases.yaml': ['-      - service-client-chat-stock'] },
  },
  { field: 'business score', ops: [{ sheet: UC, key: 'relance-panier', col: 5, value: 1 }], diff: { 'use-cases.yaml': ['-      business: 5', '+      business: 1'] } },
  {
    field: 'experience score',
    ops: [{ sheet: UC, key: 'relance-panier', col: 6, value: 4 }],
    diff: { 'use-cases.yaml': ['-      experience: 3', '+      experience: 4'] },
  },
  {
    field: 'difficulty score',
    ops: [{ sheet: UC, key: 'stock-temps-reel', col: 7, value: 2 }],
    diff: { 'use-cases.yaml': ['-      difficulty: 4', '+      difficulty: 2'] },
  },
  { field: 'fixed rank (priority)', ops: [{ sheet: UC, key: 'stock-temps-reel', col: 10, value: 2 }], diff: { 'use-cases.yaml': ['+    priority: 2'] } },
  {
    field: 'touchpoint status (fill colour)',
    ops: [{ sheet: 'Parcours client', cell: 'B5', fill: 'F8CBAD' }],
    diff: { 'matrix.yaml': ['-    status: normal', '+    status: friction'] },
  },
  {
    field: 'touchpoint name',
    ops: [{ sheet: 'Parcours client', cell: 'B5', value: 'Pages inspiration' }],
    diff: { 'matrix.yaml': ['-    name: Pages inspiration et guides déco', '+    name: Pages inspiration'] },
  },
  {
    field: 'stage name',
    ops: [{ sheet: 'Parcours client', cell: 'B4', value: 'Je découvre' }],
    diff: { 'matrix.yaml': ['-    name: Je me renseigne', '+    name: Je découvre'] },
  },
  {
    field: 'channel name',
    ops: [{ sheet: 'Parcours client', cell: 'A5', value: 'Site internet' }],
    diff: { 'matrix.yaml': ['-    name: Site web', '+    name: Site internet'] },
  },
  {
    field: 'lifecycle stage name',
    ops: [{ sheet: 'Cartographie des scénarios', cell: 'B3', value: 'Accueil' }],
    diff: { 'programs.yaml': ['-    name: Bienvenue', '+    name: Accueil'] },
  },
  {
    field: 'target name',
    ops: [{ sheet: 'Cartographie des scénarios', cell: 'A4', value: 'Tout le monde' }],
    diff: { 'programs.yaml': ['-    name: Tous les contacts', '+    name: Tout le monde'] },
  },
  {
    field: 'scenario name',
    ops: [{ sheet: SPEC, key: 'alerte-stock#0', col: 2, value: 'Alerte stock' }],
    diff: { 'scenarios/alerte-stock.yaml': ['-    name: Alerte retour en stock', '+    name: Alerte stock'] },
  },
  {
    field: 'scenario use cases',
    ops: [
      {
        sheet: SPEC,
        key: 'alerte-stock#0',
        col: 3,
        value: 'Afficher le stock des magasins en temps réel sur le site et au service client\nRelancer les paniers abandonnés par email puis par SMS',
      },
    ],
    diff: { 'scenarios/alerte-stock.yaml': ['-    useCases: [stock-temps-reel]', '+    useCases: [stock-temps-reel, relance-panier]'] },
  },
  {
    field: 'scenario target',
    ops: [{ sheet: SPEC, key: 'alerte-stock#0', col: 4, value: 'Membres Lumen+' }],
    diff: { 'scenarios/alerte-stock.yaml': ['-    target: tous', '+    target: fideles'] },
  },
  {
    field: 'trigger type',
    ops: [{ sheet: SPEC, key: 'alerte-stock#0', col: 5, value: 'Comportement' }],
    diff: { 'scenarios/alerte-stock.yaml': ['-      type: event', '+      type: behavior'] },
  },
  {
    field: 'trigger event',
    ops: [{ sheet: SPEC, key: 'alerte-stock#0', col: 6, value: 'stock_back' }],
    diff: { 'scenarios/alerte-stock.yaml': ['-      event: product_back_in_stock', '+      event: stock_back'] },
  },
  {
    field: 'exit criteria',
    ops: [{ sheet: SPEC, key: 'alerte-stock#0', col: 7, value: 'order_placed' }],
    diff: { 'scenarios/alerte-stock.yaml': ['-    exit: [order_placed, product_discontinued]', '+    exit: [order_placed]'] },
  },
  {
    field: 'scenario goal',
    ops: [{ sheet: SPEC, key: 'alerte-stock#0', col: 8, value: 'Achat du produit revenu' }],
    diff: { 'scenarios/alerte-stock.yaml': ['-    goal: order_placed', '+    goal: Achat du produit revenu'] },
  },
  {
    field: 'step delay',
    ops: [{ sheet: SPEC, key: 'alerte-stock#1', col: 10, value: '24h' }],
    diff: { 'scenarios/alerte-stock.yaml': ['-      - after: 12h', '+      - after: 24h'] },
  },
  {
    field: 'step channel',
    ops: [{ sheet: SPEC, key: 'alerte-stock#1', col: 11, value: 'Email' }],
    diff: { 'scenarios/alerte-stock.yaml': ['-        channel: push', '+        channel: email'] },
  },
  {
    field: 'step name (action)',
    ops: [{ sheet: SPEC, key: 'alerte-stock#1', col: 12, value: 'Rappel du stock' }],
    diff: { 'scenarios/alerte-stock.yaml': ['+        name: Rappel du stock'] },
  },
  {
    field: 'step subject',
    ops: [{ sheet: SPEC, key: 'alerte-stock#1', col: 13, value: 'Dernières pièces' }],
    diff: { 'scenarios/alerte-stock.yaml': ['+        subject: Dernières pièces'] },
  },
  {
    field: 'step message (quoting kept)',
    ops: [{ sheet: SPEC, key: 'alerte-stock#0', col: 14, value: 'Bonne nouvelle {{first_name}} : {{product_name}} est disponible.' }],
    diff: {
      'scenarios/alerte-stock.yaml': [
        '-        message: "Bonne nouvelle {{first_name}} : {{product_name}} est de nouveau disponible. {{product_url}}"',
        '+        message: "Bonne nouvelle {{first_name}} : {{product_name}} est disponible."',
      ],
    },
  },
  {
    field: 'step details',
    ops: [{ sheet: SPEC, key: 'alerte-stock#1', col: 15, value: 'Seulement sous 50 km' }],
    diff: { 'scenarios/alerte-stock.yaml': ['+        description: Seulement sous 50 km'] },
  },
  {
    field: 'added step row',
    ops: [{ sheet: SPEC, insertAfterKey: 'alerte-stock#1', values: { 10: 'J+3', 11: 'Email', 13: 'Toujours là', 14: 'Dernier rappel' } }],
    diff: { 'scenarios/alerte-stock.yaml': ['+      - after: J+3', '+        channel: email', '+        subject: Toujours là', '+        message: Dernier rappel'] },
  },
  {
    field: 'deleted step row',
    ops: [{ sheet: SPEC, deleteKey: 'alerte-stock#1' }],
    diff: {
      'scenarios/alerte-stock.yaml': [
        '-      - after: 12h',
        '-        channel: push',
        '-        message: "Plus que {{store_stock}} exemplaires de {{product_name}} à {{preferred_store}}. Réservez-le en 1 clic."',
      ],
    },
  },
  {
    field: 'scenario description (data tab)',
    ops: [{ sheet: DATA, key: 'alerte-stock/first_name', col: 2, value: 'Retour en stock d’un produit suivi.' }],
    diff: { 'scenarios/alerte-stock.yaml': ['+    description: Retour en stock d’un produit suivi.'] },
  },
  {
    field: 'variable name',
    ops: [{ sheet: DATA, key: 'alerte-stock/product_name', col: 3, value: 'Nom du produit' }],
    diff: { 'data.yaml': ['-    name: Nom du produit suivi', '+    name: Nom du produit'] },
  },
  {
    field: 'variable sources',
    ops: [{ sheet: DATA, key: 'alerte-stock/product_name', col: 4, value: 'Plateforme e-commerce\nCRM' }],
    diff: { 'data.yaml': ['-    sources: [ecommerce]', '+    sources: [ecommerce, crm]'] },
  },
  { field: 'variable pii', ops: [{ sheet: DATA, key: 'alerte-stock/product_name', col: 5, value: 'Oui' }], diff: { 'data.yaml': ['+    pii: true'] } },
  {
    field: 'variable removed from a scenario (data row deleted)',
    ops: [{ sheet: DATA, deleteKey: 'alerte-stock/store_stock' }],
    diff: { 'scenarios/alerte-stock.yaml': ['-      - store_stock'] },
  },
  {
    field: 'deleted use case row',
    ops: [{ sheet: UC, deleteKey: 'social-achetable' }],
    diff: {
      'use-cases.yaml': [
        '-  - id: social-achetable',
        '-    name: Rendre les publications sociales achetables et recibler les visiteurs',
        '-    category: Acquisition',
        '-    objective: Conversion',
        '-    touchpoints:',
        '-      - reseaux-inspiration',
        '-    scores:',
        '-      business: 3',
        '-      experience: 3',
        '-      difficulty: 3',
        '-',
      ],
    },
  },
  {
    field: 'added use case row (id derived from the name)',
    ops: [{ sheet: UC, append: { 1: 'Service', 3: 'Prendre rendez-vous en ligne', 4: 'Pages inspiration et guides déco', 5: 4, 6: 4, 7: 2 } }],
    diff: {
      'use-cases.yaml': [
        '+  - id: prendre-rendez-vous-en-ligne',
        '+    name: Prendre rendez-vous en ligne',
        '+    category: Service',
        '+    touchpoints:',
        '+      - site-inspiration',
        '+    scores:',
        '+      business: 4',
        '+      experience: 4',
        '+      difficulty: 2',
      ],
    },
  },
];

describe.skipIf(!python && !inCi)('omni import --into, edits made with openpyxl', () => {
  let ws: string;
  let xlsx: string;
  const outputs = new Map<string, string>();
  beforeAll(async () => {
    ({ dir: ws, xlsx } = await workspaceCopy());
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-into-cases-'));
    const cases = CASES.map((c, index) => ({ ops: c.ops, out: path.join(dir, `case-${index}.xlsx`) }));
    CASES.forEach((c, index) => outputs.set(c.field, cases[index]!.out));
    writeFileSync(path.join(dir, 'ops.json'), JSON.stringify(cases));
    runPython(EDIT, xlsx, path.join(dir, 'ops.json'));
  }, 120_000);

  for (const c of CASES) {
    test(c.field, async () => {
      const { diff, conflicts, warnings } = await applied(ws, outputs.get(c.field)!);
      expect(conflicts).toEqual([]);
      expect(warnings).toEqual([]);
      expect(diff).toEqual(c.diff);
    });
  }
});

describe.skipIf(!python && !inCi)('omni import --into, an English workbook', () => {
  test('the English tabs and labels are read the same way (a score, a trigger type)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-into-en-'));
    const ws = path.join(dir, 'ws');
    cpSync(path.join(repo, 'examples/gaps'), ws, { recursive: true });
    const workspace = await loadWorkspace(ws);
    const xlsx = path.join(dir, 'gaps.xlsx');
    writeFileSync(xlsx, await writeXlsx(buildWorkbook(workspace.model, summariseLint((await lintWorkspace(workspace)).diagnostics))));
    const scenario = workspace.model.scenarios[0]!;
    const edited = path.join(dir, 'edited.xlsx');
    writeFileSync(
      path.join(dir, 'ops.json'),
      JSON.stringify([
        {
          out: edited,
          ops: [
            { sheet: 'Use cases', key: 'cart-recovery', col: 5, value: 4 },
            { sheet: 'Scenario specification', key: `${scenario.id}#0`, col: 5, value: 'Event' },
          ],
        },
      ]),
    );
    runPython(
      EDIT.replace(
        `{"Cas d'usage": 11, 'Spécification des scénarios': 16, 'Besoins en données': 6}`,
        `{'Use cases': 11, 'Scenario specification': 16, 'Data requirements': 6}`,
      ),
      xlsx,
      path.join(dir, 'ops.json'),
    );
    const { diff, conflicts, warnings } = await applied(ws, edited);
    expect(conflicts).toEqual([]);
    expect(warnings).toEqual([]);
    expect(diff).toEqual({ 'plan.yaml': ['-      business: 5', '+      business: 4'], 'scenarios.yaml': ['-      type: behavior', '+      type: event'] });
  });
});

/**
 * `omni import --into`: a workbook edited by independent tools (openpyxl, LibreOffice)
 * comes back as exactly the edited YAML lines, one golden case per editable field.
 */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { repo } from './helpers.js';
import { applied, EDIT, workspaceCopy } from './into-harness.js';
import { inCi, python, runPython } from './tools.js';

interface Case {
  field: string;
  ops: Record<string, unknown>[];
  diff: Record<string, string[]>;
  /** What the import says of the edit (none for most). */
  warnings?: string[];
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
    // Excel's "Orange, Accent 2, Lighter 40%": not a legend colour, an orange by its hue.
    field: 'touchpoint status from a shade outside the legend, read by its hue',
    ops: [{ sheet: 'Parcours client', cell: 'B5', fill: 'F4B084' }],
    diff: { 'matrix.yaml': ['-    status: normal', '+    status: friction'] },
    warnings: ['Parcours client!B5: la couleur de fond F4B084 n’est pas une couleur de statut de la légende ; lue d’après sa teinte comme status: friction'],
  },
  {
    field: 'touchpoint status left alone for a colour the legend has no hue for',
    ops: [{ sheet: 'Parcours client', cell: 'B5', fill: '4472C4' }],
    diff: {},
    warnings: ['Parcours client!B5: la couleur de fond 4472C4 n’est pas une couleur de statut de la légende ; statut inchangé'],
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
    field: 'step delay typed in words, read as an offset',
    ops: [{ sheet: SPEC, key: 'alerte-stock#1', col: 10, value: '2 jours' }],
    diff: { 'scenarios/alerte-stock.yaml': ['-      - after: 12h', '+      - after: 2d'] },
    warnings: ['Spécification des scénarios!J6: délai « 2 jours » lu comme 2d'],
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
      const { diff, conflicts, warnings } = await applied(ws, outputs.get(c.field)!, { context: false });
      expect(conflicts).toEqual([]);
      expect(warnings).toEqual(c.warnings ?? []);
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
    runPython(EDIT, xlsx, path.join(dir, 'ops.json'));
    const { diff, conflicts, warnings } = await applied(ws, edited, { context: false });
    expect(conflicts).toEqual([]);
    expect(warnings).toEqual([]);
    expect(diff).toEqual({ 'plan.yaml': ['-      business: 5', '+      business: 4'], 'scenarios.yaml': ['-      type: behavior', '+      type: event'] });
  });
});

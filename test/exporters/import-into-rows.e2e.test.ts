/**
 * `omni import --into`, rows (and columns) added and deleted in the visible tabs: each
 * becomes a new entity with a derived id, in the right file and place, or a deleted one;
 * the exact YAML diff of each case is its golden. Edits are made with openpyxl.
 */
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { applied, EDIT, workspaceCopy } from './into-harness.js';
import { inCi, python, runPython } from './tools.js';

interface Case {
  name: string;
  ops: Record<string, unknown>[];
  diff: Record<string, string[] | null>;
  warnings?: string[];
}

const M = 'Parcours client';
const MAP = 'Cartographie des scénarios';
const S = 'Spécification des scénarios';
const D = 'Besoins en données';

export const CASES: Case[] = [
  {
    name: 'matrix: a new stage column between two stages',
    ops: [
      { sheet: M, insertCol: 5 },
      { sheet: M, cell: 'E4', value: 'Je réserve' },
    ],
    diff: { 'matrix.yaml': ["     description: Inscription sur le site, dans l'application ou en caisse.", '+  - id: je-reserve', '+    name: Je réserve'] },
  },
  {
    name: 'matrix: a touchpoint typed in an empty cell, its status by its fill',
    ops: [{ sheet: M, cell: 'F5', value: 'Suivi de commande en ligne', fill: 'F8CBAD' }],
    diff: {
      'matrix.yaml': [
        '     status: normal',
        '+  - id: suivi-de-commande-en-ligne',
        '+    name: Suivi de commande en ligne',
        '+    stage: livraison',
        '+    channel: site',
        '+    status: friction',
      ],
    },
  },
  {
    name: 'matrix: a cleared touchpoint cell deletes the touchpoint',
    ops: [{ sheet: M, cell: 'B5', value: null }],
    diff: {
      'matrix.yaml': [
        '   # Je me renseigne',
        '-  - id: site-inspiration',
        '-    name: Pages inspiration et guides déco',
        '-    stage: renseignement',
        '-    channel: site',
        '-    status: normal',
      ],
    },
  },
  {
    name: 'matrix: a touchpoint moved to another cell keeps its id',
    ops: [
      { sheet: M, cell: 'G5', value: null },
      { sheet: M, cell: 'G7', value: 'Notices de montage et FAQ' },
    ],
    diff: { 'matrix.yaml': ['     stage: aide', '-    channel: site', '+    channel: app'] },
  },
  {
    name: 'matrix: a channel row inserted between two channels, with a touchpoint (nothing below misread as shifted)',
    ops: [
      { sheet: M, unmerge: true },
      { sheet: M, insertRow: 7, values: { 1: 'Borne en magasin', 5: 'Paiement sur borne' } },
    ],
    diff: {
      'matrix.yaml': [
        '     owner: Équipe e-commerce',
        '+  - id: borne-en-magasin',
        '+    name: Borne en magasin',
        '     status: normal',
        '+  - id: paiement-sur-borne',
        '+    name: Paiement sur borne',
        '+    stage: achat',
        '+    channel: borne-en-magasin',
        '+    status: normal',
      ],
    },
  },
  {
    name: 'matrix: a channel row appended',
    ops: [{ sheet: M, append: { 1: 'Courrier', 4: 'Carte de bienvenue' } }],
    diff: {
      'matrix.yaml': [
        '     owner: Équipe social media',
        '+  - id: courrier',
        '+    name: Courrier',
        '     status: normal',
        '+  - id: carte-de-bienvenue',
        '+    name: Carte de bienvenue',
        '+    stage: compte',
        '+    channel: courrier',
        '+    status: normal',
      ],
    },
  },
  {
    name: 'scenario map: a target row inserted between two targets',
    ops: [
      { sheet: MAP, unmerge: true },
      { sheet: MAP, insertRow: 10, values: { 1: 'Nouveaux clients' } },
    ],
    diff: {
      'programs.yaml': [
        '     definition: Tout contact identifié (compte en ligne, compte en caisse ou application).',
        '+  - id: nouveaux-clients',
        '+    name: Nouveaux clients',
      ],
    },
  },
  {
    name: 'scenario map: a lifecycle column inserted',
    ops: [
      { sheet: MAP, insertCol: 3 },
      { sheet: MAP, cell: 'C3', value: 'Découverte' },
    ],
    diff: { 'programs.yaml': ["     description: Les premiers jours après l'inscription ou le premier achat.", '+  - id: decouverte', '+    name: Découverte'] },
  },
  {
    name: 'specification: a step row typed between two steps of a straight scenario goes there, not at the end',
    ops: [{ sheet: S, insertAfterKey: 'alerte-stock#0', values: { 10: '6h', 11: 'Email', 13: 'Toujours là', 14: 'Plus que quelques exemplaires' } }],
    diff: {
      'scenarios/alerte-stock.yaml': [
        '         message: "Bonne nouvelle {{first_name}} : {{product_name}} est de nouveau disponible. {{product_url}}"',
        '+      - after: 6h',
        '+        channel: email',
        '+        subject: Toujours là',
        '+        message: Plus que quelques exemplaires',
      ],
    },
  },
  {
    name: 'specification: a new scenario row with two steps (its own file, beside its neighbour)',
    ops: [
      { sheet: S, unmerge: true },
      {
        sheet: S,
        insertAfterKey: 'alerte-stock#1',
        values: {
          2: 'Alerte baisse de prix',
          4: 'Tous les contacts',
          5: 'Événement',
          6: 'price_drop',
          7: 'order_placed',
          10: '0',
          11: 'Email',
          13: 'Le prix baisse',
          14: 'Le prix a baissé.',
        },
      },
      { sheet: S, insertRow: 8, values: { 10: 'J+2', 11: 'SMS', 14: 'Toujours moins cher.' } },
    ],
    diff: {
      'scenarios/alerte-baisse-de-prix.yaml': [
        '+# yaml-language-server: $schema=../../../schemas/model.schema.json',
        '+',
        '+scenarios:',
        '+  - id: alerte-baisse-de-prix',
        '+    name: Alerte baisse de prix',
        '+    program: conversion',
        '+    lifecycle: activation',
        '+    target: tous',
        '+    trigger:',
        '+      type: event',
        '+      event: price_drop',
        '+    exit: [order_placed]',
        '+    steps:',
        '+      - after: "0"',
        '+        channel: email',
        '+        subject: Le prix baisse',
        '+        message: Le prix a baissé.',
        '+      - after: J+2',
        '+        channel: sms',
        '+        message: Toujours moins cher.',
        '+',
      ],
    },
  },
  {
    name: 'specification: a new programme row with a new scenario under it',
    ops: [
      { sheet: S, append: { 1: 'Fidélisation' } },
      { sheet: S, append: { 2: 'Points bientôt expirés', 4: 'Membres Lumen+', 5: 'Événement', 6: 'points_expiring', 10: '0', 11: 'Email', 13: 'Vos points expirent' } },
    ],
    diff: {
      'scenarios/points-bientot-expires.yaml': [
        '+# yaml-language-server: $schema=../../../schemas/model.schema.json',
        '+',
        '+scenarios:',
        '+  - id: points-bientot-expires',
        '+    name: Points bientôt expirés',
        '+    program: fidelisation',
        '+    lifecycle: relationship',
        '+    target: fideles',
        '+    trigger:',
        '+      type: event',
        '+      event: points_expiring',
        '+    steps:',
        '+      - after: "0"',
        '+        channel: email',
        '+        subject: Vos points expirent',
        '+',
      ],
      'programs.yaml': ['     owner: Service client', '+  - id: fidelisation', '+    name: Fidélisation'],
    },
  },
  {
    name: 'specification: a programme renamed on its group row',
    ops: [{ sheet: S, cell: 'A4', value: 'Conversion en ligne' }],
    diff: { 'programs.yaml': ['   - id: conversion', '-    name: Conversion', '+    name: Conversion en ligne'] },
  },
  {
    name: 'specification: a scenario deleted (its rows), its own file removed',
    ops: [
      { sheet: S, unmerge: true },
      { sheet: S, deleteRows: 10, count: 3 },
    ],
    diff: { 'scenarios/reciblage-social.yaml': null },
  },
  {
    name: 'specification: a programme group row deleted while its scenarios remain is reported, not applied',
    ops: [
      { sheet: S, unmerge: true },
      { sheet: S, deleteRows: 16, count: 1 },
    ],
    diff: {},
    warnings: [
      'Spécification des scénarios: la ligne du programme « Activation » a été supprimée mais ses scénarios restent ; programme conservé (supprimez ou déplacez d’abord ses scénarios)',
    ],
  },
  {
    name: 'data: a new variable (id as written) with a known source, added to its scenario',
    ops: [{ sheet: D, insertAfterKey: 'alerte-stock/preferred_store', values: { 3: 'stock_level', 4: 'Plateforme e-commerce' } }],
    diff: {
      'scenarios/alerte-stock.yaml': ['       - preferred_store', '+      - stock_level'],
      'data.yaml': ['     sources: [fidelite]', '+  - id: stock_level', '+    name: stock_level', '+    sources: [ecommerce]'],
    },
  },
  {
    name: 'data: an existing variable added to a scenario by its name',
    ops: [{ sheet: D, insertAfterKey: 'alerte-stock/preferred_store', values: { 3: 'Date de naissance' } }],
    diff: { 'scenarios/alerte-stock.yaml': ['       - preferred_store', '+      - birth_date'] },
  },
  {
    name: 'data: a new variable with a new source',
    ops: [{ sheet: D, insertAfterKey: 'alerte-stock/preferred_store', values: { 3: 'wishlist_count', 4: 'Liste d’envies', 5: 'Oui' } }],
    diff: {
      'scenarios/alerte-stock.yaml': ['       - preferred_store', '+      - wishlist_count'],
      'data.yaml': [
        '     owner: Supply chain',
        '+  - id: liste-d-envies',
        '+    name: Liste d’envies',
        '     sources: [fidelite]',
        '+  - id: wishlist_count',
        '+    name: wishlist_count',
        '+    sources: [liste-d-envies]',
        '+    pii: true',
      ],
    },
  },
  {
    name: 'scenario map: a new scenario typed on the map gets its lifecycle stage and target from its cell',
    ops: [
      { sheet: MAP, cell: 'E10', value: 'Offre VIP' },
      { sheet: S, append: { 2: 'Offre VIP', 5: 'Événement', 6: 'vip_offer', 10: '0', 11: 'Email', 13: 'Une offre pour vous' } },
    ],
    diff: {
      'scenarios/offre-vip.yaml': [
        '+# yaml-language-server: $schema=../../../schemas/model.schema.json',
        '+',
        '+scenarios:',
        '+  - id: offre-vip',
        '+    name: Offre VIP',
        '+    program: satisfaction',
        '+    lifecycle: upsell',
        '+    target: fideles',
        '+    trigger:',
        '+      type: event',
        '+      event: vip_offer',
        '+    steps:',
        '+      - after: "0"',
        '+        channel: email',
        '+        subject: Une offre pour vous',
        '+',
      ],
    },
  },
  {
    name: 'matrix: a stage column deleted, with the touchpoints in it',
    ops: [{ sheet: M, deleteCol: 7 }],
    diff: {
      'matrix.yaml': [
        '     description: Livraison à domicile ou retrait click & collect en magasin.',
        '-  - id: aide',
        "-    name: Je demande de l'aide",
        '-    description: Montage, pièce manquante, casse, retard, retour produit.',
        ' ',
        "-  # Je demande de l'aide",
        '-  - id: site-notices',
        '-    name: Notices de montage et FAQ',
        '-    stage: aide',
        '-    channel: site',
        '-    status: normal',
        '-  - id: service-client-sav',
        '-    name: Réclamation SAV (pièce manquante, casse)',
        '-    description: Le client doit réexpliquer son problème à chaque appel.',
        '-    stage: aide',
        '-    channel: service-client',
        '-    status: friction',
        '-  - id: reseaux-messages',
        '-    name: Réclamation en message privé',
        '-    stage: aide',
        '-    channel: reseaux-sociaux',
        '-    status: friction',
        '-  - id: email-satisfaction',
        '-    name: Enquête de satisfaction après résolution',
        '-    stage: aide',
        '-    channel: email',
        '-    status: opportunity',
        '-',
      ],
    },
  },
  {
    name: 'matrix: a channel row deleted, with the touchpoints in it',
    ops: [{ sheet: M, deleteRows: 14, count: 1 }],
    diff: {
      'matrix.yaml': [
        '     owner: Direction des magasins',
        '-  - id: reseaux-sociaux',
        '-    name: Réseaux sociaux',
        '-    type: online',
        '-    requiresConsent: false',
        '-    owner: Équipe social media',
        '     status: opportunity',
        '-  - id: reseaux-inspiration',
        '-    name: Publications Instagram et Pinterest',
        '-    description: Les publications renvoient vers le profil, pas vers la fiche produit.',
        '-    stage: renseignement',
        '-    channel: reseaux-sociaux',
        '-    status: opportunity',
        '     status: friction',
        '-  - id: reseaux-messages',
        '-    name: Réclamation en message privé',
        '-    stage: aide',
        '-    channel: reseaux-sociaux',
        '-    status: friction',
        '     status: normal',
        '-  - id: reseaux-photos-clients',
        '-    name: "Photos clients partagées avec #MaisonLumen"',
        '-    stage: retour',
        '-    channel: reseaux-sociaux',
        '-    status: normal',
      ],
    },
  },
  {
    name: 'scenario map: a target row deleted',
    ops: [
      { sheet: MAP, unmerge: true },
      { sheet: MAP, deleteRows: 14, count: 2 },
    ],
    diff: {
      'programs.yaml': [
        '     definition: Contacts inscrits au programme de fidélité Lumen+ avec au moins un achat sur 12 mois.',
        '-  - id: grands-projets',
        '-    name: Grands projets',
        '-    definition: Contacts avec un panier ou un devis de plus de 1 500 € dans les 60 derniers jours.',
      ],
    },
  },
  {
    name: 'scenario map: a lifecycle column deleted',
    ops: [{ sheet: MAP, deleteCol: 5 }],
    diff: {
      'programs.yaml': [
        '     description: Entretenir la relation entre deux achats.',
        '-  - id: upsell',
        '-    name: Upsell',
        '-    description: Faire grandir le panier et la valeur du client.',
      ],
    },
  },
  {
    name: 'specification: a programme deleted with all its scenarios (their files removed)',
    ops: [
      { sheet: S, unmerge: true },
      { sheet: S, deleteRows: 22, count: 17 },
    ],
    diff: {
      'programs.yaml': [
        '     owner: Équipe CRM',
        '-  - id: upsell',
        '-    name: Upsell',
        "-    objective: Augmenter le panier moyen et la fréquence d'achat.",
        '-    owner: Équipe CRM',
      ],
      'scenarios/anniversaire.yaml': null,
      'scenarios/produits-complementaires.yaml': null,
      'scenarios/rdv-conseiller.yaml': null,
    },
  },
  {
    name: 'specification: the rows of a scenario moved under another programme move the scenario',
    ops: [
      { sheet: S, unmerge: true },
      { sheet: S, moveKeys: ['proximite-magasin#0', 'proximite-magasin#1'], beforeKey: 'anniversaire#0' },
    ],
    diff: { 'scenarios/proximite-magasin.yaml': ["     name: Client Lumen+ à proximité d'un magasin", '-    program: activation', '+    program: upsell'] },
  },
  {
    name: 'specification: two new scenarios in a row, each in its own file',
    ops: [
      { sheet: S, unmerge: true },
      { sheet: S, insertAfterKey: 'alerte-stock#1', values: { 2: 'Alerte A', 4: 'Tous les contacts', 5: 'Événement', 6: 'a_happened', 10: '0', 11: 'Email', 13: 'A' } },
      { sheet: S, insertRow: 8, values: { 2: 'Alerte B', 4: 'Membres Lumen+', 5: 'Comportement', 6: 'b_happened' } },
    ],
    diff: {
      'scenarios/alerte-a.yaml': [
        '+# yaml-language-server: $schema=../../../schemas/model.schema.json',
        '+',
        '+scenarios:',
        '+  - id: alerte-a',
        '+    name: Alerte A',
        '+    program: conversion',
        '+    lifecycle: activation',
        '+    target: tous',
        '+    trigger:',
        '+      type: event',
        '+      event: a_happened',
        '+    steps:',
        '+      - after: "0"',
        '+        channel: email',
        '+        subject: A',
        '+',
      ],
      'scenarios/alerte-b.yaml': [
        '+# yaml-language-server: $schema=../../../schemas/model.schema.json',
        '+',
        '+scenarios:',
        '+  - id: alerte-b',
        '+    name: Alerte B',
        '+    program: conversion',
        '+    lifecycle: activation',
        '+    target: fideles',
        '+    trigger:',
        '+      type: behavior',
        '+      event: b_happened',
        '+    steps: []',
        '+',
      ],
    },
  },
  {
    name: 'specification: a new scenario row naming its programme in column A (a known one)',
    ops: [{ sheet: S, append: { 1: 'Upsell', 2: 'Réassort conseillé', 4: 'Grands projets', 5: 'Comportement', 6: 'restock_advised' } }],
    diff: {
      'scenarios/reassort-conseille.yaml': [
        '+# yaml-language-server: $schema=../../../schemas/model.schema.json',
        '+',
        '+scenarios:',
        '+  - id: reassort-conseille',
        '+    name: Réassort conseillé',
        '+    program: upsell',
        '+    lifecycle: relationship',
        '+    target: grands-projets',
        '+    trigger:',
        '+      type: behavior',
        '+      event: restock_advised',
        '+    steps: []',
        '+',
      ],
    },
  },
];

describe.skipIf(!python && !inCi)('omni import --into: added and deleted rows, one golden diff per entity kind', () => {
  let ws: string;
  const outputs = new Map<string, string>();
  beforeAll(async () => {
    let xlsx: string;
    ({ dir: ws, xlsx } = await workspaceCopy());
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-into-rows-'));
    const cases = CASES.map((c, index) => ({ ops: c.ops, out: path.join(dir, `case-${index}.xlsx`) }));
    CASES.forEach((c, index) => outputs.set(c.name, cases[index]!.out));
    writeFileSync(path.join(dir, 'ops.json'), JSON.stringify(cases));
    runPython(EDIT, xlsx, path.join(dir, 'ops.json'));
  }, 120_000);

  for (const c of CASES) {
    test(c.name, async () => {
      const { diff, conflicts, warnings } = await applied(ws, outputs.get(c.name)!);
      if (process.env.PRINT_DIFF) appendFileSync(process.env.PRINT_DIFF, `${JSON.stringify({ name: c.name, diff, warnings, conflicts })}\n`);
      expect(conflicts).toEqual([]);
      expect(warnings).toEqual(c.warnings ?? []);
      expect(diff).toEqual(c.diff);
    });
  }
});

const GAPS_CASES: Case[] = [
  {
    name: 'gaps (English, scenarios in one file): a new scenario goes right after its neighbour in that file',
    ops: [
      { sheet: 'Scenario specification', unmerge: true },
      {
        sheet: 'Scenario specification',
        insertAfterKey: 'browse-abandoned#2',
        values: { 2: 'Price drop', 4: 'All contacts', 5: 'Event', 6: 'price_dropped', 10: '0', 11: 'Email', 13: 'Price drop' },
      },
    ],
    diff: {
      'scenarios.yaml': [
        '                     percent: 40',
        '+  - id: price-drop',
        '+    name: Price drop',
        '+    program: conversion',
        '+    lifecycle: activation',
        '+    target: all',
        '+    trigger:',
        '+      type: event',
        '+      event: price_dropped',
        '+    steps:',
        '+      - after: "0"',
        '+        channel: email',
        '+        subject: Price drop',
      ],
    },
  },
  {
    name: 'gaps: a deleted row of the unused-variables block deletes the variable',
    ops: [{ sheet: 'Data requirements', deleteKey: '/shoe_size' }],
    diff: { 'data.yaml': ['     sources: []', '-  # gap: unused-variable', '-  - id: shoe_size', '-    name: Shoe size', '-    sources: [crm]'] },
  },
];

describe.skipIf(!python && !inCi)('omni import --into: deleting what changed in the YAML since the export', () => {
  test('a deleted use case row whose use case was edited in the YAML since the export is a conflict: nothing written', async () => {
    const { dir: ws, xlsx } = await workspaceCopy();
    const useCases = path.join(ws, 'use-cases.yaml');
    writeFileSync(useCases, readFileSync(useCases, 'utf8').replace('    category: Acquisition\n', '    category: Acquisition sociale\n'));
    const out = path.join(path.dirname(ws), 'edited.xlsx');
    writeFileSync(path.join(path.dirname(ws), 'ops.json'), JSON.stringify([{ ops: [{ sheet: "Cas d'usage", deleteKey: 'social-achetable' }], out }]));
    runPython(EDIT, xlsx, path.join(path.dirname(ws), 'ops.json'));
    const { diff, conflicts } = await applied(ws, out);
    expect(conflicts).toEqual([
      "Cas d'usage (ligne de « Rendre les publications sociales achetables et recibler les visiteurs » supprimée): cas d’usage « social-achetable » a changé dans le YAML depuis l’export (use-cases.yaml) ; modifiez-le là ou exportez à nouveau",
    ]);
    expect(diff).toEqual({});
  });
});

describe.skipIf(!python && !inCi)('omni import --into: ids of new rows never collide with the YAML as it is now', () => {
  test('a stage added in the YAML since the export takes the id: the new column gets the next one', async () => {
    const { dir: ws, xlsx } = await workspaceCopy();
    const matrix = path.join(ws, 'matrix.yaml');
    writeFileSync(matrix, readFileSync(matrix, 'utf8').replace('\nchannels:\n', '  - id: je-reserve\n    name: Réservation (YAML)\n\nchannels:\n'));
    const out = path.join(path.dirname(ws), 'edited.xlsx');
    writeFileSync(
      path.join(path.dirname(ws), 'ops.json'),
      JSON.stringify([
        {
          ops: [
            { sheet: M, insertCol: 5 },
            { sheet: M, cell: 'E4', value: 'Je réserve' },
          ],
          out,
        },
      ]),
    );
    runPython(EDIT, xlsx, path.join(path.dirname(ws), 'ops.json'));
    const { diff, conflicts, warnings } = await applied(ws, out);
    expect(conflicts).toEqual([]);
    expect(warnings).toEqual([]);
    expect(diff).toEqual({
      'matrix.yaml': ["     description: Inscription sur le site, dans l'application ou en caisse.", '+  - id: je-reserve-2', '+    name: Je réserve'],
    });
  });
});

describe.skipIf(!python && !inCi)('omni import --into: the first entity of a section the workspace does not declare yet', () => {
  test('a new source when no file declares sources: a sources section in the file of the variables', async () => {
    const { dir: ws, xlsx } = await workspaceCopy('examples/gaps', (folder) => {
      const data = path.join(folder, 'data.yaml');
      const text = readFileSync(data, 'utf8');
      writeFileSync(data, text.slice(0, text.indexOf('sources:')) + text.slice(text.indexOf('variables:')));
    });
    const out = path.join(path.dirname(ws), 'edited.xlsx');
    const ops = [{ sheet: 'Data requirements', insertAfterKey: 'welcome/email_optin', values: { 3: 'app_version', 4: 'Mobile app' } }];
    writeFileSync(path.join(path.dirname(ws), 'ops.json'), JSON.stringify([{ ops, out }]));
    runPython(EDIT, xlsx, path.join(path.dirname(ws), 'ops.json'));
    const { diff, conflicts, warnings } = await applied(ws, out);
    expect(conflicts).toEqual([]);
    expect(warnings).toEqual([]);
    expect(diff).toEqual({
      'data.yaml': [
        '     sources: [crm]',
        '+  - id: app_version',
        '+    name: app_version',
        '+    sources: [mobile-app]',
        '+sources:',
        '+  - id: mobile-app',
        '+    name: Mobile app',
      ],
      'scenarios.yaml': ['       event: signed_up', '-    variables: [email_optin]', '+    variables: [email_optin, app_version]'],
    });
  });
});

describe.skipIf(!python && !inCi)('omni import --into: an English workspace with shared files', () => {
  let ws: string;
  const outputs = new Map<string, string>();
  beforeAll(async () => {
    let xlsx: string;
    ({ dir: ws, xlsx } = await workspaceCopy('examples/gaps'));
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-into-gaps-'));
    const cases = GAPS_CASES.map((c, index) => ({ ops: c.ops, out: path.join(dir, `case-${index}.xlsx`) }));
    GAPS_CASES.forEach((c, index) => outputs.set(c.name, cases[index]!.out));
    writeFileSync(path.join(dir, 'ops.json'), JSON.stringify(cases));
    runPython(EDIT, xlsx, path.join(dir, 'ops.json'));
  }, 120_000);

  for (const c of GAPS_CASES) {
    test(c.name, async () => {
      const { diff, conflicts, warnings } = await applied(ws, outputs.get(c.name)!);
      if (process.env.PRINT_DIFF) appendFileSync(process.env.PRINT_DIFF, `${JSON.stringify({ name: c.name, diff, warnings, conflicts })}\n`);
      expect(conflicts).toEqual([]);
      expect(warnings).toEqual(c.warnings ?? []);
      expect(diff).toEqual(c.diff);
    });
  }
});

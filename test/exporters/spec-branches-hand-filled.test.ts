/**
 * A team writes branching scenarios by hand in the specification tab (no omni data sheet,
 * no indents or grouped rows: only the words of the Branche column and the order of the
 * rows), and the import turns them into `steps:` that load and lint clean.
 */
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { importToFolder } from './helpers.js';

const fill = (rgb: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: `FF${rgb}` } });

/** The French template, filled in by hand with exceljs standing in for Excel. */
async function handFilledWithBranches(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const matrix = workbook.addWorksheet('Parcours client');
  matrix.getCell('A1').value = 'Parcours client — Boutique Dupont';
  matrix.getRow(4).values = ['', 'Je découvre', "J'achète"];
  matrix.getRow(5).values = ['Email', 'Newsletter', 'Relance panier'];
  matrix.getRow(6).values = ['SMS', null, 'Relance SMS'];
  matrix.getCell('C5').fill = fill('B6D7A8');

  const useCases = workbook.addWorksheet("Cas d'usage");
  useCases.getRow(3).values = ['Catégorie', 'Objectif', "Cas d'usage", 'Points de contact', 'Impact business', 'Impact expérience client', 'Difficulté'];
  useCases.getRow(4).values = ['Conversion', 'Relancer', 'Relancer les paniers', 'Relance panier\nRelance SMS', 5, 4, 2];
  useCases.getRow(5).values = ['Fidélité', 'Fidéliser', 'Accueillir', 'Newsletter', 3, 4, 1];

  const map = workbook.addWorksheet('Cartographie des scénarios');
  map.getRow(3).values = ['', 'Bienvenue', 'Conversion'];
  map.getRow(4).values = ['Tous les contacts', 'Bienvenue', 'Relance panier'];
  map.getRow(5).values = ['Clients fidèles', null, 'Merci'];

  const spec = workbook.addWorksheet('Spécification des scénarios');
  spec.getRow(3).values = [
    'Programme',
    'Scénario',
    "Cas d'usage",
    'Cible',
    'Type de déclencheur',
    'Déclencheur',
    'Critères de sortie',
    'Objectif',
    'Branche',
    'Délai',
    'Canal',
    'Action',
    'Objet',
    'Message',
  ];
  const rows: (string | null)[][] = [
    ['Conversion'],
    [
      null,
      'Relance panier',
      'Relancer les paniers',
      'Tous les contacts',
      'Comportement',
      'cart_abandoned',
      'order_placed',
      'Commande',
      null,
      'J+1',
      'Email',
      null,
      'Votre panier vous attend',
    ],
    [null, null, null, null, null, null, null, null, '↳ repli si pas de consentement', null, 'SMS', null, null, 'Votre panier vous attend. STOP au 36111'],
    [null, null, null, null, null, null, null, null, 'Attente #attente-achat', '2d'],
    [null, null, null, null, null, null, null, null, '↳ si order_placed'],
    [null, null, null, null, null, null, null, null, 'Fin'],
    [null, null, null, null, null, null, null, null, '↳ sinon'],
    [null, null, null, null, null, null, null, null, 'Décision'],
    [null, null, null, null, null, null, null, null, '↳ fideles : cible Clients fidèles', null, null, 'Les fidèles'],
    [null, null, null, null, null, null, null, null, 'Aller à offre'],
    [null, null, null, null, null, null, null, null, '↳ sinon'],
    [null, null, null, null, null, null, null, null, 'Répartition'],
    [null, null, null, null, null, null, null, null, '↳ remise : 50 %', null, null, 'Avec remise'],
    [null, null, null, null, null, null, null, null, null, '0', 'SMS', null, null, '-10 % aujourd’hui. STOP au 36111'],
    [null, null, null, null, null, null, null, null, '↳ sans-remise : 40 %'],
    [null, null, null, null, null, null, null, null, '#offre', '0', 'Email', null, 'Dernier rappel'],
    [null, null, null, null, null, null, null, null, '↳ groupe témoin 10 %'],
    ['Fidélité'],
    [null, 'Bienvenue', 'Accueillir', 'Tous les contacts', 'Événement', 'account_created', null, null, null, '0', 'Email', null, 'Bienvenue !'],
    [null, 'Merci', 'Relancer les paniers', 'Clients fidèles', 'Événement', 'order_placed', null, null, null, '0', 'Email', null, 'Merci pour votre commande'],
  ];
  rows.forEach((values, index) => (spec.getRow(4 + index).values = values));

  const data = workbook.addWorksheet('Besoins en données');
  data.getRow(3).values = ['Scénario', 'Description', 'Variable', 'Sources', 'Donnée personnelle'];
  data.getRow(4).values = ['Relance panier', 'Relance après un panier abandonné', 'email', 'CRM', 'Oui'];
  data.getRow(5).values = ['Bienvenue', null, 'email', 'CRM', 'Oui'];
  data.getRow(6).values = ['Merci', null, 'email', 'CRM', 'Oui'];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('a hand-filled specification tab with branches', () => {
  test('the Branche column and the order of the rows give the steps; the workspace loads and lints clean', async () => {
    const { dir, result } = await importToFolder(await handFilledWithBranches());
    expect(result.from).toBe('template');
    expect(result.warnings).toEqual([]);
    const cart = result.sections.scenarios.find((scenario) => scenario.name === 'Relance panier')!;
    expect(cart.steps).toEqual([
      {
        after: 'J+1',
        channel: 'email',
        subject: 'Votre panier vous attend',
        fallback: { channel: 'sms', when: ['no-consent'], message: 'Votre panier vous attend. STOP au 36111' },
      },
      {
        id: 'attente-achat',
        wait: {
          until: [{ event: 'order_placed', steps: [{ end: true }] }],
          timeout: '2d',
          otherwise: [
            {
              decision: {
                branches: [{ name: 'fideles', label: 'Les fidèles', target: 'clients-fideles', steps: [{ goto: 'offre' }] }],
                otherwise: [
                  {
                    split: {
                      branches: [
                        { name: 'remise', label: 'Avec remise', percent: 50, steps: [{ after: '0', channel: 'sms', message: '-10 % aujourd’hui. STOP au 36111' }] },
                        { name: 'sans-remise', percent: 40, steps: [{ id: 'offre', after: '0', channel: 'email', subject: 'Dernier rappel' }] },
                      ],
                      control: 10,
                    },
                  },
                ],
              },
            },
          ],
        },
      },
    ]);
    const workspace = await loadWorkspace(dir);
    expect(workspace.diagnostics).toEqual([]);
    const lint = await lintWorkspace(workspace);
    expect(lint.diagnostics.map((d) => `${d.file}:${d.range.start.line} ${d.ruleId}: ${d.message}`)).toEqual([]);
  });

  /** The hand-filled workbook with some cells of its specification tab rewritten. */
  async function withCells(cells: Record<string, string | null>) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await handFilledWithBranches()) as unknown as ArrayBuffer);
    const spec = workbook.getWorksheet('Spécification des scénarios')!;
    for (const [ref, value] of Object.entries(cells)) spec.getCell(ref).value = value;
    return importWorkbook(await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer())));
  }

  test.each([
    [
      'a branch row under no wait, decision or split: left out',
      { I6: '↳ si email_clicked' },
      'Spécification des scénarios!I6: branch row "↳ si email_clicked" has no wait, decision or split above it; not imported',
    ],
    [
      'a branch row omni cannot read: left out with its steps, the next branches still read',
      { I16: '↳ remise : beaucoup' },
      'Spécification des scénarios!I16: "↳ remise : beaucoup" is not a wait, decision, split, branch, fallback, goto or end (see docs/export.md); not imported',
    ],
    [
      'other words in the Branche column of a step: the step is kept',
      { I5: 'Relance' },
      'Spécification des scénarios!I5: "Relance" is not a wait, decision, split, branch, fallback, goto or end (see docs/export.md); read as a step',
    ],
    [
      'an otherwise branch of a split: left out with its steps',
      { I18: '↳ sinon' },
      'Spécification des scénarios!I18: a split has no otherwise branch (give each branch its percentage); row and its steps not imported',
    ],
    [
      'a branch of the wrong kind: left out with its steps',
      { I18: '↳ sinon (délai dépassé)' },
      'Spécification des scénarios!I18: "↳ sinon (délai dépassé)" is not a branch of the split above it; row and its steps not imported',
    ],
    [
      'a percentage under a decision',
      { I12: '↳ moitie : 50 %' },
      'Spécification des scénarios!I12: "↳ moitie : 50 %" is not a branch of the decision above it; row and its steps not imported',
    ],
    ['a wait without its time-out', { J7: null }, 'Spécification des scénarios!J7: a wait without a time-out (the delay column); set to 1d'],
    ['a fallback row under no message', { I9: '↳ repli si rebond' }, 'Spécification des scénarios!I9: a fallback row must follow its message step; not imported'],
  ])('%s', async (_name, cells, warning) => {
    const result = await withCells(cells);
    expect(result.warnings).toEqual([warning]);
    // The other scenarios are untouched.
    expect(result.sections.scenarios.find((scenario) => scenario.name === 'Bienvenue')?.steps).toEqual([{ after: '0', channel: 'email', subject: 'Bienvenue !' }]);
  });

  test('an unreadable branch takes its steps with it; the split keeps its other branches and its control group', async () => {
    const result = await withCells({ I16: '↳ remise : beaucoup' });
    const cart = result.sections.scenarios.find((scenario) => scenario.name === 'Relance panier')!;
    const wait = (cart.steps as { wait?: { otherwise: { decision: { otherwise: unknown[] } }[] } }[])[1]!.wait!;
    expect(wait.otherwise[0]!.decision.otherwise).toEqual([
      { split: { branches: [{ name: 'sans-remise', percent: 40, steps: [{ id: 'offre', after: '0', channel: 'email', subject: 'Dernier rappel' }] }], control: 10 } },
    ]);
  });
});

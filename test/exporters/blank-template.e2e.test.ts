import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { importToFolder, repo } from './helpers.js';
import { inCi, python, runPython } from './tools.js';

const omni = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [path.join(repo, 'bin/omni.js'), ...args], { encoding: 'utf8', cwd });

/** A team fills the blank French template by hand (openpyxl standing in for Excel). */
const FILL = `
import sys, openpyxl
from openpyxl.styles import PatternFill
book = openpyxl.load_workbook(sys.argv[1])
fill = lambda rgb: PatternFill('solid', fgColor='FF' + rgb)
m = book['Parcours client']
m['B4'] = 'Je découvre'; m['C4'] = "J'achète"
m['A5'] = 'Site web'; m['B5'] = 'Fiches produits'; m['B5'].fill = fill('FFF2CC')
m['C5'] = 'Paiement, livraison'; m['C5'].fill = fill('F8CBAD')
m['A6'] = 'Email'; m['C6'] = 'Confirmation de commande'; m['C6'].fill = fill('C6EFCE')
u = book["Cas d'usage"]
for col, value in zip('ABCDEFG', ['Conversion', 'Vente', 'Simplifier le paiement', 'Paiement, livraison\\nConfirmation de commande', 4, 5, 3]):
    u[col + '4'] = value
c = book['Cartographie des scénarios']
c['A4'] = 'Tous les contacts'; c['C4'] = 'Relance panier'
s = book['Spécification des scénarios']
s['A4'] = 'Conversion'
for col, value in zip('BCDEFGHJ', ['Relance panier', 'Simplifier le paiement', 'Tous les contacts', 'Comportement', 'cart_abandoned', 'order_placed', 'Commande', 'J+1']):
    s[col + '5'] = value
s['K5'] = 'Email'; s['M5'] = 'Votre panier vous attend'; s['N5'] = 'Bonjour {{first_name}}, votre panier : {{cart_items}}'
s['J6'] = 'J+2'; s['K6'] = 'Site web'; s['L6'] = 'Bannière de rappel sur le site'; s['O6'] = 'Affichée à la prochaine visite'
d = book['Besoins en données']
for row, values in [(4, ['Relance panier', 'Relance après un panier abandonné', 'first_name', 'CRM', 'Oui']), (5, [None, None, 'cart_items', 'E-commerce; CRM', 'Non'])]:
    for col, value in zip('ABCDE', values):
        if value is not None:
            d[col + str(row)] = value
book.save(sys.argv[2])
`;

describe('the blank template (omni init --xlsx)', () => {
  test('templates/ holds what omni init --xlsx writes, in both locales', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-template-'));
    for (const locale of ['fr', 'en']) {
      const file = path.join(dir, `${locale}.xlsx`);
      const run = omni(dir, 'init', '--xlsx', file, '--locale', locale);
      expect(run.status).toBe(0);
      expect(readFileSync(file).equals(readFileSync(path.join(repo, `templates/omni-template.${locale}.xlsx`)))).toBe(true);
    }
    expect(omni(dir, 'init', '--xlsx', path.join(dir, 'fr.xlsx')).stderr).toBe(`omni: ${path.join(dir, 'fr.xlsx')} already exists\n  pass --force to replace it\n`);
  });

  test('the blank template has no data sheet and imports as an empty plan, without a warning but the missing stages', async () => {
    const workbook = await readXlsx(readFileSync(path.join(repo, 'templates/omni-template.en.xlsx')));
    expect(workbook.sheets.map((sheet) => sheet.name)).toEqual([
      'Read me',
      'Customer journey',
      'Use cases',
      'Scenario map',
      'Scenario specification',
      'Data requirements',
    ]);
    const result = importWorkbook(workbook);
    expect(result.from).toBe('template');
    expect(result.warnings).toEqual(['Customer journey: no stage found (stages are the column headers of the matrix)']);
  });

  test.skipIf(!python && !inCi)(
    'filled in by hand, it imports losslessly: names with commas, use-case links, action steps, snake_case variables, templates resolve',
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'omni-filled-'));
      const filled = path.join(dir, 'filled.xlsx');
      runPython(FILL, path.join(repo, 'templates/omni-template.fr.xlsx'), filled);
      const { dir: out, result } = await importToFolder(readFileSync(filled));
      expect(result.warnings).toEqual([]);
      const { sections } = result;
      expect(sections.touchpoints.map((t) => [t.id, t.name, t.channel, t.stage, t.status])).toEqual([
        ['fiches-produits', 'Fiches produits', 'site-web', 'je-decouvre', 'normal'],
        ['paiement-livraison', 'Paiement, livraison', 'site-web', 'j-achete', 'friction'],
        ['confirmation-de-commande', 'Confirmation de commande', 'email', 'j-achete', 'opportunity'],
      ]);
      expect(sections.useCases).toEqual([
        {
          id: 'simplifier-le-paiement',
          name: 'Simplifier le paiement',
          category: 'Conversion',
          objective: 'Vente',
          touchpoints: ['paiement-livraison', 'confirmation-de-commande'],
          scores: { business: 4, experience: 5, difficulty: 3 },
        },
      ]);
      expect(sections.scenarios).toEqual([
        {
          id: 'relance-panier',
          name: 'Relance panier',
          program: 'conversion',
          lifecycle: sections.lifecycle[1]!.id,
          target: 'tous-les-contacts',
          trigger: { type: 'behavior', event: 'cart_abandoned' },
          exit: ['order_placed'],
          goal: 'Commande',
          description: 'Relance après un panier abandonné',
          useCases: ['simplifier-le-paiement'],
          variables: ['first_name', 'cart_items'],
          steps: [
            { after: 'J+1', channel: 'email', subject: 'Votre panier vous attend', message: 'Bonjour {{first_name}}, votre panier : {{cart_items}}' },
            { after: 'J+2', channel: 'site-web', name: 'Bannière de rappel sur le site', description: 'Affichée à la prochaine visite' },
          ],
        },
      ]);
      expect(sections.variables).toEqual([
        { id: 'first_name', name: 'first_name', sources: ['crm'], pii: true },
        { id: 'cart_items', name: 'cart_items', sources: ['e-commerce', 'crm'] },
      ]);
      const workspace = await loadWorkspace(out);
      const lint = await lintWorkspace(workspace);
      expect(lint.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.ruleId}: ${d.message}`)).toEqual([]);
    },
  );

  /** Fills as Excel's palette writes them: theme colours with a tint, the legacy palette, shades off the known list. */
  const PALETTE_FILL = `
import sys, openpyxl
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color
book = openpyxl.load_workbook(sys.argv[1])
solid = lambda color: PatternFill('solid', fgColor=color)
m = book['Customer journey']
for col, stage in zip('BCDEFGH', ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven']):
    m[col + '4'] = stage
m['A5'] = 'Website'
cells = [
    ('B5', 'Red accent lighter', Color(theme=5, tint=0.5999938962981048)),
    ('C5', 'Orange accent lighter', Color(theme=9, tint=0.3999755851924192)),
    ('D5', 'Green accent', Color(theme=6)),
    ('E5', 'Legacy yellow', Color(indexed=13)),
    ('F5', 'Off-list green', 'FFA9D18E'),
    ('G5', 'Purple accent lighter', Color(theme=7, tint=0.7999816888943144)),
    ('H5', 'Grey', 'FFBFBFBF'),
]
for ref, name, color in cells:
    m[ref] = name
    m[ref].fill = solid(color)
book.save(sys.argv[2])
`;

  test.skipIf(!python && !inCi)(
    "a matrix coloured from Excel's palette: theme colours with their tint, the legacy palette, and other shades read by their hue",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'omni-palette-'));
      const filled = path.join(dir, 'filled.xlsx');
      runPython(PALETTE_FILL, path.join(repo, 'templates/omni-template.en.xlsx'), filled);
      const workbook = await readXlsx(readFileSync(filled));
      const matrix = workbook.sheets.find((sheet) => sheet.name === 'Customer journey')!;
      // The template's theme is Office 2007's (accent 2 C0504D, accent 3 9BBB59, accent 4 8064A2,
      // accent 6 F79646): "Red, Accent 2, Lighter 60%" is E6B9B8 as Excel shows it.
      expect([2, 3, 4, 5, 7].map((column) => matrix.cell(5, column)?.fill)).toEqual(['E6B9B8', 'FAC090', '9BBB59', 'FFFF00', 'E6E0EC']);
      const result = importWorkbook(workbook);
      expect(result.sections.touchpoints.map((touchpoint) => [touchpoint.name, touchpoint.status])).toEqual([
        ['Red accent lighter', 'friction'],
        ['Orange accent lighter', 'friction'],
        ['Green accent', 'opportunity'],
        ['Legacy yellow', 'normal'],
        ['Off-list green', 'opportunity'],
        ['Purple accent lighter', 'normal'],
        ['Grey', 'normal'],
      ]);
      expect(result.warnings).toEqual([
        'Customer journey!B5: fill colour E6B9B8 is not in the legend; read from its hue as status: friction',
        'Customer journey!C5: fill colour FAC090 is not in the legend; read from its hue as status: friction',
        'Customer journey!D5: fill colour 9BBB59 is not in the legend; read from its hue as status: opportunity',
        'Customer journey!F5: fill colour A9D18E is not in the legend; read from its hue as status: opportunity',
        'Customer journey!G5: fill colour E6E0EC is not in the legend; status set to normal',
        'Customer journey!H5: fill colour BFBFBF is not in the legend; status set to normal',
      ]);
    },
  );

  /** Delays as people type them, and a wait row with no event under it (a weekly loop). */
  const DELAY_FILL = `
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
m = book['Customer journey']
m['B4'] = 'Buy'; m['A5'] = 'Email'
s = book['Scenario specification']
for col, value in zip('ABCDEFGH', ['Conversion', 'Newsletter', None, 'All', 'Event', 'signed_up', 'unsubscribed', None]):
    if value is not None:
        s[col + '4'] = value
rows = [('#issue', '0', 'Email', 'This week'), (None, '2 jours', 'Email', 'Reminder'), (None, '48 h', 'Email', 'Last call'), ('Wait', '1 semaine', None, None), ('Go to issue', None, None, None)]
for offset, (branch, delay, channel, subject) in enumerate(rows):
    row = str(5 + offset)
    if branch: s['I' + row] = branch
    if delay: s['J' + row] = delay
    if channel: s['K' + row] = channel
    if subject: s['M' + row] = subject
d = book['Data requirements']
for row, values in [(4, ['Newsletter', 'Email address', 'email', 'CRM', '✓']), (5, [None, 'Age', 'age', 'CRM', 'peut-être'])]:
    for col, value in zip('ABCDE', values):
        if value is not None:
            d[col + str(row)] = value
book.save(sys.argv[2])
`;

  test.skipIf(!python && !inCi)('delays typed in words are read as offsets, a wait row with no event under it is a plain delay, a tick is a yes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-delays-'));
    const filled = path.join(dir, 'filled.xlsx');
    runPython(DELAY_FILL, path.join(repo, 'templates/omni-template.en.xlsx'), filled);
    const { dir: out, result } = await importToFolder(readFileSync(filled));
    expect(result.warnings).toEqual([
      'Scenario specification!B4: scenario "Newsletter" is not on the scenario map; lifecycle stage set to "welcome"',
      'Scenario specification!J6: delay "2 jours" read as 2d',
      'Scenario specification!J7: delay "48 h" read as 48h',
      'Scenario specification!J8: delay "1 semaine" read as 1w',
      'Data requirements!E5: personal data "peut-être" is neither Yes nor No; not marked personal',
    ]);
    // A tick marks personal data as a yes does.
    expect(result.sections.variables.map((variable) => [variable.id, variable.pii ?? false])).toEqual([
      ['email', true],
      ['age', false],
    ]);
    expect(result.sections.scenarios[0]!.steps).toEqual([
      { id: 'issue', after: '0', channel: 'email', subject: 'This week' },
      { after: '2d', channel: 'email', subject: 'Reminder' },
      { after: '48h', channel: 'email', subject: 'Last call' },
      { wait: { timeout: '1w' } },
      { goto: 'issue' },
    ]);
    const workspace = await loadWorkspace(out);
    expect(workspace.diagnostics).toEqual([]);
  });
});

/**
 * The branch rows of the specification tab as independent tools see them: openpyxl reads
 * the outline levels, indents and condition cells omni wrote; a team fills the blank
 * template with branches in openpyxl (indents, grouped rows, a step after the branches
 * meet) and the import gives the steps back; LibreOffice keeps the groups when it saves.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildWorkbook } from '../../src/exporters/build-workbook.js';
import { importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { flowToRaw } from '../../src/model/steps.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { exportFolder, importToFolder, repo } from './helpers.js';
import { convertWithLibreOffice, inCi, python, runPython, soffice } from './tools.js';

/** Every row of the specification tab from row 4: outline level, hidden, indent of I and J, then I..L. */
const READ_SPEC = `
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
ws = book[sys.argv[2]]
rows = []
for r in range(4, ws.max_row + 1):
    dim = ws.row_dimensions[r]
    cells = [ws.cell(row=r, column=c) for c in range(9, 13)]
    rows.append([dim.outline_level or 0, int(cells[0].alignment.indent or 0), int(cells[1].alignment.indent or 0)] + [c.value for c in cells] + [ws.cell(row=r, column=16).value])
outline = ws.sheet_properties.outlinePr
print(json.dumps({'summaryBelow': outline.summaryBelow if outline is not None else None, 'header': [ws.cell(row=3, column=c).value for c in range(8, 11)], 'rows': rows}))
`;

describe.skipIf(!python && !inCi)('branch rows read by openpyxl', () => {
  test('outline levels, indents and the condition cells of every kind of branch; group summaries above', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-branches-'));
    const file = path.join(dir, 'branching.xlsx');
    writeFileSync(file, (await exportFolder('test/fixtures/branching')).bytes);
    const read = JSON.parse(runPython(READ_SPEC, file, 'Scenario specification')) as { summaryBelow: boolean; header: string[]; rows: unknown[][] };
    expect(read.summaryBelow).toBe(false);
    expect(read.header).toEqual(['Goal', 'Branch', 'Delay']);
    // [outline, indent I, indent J (none: a delay stays visible), Branch, Delay, Channel, Action, key]
    expect(read.rows.slice(1, 24)).toEqual([
      [0, 0, 0, '#reminder', 'J+1', 'Email', null, 'cart#0'],
      [1, 1, 0, '↳ fallback if no consent', null, 'SMS', null, 'cart#0f'],
      [0, 0, 0, 'Wait #watch', '2d', null, null, 'cart#~1'],
      [1, 1, 0, '↳ on order_placed', null, null, null, 'cart#~2'],
      [2, 2, 0, 'End', null, null, null, 'cart#~3'],
      [1, 1, 0, '↳ clicked: on email_clicked', null, null, 'Clicked the reminder', 'cart#~4'],
      [2, 2, 0, null, '1d', 'Website', 'Cart banner on the site', 'cart#1'],
      [1, 1, 0, '↳ otherwise (timed out)', null, null, null, 'cart#~5'],
      [2, 2, 0, 'Decision', null, null, null, 'cart#~6'],
      [3, 3, 0, '↳ loyal: target Loyal customers', null, null, null, 'cart#~7'],
      [4, 4, 0, 'Go to offer', null, null, null, 'cart#~8'],
      [3, 3, 0, '↳ big-cart: condition cart_total > 500', null, null, 'Big carts', 'cart#~9'],
      [4, 4, 0, null, '0', 'Email', null, 'cart#2'],
      [3, 3, 0, '↳ visited: did store_visit', null, null, null, 'cart#~10'],
      [4, 4, 0, null, '0', 'SMS', null, 'cart#3'],
      [3, 3, 0, '↳ otherwise', null, null, null, 'cart#~11'],
      [4, 4, 0, 'Split #test', null, null, null, 'cart#~12'],
      [5, 5, 0, '↳ discount: 45%', null, null, 'Discount', 'cart#~13'],
      [6, 6, 0, null, '0', 'SMS', null, 'cart#4'],
      [5, 5, 0, '↳ no-discount: 45%', null, null, null, 'cart#~14'],
      [6, 6, 0, null, '0', 'Email', null, 'cart#5'],
      [5, 5, 0, '↳ control group 10%', null, null, null, 'cart#~15'],
      [0, 0, 0, '#offer', 'J+1', 'Email', null, 'cart#6'],
    ]);
  });
});

/** The blank French template, filled by hand in openpyxl with indents and grouped rows. */
const FILL = `
import sys, openpyxl
from openpyxl.styles import Alignment
book = openpyxl.load_workbook(sys.argv[1])
m = book['Parcours client']
m['B4'] = 'Je découvre'; m['C4'] = "J'achète"
m['A5'] = 'Email'; m['B5'] = 'Newsletter'; m['C5'] = 'Relance panier'
m['A6'] = 'SMS'; m['C6'] = 'Relance SMS'
u = book["Cas d'usage"]
for col, value in zip('ABCDEFG', ['Conversion', 'Relancer', 'Relancer les paniers', 'Relance panier\\nRelance SMS\\nNewsletter', 5, 4, 2]):
    u[col + '4'] = value
c = book['Cartographie des scénarios']
c['B3'] = 'Conversion'; c['A4'] = 'Tous les contacts'; c['B4'] = 'Relance panier'; c['B5'] = 'Merci'
s = book['Spécification des scénarios']
s['A4'] = 'Conversion'
for col, value in zip('BCDEFGH', ['Relance panier', 'Relancer les paniers', 'Tous les contacts', 'Comportement', 'cart_abandoned', 'order_placed', 'Commande']):
    s[col + '5'] = value
rows = [
    # level, Branche, Délai, Canal, Action, Objet, Message
    (0, None, 'J+1', 'Email', None, 'Votre panier vous attend', None),
    (0, 'Attente', '2d', None, None, None, None),
    (1, '↳ si order_placed', None, None, None, None, None),
    (2, 'Fin', None, None, None, None, None),
    (1, '↳ sinon', None, None, None, None, None),
    (2, 'Répartition', None, None, None, None, None),
    (3, '↳ remise : 50 %', None, None, 'Avec remise', None, None),
    (4, None, '0', 'SMS', None, None, '-10 % aujourd’hui. STOP au 36111'),
    (3, '↳ sans-remise : 50 %', None, None, None, None, None),
    (4, None, '0', 'Email', None, 'Dernier rappel', None),
    # The branches meet: back at the scenario's level.
    (0, None, 'J+3', 'Email', None, 'Toujours intéressé ?', None),
]
for index, (level, *values) in enumerate(rows):
    r = 5 + index
    for col, value in zip('IJKLMN', values):
        if value is not None:
            s[col + str(r)] = value
    if level:
        s['I' + str(r)].alignment = Alignment(indent=level)
        s['J' + str(r)].alignment = Alignment(indent=level)
s['A17'] = 'Fidélité'
for col, value in zip('BCDEFGHIJKLMN', ['Merci', 'Relancer les paniers', 'Tous les contacts', 'Événement', 'order_placed', None, None, None, '0', 'Email', None, None, 'Merci pour votre commande']):
    if value is not None:
        s[col + '18'] = value
d = book['Besoins en données']
d['A4'] = 'Relance panier'; d['C4'] = 'email'; d['D4'] = 'CRM'; d['E4'] = 'Oui'
d['A5'] = 'Merci'; d['C5'] = 'email'; d['D5'] = 'CRM'; d['E5'] = 'Oui'
book.save(sys.argv[2])
`;

describe.skipIf(!python && !inCi)('the blank template filled with branches in openpyxl', () => {
  test('indents give the nesting, a step back at the left follows the branches; loads and lints clean', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-filled-branches-'));
    const filled = path.join(dir, 'filled.xlsx');
    runPython(FILL, path.join(repo, 'templates/omni-template.fr.xlsx'), filled);
    const { dir: out, result } = await importToFolder(readFileSync(filled));
    expect(result.warnings).toEqual([]);
    expect(result.sections.scenarios.find((scenario) => scenario.name === 'Relance panier')?.steps).toEqual([
      { after: 'J+1', channel: 'email', subject: 'Votre panier vous attend' },
      {
        wait: {
          until: [{ event: 'order_placed', steps: [{ end: true }] }],
          timeout: '2d',
          otherwise: [
            {
              split: {
                branches: [
                  { name: 'remise', label: 'Avec remise', percent: 50, steps: [{ after: '0', channel: 'sms', message: '-10 % aujourd’hui. STOP au 36111' }] },
                  { name: 'sans-remise', percent: 50, steps: [{ after: '0', channel: 'email', subject: 'Dernier rappel' }] },
                ],
              },
            },
          ],
        },
      },
      { after: 'J+3', channel: 'email', subject: 'Toujours intéressé ?' },
    ]);
    const workspace = await loadWorkspace(out);
    expect(workspace.diagnostics).toEqual([]);
    const lint = await lintWorkspace(workspace);
    expect(lint.diagnostics.map((d) => `${d.file}:${d.range.start.line} ${d.ruleId}: ${d.message}`)).toEqual([]);
  });
});

describe.skipIf(!soffice && !inCi)('branch rows after LibreOffice saves the workbook', () => {
  test('the groups and indents survive, and the visible tabs still give back the steps', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omni-branches-lo-'));
    const source = path.join(dir, 'in', 'branching.xlsx');
    const workspace = await loadWorkspace(path.join(repo, 'test/fixtures/branching'));
    const spec = buildWorkbook(workspace.model, { errors: 0, warnings: 0, rules: [] });
    // Without the hidden sheet: LibreOffice's file then imports as a hand-filled template would.
    spec.sheets = spec.sheets.filter((sheet) => sheet.state !== 'hidden');
    mkdirSync(path.dirname(source), { recursive: true });
    writeFileSync(source, await writeXlsx(spec));
    convertWithLibreOffice(source, 'xlsx:Calc MS Excel 2007 XML', dir, path.join(dir, 'profile'));
    const saved = await readXlsx(readFileSync(path.join(dir, 'branching.xlsx')));
    const sheet = saved.sheets.find((candidate) => candidate.name === 'Scenario specification')!;
    const first = sheet.rowNumbers().find((r) => sheet.cell(r, 2)?.value === 'Abandoned cart')!;
    expect([0, 1, 2, 3, 4].map((offset) => [sheet.outlineLevel?.(first + offset), sheet.cell(first + offset, 9)?.indent ?? 0])).toEqual([
      [0, 0],
      [1, 1],
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    const result = importWorkbook(saved);
    const cart = workspace.model.scenarios.find((scenario) => scenario.id === 'cart')!;
    expect(result.sections.scenarios.find((scenario) => scenario.name === cart.name)?.steps).toEqual(flowToRaw(cart.flow));
  });
});

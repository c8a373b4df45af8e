/**
 * The specification tab of a branching scenario: one row per step in flow order, each
 * branch as an indented, grouped `↳` row with what selects it, and the import that reads
 * those rows back (the omni workbook and a hand-filled template).
 */
import ExcelJS from 'exceljs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx, type ReadWorkbook } from '../../src/exporters/read-xlsx.js';
import { readBranchCell } from '../../src/exporters/spec-branches.js';
import { workbookEdits } from '../../src/exporters/workbook-edits.js';
import type { SheetSpec, WorkbookSpec } from '../../src/exporters/workbook-spec.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { flowToRaw } from '../../src/model/steps.js';
import type { Model } from '../../src/model/types.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { BASE, loadFiles } from '../rules/run-rule.js';
import { comparable, exportFolder, importToFolder, repo } from './helpers.js';

const FIXTURE = 'test/fixtures/branching';
const NO_LINT = { errors: 0, warnings: 0, rules: [] };

async function modelOf(folder: string): Promise<Model> {
  return (await loadWorkspace(path.join(repo, folder))).model;
}

function specSheet(spec: WorkbookSpec): SheetSpec {
  return spec.sheets.find((sheet) => /^Sp[ée]cification|^Scenario specification/.test(sheet.name))!;
}

/**
 * The rows of one scenario, from its name to the next scenario: outline level, then the
 * Branche cell (its indent as `»` marks), delay, channel, action, subject, details and key.
 */
function scenarioRows(sheet: SheetSpec, name: string): string[][] {
  const first = sheet.rows.findIndex((row) => row[1]?.value === name);
  const rows: string[][] = [];
  for (let r = first; r < sheet.rows.length && (r === first || sheet.rows[r]![1]?.value == null) && sheet.rows[r]![0]?.style !== 'group'; r++) {
    const cells = sheet.rows[r]!;
    const text = (c: number) => (cells[c]?.value == null ? '' : String(cells[c]!.value));
    rows.push([String(sheet.outline?.[r] ?? 0), '»'.repeat(cells[8]?.indent ?? 0) + text(8), text(9), text(10), text(11), text(12), text(14), text(15)]);
  }
  return rows;
}

/** A workbook as read back, without its hidden data sheet: what a hand-filled template is. */
async function visibleTabsOnly(spec: WorkbookSpec): Promise<ReadWorkbook> {
  const read = await readXlsx(await writeXlsx(spec));
  return { sheets: read.sheets.filter((sheet) => !sheet.hidden) };
}

describe('the specification tab of a branching scenario', () => {
  test('English: every kind of branch, in flow order, indented and grouped under its step', async () => {
    const sheet = specSheet(buildWorkbook(await modelOf(FIXTURE), NO_LINT));
    expect(sheet.rows[2]!.map((cell) => cell?.value)).toEqual([
      'Programme',
      'Scenario',
      'Use cases',
      'Target',
      'Trigger type',
      'Trigger',
      'Exit criteria',
      'Goal',
      'Branch',
      'Delay',
      'Channel',
      'Action',
      'Subject',
      'Message',
      'Action details',
    ]);
    // outline, Branche (» per indent level), delay, channel, action, subject, details, key
    expect(scenarioRows(sheet, 'Abandoned cart')).toEqual([
      ['0', '#reminder', 'J+1', 'Email', '', '{{first_name}}, your cart', '', 'cart#0'],
      ['1', '»↳ fallback if no consent', '', 'SMS', '', '', '', 'cart#0f'],
      ['0', 'Wait #watch', '2d', '', '', '', 'Two days to come back', 'cart#~1'],
      ['1', '»↳ on order_placed', '', '', '', '', '', 'cart#~2'],
      ['2', '»»End', '', '', '', '', '', 'cart#~3'],
      ['1', '»↳ clicked: on email_clicked', '', '', 'Clicked the reminder', '', '', 'cart#~4'],
      ['2', '»»', '1d', 'Website', 'Cart banner on the site', '', '', 'cart#1'],
      ['1', '»↳ otherwise (timed out)', '', '', '', '', '', 'cart#~5'],
      ['2', '»»Decision', '', '', '', '', '', 'cart#~6'],
      ['3', '»»»↳ loyal: target Loyal customers', '', '', '', '', '', 'cart#~7'],
      ['4', '»»»»Go to offer', '', '', '', '', '', 'cart#~8'],
      ['3', '»»»↳ big-cart: condition cart_total > 500', '', '', 'Big carts', '', '', 'cart#~9'],
      ['4', '»»»»', '0', 'Email', '', '{{first_name}}, free delivery on your cart', '', 'cart#2'],
      ['3', '»»»↳ visited: did store_visit', '', '', '', '', '', 'cart#~10'],
      ['4', '»»»»', '0', 'SMS', '', '', '', 'cart#3'],
      ['3', '»»»↳ otherwise', '', '', '', '', '', 'cart#~11'],
      ['4', '»»»»Split #test', '', '', '', '', 'Does a discount beat a plain reminder?', 'cart#~12'],
      ['5', '»»»»»↳ discount: 45%', '', '', 'Discount', '', '', 'cart#~13'],
      ['6', '»»»»»»', '0', 'SMS', '', '', '', 'cart#4'],
      ['5', '»»»»»↳ no-discount: 45%', '', '', '', '', '', 'cart#~14'],
      ['6', '»»»»»»', '0', 'Email', '', 'Last reminder', '', 'cart#5'],
      ['5', '»»»»»↳ control group 10%', '', '', '', '', '', 'cart#~15'],
      ['0', '#offer', 'J+1', 'Email', '', 'Your loyalty offer', '', 'cart#6'],
    ]);
    // Only the Branche cell is indented (a short delay stays visible in its narrow column); the scenario's own cells are on its first row.
    const first = sheet.rows.findIndex((row) => row[1]?.value === 'Abandoned cart');
    expect(sheet.rows[first + 6]![9]).toEqual({ value: '1d', style: 'text' });
    expect(sheet.rows[first]![5]?.value).toBe('cart_abandoned');
  });

  test('a straight scenario next to a branching one keeps its rows, with an empty Branche cell', async () => {
    const sheet = specSheet(buildWorkbook(await modelOf(FIXTURE), NO_LINT));
    expect(scenarioRows(sheet, 'Welcome')).toEqual([
      ['0', '', '0', 'Email', '', 'Welcome, {{first_name}}', '', 'welcome#0'],
      ['0', '', 'J+2', 'Website', 'Welcome banner', '', '', 'welcome#1'],
    ]);
  });

  test('French: the words of maison-lumen’s birthday scenario (fallback, wait, end, split with a control group)', async () => {
    const sheet = specSheet(buildWorkbook(await modelOf('examples/maison-lumen'), NO_LINT));
    expect(sheet.rows[2]![8]?.value).toBe('Branche');
    expect(scenarioRows(sheet, 'Anniversaire Lumen+').map((row) => [row[0]!, row[1]!, row[2]!, row[3]!, row[4]!, row[7]!])).toEqual([
      ['0', '#annonce-cadeau', 'J-7', 'Email', '', 'anniversaire#0'],
      ['1', '»↳ repli si pas de consentement ou rebond', '', 'SMS', '', 'anniversaire#0f'],
      ['0', '', '0', 'SMS', '', 'anniversaire#1'],
      ['0', 'Attente', '8d', '', '', 'anniversaire#~1'],
      ['1', '»↳ visite-magasin : si store_visit', '', '', 'Passage en magasin', 'anniversaire#~2'],
      ['2', '»»Fin', '', '', '', 'anniversaire#~3'],
      ['1', '»↳ sinon (délai dépassé)', '', '', '', 'anniversaire#~4'],
      ['2', '»»Répartition #test-rappel', '', '', '', 'anniversaire#~5'],
      ['3', '»»»↳ rappel-email : 90 %', '', '', '', 'anniversaire#~6'],
      ['4', '»»»»', '0', 'Email', '', 'anniversaire#2'],
      ['3', '»»»↳ groupe témoin 10 %', '', '', '', 'anniversaire#~7'],
    ]);
  });

  test('a plan of straight sequences keeps the tab it always had: no Branche column, no grouped rows', async () => {
    const { model } = await loadFiles(BASE);
    const sheet = specSheet(buildWorkbook(model, NO_LINT));
    // BASE declares no locale: French, the default.
    expect(sheet.rows[2]!.map((cell) => cell?.value)).toEqual([
      'Programme',
      'Scénario',
      'Cas d’usage',
      'Cible',
      'Type de déclencheur',
      'Déclencheur',
      'Critères de sortie',
      'Objectif',
      'Délai',
      'Canal',
      'Action',
      'Objet',
      'Message',
      'Détail de l’action',
    ]);
    expect(sheet.rows[4]!.slice(8).map((cell) => cell?.value ?? null)).toEqual(['J+1', 'Email', null, '{{first_name}}, your cart', null, null, 'cart#0']);
    expect(sheet.outline).toBeUndefined();
    expect(sheet.keyColumn).toBe(15);
  });
});

describe('the Branche column read back', () => {
  test.each([
    ['Wait', { kind: 'wait' }],
    ['Attente #relance', { kind: 'wait', id: 'relance' }],
    ['décision', { kind: 'decision' }],
    ['Split #ab', { kind: 'split', id: 'ab' }],
    ['Aller à offre', { kind: 'goto', step: 'offre' }],
    ['Go to offer', { kind: 'goto', step: 'offer' }],
    ['FIN', { kind: 'end' }],
    ['#offer', { kind: 'id', id: 'offer' }],
    ['↳ on order_placed', { kind: 'event', event: 'order_placed' }],
    ['↳ clicked: on email_clicked', { kind: 'event', name: 'clicked', event: 'email_clicked' }],
    ['↳ visite-magasin : si store_visit', { kind: 'event', name: 'visite-magasin', event: 'store_visit' }],
    ['↳ sinon (délai dépassé)', { kind: 'timedOut' }],
    ['↳ Otherwise', { kind: 'otherwise' }],
    ['↳ sinon', { kind: 'otherwise' }],
    ['↳ fideles : cible Clients fidèles', { kind: 'target', name: 'fideles', target: 'Clients fidèles' }],
    ['↳ big-cart: condition cart_total > 500', { kind: 'condition', name: 'big-cart', condition: 'cart_total > 500' }],
    ['↳ condition loyalty_tier = gold', { kind: 'condition', condition: 'loyalty_tier = gold' }],
    ['↳ visited: did store_visit', { kind: 'pastEvent', name: 'visited', event: 'store_visit' }],
    ['↳ a : a fait store_visit', { kind: 'pastEvent', name: 'a', event: 'store_visit' }],
    ['↳ remise : 45 %', { kind: 'percent', name: 'remise', percent: 45 }],
    ['↳ b: 12.5%', { kind: 'percent', name: 'b', percent: 12.5 }],
    ['↳ groupe témoin 10 %', { kind: 'control', percent: 10 }],
    ['↳ control group 5%', { kind: 'control', percent: 5 }],
    ['↳ repli si pas de consentement ou rebond', { kind: 'fallback', when: ['no-consent', 'bounced'] }],
    ['↳ fallback if bounced', { kind: 'fallback', when: ['bounced'] }],
    ['-> on signup', { kind: 'event', event: 'signup' }],
  ])('%s', (text, expected) => {
    expect(readBranchCell(text)).toEqual(expected);
  });

  test.each([['Send a coupon'], ['↳ signup'], ['↳ maybe: 50 percent'], ['Attendre']])('%s is not understood', (text) => {
    expect(readBranchCell(text)).toBeUndefined();
  });
});

describe('import reads the branches back', () => {
  test('the visible tabs alone (no hidden sheet) give back every scenario’s steps as written', async () => {
    for (const folder of [FIXTURE, 'examples/maison-lumen', 'examples/gaps']) {
      const model = await modelOf(folder);
      const result = importWorkbook(await visibleTabsOnly(buildWorkbook(model, NO_LINT)));
      expect(result.from).toBe('template');
      // Nothing of the specification tab is left unread (its hidden key column is omni's, not the template's).
      const spec = specSheet(buildWorkbook(model, NO_LINT)).name;
      expect(result.warnings.filter((warning) => warning.startsWith(spec))).toEqual([]);
      for (const scenario of model.scenarios.filter((s) => s.flow.some((step) => step.kind !== 'message'))) {
        const imported = result.sections.scenarios.find((s) => s.name === scenario.name);
        expect(imported?.steps, `${folder}: ${scenario.id}`).toEqual(flowToRaw(scenario.flow));
      }
    }
  });

  test('the omni workbook: import(export) is the workspace, export(import(export)) the same bytes, twice', async () => {
    const { model, bytes } = await exportFolder(FIXTURE);
    expect((await exportFolder(FIXTURE)).bytes.equals(bytes)).toBe(true);
    const { dir, result } = await importToFolder(bytes);
    expect(result.warnings).toEqual([]);
    const reimported = await loadWorkspace(dir);
    expect(reimported.diagnostics).toEqual([]);
    expect(comparable(reimported.model)).toEqual(comparable(model));
    const again = await writeXlsx(buildWorkbook(reimported.model, summariseLint((await lintWorkspace(reimported)).diagnostics)));
    expect(again.equals(bytes)).toBe(true);
  });
});

/** The exported fixture, edited with exceljs (an independent writer), read back as import --into does. */
async function editedFixture(edit: (sheet: ExcelJS.Worksheet) => void) {
  const model = await modelOf(FIXTURE);
  const expected = buildWorkbook(model, NO_LINT, { editTargets: true });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeXlsx(buildWorkbook(model, NO_LINT))) as unknown as ArrayBuffer);
  edit(workbook.getWorksheet('Scenario specification')!);
  const read = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
  return workbookEdits(read, expected, model);
}

/** Rows emptied, key included: what import --into sees of deleted rows (exceljs's spliceRows mangles grouped rows). */
function deleteRows(sheet: ExcelJS.Worksheet, from: number, count: number): void {
  for (let r = from; r < from + count; r++) for (let c = 1; c <= 16; c++) sheet.getCell(r, c).value = null;
}

const rowOfKey = (sheet: ExcelJS.Worksheet, key: string): number => {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 16).value === key) return r;
  throw new Error(`no row ${key}`);
};

describe('import --into and the branch rows', () => {
  test('an unedited workbook is no edit and no warning, branch rows included', async () => {
    expect(await editedFixture(() => {})).toEqual({ edits: [], added: [], deleted: [], warnings: [] });
  });

  test('a message inside a branch is edited at its place in the YAML; so is a split branch’s percent', async () => {
    const result = await editedFixture((sheet) => {
      sheet.getCell(rowOfKey(sheet, 'cart#1'), 12).value = 'Banner with the cart';
      sheet.getCell(rowOfKey(sheet, 'cart#4'), 14).value = '15% off today. STOP to opt out';
      sheet.getCell(rowOfKey(sheet, 'cart#~13'), 9).value = '↳ discount: 50%';
    });
    expect(result.edits.map(({ path, value, where }) => ({ path, value, where }))).toEqual([
      { path: ['steps', 1, 'wait', 'until', 1, 'steps', 0, 'name'], value: 'Banner with the cart', where: 'Scenario specification!L11' },
      {
        path: ['steps', 1, 'wait', 'otherwise', 0, 'decision', 'otherwise', 0, 'split', 'branches', 0, 'percent'],
        value: 50,
        where: 'Scenario specification!I22',
      },
      {
        path: ['steps', 1, 'wait', 'otherwise', 0, 'decision', 'otherwise', 0, 'split', 'branches', 0, 'steps', 0, 'message'],
        value: '15% off today. STOP to opt out',
        where: 'Scenario specification!N23',
      },
    ]);
    expect(result.warnings).toEqual([]);
  });
});

describe('import --into: deleted rows of a branching scenario', () => {
  test('a deleted message inside a branch is deleted at its place; its fallback row goes with it', async () => {
    const result = await editedFixture((sheet) => {
      deleteRows(sheet, rowOfKey(sheet, 'cart#5'), 1);
      // The first step and its fallback row.
      deleteRows(sheet, rowOfKey(sheet, 'cart#0'), 2);
    });
    expect(result.warnings).toEqual([]);
    expect(result.deleted).toEqual([]);
    expect(result.edits.map(({ path, value, where }) => ({ path, value, where }))).toEqual([
      {
        path: ['steps', 1, 'wait', 'otherwise', 0, 'decision', 'otherwise', 0, 'split', 'branches', 1, 'steps', 0],
        value: undefined,
        where: 'Scenario specification (step 6 of "Abandoned cart" deleted)',
      },
      { path: ['steps', 0], value: undefined, where: 'Scenario specification (step 1 of "Abandoned cart" deleted)' },
    ]);
  });

  test('a branch row deleted with its steps deletes the branch; all the rows of a scenario deleted delete it', async () => {
    const branchOnly = await editedFixture((sheet) => {
      deleteRows(sheet, rowOfKey(sheet, 'cart#~2'), 2);
    });
    expect(branchOnly.edits).toEqual([
      {
        kind: 'scenarios',
        id: 'cart',
        path: ['steps', 1, 'wait', 'until', 0],
        value: undefined,
        where: 'Scenario specification (row "↳ on order_placed" of "Abandoned cart" deleted)',
      },
    ]);
    expect(branchOnly.warnings).toEqual([]);
    const whole = await editedFixture((sheet) => {
      const from = rowOfKey(sheet, 'cart#0');
      deleteRows(sheet, from, rowOfKey(sheet, 'cart#6') - from + 1);
    });
    expect(whole.deleted).toEqual([{ kind: 'scenarios', id: 'cart', where: 'Scenario specification (rows of "Abandoned cart" deleted)' }]);
    expect(whole.edits).toEqual([]);
    expect(whole.warnings).toEqual([]);
  });
});

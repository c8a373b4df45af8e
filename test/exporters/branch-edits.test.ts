/**
 * `omni import --into` on the rows of a branching scenario: edited branch cells, new rows
 * inside a branch (placed by their outline level and the rows above them) and deleted
 * branch rows, each as the exact YAML diff of the fixture and the exact warnings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { applyEdits } from '../../src/exporters/apply-edits.js';
import { buildWorkbook } from '../../src/exporters/build-workbook.js';
import { dataSheetModel, importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { workbookEdits } from '../../src/exporters/workbook-edits.js';
import type { CellSpec, SheetSpec } from '../../src/exporters/workbook-spec.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { repo } from './helpers.js';
import { lineDiff } from './into-harness.js';

const FIXTURE = path.join(repo, 'test/fixtures/branching');
const NO_LINT = { errors: 0, warnings: 0, rules: [] };
const KEY = 15;

/** Row editing of the exported specification tab (cells, outline levels), written and read back as a file. */
interface Rows {
  at(key: string): number;
  set(key: string, column: number, value: string | null): void;
  insertAfter(key: string, level: number, values: Record<number, string>): void;
  remove(...keys: string[]): void;
}

async function importEdited(edit: (rows: Rows) => void) {
  const current = await loadWorkspace(FIXTURE);
  const spec = buildWorkbook(current.model, NO_LINT);
  const sheet = spec.sheets.find((candidate) => candidate.name === 'Scenario specification') as SheetSpec;
  const outline = sheet.outline ?? [];
  const rows: Rows = {
    at: (key) => sheet.rows.findIndex((row) => row[KEY]?.value === key),
    set: (key, column, value) => {
      const row = sheet.rows[rows.at(key)]!;
      row[column - 1] = { ...(row[column - 1] ?? {}), value } as CellSpec;
    },
    insertAfter: (key, level, values) => {
      const at = rows.at(key) + 1;
      const row: (CellSpec | null)[] = [];
      for (const [column, value] of Object.entries(values)) row[Number(column) - 1] = { value };
      sheet.rows.splice(at, 0, row);
      outline.splice(at, 0, level);
    },
    remove: (...keys) => {
      for (const key of keys) {
        const at = rows.at(key);
        sheet.rows.splice(at, 1);
        outline.splice(at, 1);
      }
    },
  };
  edit(rows);
  sheet.outline = Array.from(outline, (level) => level ?? 0);
  const workbook = await readXlsx(await writeXlsx(spec));
  const result = importWorkbook(workbook, { reportVisibleEdits: false });
  const base = dataSheetModel(result.settings, result.sections, result.defaultLifecycle === true);
  const edits = workbookEdits(workbook, buildWorkbook(base, NO_LINT, { editTargets: true }), base);
  const read = (file: string) => readFileSync(path.join(FIXTURE, file), 'utf8');
  const applied = applyEdits(current.model, result.records!, edits, read, { files: current.files });
  const diff: Record<string, string[]> = {};
  for (const [file, text] of applied.files) diff[file] = lineDiff(read(file), text, true);
  if (process.env.PRINT_DIFF) console.log(JSON.stringify({ diff, warnings: edits.warnings }, null, 1));
  return { diff, warnings: [...edits.warnings, ...applied.warnings], conflicts: applied.conflicts };
}

describe('import --into: the cells of branch rows', () => {
  test('a fallback, a wait, a split branch, a label, a goto and a step id are edited in place', async () => {
    const { diff, warnings, conflicts } = await importEdited((rows) => {
      rows.set('cart#0f', 14, 'Your cart misses you. STOP to opt out');
      rows.set('cart#0f', 9, '↳ fallback if no consent or bounced');
      rows.set('cart#~1', 10, '3d');
      rows.set('cart#~13', 9, '↳ discount: 50%');
      rows.set('cart#~14', 9, '↳ plain: 40%');
      rows.set('cart#~13', 12, 'Ten percent off');
      rows.set('cart#~9', 9, '↳ big-cart: condition cart_total > 300');
      rows.set('cart#~8', 9, 'Go to last');
      rows.set('cart#6', 9, '#last');
    });
    expect({ diff, warnings, conflicts }).toEqual({
      diff: {
        'plan.yaml': [
          '         subject: "{{first_name}}, your cart"',
          '-        fallback: { channel: sms, when: [no-consent], message: "Your cart is waiting. STOP to opt out" }',
          '+        fallback: { channel: sms, when: [no-consent, bounced], message: "Your cart misses you. STOP to opt out" }',
          '                 - { after: 1d, channel: website, name: Cart banner on the site }',
          '-          timeout: 2d',
          '+          timeout: 3d',
          '                     target: loyal-customers',
          '-                    steps: [{ goto: offer }]',
          '+                    steps: [{ goto: last }]',
          '                     label: Big carts',
          '-                    condition: cart_total > 500',
          '+                    condition: cart_total > 300',
          '                       branches:',
          '-                        - { name: discount, percent: 45, label: Discount, steps: [{ after: "0", channel: sms, message: "10% off today. STOP to opt out" }] }',
          '-                        - { name: no-discount, percent: 45, steps: [{ after: "0", channel: email, subject: Last reminder }] }',
          '+                        - { name: discount, percent: 50, label: Ten percent off, steps: [{ after: "0", channel: sms, message: "10% off today. STOP to opt out" }] }',
          '+                        - { name: plain, percent: 40, steps: [{ after: "0", channel: email, subject: Last reminder }] }',
          '         description: Two days to come back',
          '-      - { id: offer, after: J+1, channel: email, subject: Your loyalty offer }',
          '+      - { id: last, after: J+1, channel: email, subject: Your loyalty offer }',
        ],
      },
      warnings: [],
      conflicts: [],
    });
  });

  test('cells that map to no field, or that do not read as the row, are reported', async () => {
    const { diff, warnings } = await importEdited((rows) => {
      rows.set('cart#~1', 11, 'Email');
      rows.set('cart#~13', 9, '↳ discount: half');
      rows.set('cart#~1', 9, 'Split');
      rows.set('cart#~1', 10, 'two days');
    });
    expect({ diff, warnings }).toEqual({
      diff: {},
      warnings: [
        'Scenario specification!I7: "Split" cannot be read as this cell of a branch row (write it as omni does, e.g. "Wait #watch"); cell not applied',
        'Scenario specification!J7: "two days" cannot be read as this cell of a branch row (write it as omni does, e.g. "2d"); cell not applied',
        'Scenario specification!K7: this cell of a branch row maps to no field of the YAML; edit the branch there (cell not applied)',
        'Scenario specification!I22: "↳ discount: half" cannot be read as this cell of a branch row (write it as omni does, e.g. "↳ discount: 45%"); cell not applied',
      ],
    });
  });
});

describe('import --into: new rows inside the branches', () => {
  test('placed by their outline level: after a step of a branch, first in a branch, after the wait', async () => {
    const { diff, warnings } = await importEdited((rows) => {
      rows.insertAfter('cart#2', 4, { 10: '1d', 11: 'SMS', 14: 'Still thinking? STOP to opt out' });
      rows.insertAfter('cart#~10', 4, { 10: '0', 11: 'Email', 13: 'We saw you in store' });
      rows.insertAfter('cart#~15', 0, { 10: 'J+3', 11: 'Email', 13: 'Anything else?' });
      rows.insertAfter('cart#3', 4, { 9: 'Go to offer' });
    });
    expect({ diff, warnings }).toEqual({
      diff: {
        'plan.yaml': [
          '                       - { after: "0", channel: email, subject: "{{first_name}}, free delivery on your cart" }',
          '+                      - after: 1d',
          '+                        channel: sms',
          '+                        message: Still thinking? STOP to opt out',
          '                     steps:',
          '+                      - after: "0"',
          '+                        channel: email',
          '+                        subject: We saw you in store',
          '                       - { after: "0", channel: sms, message: "See you soon in store. STOP to opt out" }',
          '+                      - goto: offer',
          '         description: Two days to come back',
          '+      - after: J+3',
          '+        channel: email',
          '+        subject: Anything else?',
        ],
      },
      warnings: [],
    });
  });

  test('a new row right under a wait, or a new branch row, is reported', async () => {
    const { diff, warnings } = await importEdited((rows) => {
      rows.insertAfter('cart#~1', 1, { 10: '0', 11: 'Email', 13: 'Hello' });
      rows.insertAfter('cart#~14', 5, { 9: '↳ third: 10%' });
    });
    expect({ diff, warnings }).toEqual({
      diff: {},
      warnings: [
        'Scenario specification!A8: cannot tell which branch this new row belongs to; indent or group it like the steps of its branch (row not imported)',
        'Scenario specification!I26: a new wait, decision, split or branch row; add it in the YAML (row not imported)',
      ],
    });
  });
});

describe('import --into: deleted branch rows', () => {
  test('a goto row, a fallback row, a split branch with its step, the control group', async () => {
    const { diff, warnings } = await importEdited((rows) => {
      rows.remove('cart#~8', 'cart#0f', 'cart#~14', 'cart#5', 'cart#~15');
    });
    expect({ diff, warnings }).toEqual({
      diff: {
        'plan.yaml': [
          '         subject: "{{first_name}}, your cart"',
          '-        fallback: { channel: sms, when: [no-consent], message: "Your cart is waiting. STOP to opt out" }',
          '                     target: loyal-customers',
          '-                    steps: [{ goto: offer }]',
          '+                    steps: []',
          '                         - { name: discount, percent: 45, label: Discount, steps: [{ after: "0", channel: sms, message: "10% off today. STOP to opt out" }] }',
          '-                        - { name: no-discount, percent: 45, steps: [{ after: "0", channel: email, subject: Last reminder }] }',
          '-                      control: 10',
        ],
      },
      warnings: [],
    });
  });

  test('a wait row deleted without its branches is reported, not applied', async () => {
    const { diff, warnings } = await importEdited((rows) => {
      rows.remove('cart#~1');
    });
    expect({ diff, warnings }).toEqual({
      diff: {},
      warnings: [
        'Scenario specification: 1 branch row of "Abandoned cart" deleted without the rows under it, or leaving no branch; not applied (delete a wait, decision or split with all its rows, a branch with its steps\' rows)',
      ],
    });
  });

  test('a decision deleted with all its rows is deleted', async () => {
    const whole = await importEdited((rows) => {
      rows.remove(
        'cart#~6',
        'cart#~7',
        'cart#~8',
        'cart#~9',
        'cart#2',
        'cart#~10',
        'cart#3',
        'cart#~11',
        'cart#~12',
        'cart#~13',
        'cart#4',
        'cart#~14',
        'cart#5',
        'cart#~15',
      );
    });
    expect({ diff: whole.diff, warnings: whole.warnings }).toEqual({
      diff: {
        'plan.yaml': [
          '           timeout: 2d',
          '-          otherwise:',
          '-            - decision:',
          '-                branches:',
          '-                  - name: loyal',
          '-                    target: loyal-customers',
          '-                    steps: [{ goto: offer }]',
          '-                  - name: big-cart',
          '-                    label: Big carts',
          '-                    condition: cart_total > 500',
          '-                    steps:',
          '-                      - { after: "0", channel: email, subject: "{{first_name}}, free delivery on your cart" }',
          '-                  - name: visited',
          '-                    event: store_visit',
          '-                    steps:',
          '-                      - { after: "0", channel: sms, message: "See you soon in store. STOP to opt out" }',
          '-                otherwise:',
          '-                  - id: test',
          '-                    description: Does a discount beat a plain reminder?',
          '-                    split:',
          '-                      branches:',
          '-                        - { name: discount, percent: 45, label: Discount, steps: [{ after: "0", channel: sms, message: "10% off today. STOP to opt out" }] }',
          '-                        - { name: no-discount, percent: 45, steps: [{ after: "0", channel: email, subject: Last reminder }] }',
          '-                      control: 10',
          '+          otherwise: []',
        ],
      },
      warnings: [],
    });
  });
});

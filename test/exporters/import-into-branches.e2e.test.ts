/**
 * `omni import --into` on a branching scenario edited with openpyxl (an independent
 * editor): a message inside a branch changed, a row inserted inside a branch (its outline
 * level says which), a branch row deleted with its step. The exact YAML diff is the
 * golden, and the workspace lints as cleanly after as before.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { applied, EDIT, workspaceCopy } from './into-harness.js';
import { inCi, python, runPython } from './tools.js';

const S = 'Scenario specification';

describe.skipIf(!python && !inCi)('omni import --into: the rows of a branching scenario, edited with openpyxl', () => {
  test('a message in a branch edited, a row inserted in a branch, a branch deleted with its step', async () => {
    const { dir: ws, xlsx } = await workspaceCopy('test/fixtures/branching');
    const before = (await lintWorkspace(await loadWorkspace(ws))).diagnostics.map((d) => `${d.ruleId} ${d.message}`);
    const out = path.join(path.dirname(ws), 'edited.xlsx');
    const ops = [
      { sheet: S, key: 'cart#4', col: 14, value: '15% off today only. STOP to opt out' },
      { sheet: S, insertAfterKey: 'cart#2', outline: 4, values: { 10: '1d', 11: 'SMS', 14: 'Free delivery ends tonight. STOP to opt out' } },
      { sheet: S, deleteKey: 'cart#~3' },
      { sheet: S, deleteKey: 'cart#~2' },
    ];
    writeFileSync(path.join(path.dirname(ws), 'ops.json'), JSON.stringify([{ ops, out }]));
    runPython(EDIT, xlsx, path.join(path.dirname(ws), 'ops.json'));
    const { diff, conflicts, warnings, files } = await applied(ws, out);
    expect(conflicts).toEqual([]);
    expect(warnings).toEqual([]);
    expect(diff).toEqual({
      'plan.yaml': [
        '           until:',
        '-            - event: order_placed',
        '-              steps:',
        '-                - end: true',
        '                       - { after: "0", channel: email, subject: "{{first_name}}, free delivery on your cart" }',
        '+                      - after: 1d',
        '+                        channel: sms',
        '+                        message: Free delivery ends tonight. STOP to opt out',
        '                       branches:',
        '-                        - { name: discount, percent: 45, label: Discount, steps: [{ after: "0", channel: sms, message: "10% off today. STOP to opt out" }] }',
        '+                        - { name: discount, percent: 45, label: Discount, steps: [{ after: "0", channel: sms, message: "15% off today only. STOP to opt out" }] }',
      ],
    });
    for (const [name, text] of files) writeFileSync(path.join(ws, name), text);
    const after = (await lintWorkspace(await loadWorkspace(ws))).diagnostics.map((d) => `${d.ruleId} ${d.message}`);
    expect(before).toEqual([]);
    expect(after).toEqual([]);
  });
});

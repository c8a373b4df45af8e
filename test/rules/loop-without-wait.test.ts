import { ruleTester } from './run-rule.js';
import { withFlow } from './branches.js';

ruleTester('loop-without-wait', {
  valid: [
    { name: 'a linear sequence', files: withFlow(['- { after: J+1, channel: web }', '- { after: J+2, channel: web }']) },
    {
      name: 'a weekly reminder: the loop goes through a wait',
      files: withFlow([
        '- id: weekly',
        '  wait:',
        '    until: [{ event: order_placed, steps: [{ end: true }] }]',
        '    timeout: 7d',
        '    otherwise: [{ after: "0", channel: web }, { goto: weekly }]',
      ]),
    },
    {
      name: 'a goto forward, where branches meet, is no loop; nor one through a 0% split branch',
      files: withFlow([
        '- { id: first, after: J+1, channel: web }',
        '- decision: { branches: [{ name: vip, target: all, steps: [{ goto: last }] }], otherwise: [{ after: "0", channel: web }] }',
        '- split: { branches: [{ name: a, percent: 100, steps: [] }, { name: b, percent: 0, steps: [{ goto: first }] }] }',
        '- { id: last, after: J+2, channel: web }',
      ]),
    },
  ],
  invalid: [
    {
      name: 'a loop back through another goto: both gotos are in it',
      files: withFlow([
        '- { id: a, after: J+1, channel: web }',
        '- decision:',
        '    branches: [{ name: vip, target: all, steps: [{ goto: b }] }]',
        '    otherwise: [{ end: true }]',
        '- { id: b, after: J+2, channel: web }',
        '- goto: a',
      ]),
      errors: [
        {
          ruleId: 'loop-without-wait',
          message:
            'step decision › vip › 1 of scenario "seq" loops back to "b" without a wait: the contact would get the same messages again and again at the same moment',
          line: 11,
          column: 64,
        },
        {
          ruleId: 'loop-without-wait',
          message: 'step 4 of scenario "seq" loops back to "a" without a wait: the contact would get the same messages again and again at the same moment',
          line: 14,
          column: 15,
        },
      ],
    },
    {
      name: 'a goto back to a message of its sequence, at the goto',
      files: withFlow(['- { id: again, after: J+1, channel: web }', '- goto: again']),
      errors: [
        {
          ruleId: 'loop-without-wait',
          message: 'step 2 of scenario "seq" loops back to "again" without a wait: the contact would get the same messages again and again at the same moment',
          file: 'more.yaml',
          line: 10,
          column: 15,
          suggestion: 'put a - wait: with its timeout in the loop, or end it with - end: true',
        },
      ],
      fr: [
        {
          message: 'l’étape 2 du scénario « seq » reboucle sur « again » sans attente : le contact recevrait les mêmes messages encore et encore au même moment',
          suggestion: 'mettez un - wait: avec son timeout dans la boucle, ou terminez-la par - end: true',
        },
      ],
    },
    {
      name: 'from a branch back to its own decision, named by its place',
      files: withFlow([
        '- id: check',
        '  decision:',
        '    branches:',
        '      - { name: vip, target: all, steps: [{ after: "0", channel: web }, { goto: check }] }',
        '- { after: J+1, channel: web }',
      ]),
      errors: [
        {
          ruleId: 'loop-without-wait',
          message:
            'step decision check › vip › 2 of scenario "seq" loops back to "check" without a wait: the contact would get the same messages again and again at the same moment',
          line: 12,
          column: 87,
        },
      ],
    },
  ],
});

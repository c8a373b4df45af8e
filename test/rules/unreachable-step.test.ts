import { ruleTester } from './run-rule.js';
import { withFlow } from './branches.js';

ruleTester('unreachable-step', {
  valid: [
    { name: 'a linear sequence', files: withFlow(['- { after: J+1, channel: web }', '- { after: J+2, channel: web }']) },
    {
      name: 'a step after branches is reached by the branch that falls through; a goto target is reached',
      files: withFlow([
        '- decision:',
        '    branches: [{ name: vip, target: all, steps: [{ goto: last }] }]',
        '    otherwise: [{ after: "0", channel: web }]',
        '- { id: last, after: J+2, channel: web }',
      ]),
    },
    {
      name: 'a step reached only through a goto',
      files: withFlow([
        '- decision: { branches: [{ name: vip, target: all, steps: [{ goto: last }] }], otherwise: [{ end: true }] }',
        '- { id: last, after: J+2, channel: web }',
      ]),
    },
    {
      name: 'a decision without otherwise lets the others continue',
      files: withFlow(['- decision: { branches: [{ name: vip, target: all, steps: [{ end: true }] }] }', '- { after: J+2, channel: web }']),
    },
  ],
  invalid: [
    {
      name: 'a step after end: true, then the rest of that run is not reported again',
      files: withFlow(['- { after: J+1, channel: web }', '- end: true', '- { after: J+2, channel: web }', '- { after: J+3, channel: web }']),
      errors: [
        {
          ruleId: 'unreachable-step',
          message: 'step 3 of scenario "seq" can never be reached: nothing continues past the end before it',
          line: 11,
          column: 9,
          suggestion: 'remove it, or give it an id and goto it from a branch',
        },
      ],
      fr: [{ message: 'l’étape 3 du scénario « seq » ne peut jamais être atteinte : rien ne continue après le end qui la précède' }],
    },
    {
      name: 'every branch of a split ends or jumps; a 0% branch',
      files: withFlow([
        '- { id: first, after: J+1, channel: web }',
        '- split:',
        '    branches:',
        '      - { name: a, percent: 100, steps: [{ end: true }] }',
        '      - { name: b, percent: 0, steps: [{ id: never, after: "0", channel: web }] }',
        '- { id: after-split, after: J+2, channel: web }',
      ]),
      errors: [
        {
          ruleId: 'unreachable-step',
          message: 'step never of scenario "seq" can never be reached: its split branch gets 0% of contacts',
          line: 13,
          column: 46,
          suggestion: 'give the branch a percent above 0, or remove it',
        },
        {
          ruleId: 'unreachable-step',
          message: 'step after-split of scenario "seq" can never be reached: every branch of the split before it ends or jumps',
          line: 14,
          column: 9,
        },
      ],
    },
    {
      name: 'in a branch, numbered by its place',
      files: withFlow([
        '- wait:',
        '    until: [{ event: cart_abandoned, steps: [{ goto: top }, { after: "0", channel: web }] }]',
        '    timeout: 2d',
        '- { id: top, after: J+2, channel: web }',
      ]),
      errors: [
        {
          ruleId: 'unreachable-step',
          message: 'step wait › cart_abandoned › 2 of scenario "seq" can never be reached: nothing continues past the goto before it',
          line: 10,
          column: 67,
        },
      ],
    },
  ],
});

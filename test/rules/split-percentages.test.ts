import { ruleTester } from './run-rule.js';
import { withFlow } from './branches.js';

const split = (a: number, b: number, control?: number) => [
  '- id: subject-test',
  '  split:',
  '    branches:',
  `      - { name: a, percent: ${a}, steps: [{ after: "0", channel: web }] }`,
  `      - { name: b, percent: ${b}, steps: [{ after: "0", channel: web }] }`,
  ...(control === undefined ? [] : [`    control: ${control}`]),
];

ruleTester('split-percentages', {
  valid: [
    { name: 'two halves', files: withFlow(split(50, 50)) },
    { name: 'a control group completes the 100', files: withFlow(split(45, 45, 10)) },
    { name: 'decimals: 33.3 + 33.3 + 33.4', files: withFlow([...split(33.3, 33.3), '    control: 33.4']) },
    { name: 'no split at all', files: withFlow(['- { after: J+1, channel: web }']) },
  ],
  invalid: [
    {
      name: 'branches add up to 90 without a control',
      files: withFlow(split(45, 45)),
      errors: [
        {
          ruleId: 'split-percentages',
          message: 'the split of scenario "seq" adds up to 90%, not 100%',
          line: 10,
          column: 9,
          suggestion: "change the branches' percent, and control, so that they add up to 100",
        },
      ],
      fr: [{ message: 'la répartition du scénario « seq » totalise 90 %, pas 100 %' }],
    },
    {
      name: 'control pushes past 100, in a split nested in a decision branch',
      files: withFlow([
        '- decision:',
        '    branches:',
        '      - name: vip',
        '        condition: loyalty_tier = gold',
        '        steps:',
        '          - split:',
        '              branches: [{ name: a, percent: 60, steps: [{ after: "0", channel: web }] }]',
        '              control: 50',
      ]),
      errors: [{ ruleId: 'split-percentages', message: 'the split of scenario "seq" adds up to 110%, not 100%', line: 14, column: 19 }],
    },
  ],
});

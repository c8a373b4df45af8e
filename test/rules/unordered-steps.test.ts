import { BASE, ruleTester } from './run-rule.js';

const withSteps = (steps: string) => ({
  ...BASE,
  'more.yaml': `scenarios:\n  - id: seq\n    name: Sequence\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: e }\n    steps:\n${steps}`,
});
const step = (after: string) => `      - { after: ${after}, channel: web }\n`;

ruleTester('unordered-steps', {
  valid: [
    { name: 'increasing offsets across notations (0, 30m, 12h, J+1, 2d, D+3, 1w)', files: withSteps(['"0"', '30m', '12h', 'J+1', '2d', 'D+3', '1w'].map(step).join('')) },
    { name: 'equal offsets', files: withSteps([step('J+1'), step('1d'), step('24h')].join('')) },
    { name: 'a reminder before the event (J-7) then the day itself', files: withSteps([step('J-7'), step('"0"')].join('')) },
  ],
  invalid: [
    {
      name: 'inside a decision branch, numbered in the branch; a wait restarts the clock of its sequence',
      files: withSteps(
        [
          '      - { after: J+3, channel: web }\n',
          '      - wait: { until: [{ event: e, steps: [{ after: "0", channel: web }] }], timeout: 2d }\n',
          '      - { after: J+1, channel: web }\n',
          '      - decision:\n',
          '          branches: [{ name: vip, target: all, steps: [{ after: J+2, channel: web }, { after: J+1, channel: web }] }]\n',
        ].join(''),
      ),
      errors: [{ ruleId: 'unordered-steps', message: 'step 2 (J+1) of decision › vip is timed before step 1 (J+2)', line: 13, column: 95 }],
      fr: [{ message: 'l’étape 2 (J+1) de decision › vip est programmée avant l’étape 1 (J+2)' }],
    },
    {
      name: 'J+3 then J+2',
      files: withSteps([step('J+1'), step('J+3'), step('J+2')].join('')),
      errors: [{ ruleId: 'unordered-steps', message: 'step 3 (J+2) is timed before step 2 (J+3)', line: 11, column: 18, endLine: 11, endColumn: 21 }],
    },
    {
      name: 'mixed units: 2d then 36h, compared in minutes; later steps compare with the latest so far',
      files: withSteps([step('2d'), step('36h'), step('D+1')].join('')),
      errors: [
        { ruleId: 'unordered-steps', message: 'step 2 (36h) is timed before step 1 (2d)', line: 10, column: 18 },
        { ruleId: 'unordered-steps', message: 'step 3 (D+1) is timed before step 1 (2d)', line: 11, column: 18 },
      ],
    },
  ],
});

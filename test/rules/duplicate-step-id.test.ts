import { BASE, ruleTester } from './run-rule.js';
import { withFlow } from './branches.js';

ruleTester('duplicate-step-id', {
  valid: [
    { name: 'the base journey (no step id)', files: BASE },
    {
      name: 'distinct ids at every level, branches included',
      files: withFlow([
        '- { id: first, after: J+1, channel: web }',
        '- id: check',
        '  decision:',
        '    branches: [{ name: vip, target: all, steps: [{ id: vip-offer, after: "0", channel: web }, { goto: last }] }]',
        '    otherwise: [{ id: standard-offer, after: "0", channel: web }]',
        '- { id: last, after: J+2, channel: web }',
      ]),
    },
    {
      name: 'the same step id in two scenarios',
      files: {
        ...withFlow(['- { id: reminder, after: J+1, channel: web }']),
        'other.yaml': `scenarios:
  - id: other
    name: Other
    program: conversion
    lifecycle: activation
    target: all
    trigger: { type: event, event: cart_abandoned }
    steps:
      - { id: reminder, after: J+1, channel: web }
`,
      },
    },
  ],
  invalid: [
    {
      name: 'two top-level steps: the second is reported at its id, naming the place of the first',
      files: withFlow(['- { id: reminder, after: J+1, channel: web }', '- { after: J+2, channel: web }', '- { id: reminder, after: J+3, channel: web }']),
      errors: [
        {
          ruleId: 'duplicate-step-id',
          message: 'step id "reminder" is already used in scenario "seq" by step 1',
          file: 'more.yaml',
          line: 11,
          column: 15,
          endLine: 11,
          endColumn: 23,
          suggestion: 'rename one of them: goto and persona assumptions name a step by its id, unique within its scenario',
        },
      ],
      fr: [
        {
          message: 'l’identifiant d’étape « reminder » est déjà utilisé dans le scénario « seq » par l’étape 1',
          suggestion: 'renommez l’une des deux : goto et les hypothèses des personas désignent une étape par son id, unique dans son scénario',
        },
      ],
    },
    {
      name: 'inside branches, a split reusing a message id, and a third occurrence (block style)',
      files: withFlow([
        '- wait:',
        '    until:',
        '      - event: cart_abandoned',
        '        name: back',
        '        steps:',
        '          - { id: offer, after: "0", channel: web }',
        '    timeout: 2d',
        '    otherwise:',
        '      - id: offer',
        '        split:',
        '          branches: [{ name: a, percent: 100, steps: [{ id: offer, after: "0", channel: web }] }]',
      ]),
      errors: [
        { ruleId: 'duplicate-step-id', message: 'step id "offer" is already used in scenario "seq" by step wait › back › 1', line: 17, column: 19 },
        { ruleId: 'duplicate-step-id', message: 'step id "offer" is already used in scenario "seq" by step wait › back › 1', line: 19, column: 67 },
      ],
    },
  ],
});

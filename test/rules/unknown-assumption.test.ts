import { BASE, ruleTester } from './run-rule.js';

const promo =
  'scenarios:\n  - id: promo\n    name: Promo\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: e }\n    steps:\n' +
  '      - { id: hello, after: "0", channel: web }\n' +
  '      - id: offer\n        split: { branches: [{ name: discount, percent: 50, steps: [{ after: "0", channel: web }] }, { name: delivery, percent: 40, steps: [{ after: "0", channel: web }] }], control: 10 }\n' +
  '      - id: vip\n        decision: { branches: [{ name: big, condition: spent > 500, steps: [{ after: "0", channel: web }] }], otherwise: [{ after: "0", channel: web }] }\n';
const persona = (assume: string) => `personas:\n  - id: ana\n    name: Ana\n    target: all\n    events: [{ event: e, at: "0" }]\n    assume:\n${assume}`;

ruleTester('unknown-assumption', {
  valid: [
    {
      name: 'a split variant, the control group, a decision branch and otherwise, in a scenario of another file',
      files: {
        ...BASE,
        'promo.yaml': promo,
        'personas.yaml': persona(
          '      - { scenario: promo, step: offer, branch: discount }\n      - { scenario: promo, step: offer, branch: control }\n' +
            '      - { scenario: promo, step: vip, branch: big }\n      - { scenario: promo, step: vip, branch: otherwise }\n',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'control assumed at a split that holds no control group',
      files: {
        ...BASE,
        'more.yaml':
          promo.replace(', control: 10 }', ' }').replace('percent: 40', 'percent: 50') + persona('      - { scenario: promo, step: offer, branch: control }\n'),
      },
      errors: [
        {
          ruleId: 'unknown-assumption',
          message: 'step "offer" of scenario "promo" has no branch "control"',
          line: 20,
          column: 49,
          suggestion: 'name one of its branches: discount, delivery',
        },
      ],
    },
    {
      name: 'an unknown scenario, an unknown step, a step that does not branch, and a branch the split does not have',
      files: {
        ...BASE,
        'more.yaml':
          promo +
          persona(
            '      - { scenario: prmo, step: offer, branch: discount }\n' +
              '      - { scenario: promo, step: ofer, branch: discount }\n' +
              '      - { scenario: promo, step: hello, branch: discount }\n' +
              '      - { scenario: promo, step: offer, branch: discont }\n' +
              '      - { scenario: nothing-near, step: offer, branch: discount }\n' +
              '      - { scenario: promo, step: vip, branch: small }\n',
          ),
      },
      errors: [
        { ruleId: 'unknown-assumption', message: 'assume names no scenario "prmo"', line: 20, column: 21, endColumn: 25, suggestion: 'did you mean "promo"?' },
        {
          ruleId: 'unknown-assumption',
          message: 'assume names no step "ofer" of scenario "promo"',
          line: 21,
          column: 34,
          endColumn: 38,
          suggestion: 'did you mean "offer"?',
        },
        {
          ruleId: 'unknown-assumption',
          message: 'step "hello" of scenario "promo" is no split or decision: there is no branch to assume',
          line: 22,
          column: 34,
          suggestion: 'name a split or decision step, or remove the assumption',
        },
        {
          ruleId: 'unknown-assumption',
          message: 'step "offer" of scenario "promo" has no branch "discont"',
          line: 23,
          column: 49,
          endColumn: 56,
          suggestion: 'did you mean "discount"?',
        },
        {
          ruleId: 'unknown-assumption',
          message: 'assume names no scenario "nothing-near"',
          line: 24,
          column: 21,
          suggestion: 'name a scenario by its id, or remove the assumption',
        },
        {
          ruleId: 'unknown-assumption',
          message: 'step "vip" of scenario "promo" has no branch "small"',
          line: 25,
          column: 47,
          suggestion: 'name one of its branches: big, otherwise',
        },
      ],
      fr: [
        { message: 'assume ne désigne aucun scénario « prmo »' },
        { message: 'assume ne désigne aucune étape « ofer » du scénario « promo »' },
        { message: 'l’étape « hello » du scénario « promo » n’est ni un split ni une décision : aucune branche à supposer' },
        { message: 'l’étape « offer » du scénario « promo » n’a pas de branche « discont »' },
        { message: 'assume ne désigne aucun scénario « nothing-near »' },
        { message: 'l’étape « vip » du scénario « promo » n’a pas de branche « small »', suggestion: 'nommez une de ses branches : big, otherwise' },
      ],
    },
  ],
});

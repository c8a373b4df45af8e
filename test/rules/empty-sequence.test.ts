import { BASE, ruleTester } from './run-rule.js';

const head =
  'scenarios:\n  - id: winback\n    name: Win back\n    program: conversion\n    lifecycle: upsell\n    target: all\n    trigger: { type: event, event: lapsed }\n';

ruleTester('empty-sequence', {
  valid: [
    { name: 'a scenario with one step', files: BASE },
    {
      name: 'a single non-message action counts as a step',
      files: { ...BASE, 'more.yaml': `${head}    steps:\n      - { after: "0", channel: web, name: Show a banner }\n` },
    },
  ],
  invalid: [
    {
      name: 'no steps key',
      files: { ...BASE, 'more.yaml': head },
      errors: [{ ruleId: 'empty-sequence', message: 'scenario "winback" has no step', line: 2, column: 9, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'an empty steps list',
      files: { ...BASE, 'more.yaml': `${head}    steps: []\n` },
      errors: [{ ruleId: 'empty-sequence', message: 'scenario "winback" has no step', line: 2, column: 9 }],
    },
  ],
});

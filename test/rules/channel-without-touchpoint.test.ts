import { BASE, ruleTester } from './run-rule.js';

const withMail = (channel: string) => ({
  ...BASE,
  'more.yaml': `channels:\n  - { id: mail, name: Postal mail, type: offline }\nscenarios:\n  - id: letter\n    name: Letter\n    program: conversion\n    lifecycle: welcome\n    target: all\n    trigger: { type: event, event: signed_up }\n    steps:\n      - after: "0"\n        channel: ${channel}\n      - { after: J+1, channel: ${channel} }\n`,
});

ruleTester('channel-without-touchpoint', {
  valid: [
    { name: 'every channel used has a touchpoint', files: BASE },
    { name: 'an unknown channel is left to unknown-reference', files: withMail('fax') },
  ],
  invalid: [
    {
      name: 'a channel with no touchpoint, reported once per scenario at its first step',
      files: withMail('mail'),
      errors: [
        {
          ruleId: 'channel-without-touchpoint',
          message: 'scenario "letter" uses channel "mail", which has no touchpoint in the matrix',
          line: 12,
          column: 18,
          endLine: 12,
          endColumn: 22,
          suggestion: 'add the touchpoint this step creates to touchpoints:, so the matrix shows it',
        },
      ],
    },
  ],
});

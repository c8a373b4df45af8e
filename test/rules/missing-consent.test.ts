import { BASE, ruleTester } from './run-rule.js';

const scenario = (variables: string, steps: string) => ({
  ...BASE,
  'more.yaml': `scenarios:\n  - id: promo\n    name: Promo\n    program: conversion\n    lifecycle: upsell\n    target: all\n    trigger: { type: event, event: sale }\n    variables: ${variables}\n    steps:\n${steps}`,
});

ruleTester('missing-consent', {
  valid: [
    { name: 'the consent variable is declared', files: BASE },
    { name: 'a channel that needs no consent', files: scenario('[]', '      - { after: "0", channel: web }\n') },
  ],
  invalid: [
    {
      name: 'a fallback on a consent channel, inside a split branch',
      files: scenario('[]', '      - split: { branches: [{ name: a, percent: 100, steps: [{ after: "0", channel: web, fallback: { channel: email } }] }] }\n'),
      errors: [
        { ruleId: 'missing-consent', message: 'scenario "promo" sends on email, which requires consent, but declares no consent variable for it', line: 10, column: 111 },
      ],
    },
    {
      name: 'email without email_optin suggests the variable that records it, once per channel',
      files: scenario('[first_name]', '      - { after: "0", channel: email }\n      - { after: J+2, channel: email }\n'),
      errors: [
        {
          ruleId: 'missing-consent',
          message: 'scenario "promo" sends on email, which requires consent, but declares no consent variable for it',
          line: 10,
          column: 32,
          endLine: 10,
          endColumn: 37,
          suggestion: "add email_optin to the scenario's variables:",
        },
      ],
    },
    {
      name: 'no variable records consent for the channel at all',
      files: {
        ...scenario('[]', '      - after: "0"\n        channel: sms\n'),
        'channels.yaml': 'channels:\n  - { id: sms, name: SMS, requiresConsent: true }\n',
      },
      errors: [
        {
          ruleId: 'missing-consent',
          message: 'scenario "promo" sends on sms, which requires consent, but declares no consent variable for it',
          line: 11,
          column: 18,
          suggestion: "declare a variable with consentFor: [sms] and add it to the scenario's variables:",
        },
      ],
    },
  ],
});

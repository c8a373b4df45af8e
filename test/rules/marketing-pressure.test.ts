import { BASE, ruleTester } from './run-rule.js';

const omni = (pressure: string) => `name: t\nlocale: en\npressure:\n${pressure}`;
const persona = (events: string) => `personas:\n  - id: camille\n    name: Camille\n    target: all\n    events:\n${events}`;
/** A scenario on the cart trigger sending one email `after` the trigger. */
const cartScenario = (id: string, name: string, after: string, subject: string) => `  - id: ${id}
    name: ${name}
    program: conversion
    lifecycle: activation
    target: all
    useCases: [cart-recovery]
    trigger: { type: behavior, event: cart_abandoned }
    variables: [email_optin]
    steps:
      - { after: ${after}, channel: email, subject: ${subject} }
`;
const second = `scenarios:\n${cartScenario('cart-2', 'Second cart', '2d', 'Again')}`;
/** Eleven more, each sending its email a day later than the one before. */
const eleven = `scenarios:\n${Array.from({ length: 11 }, (_, i) => cartScenario(`more-${String(i + 1).padStart(2, '0')}`, `More ${i + 1}`, `${i + 2}d`, 'More')).join('')}`;

ruleTester('marketing-pressure', {
  valid: [
    {
      name: 'one email a day, as the cap says',
      files: { ...BASE, 'omni.yaml': omni('  - { channels: [email], max: 1, per: 1d }\n'), 'p.yaml': persona('      - { event: cart_abandoned, at: "0 10:00" }\n') },
    },
    { name: 'no persona, nothing to check', files: { ...BASE, 'omni.yaml': omni('  - { max: 1, per: 1d }\n') } },
    { name: 'personas but no cap', files: { ...BASE, 'p.yaml': persona('      - { event: cart_abandoned, at: "0" }\n') } },
  ],
  invalid: [
    {
      name: 'two scenarios on the same trigger: two emails within a week, at the persona, naming both',
      files: {
        ...BASE,
        'omni.yaml': omni('  - { channels: [email], max: 1, per: 7d }\n'),
        'more.yaml': second,
        'p.yaml': persona('      - { event: cart_abandoned, at: "0 10:00" }\n'),
      },
      errors: [
        {
          ruleId: 'marketing-pressure',
          message: 'persona "camille" gets 2 messages on email from D+1 10:00 to D+2 10:00, over the cap of 1 per 7d, breached 1× in the story (scenarios: cart, cart-2)',
          file: 'p.yaml',
          line: 2,
          column: 9,
          suggestion: "space the steps out, add exits such as the other scenario's goal, or merge the scenarios; omni simulate shows the calendar",
        },
      ],
      fr: [
        {
          message:
            'la persona « camille » reçoit 2 messages sur email de D+1 10:00 à D+2 10:00, au-delà du plafond de 1 par 7d, dépassé 1 fois dans l’histoire (scénarios : cart, cart-2)',
        },
      ],
    },
    {
      name: 'twelve scenarios over the cap: ten are named, then how many more',
      files: {
        ...BASE,
        'omni.yaml': omni('  - { channels: [email], max: 1, per: 2w }\n'),
        'more.yaml': eleven,
        'p.yaml': persona('      - { event: cart_abandoned, at: "0 10:00" }\n'),
      },
      errors: [
        {
          ruleId: 'marketing-pressure',
          message:
            'persona "camille" gets 12 messages on email from D+1 10:00 to D+12 10:00, over the cap of 1 per 2w, breached 1× in the story (scenarios: cart, more-01, more-02, more-03, more-04, more-05, more-06, more-07, more-08, more-09 and 2 more)',
          line: 2,
          column: 9,
        },
      ],
      fr: [
        {
          message:
            'la persona « camille » reçoit 12 messages sur email de D+1 10:00 à D+12 10:00, au-delà du plafond de 1 par 2w, dépassé 1 fois dans l’histoire (scénarios : cart, more-01, more-02, more-03, more-04, more-05, more-06, more-07, more-08, more-09 et 2 autres)',
        },
      ],
    },
    {
      name: 'a cap on all channels, the trigger time unknown',
      files: {
        ...BASE,
        'omni.yaml': omni('  - { max: 1, per: 2w }\n'),
        'p.yaml': persona('      - { event: cart_abandoned, at: "0" }\n      - { event: cart_abandoned, at: J+3 }\n'),
      },
      errors: [
        {
          ruleId: 'marketing-pressure',
          message: 'persona "camille" gets 2 messages from D+1 to D+4, over the cap of 1 per 2w on all channels, breached 1× in the story (scenarios: cart)',
          line: 2,
          column: 9,
        },
      ],
    },
  ],
});

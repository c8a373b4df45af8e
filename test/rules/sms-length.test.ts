import { describe, expect, it } from 'vitest';
import { countSms, longestText, moreSms } from '../../src/rules/message-length.js';
import { BASE, ruleTester } from './run-rule.js';

const sms = (message: string, extra: Record<string, string> = {}) => ({
  ...BASE,
  'sms.yaml': `channels:\n  - { id: sms, name: SMS, type: online }\ntouchpoints:\n  - { id: sms-t, name: SMS, stage: buy, channel: sms, status: normal }\nscenarios:\n  - id: notice\n    name: Notice\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: e }\n    variables: [first_name]\n    steps:\n      - after: "0"\n        channel: sms\n        message: ${JSON.stringify(message)}\n`,
  ...extra,
});

describe('SMS segment counting', () => {
  it.each([
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    // The euro sign and brackets come from the extension table: two septets each.
    ['€'.repeat(80), 'GSM-7', 160, 1],
    [`${'a'.repeat(159)}€`, 'GSM-7', 161, 2],
    ['é'.repeat(160), 'GSM-7', 160, 1],
    ['ê'.repeat(70), 'UCS-2', 70, 1],
    ['ê'.repeat(71), 'UCS-2', 71, 2],
    ['ê'.repeat(135), 'UCS-2', 135, 3],
    // An emoji is two UTF-16 code units.
    ['😀'.repeat(35), 'UCS-2', 70, 1],
    // A character is never cut between segments: one that does not fit starts the next.
    [`${'a'.repeat(152)}€${'a'.repeat(152)}`, 'GSM-7', 306, 3],
    [`${'a'.repeat(151)}€${'a'.repeat(153)}`, 'GSM-7', 306, 2],
    [`${'ê'.repeat(66)}😀${'ê'.repeat(66)}`, 'UCS-2', 134, 3],
    [`${'ê'.repeat(65)}😀${'ê'.repeat(67)}`, 'UCS-2', 134, 2],
  ])('%#: %s', (text, encoding, units, segments) => {
    expect(countSms(text)).toMatchObject({ encoding, units, segments });
  });

  it('counts one alternative of a block, the longest: an if/else sends one of its texts, not both', () => {
    const model = { index: { variables: new Map([['first_name', { maxLength: 20 }]]) } } as never;
    expect(longestText('A{{#if vip}}BBB{{else}}CC{{/if}}D', model, 7)).toBe('ABBBD');
    expect(longestText('{{#if a}}x{{else if b}}yyy{{^}}zz{{/if}}', model, 7)).toBe('yyy');
    expect(longestText('{{#each items}}{{first_name}}{{else}}none{{/each}}!', model, 7)).toBe(`${'x'.repeat(20)}!`);
    expect(longestText('{{#if a}}{{#unless b}}12345{{/unless}}{{else}}123{{/if}}', model, 7)).toBe('12345');
    // An SMS prefers the alternative that takes more segments: 71 "ê" (UCS-2, two) over 150 letters (one).
    expect(longestText(`{{#if a}}${'a'.repeat(150)}{{else}}${'ê'.repeat(71)}{{/if}}`, model, 7, moreSms)).toBe('ê'.repeat(71));
    expect(longestText(`{{#if a}}${'a'.repeat(150)}{{else}}${'ê'.repeat(71)}{{/if}}`, model, 7)).toBe('a'.repeat(150));
    // Blocks that do not balance: every part counts (template-syntax reports the template).
    expect(longestText('{{#if a}}AB{{else}}CD', model, 7)).toBe('ABCD');
    expect(longestText('AB{{/if}}CD{{else}}EF', model, 7)).toBe('ABCDEF');
  });

  it('counts each variable at its declared maxLength, else the default, and block tags as nothing', () => {
    const model = { index: { variables: new Map([['first_name', { maxLength: 20 }]]) } } as never;
    expect(longestText('{{first_name}}, {{#if vip}}VIP{{/if}} {{city}}', model, 7)).toBe(`${'x'.repeat(20)}, VIP ${'x'.repeat(7)}`);
  });
});

ruleTester('sms-length', {
  valid: [
    { name: 'a short GSM-7 SMS', files: sms('Lumen: {{first_name}}, your order is ready.') },
    { name: 'exactly 160 septets', files: sms(`{{first_name}}${'a'.repeat(150)}`) },
    { name: 'an email is not an SMS', files: BASE },
    { name: 'an if/else of two 100-letter texts: one is sent, 100 septets', files: sms(`{{#if first_name}}${'a'.repeat(100)}{{else}}${'b'.repeat(100)}{{/if}}`) },
    {
      name: 'two segments allowed by the option',
      files: sms(`{{first_name}}${'a'.repeat(200)}`, { 'omni.yaml': 'rules:\n  sms-length: [warn, { maxSegments: 2 }]\n' }),
    },
    {
      name: 'a declared maxLength makes the count realistic',
      files: sms(`{{first_name}}${'a'.repeat(157)}`, {
        'base.yaml': BASE['base.yaml']!.toString().replace(
          '{ id: first_name, name: First name, sources: [crm] }',
          '{ id: first_name, name: First name, sources: [crm], maxLength: 3 }',
        ),
      }),
    },
  ],
  invalid: [
    {
      name: "an email's SMS fallback (no consent, or a bounce, sends it as an SMS)",
      files: {
        ...sms('Lumen: ready.'),
        'fallback.yaml':
          'scenarios:\n  - id: reminder\n    name: Reminder\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: e }\n    variables: [email_optin]\n    steps:\n' +
          `      - after: "0"\n        channel: email\n        subject: Your cart\n        fallback:\n          channel: sms\n          message: ${JSON.stringify('a'.repeat(161))}\n`,
      },
      errors: [
        {
          ruleId: 'sms-length',
          message: 'SMS of scenario "reminder" takes 2 segments (GSM-7, 161 septets with variables at their longest), over the limit of 1',
          file: 'fallback.yaml',
          line: 15,
          column: 20,
        },
      ],
    },
    {
      name: 'over 160 septets with the variable at its default length',
      files: sms(`{{first_name}}${'a'.repeat(151)}`),
      errors: [
        {
          ruleId: 'sms-length',
          message: 'SMS of scenario "notice" takes 2 segments (GSM-7, 161 septets with variables at their longest), over the limit of 1',
          line: 16,
          column: 18,
          suggestion: 'shorten the message, or declare a smaller maxLength on its variables',
        },
      ],
      fr: [
        {
          message: 'le SMS du scénario « notice » prend 2 segments (GSM-7, 161 septets avec les variables à leur plus long), au-delà de la limite de 1',
          suggestion: 'raccourcissez le message, ou déclarez une maxLength plus petite sur ses variables',
        },
      ],
    },
    {
      name: 'one ç switches to UCS-2',
      files: sms(`Votre reçu est disponible dans votre espace client, rubrique commandes.`),
      errors: [
        {
          ruleId: 'sms-length',
          message: 'SMS of scenario "notice" takes 2 segments (UCS-2, 71 UCS-2 characters with variables at their longest), over the limit of 1',
          line: 16,
          column: 18,
          suggestion: '"ç" is not in the GSM-7 alphabet, which halves what a segment holds: replace it, or shorten the message',
        },
      ],
      fr: [
        {
          message: 'le SMS du scénario « notice » prend 2 segments (UCS-2, 71 caractères UCS-2 avec les variables à leur plus long), au-delà de la limite de 1',
          suggestion: '« ç » n’est pas dans l’alphabet GSM-7, ce qui divise par deux ce que contient un segment : remplacez-le, ou raccourcissez le message',
        },
      ],
    },
    {
      name: 'a channel listed by the option',
      files: {
        ...sms('short'),
        'omni.yaml': 'rules:\n  sms-length: [warn, { channels: [rcs], variableLength: 200 }]\n',
        'rcs.yaml':
          'channels:\n  - { id: rcs, name: RCS, type: online }\ntouchpoints:\n  - { id: rcs-t, name: RCS, stage: buy, channel: rcs, status: normal }\nscenarios:\n  - id: rich\n    name: Rich\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: e }\n    variables: [first_name]\n    steps:\n      - { after: "0", channel: rcs, message: "{{first_name}}" }\n',
      },
      errors: [
        {
          ruleId: 'sms-length',
          message: 'SMS of scenario "rich" takes 2 segments (GSM-7, 200 septets with variables at their longest), over the limit of 1',
          file: 'rcs.yaml',
          line: 14,
          column: 46,
        },
      ],
    },
  ],
});

import { BASE, ruleTester } from './run-rule.js';

const HINT = 'close every {{…}} and {{#block}}…{{/block}}; write a literal brace as \\{{';
const scenario = (steps: string) => ({
  ...BASE,
  'more.yaml': `scenarios:\n  - id: greet\n    name: Greet\n    program: conversion\n    lifecycle: welcome\n    target: all\n    trigger: { type: event, event: signed_up }\n    variables: [first_name, email_optin]\n    steps:\n${steps}`,
});

ruleTester('template-syntax', {
  valid: [
    { name: 'valid templates', files: BASE },
    {
      name: 'plain text with single braces and an escaped mustache',
      files: scenario('      - { after: "0", channel: email, subject: "Save {10%} today \\\\{{literally}}" }\n'),
    },
    { name: 'a closed block', files: scenario('      - { after: "0", channel: email, message: "{{#if first_name}}Hi {{first_name}}{{/if}}" }\n') },
  ],
  invalid: [
    {
      // Columns inside the template point at the unexpected token: the lone `}` here.
      name: 'an unclosed mustache, a mismatched block and an error on the third line of a block scalar',
      files: scenario(`      - after: "0"
        channel: email
        subject: "Hi {{first_name}"
        message: "{{#each cart_items}}x{{/with}}"
      - after: 1d
        channel: email
        message: |
          Hello {{first_name}},
          {{#each cart_items}}{{name}}
          {{/each}
`),
      errors: [
        {
          ruleId: 'template-syntax',
          message: 'invalid template in subject (column 16): malformed or unclosed "{{"',
          line: 12,
          column: 18,
          endLine: 12,
          endColumn: 36,
          suggestion: HINT,
        },
        { ruleId: 'template-syntax', message: "invalid template in message (column 4): each doesn't match with", line: 13, column: 18, endLine: 13, endColumn: 50 },
        { ruleId: 'template-syntax', message: 'invalid template in message (template line 3, column 8): malformed or unclosed "{{"', line: 16, column: 18 },
      ],
      fr: [
        {
          message: 'gabarit invalide dans subject (colonne 16) : « {{ » mal formé ou non fermé',
          suggestion: 'fermez chaque {{…}} et {{#bloc}}…{{/bloc}} ; écrivez une accolade littérale \\{{',
        },
        { message: 'gabarit invalide dans message (colonne 4) : le bloc « each » est fermé par « with »' },
        { message: 'gabarit invalide dans message (ligne 3 du gabarit, colonne 8) : « {{ » mal formé ou non fermé' },
      ],
    },
    {
      // It read 'unexpected the end of the text, expected "{{/"', naming neither the block nor its place.
      name: 'a block never closed is named, where it opened',
      files: scenario(`      - { after: "0", channel: email, subject: "{{#if first_name}}Hi {{first_name}}" }
      - after: 1d
        channel: email
        message: |
          Hello,
          {{#each cart_items}}{{name}}{{/each}} {{#unless first_name}}friend
`),
      errors: [
        {
          ruleId: 'template-syntax',
          message: 'invalid template in subject (column 1): the {{#if}} block is never closed',
          line: 10,
          column: 48,
          suggestion: 'end it with {{/if}} where the block ends',
        },
        { ruleId: 'template-syntax', message: 'invalid template in message (template line 2, column 39): the {{#unless}} block is never closed', line: 13, column: 18 },
      ],
      fr: [
        { message: 'gabarit invalide dans subject (colonne 1) : le bloc {{#if}} n’est jamais fermé', suggestion: 'terminez-le par {{/if}} là où le bloc s’arrête' },
        { message: 'gabarit invalide dans message (ligne 2 du gabarit, colonne 39) : le bloc {{#unless}} n’est jamais fermé' },
      ],
    },
    {
      name: 'a closing block that was never opened',
      files: scenario('      - { after: "0", channel: email, message: "{{first_name}}{{/if}}" }\n'),
      errors: [{ ruleId: 'template-syntax', message: 'invalid template in message (column 15): unexpected "{{/", expected the end of the text', line: 10, column: 48 }],
      fr: [{ message: 'gabarit invalide dans message (colonne 15) : « {{/ » à un endroit où l’on attend la fin du texte' }],
    },
    {
      name: "a hash argument without a value: every token that could come, in the locale's words",
      files: scenario('      - { after: "0", channel: email, message: "{{first_name b=}}" }\n'),
      errors: [
        {
          ruleId: 'template-syntax',
          message: 'invalid template in message (column 16): unexpected "}}", expected a variable name or a string or a number or true or false or an @variable',
          line: 10,
          column: 48,
        },
      ],
      fr: [
        {
          message:
            'gabarit invalide dans message (colonne 16) : « }} » à un endroit où l’on attend un nom de variable ou une chaîne ou un nombre ou true ou false ou une @variable',
        },
      ],
    },
  ],
});

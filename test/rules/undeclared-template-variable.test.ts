import { BASE, ruleTester } from './run-rule.js';

const scenario = (steps: string, variables = '[first_name, email_optin, cart_items]') => ({
  ...BASE,
  'data.yaml': 'variables:\n  - { id: cart_items, name: Cart items, sources: [crm] }\n',
  'more.yaml': `scenarios:\n  - id: greet\n    name: Greet\n    program: conversion\n    lifecycle: welcome\n    target: all\n    trigger: { type: event, event: signed_up }\n    variables: ${variables}\n    steps:\n${steps}`,
});

ruleTester('undeclared-template-variable', {
  valid: [
    { name: 'a declared variable', files: BASE },
    {
      name: "handlebars' own keywords and item paths: each, with, this, @index, @first, else, ../, @root, block params, comments",
      files: scenario(`      - after: "0"
        channel: email
        subject: "{{! a comment }}Hello {{first_name}}"
        message: |
          {{#each cart_items}}{{name}} x{{qty}} ({{@index}}, {{@first}}) {{this}} {{../first_name}}{{else}}empty{{/each}}
          {{#with cart_items.0}}{{name}}{{/with}}
          {{#each cart_items as |item|}}{{item.name}}{{/each}}
          {{@root.first_name}} {{cart_items.0.name}} \\{{not_a_variable}}
`),
    },
    {
      name: 'a helper name is not a variable, its literal arguments neither',
      files: scenario('      - { after: "0", channel: email, subject: "{{year \\"now\\"}}" }\n'),
    },
    { name: 'an invalid template is left to template-syntax', files: scenario('      - { after: "0", channel: email, subject: "Hi {{nobody}" }\n') },
  ],
  invalid: [
    {
      // Found by probing: `{{first name}}` is the helper `first` given `name`, and the hint said to declare `name`.
      name: 'a space that splits a declared name in two',
      files: scenario('      - { after: "0", channel: email, subject: "Bonjour {{first name}} !" }\n'),
      errors: [
        {
          ruleId: 'undeclared-template-variable',
          message: '"name" is not among the variables of scenario "greet"',
          line: 10,
          column: 65,
          suggestion: 'a space splits {{first name}} in two: write {{first_name}}',
        },
      ],
      fr: [
        { message: '« name » ne figure pas parmi les variables du scénario « greet »', suggestion: 'une espace coupe {{first name}} en deux : écrivez {{first_name}}' },
      ],
    },
    {
      name: 'in a wait branch and in a fallback',
      files: scenario(
        '      - wait: { until: [{ event: signed_up, steps: [{ after: "0", channel: web, subject: "{{nickname}}", fallback: { channel: web, message: "{{city}}" } }] }], timeout: 1d }\n',
      ),
      errors: [
        { ruleId: 'undeclared-template-variable', message: '"nickname" is not among the variables of scenario "greet"', line: 10, column: 93 },
        { ruleId: 'undeclared-template-variable', message: '"city" is not among the variables of scenario "greet"', line: 10, column: 144 },
      ],
    },
    {
      name: 'a typo, a helper argument, a subexpression argument and @root, each at its own place in the file',
      files: scenario(`      - after: "0"
        channel: email
        subject: "Hi {{frist_name}}"
        message: |
          Your cart: {{#each cart_items}}{{name}}{{/each}}
          {{formatDate birthday "short"}} {{upper (lower nickname)}}
          {{@root.city}} {{frist_name}}
`),
      errors: [
        {
          ruleId: 'undeclared-template-variable',
          message: '"frist_name" is not among the variables of scenario "greet"',
          file: 'more.yaml',
          line: 12,
          column: 24,
          endLine: 12,
          endColumn: 34,
          suggestion: 'did you mean "first_name"?',
        },
        {
          ruleId: 'undeclared-template-variable',
          message: '"birthday" is not among the variables of scenario "greet"',
          line: 15,
          column: 24,
          endColumn: 32,
          suggestion: "add birthday to the scenario's variables:",
        },
        { ruleId: 'undeclared-template-variable', message: '"nickname" is not among the variables of scenario "greet"', line: 15, column: 58, endColumn: 66 },
        { ruleId: 'undeclared-template-variable', message: '"city" is not among the variables of scenario "greet"', line: 16, column: 13, endColumn: 23 },
        { ruleId: 'undeclared-template-variable', message: '"frist_name" is not among the variables of scenario "greet"', line: 16, column: 28, endColumn: 38 },
      ],
    },
    {
      // Found by test/lsp/quick-fix-fuzz.test.ts: "did you mean cart_items?" made the quick fix rewrite the template.
      name: 'a variable the workspace declares, close to one of the scenario’s: to be added, not a typo',
      files: {
        ...scenario('      - { after: "0", channel: email, subject: "{{cart_item}} and {{cart_itemz}}" }\n'),
        'data.yaml': 'variables:\n  - { id: cart_items, name: Cart items, sources: [crm] }\n  - { id: cart_item, name: One cart item, sources: [crm] }\n',
      },
      errors: [
        {
          ruleId: 'undeclared-template-variable',
          message: '"cart_item" is not among the variables of scenario "greet"',
          line: 10,
          column: 51,
          suggestion: "add cart_item to the scenario's variables:",
        },
        {
          ruleId: 'undeclared-template-variable',
          message: '"cart_itemz" is not among the variables of scenario "greet"',
          line: 10,
          column: 69,
          suggestion: 'did you mean "cart_items"?',
        },
      ],
    },
    {
      name: 'a variable a nested path reads (first segment), reported once per field',
      files: scenario('      - { after: "0", channel: email, subject: "{{order.total}} {{order.id}}" }\n', '[email_optin]'),
      errors: [{ ruleId: 'undeclared-template-variable', message: '"order" is not among the variables of scenario "greet"', line: 10, column: 51, endColumn: 62 }],
    },
    {
      name: 'a variable whose name also appears in the prose is pointed at inside its mustache',
      files: scenario('      - { after: "0", channel: email, subject: "Your cart: {{cart}}" }\n', '[email_optin]'),
      errors: [{ ruleId: 'undeclared-template-variable', message: '"cart" is not among the variables of scenario "greet"', line: 10, column: 62, endColumn: 66 }],
    },
  ],
});

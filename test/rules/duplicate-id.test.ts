import { BASE, ruleTester } from './run-rule.js';

ruleTester('duplicate-id', {
  valid: [
    { name: 'the base journey', files: BASE },
    {
      name: 'the same id in two different sections (a stage and a channel named email)',
      files: { ...BASE, 'more.yaml': 'stages:\n  - { id: email, name: I read my email }\n' },
    },
    {
      name: 'a lifecycle stage named like a default lifecycle id when the workspace declares its own lifecycle',
      files: { ...BASE, 'more.yaml': 'lifecycle:\n  - { id: welcome, name: Welcome }\n  - { id: activation, name: Activation }\n' },
    },
  ],
  invalid: [
    {
      name: 'a stage declared again in another file points at the second id, naming the first file',
      files: { ...BASE, 'more.yaml': 'stages:\n  - { id: discover, name: Again }\n' },
      errors: [
        {
          ruleId: 'duplicate-id',
          message: 'stage id "discover" is already declared in base.yaml',
          file: 'more.yaml',
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 19,
          suggestion: 'rename one of them: ids are unique per section across the workspace',
        },
      ],
    },
    {
      name: 'a duplicate in the same file, block style, and a duplicate scenario',
      files: {
        ...BASE,
        'more.yaml': `sources:
  - id: erp
    name: ERP
  - id: erp
    name: ERP again
scenarios:
  - id: cart
    name: Cart again
    program: conversion
    lifecycle: activation
    target: all
    trigger: { type: behavior, event: x }
`,
      },
      errors: [
        { ruleId: 'duplicate-id', message: 'source id "erp" is already declared in more.yaml', line: 4, column: 9, endColumn: 12 },
        { ruleId: 'duplicate-id', message: 'scenario id "cart" is already declared in base.yaml', line: 7, column: 9, endColumn: 13 },
      ],
      fr: [{ message: 'source « erp » : identifiant déjà déclaré dans more.yaml' }, { message: 'scénario « cart » : identifiant déjà déclaré dans base.yaml' }],
    },
    {
      name: 'three declarations report the second and the third',
      files: { ...BASE, 'more.yaml': 'targets:\n  - { id: all, name: B }\n  - { id: all, name: C }\n' },
      errors: [
        { ruleId: 'duplicate-id', message: 'target id "all" is already declared in base.yaml', line: 2, column: 11 },
        { ruleId: 'duplicate-id', message: 'target id "all" is already declared in base.yaml', line: 3, column: 11 },
      ],
    },
  ],
});

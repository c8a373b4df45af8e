import { BASE, ruleTester } from './run-rule.js';

const scenario = (id: string, variables: string) =>
  `  - { id: ${id}, name: S, program: conversion, lifecycle: activation, target: all, trigger: { type: event, event: e }, variables: ${variables}, steps: [{ after: "0", channel: web }] }\n`;

ruleTester('variable-without-source', {
  valid: [
    { name: 'every used variable has a source', files: BASE },
    {
      name: 'a variable with no source that no scenario uses (unused-variable reports that)',
      files: { ...BASE, 'more.yaml': 'variables:\n  - { id: points, name: Points, sources: [] }\n' },
    },
  ],
  invalid: [
    {
      name: 'an empty sources list is pointed at; a missing one points at the variable',
      files: {
        ...BASE,
        'more.yaml': `variables:
  - id: points
    name: Loyalty points
    sources: []
  - { id: tier, name: Tier }
scenarios:
${scenario('loyalty', '[points, tier]')}`,
      },
      errors: [
        {
          ruleId: 'variable-without-source',
          message: 'variable "points" is used by scenario "loyalty" but has no source',
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 16,
          suggestion: 'list the systems that hold it under sources:',
        },
        { ruleId: 'variable-without-source', message: 'variable "tier" is used by scenario "loyalty" but has no source', line: 5, column: 5, endColumn: 29 },
      ],
    },
    {
      name: 'several users are counted',
      files: {
        ...BASE,
        'more.yaml': `variables:\n  - { id: points, name: P }\nscenarios:\n${scenario('a', '[points]')}${scenario('b', '[points]')}${scenario('c', '[points]')}`,
      },
      errors: [{ ruleId: 'variable-without-source', message: 'variable "points" is used by scenario "a" and 2 more but has no source', line: 2, column: 5 }],
    },
  ],
});

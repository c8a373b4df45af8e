import { BASE, ruleTester } from './run-rule.js';

ruleTester('unused-variable', {
  valid: [{ name: 'every variable is listed by a scenario', files: BASE }],
  invalid: [
    {
      name: 'a variable no scenario lists',
      files: { ...BASE, 'more.yaml': 'variables:\n  - { id: shoe_size, name: Shoe size, sources: [crm] }\n' },
      errors: [
        {
          ruleId: 'unused-variable',
          message: 'variable "shoe_size" is used by no scenario',
          line: 2,
          column: 11,
          endLine: 2,
          endColumn: 20,
          suggestion: 'list it in the variables: of the scenarios that need it, or remove it',
        },
      ],
    },
  ],
});

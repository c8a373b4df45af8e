import { BASE, ruleTester } from './run-rule.js';

ruleTester('use-case-without-scenario', {
  valid: [{ name: 'the base use case is implemented by a scenario', files: BASE }],
  invalid: [
    {
      name: 'a use case no scenario lists',
      files: { ...BASE, 'more.yaml': 'useCases:\n  - id: loyalty-club\n    name: Loyalty club\n    scores: { business: 4, experience: 4, difficulty: 5 }\n' },
      errors: [
        {
          ruleId: 'use-case-without-scenario',
          message: 'use case "loyalty-club" is implemented by no scenario',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 21,
          suggestion: 'list it in the useCases: of the scenario that delivers it',
        },
      ],
    },
  ],
});

import { BASE, ruleTester } from './run-rule.js';

ruleTester('opportunity-without-use-case', {
  valid: [
    { name: 'the opportunity is addressed by a use case in another file', files: BASE },
    {
      name: 'normal and friction touchpoints are not this rule',
      files: {
        ...BASE,
        'more.yaml':
          'touchpoints:\n  - { id: a, name: A, stage: buy, channel: web, status: normal }\n  - { id: b, name: B, stage: buy, channel: web, status: friction }\n',
      },
    },
  ],
  invalid: [
    {
      name: 'an opportunity no use case lists, pointed at its status',
      files: { ...BASE, 'more.yaml': 'touchpoints:\n  - id: web-reviews\n    name: Reviews\n    stage: discover\n    channel: web\n    status: opportunity\n' },
      errors: [
        {
          ruleId: 'opportunity-without-use-case',
          message: 'opportunity "web-reviews" is addressed by no use case',
          line: 6,
          column: 13,
          endLine: 6,
          endColumn: 24,
          suggestion: 'list it in the touchpoints: of a use case, or set its status to normal',
        },
      ],
    },
  ],
});

import { BASE, ruleTester } from './run-rule.js';

ruleTester('friction-without-use-case', {
  valid: [
    { name: 'no friction in the base journey', files: BASE },
    {
      name: 'a friction a use case addresses',
      files: {
        ...BASE,
        'more.yaml':
          'touchpoints:\n  - { id: slow-checkout, name: Slow checkout, stage: buy, channel: web, status: friction }\nuseCases:\n  - { id: fast-checkout, name: Faster checkout, touchpoints: [slow-checkout], scores: { business: 3, experience: 5, difficulty: 3 } }\n',
      },
    },
    { name: 'an opportunity is not this rule', files: { ...BASE, 'more.yaml': 'touchpoints:\n  - { id: b, name: B, stage: buy, channel: web, status: opportunity }\n' } },
  ],
  invalid: [
    {
      name: 'a friction no use case lists, flow style',
      files: { ...BASE, 'more.yaml': 'touchpoints:\n  - { id: slow-checkout, name: Slow checkout, stage: buy, channel: web, status: friction }\n' },
      errors: [{ ruleId: 'friction-without-use-case', message: 'friction "slow-checkout" is addressed by no use case', line: 2, column: 81, endLine: 2, endColumn: 89 }],
    },
  ],
});

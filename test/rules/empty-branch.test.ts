import { ruleTester } from './run-rule.js';
import { withFlow } from './branches.js';

ruleTester('empty-branch', {
  valid: [
    {
      name: 'every branch has a step; end: true counts as one',
      files: withFlow(['- wait:', '    until: [{ event: cart_abandoned, steps: [{ end: true }] }]', '    timeout: 2d', '    otherwise: [{ after: "0", channel: web }]']),
    },
    { name: 'a decision without otherwise', files: withFlow(['- decision: { branches: [{ name: vip, target: all, steps: [{ after: "0", channel: web }] }] }']) },
  ],
  invalid: [
    {
      name: 'a decision branch without steps, pointed at by its name',
      files: withFlow(['- decision:', '    branches:', '      - { name: vip, condition: loyalty_tier = gold }', '    otherwise: [{ after: "0", channel: web }]']),
      errors: [
        {
          ruleId: 'empty-branch',
          message: 'branch "vip" of a decision in scenario "seq" has no step',
          line: 11,
          column: 23,
          suggestion: 'add its steps, or - end: true if contacts leave the scenario there',
        },
      ],
      fr: [{ message: 'la branche « vip » d’un decision du scénario « seq » n’a aucune étape' }],
    },
    {
      name: 'an empty wait event branch (at its event) and an empty otherwise (at its key)',
      files: withFlow(['- wait:', '    until:', '      - { event: cart_abandoned, steps: [] }', '    timeout: 2d', '    otherwise: []']),
      errors: [
        { ruleId: 'empty-branch', message: 'branch "cart_abandoned" of a wait in scenario "seq" has no step', line: 11, column: 24 },
        { ruleId: 'empty-branch', message: 'branch "otherwise" of a wait in scenario "seq" has no step', line: 13, column: 11 },
      ],
    },
  ],
});

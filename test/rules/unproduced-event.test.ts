import { ruleTester } from './run-rule.js';
import { withFlow } from './branches.js';

const waitFor = (event: string) => [
  '- { after: J+1, channel: web }',
  '- wait:',
  `    until: [{ event: ${event}, steps: [{ after: "0", channel: web }] }]`,
  '    timeout: 2d',
];

ruleTester('unproduced-event', {
  valid: [
    { name: 'an event declared under events:', files: withFlow(waitFor('email_opened'), 'events:\n  - { id: email_opened, name: Email opened, sources: [crm] }\n') },
    { name: 'an event that triggers a scenario', files: withFlow(waitFor('cart_abandoned')) },
    { name: 'no wait', files: withFlow(['- { after: J+1, channel: web }']) },
  ],
  invalid: [
    {
      name: 'a wait on an event nobody declared, with a close declared one',
      files: withFlow(waitFor('email_opend'), 'events:\n  - { id: email_opened, name: Email opened }\n'),
      errors: [
        {
          ruleId: 'unproduced-event',
          message: 'scenario "seq" waits for event "email_opend", which nothing produces',
          line: 11,
          column: 28,
          suggestion: 'did you mean "email_opened"?',
        },
      ],
      fr: [{ message: 'le scénario « seq » attend l’événement « email_opend », que rien ne produit', suggestion: 'vouliez-vous dire « email_opened » ?' }],
    },
    {
      name: 'a decision on an event nothing produces',
      files: withFlow(['- decision: { branches: [{ name: visited, event: store_visit, steps: [{ after: "0", channel: web }] }] }']),
      errors: [
        {
          ruleId: 'unproduced-event',
          message: 'scenario "seq" decides on event "store_visit", which nothing produces',
          line: 9,
          column: 56,
          suggestion: 'declare it under events: with the sources that emit it',
        },
      ],
    },
  ],
});

import { ruleTester, BASE, type Files } from './run-rule.js';
import { withFlow } from './branches.js';

/** BASE plus a scenario "more" whose exit and goal are the given lines (after its trigger, line 8). */
const withExit = (lines: string[], extra = ''): Files => ({
  ...BASE,
  'more.yaml': `scenarios:\n  - id: more\n    name: More\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: behavior, event: cart_abandoned }\n${lines.map((line) => `    ${line}\n`).join('')}    steps:\n      - { after: J+1, channel: web }\n${extra}`,
});

const persona = (event: string) => `personas:\n  - id: julia\n    name: Julia\n    target: all\n    events:\n      - { event: ${event}, at: J+0 }\n`;

ruleTester('misspelled-event', {
  valid: [
    { name: 'an exit named nowhere else and close to nothing (unsubscribed need not be declared)', files: withExit(['exit: [unsubscribed]']) },
    { name: 'an exit equal to a trigger', files: withExit(['exit: [cart_abandoned]']) },
    { name: 'an exit declared under events:', files: withExit(['exit: [cart_abandond]'], 'events:\n  - { id: cart_abandond, name: Typo kept on purpose }\n') },
    {
      name: 'the same spelling twice is on purpose, even close to a known event',
      files: withExit(['exit: [cart_abandonned]', 'goal: cart_abandonned']),
    },
    {
      name: 'three edits away from the closest event is another event (order_paid, not order_placed)',
      files: withExit(['exit: [order_paid]'], 'events:\n  - { id: order_placed, name: Order placed }\n'),
    },
    { name: 'a persona event of the story only (search)', files: { ...BASE, 'p.yaml': persona('search') } },
    { name: 'a persona event that triggers a scenario', files: { ...BASE, 'p.yaml': persona('cart_abandoned') } },
    {
      name: 'a trigger two scenarios share is on purpose, even one letter from a declared event',
      files: {
        ...BASE,
        'more.yaml':
          'scenarios:\n' +
          ['a', 'b']
            .map(
              (id) =>
                `  - { id: ${id}, name: ${id}, program: conversion, lifecycle: activation, target: all, trigger: { type: event, event: order_deliverd }, steps: [{ after: J+7, channel: web }] }\n`,
            )
            .join('') +
          'events:\n  - { id: order_delivered, name: Order delivered }\n',
      },
    },
  ],
  invalid: [
    {
      name: 'an exit one letter from a declared event',
      files: withExit(['exit: [unsubscribed, order_placd]'], 'events:\n  - { id: order_placed, name: Order placed }\n'),
      errors: [
        {
          ruleId: 'misspelled-event',
          message: 'scenario "more" exits on event "order_placd", which nothing else names; it looks like "order_placed"',
          line: 8,
          column: 26,
          endColumn: 37,
          suggestion: 'write "order_placed", or declare "order_placd" under events: if it is another event',
        },
      ],
      fr: [
        {
          message: 'le scénario « more » sort sur l’événement « order_placd », que rien d’autre ne nomme ; il ressemble à « order_placed »',
          suggestion: 'écrivez « order_placed », ou déclarez « order_placd » sous events: si c’est un autre événement',
        },
      ],
    },
    {
      name: 'a goal two letters from an event waited for',
      files: {
        ...withFlow(
          ['- { after: J+1, channel: web }', '- wait:', '    until: [{ event: email_clicked, steps: [{ end: true }] }]', '    timeout: 2d'],
          'events:\n  - { id: email_clicked, name: Clicked }\n',
        ),
        'goal.yaml':
          'scenarios:\n  - id: goal\n    name: Goal\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: behavior, event: cart_abandoned }\n    goal: emial_clickd\n    steps:\n      - { after: J+1, channel: web }\n',
      },
      errors: [
        {
          ruleId: 'misspelled-event',
          file: 'goal.yaml',
          message: 'scenario "goal" has event "emial_clickd" as its goal, which nothing else names; it looks like "email_clicked"',
          line: 8,
          column: 11,
        },
      ],
    },
    {
      name: 'a persona event one letter from a trigger: it would trigger nothing in omni simulate',
      files: { ...BASE, 'p.yaml': persona('cart_abandonned') },
      errors: [
        {
          ruleId: 'misspelled-event',
          file: 'p.yaml',
          message: 'persona "julia" has event "cart_abandonned", which nothing else names; it looks like "cart_abandoned"',
          line: 6,
          column: 18,
          suggestion: 'write "cart_abandoned", or declare "cart_abandonned" under events: if it is another event',
        },
      ],
      fr: [{ message: 'la persona « julia » a l’événement « cart_abandonned », que rien d’autre ne nomme ; il ressemble à « cart_abandoned »' }],
    },
    {
      name: 'a trigger of one scenario, named nowhere else, one letter from a declared event: the scenario never starts',
      files: {
        ...BASE,
        'more.yaml':
          'scenarios:\n  - id: review\n    name: Review\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: order_deliverd }\n    steps:\n      - { after: J+7, channel: web }\nevents:\n  - { id: order_delivered, name: Order delivered }\n',
      },
      errors: [
        {
          ruleId: 'misspelled-event',
          file: 'more.yaml',
          message: 'scenario "review" is triggered by event "order_deliverd", which nothing else names; it looks like "order_delivered"',
          line: 7,
          column: 36,
          suggestion: 'write "order_delivered", or declare "order_deliverd" under events: if it is another event',
        },
      ],
      fr: [
        {
          message: 'le scénario « review » est déclenché par l’événement « order_deliverd », que rien d’autre ne nomme ; il ressemble à « order_delivered »',
        },
      ],
    },
    {
      name: 'a lone trigger next to a persona event named once: which is the slip cannot be told, the persona is reported',
      files: {
        ...BASE,
        'more.yaml':
          'scenarios:\n  - id: review\n    name: Review\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: order_deliverd }\n    steps:\n      - { after: J+7, channel: web }\n',
        'p.yaml': persona('order_delivered'),
      },
      errors: [
        {
          ruleId: 'misspelled-event',
          file: 'p.yaml',
          message: 'persona "julia" has event "order_delivered", which nothing else names; it looks like "order_deliverd"',
          line: 6,
          column: 18,
        },
      ],
    },
    {
      name: 'case does not hide a slip, and each use is reported',
      files: withExit(['exit: [Cart_Abandonedd]', 'goal: cart_abandone']),
      errors: [
        {
          ruleId: 'misspelled-event',
          message: 'scenario "more" exits on event "Cart_Abandonedd", which nothing else names; it looks like "cart_abandoned"',
          line: 8,
          column: 12,
        },
        {
          ruleId: 'misspelled-event',
          message: 'scenario "more" has event "cart_abandone" as its goal, which nothing else names; it looks like "cart_abandoned"',
          line: 9,
          column: 11,
        },
      ],
    },
  ],
});

import { BASE, ruleTester } from './run-rule.js';

const every = `touchpoints:
  - id: web-cart
    name: Cart
    stage: discovr
    channel: sms
    status: normal
useCases:
  - id: more
    name: More
    touchpoints: [web-prodcut]
    scores: { business: 1, experience: 1, difficulty: 1 }
scenarios:
  - id: other
    name: Other
    program: conversoin
    lifecycle: activaton
    target: everyone
    useCases: [cart-recovery, loyalty]
    trigger: { type: event, event: birthday }
    variables: [first_nam]
    steps:
      - { after: "0", channel: emal }
variables:
  - { id: age, name: Age, sources: [erp], consentFor: [sms] }
`;

ruleTester('unknown-reference', {
  valid: [
    {
      name: 'references to entities declared in another file',
      files: { ...BASE, 'more.yaml': 'useCases:\n  - { id: x, name: X, touchpoints: [web-product], scores: { business: 1, experience: 1, difficulty: 1 } }\n' },
    },
    {
      name: 'the default lifecycle stages resolve when the workspace declares none',
      files: {
        ...BASE,
        'more.yaml':
          'scenarios:\n  - { id: s, name: S, program: conversion, lifecycle: upsell, target: all, trigger: { type: event, event: e }, steps: [{ after: "0", channel: web }] }\n',
      },
    },
    {
      name: 'a reference to an entity the schema rejected is not reported a second time',
      allowLoadErrors: true,
      files: {
        ...BASE,
        'more.yaml': 'channels:\n  - { id: sms, name: SMS, type: mobile }\ntouchpoints:\n  - { id: sms-promo, name: Promo, stage: buy, channel: sms, status: normal }\n',
      },
    },
  ],
  invalid: [
    {
      // Found by probing: "declare it under lifecycle:" replaces the four default stages, which
      // breaks every other scenario; the hint now names the defaults and says so.
      name: 'a lifecycle stage the default stages do not have, in a workspace that declares none',
      files: {
        ...BASE,
        'more.yaml':
          'scenarios:\n  - { id: s, name: S, program: conversion, lifecycle: retention, target: all, trigger: { type: event, event: e }, steps: [{ after: "0", channel: web }] }\n',
      },
      errors: [
        {
          ruleId: 'unknown-reference',
          message: 'unknown lifecycle stage "retention"',
          line: 2,
          column: 55,
          suggestion:
            'use a default stage: welcome, activation, relationship, upsell; or declare lifecycle: with every stage the scenarios use, since it replaces the defaults',
        },
      ],
      fr: [
        {
          message: 'référence inconnue : étape de la relation « retention »',
          suggestion:
            'utilisez une étape par défaut : welcome, activation, relationship, upsell ; ou déclarez lifecycle: avec toutes les étapes des scénarios, car il remplace celles par défaut',
        },
      ],
    },
    {
      name: "a channel of omni.yaml's pressure caps or quiet hours that the workspace does not declare (the cap would count nothing)",
      files: {
        ...BASE,
        'omni.yaml':
          'pressure:\n  - { channels: [emial], max: 1, per: 1d }\n  - { channels: [web, email], max: 3, per: 7d }\nquietHours: { from: "21:00", to: "08:00", channels: [sms] }\n',
      },
      errors: [
        { ruleId: 'unknown-reference', message: 'unknown channel "emial"', file: 'omni.yaml', line: 2, column: 18, endColumn: 23, suggestion: 'did you mean "email"?' },
        { ruleId: 'unknown-reference', message: 'unknown channel "sms"', file: 'omni.yaml', line: 4, column: 54, suggestion: 'declare it under channels:' },
      ],
    },
    {
      name: 'a channel that a rule option written in omni.yaml names (sms-length would check nothing there)',
      files: {
        ...BASE,
        'omni.yaml': 'rules:\n  sms-length: [warn, { maxSegments: 2, channels: [smss, email] }]\n',
      },
      errors: [
        {
          ruleId: 'unknown-reference',
          message: 'unknown channel "smss"',
          file: 'omni.yaml',
          line: 2,
          column: 51,
          endColumn: 55,
          suggestion: 'declare it under channels:',
        },
      ],
    },
    {
      name: "the ids of a custom rule's where: filter (a misspelt one makes the rule check nothing); events need no declaration there either",
      files: {
        ...BASE,
        'omni.yaml':
          'customRules:\n  - { id: brand, description: Brand, severity: warn, given: scenarios.steps, where: { channel: [web, wbe] }, field: message, pattern: Lumen }\n' +
          '  - id: owned\n    description: Owned\n    severity: warn\n    given: scenarios\n    where:\n      target: al\n      trigger.event: anything\n    field: owner\n    required: true\n',
      },
      errors: [
        { ruleId: 'unknown-reference', message: 'unknown channel "wbe"', file: 'omni.yaml', line: 2, column: 102, endColumn: 105, suggestion: 'did you mean "web"?' },
        { ruleId: 'unknown-reference', message: 'unknown target "al"', file: 'omni.yaml', line: 8, column: 15, endColumn: 17, suggestion: 'did you mean "all"?' },
      ],
    },
    {
      name: 'a goto to no step id, a decision on an unknown target, an unknown channel in a branch',
      files: {
        ...BASE,
        'more.yaml':
          'scenarios:\n  - id: jump\n    name: Jump\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: e }\n    steps:\n' +
          '      - { id: start, after: J+1, channel: web }\n' +
          '      - decision: { branches: [{ name: vip, target: vipp, steps: [{ after: "0", channel: smss }, { goto: strat }] }] }\n',
      },
      errors: [
        { ruleId: 'unknown-reference', message: 'unknown target "vipp"', line: 10, column: 53, suggestion: 'declare it under targets:' },
        { ruleId: 'unknown-reference', message: 'unknown channel "smss"', line: 10, column: 90 },
        { ruleId: 'unknown-reference', message: 'goto names no step "strat" of scenario "jump"', line: 10, column: 106, suggestion: 'did you mean "start"?' },
      ],
      fr: [
        { message: 'référence inconnue : cible « vipp »' },
        { message: 'référence inconnue : canal « smss »' },
        { message: 'le goto ne désigne aucune étape « strat » du scénario « jump »' },
      ],
    },
    {
      name: 'every kind of reference, with the kind named and the closest id suggested',
      files: { ...BASE, 'more.yaml': every },
      errors: [
        { ruleId: 'unknown-reference', message: 'unknown stage "discovr"', line: 4, column: 12, endLine: 4, endColumn: 19, suggestion: 'did you mean "discover"?' },
        { ruleId: 'unknown-reference', message: 'unknown channel "sms"', line: 5, column: 14, endColumn: 17, suggestion: 'declare it under channels:' },
        { ruleId: 'unknown-reference', message: 'unknown touchpoint "web-prodcut"', line: 10, column: 19, endColumn: 30, suggestion: 'did you mean "web-product"?' },
        { ruleId: 'unknown-reference', message: 'unknown program "conversoin"', line: 15, column: 14, suggestion: 'did you mean "conversion"?' },
        { ruleId: 'unknown-reference', message: 'unknown lifecycle stage "activaton"', line: 16, column: 16, suggestion: 'did you mean "activation"?' },
        { ruleId: 'unknown-reference', message: 'unknown target "everyone"', line: 17, column: 13, suggestion: 'declare it under targets:' },
        { ruleId: 'unknown-reference', message: 'unknown use case "loyalty"', line: 18, column: 31, endColumn: 38, suggestion: 'declare it under useCases:' },
        { ruleId: 'unknown-reference', message: 'unknown variable "first_nam"', line: 20, column: 17, suggestion: 'did you mean "first_name"?' },
        { ruleId: 'unknown-reference', message: 'unknown channel "emal"', line: 22, column: 32, endColumn: 36, suggestion: 'did you mean "email"?' },
        { ruleId: 'unknown-reference', message: 'unknown source "erp"', line: 24, column: 37, endColumn: 40, suggestion: 'declare it under sources:' },
        { ruleId: 'unknown-reference', message: 'unknown channel "sms"', line: 24, column: 56, suggestion: 'declare it under channels:' },
      ],
    },
    {
      name: 'block-style lists point at the item',
      files: { ...BASE, 'more.yaml': 'variables:\n  - id: age\n    name: Age\n    sources:\n      - crm\n      - pos\n' },
      errors: [{ ruleId: 'unknown-reference', message: 'unknown source "pos"', line: 6, column: 9, endLine: 6, endColumn: 12 }],
    },
  ],
});

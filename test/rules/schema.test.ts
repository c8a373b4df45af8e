import { BASE, ruleTester } from './run-rule.js';

const ID_HINT = 'ids use lower-case letters, digits, "-" and "_", starting with a letter or digit';

ruleTester('schema', {
  valid: [
    { name: 'the base journey', files: BASE },
    {
      name: 'description, owner and tags on any entity',
      files: { 'a.yaml': 'sources:\n  - { id: crm, name: CRM, description: Salesforce, owner: CRM team, tags: [core] }\n' },
    },
    {
      name: 'a complete omni.yaml',
      files: {
        'omni.yaml':
          'name: Plan\nlocale: en\nupdated: 2026-11-01\ninclude: ["**/*.yaml"]\nexclude: [drafts/**]\nrules: { unused-source: off, missing-consent: error }\npriority: { business: 2, experience: 1, difficulty: 0.5 }\n',
      },
    },
  ],
  invalid: [
    {
      // Found by probing: `reentry: unless-goal` without a goal linted clean and re-entered like `always`.
      name: 'reentry: unless-goal needs a goal, reported at reentry',
      files: {
        'a.yaml':
          'scenarios:\n  - id: s\n    name: S\n    program: p\n    lifecycle: welcome\n    target: all\n    reentry: unless-goal\n    trigger: { type: behavior, event: e }\n    steps: [{ after: "0", channel: web }]\n',
      },
      errors: [
        {
          ruleId: 'schema',
          message: 'missing required property "goal"',
          line: 7,
          column: 14,
          suggestion: 'reentry: unless-goal lets a contact in again unless they reached the goal: name it with goal:, or choose always or never',
        },
      ],
      fr: [
        {
          message: 'propriété obligatoire manquante : « goal »',
          suggestion: 'reentry: unless-goal laisse revenir un contact sauf s’il a atteint l’objectif : nommez-le avec goal:, ou choisissez always ou never',
        },
      ],
    },
    {
      name: 'additionalProperties: an unknown section, at its key, with "did you mean"',
      files: { 'a.yaml': 'scenarioss:\n  - id: welcome\n' },
      errors: [{ ruleId: 'schema', message: 'unknown section "scenarioss"', line: 1, column: 1, endLine: 1, endColumn: 11, suggestion: 'did you mean "scenarios"?' }],
    },
    {
      name: 'additionalProperties: unknown properties, with a suggestion or the allowed list',
      files: { 'a.yaml': 'stages:\n  - { id: a, name: A, descriptoin: x }\n  - { id: b, name: B, colour: red }\n' },
      errors: [
        { ruleId: 'schema', message: 'unknown property "descriptoin"', line: 2, column: 23, endColumn: 34, suggestion: 'did you mean "description"?' },
        { ruleId: 'schema', message: 'unknown property "colour"', line: 3, column: 23, endColumn: 29, suggestion: 'allowed: id, name, description, owner, tags' },
      ],
    },
    {
      name: "additionalProperties inside $ref'd definitions (use case, trigger, step) suggests from the right definition",
      files: {
        'a.yaml':
          'useCases:\n  - { id: u, name: U, scores: { business: 1, experience: 1, difficulty: 1 }, prority: 2 }\nscenarios:\n  - id: s\n    name: S\n    program: p\n    lifecycle: welcome\n    target: t\n    trigger: { type: event, event: e, when: x }\n    steps:\n      - { after: "0", channel: web, subjet: Hi }\n',
      },
      errors: [
        { ruleId: 'schema', message: 'unknown property "prority"', line: 2, column: 78, suggestion: 'did you mean "priority"?' },
        { ruleId: 'schema', message: 'unknown property "when"', line: 9, column: 39, suggestion: 'allowed: type, event, description' },
        { ruleId: 'schema', message: 'unknown property "subjet"', line: 11, column: 37, suggestion: 'did you mean "subject"?' },
      ],
    },
    {
      name: 'required: at the entity that lacks the property',
      files: { 'a.yaml': 'stages:\n  - id: a\n' },
      errors: [{ ruleId: 'schema', message: 'missing required property "name"', line: 2, column: 5 }],
    },
    {
      name: 'enum: the value and the allowed words',
      files: { 'a.yaml': 'channels:\n  - { id: a, name: A, type: phone }\n' },
      errors: [{ ruleId: 'schema', message: '"phone" is not a valid type', line: 2, column: 29, endColumn: 34, suggestion: 'use online or offline' }],
    },
    {
      // Found by probing: `behaviour` (British spelling) and `frictio` got the whole list.
      name: 'enum: a near miss gets the word it was meant to be',
      files: { 'a.yaml': 'touchpoints:\n  - { id: t, name: T, stage: s, channel: c, status: frictio }\n' },
      errors: [{ ruleId: 'schema', message: '"frictio" is not a valid status', line: 2, column: 53, suggestion: 'did you mean "friction"?' }],
      fr: [{ message: '« frictio » n’est pas une valeur valide pour status', suggestion: 'vouliez-vous dire « friction » ?' }],
      allowLoadErrors: true,
    },
    {
      name: 'type: a list for a string, a string for a boolean (yes is not a boolean in YAML 1.2), a mapping for a section',
      files: { 'a.yaml': 'channels:\n  - id: a\n    name: [A]\n    requiresConsent: yes\nstages: {}\n' },
      errors: [
        { ruleId: 'schema', message: 'name must be a string, not a list', line: 3, column: 11 },
        { ruleId: 'schema', message: 'requiresConsent must be true or false, not a string', line: 4, column: 22, endColumn: 25 },
        { ruleId: 'schema', message: 'stages must be a list, not a mapping', line: 5, column: 9 },
      ],
    },
    {
      // Found by probing: a list written as its one item, or as its item's keys (the `-` forgotten), said only what was wrong.
      name: 'type: a list written as one item, or without its dashes, says how to write it',
      files: { 'a.yaml': 'variables:\n  - { id: v, name: V, sources: crm }\nsources:\n  id: crm\n  name: CRM\n' },
      errors: [
        { ruleId: 'schema', message: 'sources must be a list, not a string', line: 2, column: 32, suggestion: 'a list of one is written sources: [crm]' },
        { ruleId: 'schema', message: 'sources must be a list, not a mapping', line: 4, column: 3, suggestion: 'start each item with "- ", as in - id: …' },
      ],
      fr: [
        { message: 'sources doit être une liste, pas un texte', suggestion: 'une liste d’un élément s’écrit sources: [crm]' },
        { message: 'sources doit être une liste, pas un dictionnaire', suggestion: 'commencez chaque élément par « - », comme - id: …' },
      ],
    },
    {
      // Found by probing: "business must be a whole number, not a number".
      name: 'type: a fraction where a whole number is expected is named by its value',
      files: { 'a.yaml': 'useCases:\n  - { id: u, name: U, touchpoints: [], scores: { business: 2.5, experience: 3, difficulty: 1 } }\n' },
      errors: [{ ruleId: 'schema', message: 'business must be a whole number, not 2.5', line: 2, column: 60, endColumn: 63 }],
      fr: [{ message: 'business doit être un nombre entier, pas 2.5' }],
    },
    {
      name: 'type: a file that is a list or a scalar instead of a mapping',
      files: { 'a.yaml': '- a\n- b\n', 'b.yaml': 'hello\n' },
      errors: [
        { ruleId: 'schema', message: 'the file must be a mapping, not a list', file: 'a.yaml', line: 1, column: 1 },
        { ruleId: 'schema', message: 'the file must be a mapping, not a string', file: 'b.yaml', line: 1, column: 1, endColumn: 6 },
      ],
    },
    {
      name: 'pattern: an id and a step offset',
      files: {
        'a.yaml':
          'stages:\n  - { id: Buy Now, name: A }\nscenarios:\n  - id: s\n    name: S\n    program: p\n    lifecycle: welcome\n    target: t\n    trigger: { type: event, event: e }\n    steps:\n      - { after: tomorrow, channel: web }\n',
      },
      errors: [
        { ruleId: 'schema', message: '"Buy Now" is not a valid id', line: 2, column: 11, endColumn: 18, suggestion: ID_HINT },
        {
          ruleId: 'schema',
          message: '"tomorrow" is not a valid offset',
          line: 11,
          column: 18,
          endColumn: 26,
          suggestion: 'write the offset from the trigger as J+1, D+1, J-7, 1d, 12h, 30m, 2w or 0',
        },
      ],
    },
    {
      name: "pattern: a wait's time-out and a persona's moment say what they are, not 'id'",
      files: {
        'a.yaml':
          'scenarios:\n  - id: s\n    name: S\n    program: p\n    lifecycle: welcome\n    target: t\n    trigger: { type: event, event: e }\n    steps:\n      - wait: { until: [{ event: x, steps: [{ end: true }] }], timeout: 2days }\n' +
          'personas:\n  - { id: p, name: P, target: t, events: [{ event: e, at: "J+1 9:00" }] }\n',
      },
      errors: [
        { ruleId: 'schema', message: '"2days" is not a valid offset', line: 9, column: 73, suggestion: 'write how long to wait as 2d, 12h, 30m, 1w, J+3 or 0' },
        {
          ruleId: 'schema',
          message: '"J+1 9:00" is not a valid moment of the story',
          line: 11,
          column: 59,
          suggestion: 'write an offset from the start of the story, optionally with a 24-hour time of day: J+2, 3d, "J+2 18:30"',
        },
      ],
    },
    {
      name: "oneOf, const, minItems: one problem per value, in the author's words (not one per branch of the schema)",
      files: {
        'a.yaml':
          'scenarios:\n  - id: s\n    name: S\n    program: p\n    lifecycle: welcome\n    target: t\n    trigger: { type: event, event: e }\n    steps:\n' +
          '      - decision: { branches: [{ name: a, target: t, event: x, steps: [{ end: true }] }, { name: b, steps: [{ end: true }] }] }\n' +
          '      - wait: { until: [], timeout: 1d }\n' +
          '      - end: false\n' +
          'personas:\n  - { id: p1, name: P, target: [t, 3], events: [] }\n  - { id: p2, name: P, target: 4, events: [] }\n  - { id: p3, name: P, target: [], events: [] }\n',
      },
      errors: [
        { ruleId: 'schema', message: 'write exactly one of target, condition or event here', line: 9, column: 32, suggestion: 'keep one of target or event' },
        { ruleId: 'schema', message: 'write exactly one of target, condition or event here', line: 9, column: 90, suggestion: 'none is written' },
        {
          ruleId: 'schema',
          message: 'until must not be an empty list',
          line: 10,
          column: 24,
          suggestion: 'list the events waited for, or leave until: out for a plain delay of the timeout',
        },
        { ruleId: 'schema', message: 'end must be true', line: 11, column: 14, suggestion: 'write end: true, or remove the key' },
        { ruleId: 'schema', message: 'target must be a string, not a number', line: 13, column: 36 },
        { ruleId: 'schema', message: 'target must be a string or a list, not a number', line: 14, column: 32 },
        { ruleId: 'schema', message: 'target must not be an empty list', line: 15, column: 32 },
      ],
      fr: [
        { message: 'écrivez ici exactement un de target, condition ou event', suggestion: 'gardez un seul de target ou event' },
        { message: 'écrivez ici exactement un de target, condition ou event', suggestion: 'aucun n’est écrit' },
        { message: 'until ne doit pas être une liste vide', suggestion: 'listez les événements attendus, ou retirez until: pour une simple attente du timeout' },
        { message: 'end doit valoir true' },
        { message: 'target doit être un texte, pas un nombre' },
        { message: 'target doit être un texte ou une liste, pas un nombre' },
        { message: 'target ne doit pas être une liste vide' },
      ],
    },
    {
      name: 'minimum/maximum: scores between 1 and 5, a manual priority at least 1',
      files: { 'a.yaml': 'useCases:\n  - id: u\n    name: U\n    scores: { business: 7, experience: 3, difficulty: 0 }\n    priority: 0\n' },
      errors: [
        { ruleId: 'schema', message: 'business must be between 1 and 5, not 7', line: 4, column: 25 },
        { ruleId: 'schema', message: 'difficulty must be between 1 and 5, not 0', line: 4, column: 55 },
        { ruleId: 'schema', message: 'priority must be between 1 and 1000000, not 0', line: 5, column: 15 },
      ],
    },
    {
      name: 'uniqueItems: at the second occurrence',
      files: { 'a.yaml': 'useCases:\n  - id: u\n    name: U\n    touchpoints: [a, b, a]\n    scores: { business: 1, experience: 3, difficulty: 1 }\n' },
      errors: [{ ruleId: 'schema', message: '"a" is listed twice in touchpoints', line: 4, column: 25, endColumn: 26 }],
    },
    {
      name: 'minLength: an empty name',
      files: { 'a.yaml': 'stages:\n  - { id: a, name: "" }\n' },
      errors: [{ ruleId: 'schema', message: 'name must not be empty', line: 2, column: 20, endColumn: 22 }],
    },
    {
      name: 'pattern: a name of spaces only (an empty cell in the workbook, nothing in a diagram)',
      files: { 'a.yaml': 'stages:\n  - { id: a, name: "  " }\n' },
      errors: [
        {
          ruleId: 'schema',
          message: 'name must not be blank: it holds only spaces',
          line: 2,
          column: 20,
          endColumn: 24,
          suggestion: 'write the label people read in diagrams, the report and the workbook',
        },
      ],
    },
    {
      name: 'unknown rule ids in omni.yaml, at the key',
      files: { 'omni.yaml': 'rules:\n  unused-sorce: off\n  no-such-thing: warn\n' },
      errors: [
        { ruleId: 'schema', message: 'unknown rule "unused-sorce"', file: 'omni.yaml', line: 2, column: 3, endColumn: 15, suggestion: 'did you mean "unused-source"?' },
        { ruleId: 'schema', message: 'unknown rule "no-such-thing"', line: 3, column: 3, suggestion: 'see `omni rules` for the list' },
      ],
    },
    {
      name: 'enum: a severity that is not error, warn or off, naming the rule',
      files: { 'omni.yaml': 'rules:\n  unused-source: maybe\n' },
      errors: [
        {
          ruleId: 'schema',
          message: '"maybe" is not a valid severity for rule "unused-source"',
          file: 'omni.yaml',
          line: 2,
          column: 18,
          endColumn: 23,
          suggestion: 'use error, warn or off',
        },
      ],
    },
    {
      name: 'omni.yaml: locale enum, date pattern, weight minimum, unknown weight',
      files: { 'omni.yaml': 'locale: de\nupdated: 1/11/2026\npriority: { business: -1, urgency: 2 }\n' },
      errors: [
        { ruleId: 'schema', message: '"de" is not a valid locale', line: 1, column: 9, suggestion: 'use fr or en' },
        {
          ruleId: 'schema',
          message: '"1/11/2026" is not a valid date',
          line: 2,
          column: 10,
          suggestion: 'write a real calendar date from 1900-01-01 to 2099-12-31 as YYYY-MM-DD',
        },
        { ruleId: 'schema', message: 'business must be between 0 and 100, not -1', line: 3, column: 23 },
        { ruleId: 'schema', message: 'unknown property "urgency"', line: 3, column: 27, suggestion: 'allowed: business, experience, difficulty' },
      ],
    },
  ],
});

import { BASE, ruleTester } from './run-rule.js';

/** BASE plus a file of sources whose comments hold the directives under test. */
const withSources = (body: string) => ({ ...BASE, 'extra.yaml': body });

ruleTester('suppression-directive', {
  valid: [
    {
      name: 'a next-line directive naming a known rule, with a reason',
      files: withSources('sources:\n  # omni-disable-next-line unused-source -- wired next quarter\n  - { id: erp, name: ERP }\n'),
    },
    {
      name: 'a file directive in the leading comments',
      files: withSources('# omni-disable unused-source -- wired next quarter\nsources:\n  - { id: erp, name: ERP }\n'),
    },
  ],
  invalid: [
    {
      name: 'no reason',
      files: withSources('sources:\n  # omni-disable-next-line unused-source\n  - { id: erp, name: ERP }\n'),
      errors: [
        {
          ruleId: 'suppression-directive',
          message: 'omni-disable-next-line gives no reason',
          line: 2,
          column: 3,
          suggestion: 'say why after " -- ": # omni-disable-next-line unused-source -- why this is accepted',
        },
      ],
      fr: [
        {
          message: 'omni-disable-next-line ne donne pas de raison',
          suggestion: 'dites pourquoi après « -- » : # omni-disable-next-line unused-source -- pourquoi c’est accepté',
        },
      ],
    },
    {
      name: 'an unknown rule close to a known one',
      files: withSources('sources:\n  - { id: erp, name: ERP } # omni-disable-line unused-sorce -- typo\n'),
      errors: [
        {
          ruleId: 'suppression-directive',
          message: 'omni-disable-line names an unknown rule "unused-sorce"',
          line: 2,
          column: 28,
          suggestion: 'did you mean "unused-source"?',
        },
      ],
      fr: [{ message: 'omni-disable-line nomme une règle inconnue « unused-sorce »', suggestion: 'vouliez-vous dire « unused-source » ?' }],
    },
    {
      name: 'an unknown rule like no other',
      files: withSources('sources:\n  - { id: erp, name: ERP } # omni-disable-line zzz -- nothing\n'),
      errors: [
        { ruleId: 'suppression-directive', message: 'omni-disable-line names an unknown rule "zzz"', line: 2, column: 28, suggestion: 'see `omni rules` for the list' },
      ],
      fr: [{ message: 'omni-disable-line nomme une règle inconnue « zzz »', suggestion: 'voyez `omni rules` pour la liste' }],
    },
    {
      name: 'no rule named',
      files: withSources('sources:\n  # omni-disable-next-line -- why\n  - { id: erp, name: ERP }\n'),
      errors: [
        {
          ruleId: 'suppression-directive',
          message: 'omni-disable-next-line names no rule',
          line: 2,
          column: 3,
          suggestion: 'name the rules it silences: # omni-disable-next-line rule-id -- reason',
        },
      ],
      fr: [
        { message: 'omni-disable-next-line ne nomme aucune règle', suggestion: 'nommez les règles qu’elle fait taire : # omni-disable-next-line id-de-règle -- raison' },
      ],
    },
    {
      name: 'a file directive below the first YAML line',
      files: withSources('sources:\n  - { id: erp, name: ERP }\n# omni-disable unused-source -- late\n'),
      errors: [
        {
          ruleId: 'suppression-directive',
          message: 'omni-disable applies to the whole file only in the comments at its top',
          line: 3,
          column: 1,
          suggestion: 'move it above the first YAML line, or use omni-disable-next-line',
        },
      ],
      fr: [
        {
          message: 'omni-disable ne s’applique à tout le fichier que dans les commentaires de son en-tête',
          suggestion: 'placez-la au-dessus de la première ligne YAML, ou utilisez omni-disable-next-line',
        },
      ],
    },
  ],
});

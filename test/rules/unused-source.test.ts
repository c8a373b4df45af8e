import { BASE, ruleTester } from './run-rule.js';

ruleTester('unused-source', {
  valid: [
    { name: 'every source feeds a variable', files: BASE },
    {
      name: 'a source that feeds only an unused variable still feeds one',
      files: { ...BASE, 'more.yaml': 'sources:\n  - { id: pos, name: POS }\nvariables:\n  - { id: basket, name: Basket, sources: [pos] }\n' },
    },
  ],
  invalid: [
    {
      name: 'a source no variable lists',
      files: { ...BASE, 'more.yaml': 'sources:\n  - id: legacy-erp\n    name: Legacy ERP\n' },
      errors: [
        {
          ruleId: 'unused-source',
          message: 'source "legacy-erp" feeds no variable',
          line: 2,
          column: 9,
          endLine: 2,
          endColumn: 19,
          suggestion: 'list it in the sources: of the variables it holds, or remove it',
        },
      ],
      fr: [{ message: 'la source « legacy-erp » n’alimente aucune variable', suggestion: 'listez-la dans les sources: des variables qu’elle détient, ou supprimez-la' }],
    },
  ],
});

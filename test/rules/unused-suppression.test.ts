import { describe, expect, it } from 'vitest';
import { BASE, lintFolder, ruleTester, writeWorkspace } from './run-rule.js';

const withSources = (body: string) => ({ ...BASE, 'extra.yaml': body });
const directive = withSources('sources:\n  # omni-disable-next-line unused-source, unused-variable -- wired next quarter\n  - { id: erp, name: ERP }\n');

ruleTester('unused-suppression', {
  valid: [{ name: 'a file without directives', files: withSources('sources:\n  - { id: erp, name: ERP }\n') }],
  invalid: [
    {
      // Only the rule under test runs, so neither named rule has a finding to silence.
      name: 'each rule id that silences nothing, in the order written',
      files: directive,
      errors: [
        {
          ruleId: 'unused-suppression',
          message: 'omni-disable-next-line unused-source: no unused-source finding to silence here',
          line: 2,
          column: 3,
          suggestion: 'remove the rule id (or the whole comment): the problem is gone',
        },
        { ruleId: 'unused-suppression', message: 'omni-disable-next-line unused-variable: no unused-variable finding to silence here', line: 2, column: 3 },
      ],
      fr: [
        {
          message: 'omni-disable-next-line unused-source : aucun constat unused-source à faire taire ici',
          suggestion: 'retirez l’id de règle (ou tout le commentaire) : le problème a disparu',
        },
        { message: 'omni-disable-next-line unused-variable : aucun constat unused-variable à faire taire ici' },
      ],
    },
  ],
});

describe('unused-suppression by default', () => {
  it('is off: a plain lint says nothing about a directive that silences nothing', async () => {
    const diagnostics = await lintFolder(writeWorkspace(directive));
    expect(diagnostics.filter((d) => d.ruleId === 'unused-suppression')).toEqual([]);
  });
});

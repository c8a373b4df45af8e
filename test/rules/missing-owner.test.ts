import { describe, expect, it } from 'vitest';
import { BASE, lintFolder, ruleTester, writeWorkspace } from './run-rule.js';

const owned = {
  'base.yaml': BASE['base.yaml']!.toString().replace('  - id: cart\n    name: Abandoned cart\n', '  - id: cart\n    name: Abandoned cart\n    owner: crm-team\n'),
};

ruleTester('missing-owner', {
  valid: [
    { name: 'the scenario has an owner', files: owned },
    { name: 'use cases are not checked by default', files: owned },
  ],
  invalid: [
    {
      name: 'a scenario without owner, at the scenario',
      files: BASE,
      errors: [
        { ruleId: 'missing-owner', message: 'scenario "cart" names no owner', line: 25, column: 5, suggestion: 'add owner: with the team or person accountable for it' },
      ],
      fr: [{ message: 'scénario « cart » : aucun responsable (owner) nommé', suggestion: 'ajoutez owner: avec l’équipe ou la personne qui en répond' }],
    },
    {
      name: 'a blank owner, at its value',
      files: { 'base.yaml': owned['base.yaml']!.replace('owner: crm-team', 'owner: "  "') },
      errors: [{ ruleId: 'missing-owner', message: 'scenario "cart" names no owner', line: 27, column: 12 }],
    },
    {
      name: 'the sections option',
      files: { ...owned, 'omni.yaml': 'rules:\n  missing-owner: [warn, { sections: [useCases, scenarios] }]\n' },
      errors: [{ ruleId: 'missing-owner', message: 'use case "cart-recovery" names no owner', line: 15, column: 5 }],
      fr: [{ message: 'cas d’usage « cart-recovery » : aucun responsable (owner) nommé' }],
    },
  ],
});

describe('missing-owner by default', () => {
  it('is off: a plain lint of a workspace without owners says nothing about them', async () => {
    const diagnostics = await lintFolder(writeWorkspace(BASE));
    expect(diagnostics.filter((d) => d.ruleId === 'missing-owner')).toEqual([]);
  });
});

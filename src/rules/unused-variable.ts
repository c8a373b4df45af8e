import { relationsOf } from '../model/relations.js';
import { createRule } from './create-rule.js';

export const unusedVariable = createRule({
  id: 'unused-variable',
  description: 'No scenario uses a variable.',
  defaultSeverity: 'warn',
  check({ model, report }) {
    // A scenario the schema rejected is not in the model: it may be the one using it.
    if (model.invalidIds.scenarios.size > 0) return;
    const { scenariosByVariable } = relationsOf(model);
    for (const variable of model.variables) {
      if (scenariosByVariable.has(variable.id)) continue;
      report({
        message: `variable "${variable.id}" is used by no scenario`,
        location: { file: variable.origin.file, path: [...variable.origin.path, 'id'] },
        entity: { kind: 'variable', id: variable.id },
        suggestion: `list it in the variables: of the scenarios that need it, or remove it`,
      });
    }
  },
});

import { relationsOf } from '../model/relations.js';
import { createRule } from './create-rule.js';

export const unusedVariable = createRule({
  id: 'unused-variable',
  defaultSeverity: 'warn',
  check({ model, report }) {
    // A scenario the schema rejected is not in the model: it may be the one using it.
    if (model.invalidIds.scenarios.size > 0) return;
    const { scenariosByVariable } = relationsOf(model);
    for (const variable of model.variables) {
      if (scenariosByVariable.has(variable.id)) continue;
      report({
        messageId: 'unused',
        suggestionId: 'link',
        data: { variable: variable.id },
        location: { file: variable.origin.file, path: [...variable.origin.path, 'id'] },
        entity: { kind: 'variable', id: variable.id },
      });
    }
  },
});

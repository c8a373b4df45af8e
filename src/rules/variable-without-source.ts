import { relationsOf } from '../model/relations.js';
import { createRule } from './create-rule.js';

export const variableWithoutSource = createRule({
  id: 'variable-without-source',
  defaultSeverity: 'error',
  check({ model, report }) {
    const { scenariosByVariable } = relationsOf(model);
    for (const variable of model.variables) {
      const users = scenariosByVariable.get(variable.id);
      if (!users || variable.sources.length > 0) continue;
      report({
        messageId: users.length > 1 ? 'noSourceMany' : 'noSource',
        suggestionId: 'listSources',
        data: { variable: variable.id, scenario: users[0]!.id, others: users.length - 1 },
        // At `sources:` when written (empty), else at the variable itself.
        location: { file: variable.origin.file, path: [...variable.origin.path, 'sources'] },
        entity: { kind: 'variable', id: variable.id },
      });
    }
  },
});

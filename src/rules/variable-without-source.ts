import { relationsOf } from '../model/relations.js';
import { createRule } from './create-rule.js';

export const variableWithoutSource = createRule({
  id: 'variable-without-source',
  description: 'A variable that a scenario uses has no source system.',
  defaultSeverity: 'error',
  check({ model, report }) {
    const { scenariosByVariable } = relationsOf(model);
    for (const variable of model.variables) {
      const users = scenariosByVariable.get(variable.id);
      if (!users || variable.sources.length > 0) continue;
      const others = users.length > 1 ? ` and ${users.length - 1} more` : '';
      report({
        message: `variable "${variable.id}" is used by scenario "${users[0]!.id}"${others} but has no source`,
        // At `sources:` when written (empty), else at the variable itself.
        location: { file: variable.origin.file, path: [...variable.origin.path, 'sources'] },
        entity: { kind: 'variable', id: variable.id },
        suggestion: 'list the systems that hold it under sources:',
      });
    }
  },
});

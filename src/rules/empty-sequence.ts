import { createRule } from './create-rule.js';

export const emptySequence = createRule({
  id: 'empty-sequence',
  locality: 'scenario',
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      if (scenario.flow.length > 0) continue;
      report({
        messageId: 'empty',
        suggestionId: 'addSteps',
        data: { scenario: scenario.id },
        location: { file: scenario.origin.file, path: [...scenario.origin.path, 'id'] },
        entity: { kind: 'scenario', id: scenario.id },
      });
    }
  },
});

import { relationsOf } from '../model/relations.js';
import { createRule } from './create-rule.js';

export const useCaseWithoutScenario = createRule({
  id: 'use-case-without-scenario',
  defaultSeverity: 'warn',
  check({ model, report }) {
    // A scenario the schema rejected is not in the model: it may be the one implementing it.
    if (model.invalidIds.scenarios.size > 0) return;
    const { scenariosByUseCase } = relationsOf(model);
    for (const useCase of model.useCases) {
      if (scenariosByUseCase.has(useCase.id)) continue;
      report({
        messageId: 'unimplemented',
        suggestionId: 'link',
        data: { useCase: useCase.id },
        location: { file: useCase.origin.file, path: [...useCase.origin.path, 'id'] },
        entity: { kind: 'use case', id: useCase.id },
      });
    }
  },
});

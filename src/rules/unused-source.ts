import { relationsOf } from '../model/relations.js';
import { createRule } from './create-rule.js';

export const unusedSource = createRule({
  id: 'unused-source',
  defaultSeverity: 'warn',
  check({ model, report }) {
    // A variable the schema rejected is not in the model: it may be the one it feeds.
    if (model.invalidIds.variables.size > 0) return;
    const { variablesBySource } = relationsOf(model);
    for (const source of model.sources) {
      if (variablesBySource.has(source.id)) continue;
      report({
        messageId: 'unused',
        suggestionId: 'link',
        data: { source: source.id },
        location: { file: source.origin.file, path: [...source.origin.path, 'id'] },
        entity: { kind: 'source', id: source.id },
      });
    }
  },
});

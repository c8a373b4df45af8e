import { forEachReference, KIND_NAMES, referencePath } from '../model/references.js';
import { closestMatch } from '../util/closest-match.js';
import { createRule } from './create-rule.js';

export const unknownReference = createRule({
  id: 'unknown-reference',
  defaultSeverity: 'error',
  check({ model, report }) {
    forEachReference(model, (kind, id, origin, from, key, index) => {
      if (model.index[kind].has(id) || model.invalidIds[kind].has(id)) return;
      const closest = closestMatch(id, model.index[kind].keys());
      report({
        messageId: 'unknown',
        suggestionId: closest ? 'didYouMean' : 'declare',
        data: { kind, id, closest: closest ?? '' },
        location: { file: origin.file, path: referencePath(origin, key, index) },
        entity: { kind: KIND_NAMES[from.kind], id: from.id },
      });
    });
  },
});

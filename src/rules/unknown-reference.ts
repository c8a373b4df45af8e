import { forEachReference, KIND_NAMES, referencePath } from '../model/references.js';
import { closestMatch } from '../util/closest-match.js';
import { createRule } from './create-rule.js';

export const unknownReference = createRule({
  id: 'unknown-reference',
  description: 'A reference (stage, channel, touchpoint, lifecycle stage, target, program, use case, variable, source) names nothing.',
  defaultSeverity: 'error',
  check({ model, report }) {
    forEachReference(model, (kind, id, origin, from, key, index) => {
      if (model.index[kind].has(id) || model.invalidIds[kind].has(id)) return;
      const noun = KIND_NAMES[kind];
      const closest = closestMatch(id, model.index[kind].keys());
      report({
        message: `unknown ${noun} "${id}"`,
        location: { file: origin.file, path: referencePath(origin, key, index) },
        entity: { kind: KIND_NAMES[from.kind], id: from.id },
        suggestion: closest ? `did you mean "${closest}"?` : `declare it under ${kind}:`,
      });
    });
  },
});

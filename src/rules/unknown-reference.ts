import { KIND_NAMES, referencesOf } from '../model/references.js';
import { closestMatch } from '../util/closest-match.js';
import { createRule } from './create-rule.js';

export const unknownReference = createRule({
  id: 'unknown-reference',
  description: 'A reference (stage, channel, touchpoint, lifecycle stage, target, program, use case, variable, source) names nothing.',
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const reference of referencesOf(model)) {
      if (model.index[reference.kind].has(reference.id) || model.invalidIds[reference.kind].has(reference.id)) continue;
      const noun = KIND_NAMES[reference.kind];
      const closest = closestMatch(reference.id, model.index[reference.kind].keys());
      report({
        message: `unknown ${noun} "${reference.id}"`,
        location: { file: reference.file, path: reference.path },
        entity: { kind: KIND_NAMES[reference.from.kind], id: reference.from.id },
        suggestion: closest ? `did you mean "${closest}"?` : `declare it under ${reference.kind}:`,
      });
    }
  },
});

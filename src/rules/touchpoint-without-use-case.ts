import { relationsOf } from '../model/relations.js';
import type { TouchpointStatus } from '../model/types.js';
import { createRule, type Rule } from './create-rule.js';

/** The opportunity and friction rules differ only in the status they watch. */
export function touchpointWithoutUseCase(status: Exclude<TouchpointStatus, 'normal'>): Rule {
  return createRule({
    id: `${status}-without-use-case`,
    defaultSeverity: 'warn',
    check({ model, report }) {
      // A use case the schema rejected is not in the model: it may be the one addressing it.
      if (model.invalidIds.useCases.size > 0) return;
      const { useCasesByTouchpoint } = relationsOf(model);
      for (const touchpoint of model.touchpoints) {
        if (touchpoint.status !== status || useCasesByTouchpoint.has(touchpoint.id)) continue;
        report({
          messageId: 'unaddressed',
          suggestionId: 'link',
          data: { touchpoint: touchpoint.id },
          location: { file: touchpoint.origin.file, path: [...touchpoint.origin.path, 'status'] },
          entity: { kind: 'touchpoint', id: touchpoint.id },
        });
      }
    },
  });
}

import { offsetMinutes } from '../model/offsets.js';
import { createRule } from './create-rule.js';

export const unorderedSteps = createRule({
  id: 'unordered-steps',
  defaultSeverity: 'warn',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      let latest: { offset: number; after: string; number: number } | undefined;
      scenario.steps.forEach((step, index) => {
        const offset = offsetMinutes(step.after);
        if (offset === undefined) return;
        if (latest && offset < latest.offset) {
          report({
            messageId: 'backwards',
            suggestionId: 'reorder',
            data: { step: index + 1, after: step.after, previousStep: latest.number, previousAfter: latest.after },
            location: { file: step.origin.file, path: [...step.origin.path, 'after'] },
            entity: { kind: 'scenario', id: scenario.id },
          });
        }
        if (!latest || offset >= latest.offset) latest = { offset, after: step.after, number: index + 1 };
      });
    }
  },
});

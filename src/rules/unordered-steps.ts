import { offsetMinutes } from '../model/offsets.js';
import { createRule } from './create-rule.js';

export const unorderedSteps = createRule({
  id: 'unordered-steps',
  description: 'Step offsets go backwards: a step is timed before the one listed above it.',
  defaultSeverity: 'warn',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      let latest: { offset: number; after: string; number: number } | undefined;
      scenario.steps.forEach((step, index) => {
        const offset = offsetMinutes(step.after);
        if (offset === undefined) return;
        if (latest && offset < latest.offset) {
          report({
            message: `step ${index + 1} (${step.after}) is timed before step ${latest.number} (${latest.after})`,
            location: { file: step.origin.file, path: [...step.origin.path, 'after'] },
            entity: { kind: 'scenario', id: scenario.id },
            suggestion: 'list steps in the order they are sent, or fix the offset (offsets count from the trigger)',
          });
        }
        if (!latest || offset >= latest.offset) latest = { offset, after: step.after, number: index + 1 };
      });
    }
  },
});

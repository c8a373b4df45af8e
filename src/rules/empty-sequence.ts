import { createRule } from './create-rule.js';

export const emptySequence = createRule({
  id: 'empty-sequence',
  description: 'A scenario has no step.',
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      if (scenario.steps.length > 0) continue;
      report({
        message: `scenario "${scenario.id}" has no step`,
        location: { file: scenario.origin.file, path: [...scenario.origin.path, 'id'] },
        entity: { kind: 'scenario', id: scenario.id },
        suggestion: 'add its message sequence under steps: (e.g. - { after: J+1, channel: email, subject: … })',
      });
    }
  },
});

import { createRule } from './create-rule.js';
import { longestText } from './message-length.js';

export const emailSubjectLength = createRule({
  id: 'email-subject-length',
  locality: 'scenario',
  defaultSeverity: 'warn',
  options: {
    maxLength: { type: 'integer', minimum: 1, default: 80 },
    channels: { type: 'string[]', default: ['email'], names: 'channels' },
    variableLength: { type: 'integer', minimum: 0, default: 10 },
  },
  check({ model, report, options }) {
    const maxLength = options.maxLength as number;
    const channels = options.channels as string[];
    for (const scenario of model.scenarios) {
      for (const step of scenario.steps) {
        if (step.subject === undefined || !channels.includes(step.channel)) continue;
        const length = [...longestText(step.subject, model, options.variableLength as number)].length;
        if (length <= maxLength) continue;
        report({
          messageId: 'tooLong',
          suggestionId: 'shorten',
          data: { scenario: scenario.id, length, limit: maxLength },
          location: { file: step.origin.file, path: [...step.origin.path, 'subject'] },
          entity: { kind: 'scenario', id: scenario.id },
        });
      }
    }
  },
});

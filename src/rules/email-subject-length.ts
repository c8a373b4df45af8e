import { forEachMessage } from '../model/steps.js';
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
      // Fallbacks too: a push's email fallback is an email.
      forEachMessage(scenario, (step) => {
        if (step.subject === undefined || !channels.includes(step.channel)) return;
        const length = [...longestText(step.subject, model, options.variableLength as number)].length;
        if (length <= maxLength) return;
        report({
          messageId: 'tooLong',
          suggestionId: 'shorten',
          data: { scenario: scenario.id, length, limit: maxLength },
          location: { file: step.origin.file, path: [...step.origin.path, 'subject'] },
          entity: { kind: 'scenario', id: scenario.id },
        });
      });
    }
  },
});

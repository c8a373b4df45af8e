import { createRule } from './create-rule.js';
import { countSms, longestText } from './message-length.js';

export const smsLength = createRule({
  id: 'sms-length',
  description: 'An SMS message takes more segments than allowed (GSM-7 or UCS-2, variables at their declared maxLength).',
  defaultSeverity: 'warn',
  options: {
    maxSegments: { type: 'integer', minimum: 1, default: 1, description: 'Most segments an SMS may take.' },
    channels: { type: 'string[]', default: ['sms'], description: 'Ids of the channels that send SMS.' },
    variableLength: { type: 'integer', minimum: 0, default: 10, description: 'Characters counted for a {{variable}} that declares no maxLength.' },
  },
  check({ model, report, options }) {
    const maxSegments = options.maxSegments as number;
    const channels = options.channels as string[];
    for (const scenario of model.scenarios) {
      for (const step of scenario.steps) {
        if (step.message === undefined || !channels.includes(step.channel)) continue;
        const count = countSms(longestText(step.message, model, options.variableLength as number));
        if (count.segments <= maxSegments) continue;
        const size = count.encoding === 'GSM-7' ? `${count.units} septets` : `${count.units} UCS-2 characters`;
        report({
          message: `SMS of scenario "${scenario.id}" takes ${count.segments} segments (${count.encoding}, ${size} with variables at their longest), over the limit of ${maxSegments}`,
          location: { file: step.origin.file, path: [...step.origin.path, 'message'] },
          entity: { kind: 'scenario', id: scenario.id },
          suggestion: count.firstNonGsm
            ? `"${count.firstNonGsm}" is not in the GSM-7 alphabet, which halves what a segment holds: replace it, or shorten the message`
            : 'shorten the message, or declare a smaller maxLength on its variables',
        });
      }
    }
  },
});

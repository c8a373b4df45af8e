import { forEachMessage } from '../model/steps.js';
import { createRule } from './create-rule.js';
import { countSms, longestText, moreSms } from './message-length.js';

export const smsLength = createRule({
  id: 'sms-length',
  locality: 'scenario',
  defaultSeverity: 'warn',
  options: {
    maxSegments: { type: 'integer', minimum: 1, default: 1 },
    channels: { type: 'string[]', default: ['sms'], names: 'channels' },
    variableLength: { type: 'integer', minimum: 0, default: 10 },
  },
  check({ model, report, options }) {
    const maxSegments = options.maxSegments as number;
    const channels = options.channels as string[];
    for (const scenario of model.scenarios) {
      // Fallbacks too: an email's SMS fallback is an SMS.
      forEachMessage(scenario, (step) => {
        if (step.message === undefined || !channels.includes(step.channel)) return;
        const count = countSms(longestText(step.message, model, options.variableLength as number, moreSms));
        if (count.segments <= maxSegments) return;
        report({
          messageId: count.encoding === 'GSM-7' ? 'tooLongGsm' : 'tooLongUnicode',
          suggestionId: count.firstNonGsm ? 'replaceCharacter' : 'shorten',
          data: { scenario: scenario.id, segments: count.segments, units: count.units, limit: maxSegments, character: count.firstNonGsm ?? '' },
          location: { file: step.origin.file, path: [...step.origin.path, 'message'] },
          entity: { kind: 'scenario', id: scenario.id },
        });
      });
    }
  },
});

import { forEachMessage } from '../model/steps.js';
import type { Step } from '../model/types.js';
import { createRule } from './create-rule.js';
import { purposeOf } from './message-length.js';

/** "STOP au 36111", "STOP SMS 36105", "STOP : 36063": the mention French law requires. */
export const DEFAULT_OPT_OUT_PATTERN = 'STOP\\s*(?:SMS\\s*)?(?:au\\s*|:\\s*)?\\d{5}\\b';

export const smsOptOut = createRule({
  id: 'sms-opt-out',
  locality: 'scenario',
  defaultSeverity: 'warn',
  options: {
    pattern: { type: 'string', regex: true, default: DEFAULT_OPT_OUT_PATTERN },
    channels: { type: 'string[]', default: ['sms'], names: 'channels' },
    assumeMarketing: { type: 'boolean', default: false },
  },
  check({ model, report, options }) {
    const pattern = new RegExp(options.pattern as string, 'u');
    const channels = options.channels as string[];
    for (const scenario of model.scenarios) {
      // Fallbacks too, with their step's purpose: an email's SMS fallback is a marketing SMS.
      forEachMessage(scenario, (step, _path, fallbackOf) => {
        if (!channels.includes(step.channel)) return;
        // Without fallbackOf, the message is a step.
        const purpose = purposeOf(fallbackOf ?? (step as Step), scenario, model) ?? (options.assumeMarketing ? 'marketing' : undefined);
        if (purpose !== 'marketing' || (step.message !== undefined && pattern.test(step.message))) return;
        report({
          messageId: 'noOptOut',
          suggestionId: 'addOptOut',
          data: { scenario: scenario.id },
          location: { file: step.origin.file, path: step.message !== undefined ? [...step.origin.path, 'message'] : step.origin.path },
          entity: { kind: 'scenario', id: scenario.id },
        });
      });
    }
  },
});

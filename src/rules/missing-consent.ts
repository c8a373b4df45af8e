import { forEachMessage } from '../model/steps.js';
import { createRule } from './create-rule.js';

export const missingConsent = createRule({
  id: 'missing-consent',
  locality: 'scenario',
  defaultSeverity: 'warn',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      // Built only for scenarios that send on a consent channel.
      let consented: Set<string> | undefined;
      let reported: Set<string> | undefined;
      forEachMessage(scenario, (step) => {
        const channel = model.index.channels.get(step.channel);
        if (!channel?.requiresConsent) return;
        if (!consented) {
          consented = new Set<string>();
          for (const id of scenario.variables) for (const consentChannel of model.index.variables.get(id)?.consentFor ?? []) consented.add(consentChannel);
        }
        reported ??= new Set<string>();
        if (consented.has(channel.id) || reported.has(channel.id)) return;
        reported.add(channel.id);
        const candidate = model.variables.find((variable) => variable.consentFor?.includes(channel.id));
        report({
          messageId: 'missing',
          suggestionId: candidate ? 'addVariable' : 'declareVariable',
          data: { scenario: scenario.id, channel: channel.id, variable: candidate?.id ?? '' },
          location: { file: step.origin.file, path: [...step.origin.path, 'channel'] },
          entity: { kind: 'scenario', id: scenario.id },
        });
      });
    }
  },
});

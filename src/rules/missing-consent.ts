import { forEachMessage } from '../model/steps.js';
import { createRule } from './create-rule.js';

export const missingConsent = createRule({
  id: 'missing-consent',
  locality: 'scenario',
  defaultSeverity: 'warn',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      // Built only for scenarios that send on a consent channel, and as lists: a scenario's
      // variables name a channel or two, and 10,000 scenarios would otherwise make 20,000 Sets.
      let consented: string[] | undefined;
      let reported: string[] | undefined;
      forEachMessage(scenario, (step) => {
        const channel = model.index.channels.get(step.channel);
        if (!channel?.requiresConsent) return;
        if (!consented) {
          consented = [];
          for (const id of scenario.variables) for (const consentChannel of model.index.variables.get(id)?.consentFor ?? []) consented.push(consentChannel);
        }
        if (consented.includes(channel.id) || reported?.includes(channel.id)) return;
        (reported ??= []).push(channel.id);
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

import { createRule } from './create-rule.js';

export const missingConsent = createRule({
  id: 'missing-consent',
  description: 'A scenario sends on a channel that requires consent but declares no variable recording that consent.',
  defaultSeverity: 'warn',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      // Built only for scenarios that send on a consent channel.
      let consented: Set<string> | undefined;
      let reported: Set<string> | undefined;
      for (const step of scenario.steps) {
        const channel = model.index.channels.get(step.channel);
        if (!channel?.requiresConsent) continue;
        if (!consented) {
          consented = new Set<string>();
          for (const id of scenario.variables) for (const consentChannel of model.index.variables.get(id)?.consentFor ?? []) consented.add(consentChannel);
        }
        reported ??= new Set<string>();
        if (consented.has(channel.id) || reported.has(channel.id)) continue;
        reported.add(channel.id);
        const candidate = model.variables.find((variable) => variable.consentFor?.includes(channel.id));
        report({
          message: `scenario "${scenario.id}" sends on ${channel.id}, which requires consent, but declares no consent variable for it`,
          location: { file: step.origin.file, path: [...step.origin.path, 'channel'] },
          entity: { kind: 'scenario', id: scenario.id },
          suggestion: candidate
            ? `add ${candidate.id} to the scenario's variables:`
            : `declare a variable with consentFor: [${channel.id}] and add it to the scenario's variables:`,
        });
      }
    }
  },
});

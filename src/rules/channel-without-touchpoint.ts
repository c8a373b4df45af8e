import { relationsOf } from '../model/relations.js';
import { forEachMessage } from '../model/steps.js';
import { createRule } from './create-rule.js';

export const channelWithoutTouchpoint = createRule({
  id: 'channel-without-touchpoint',
  locality: 'scenario',
  defaultSeverity: 'warn',
  check({ model, report }) {
    // A touchpoint the schema rejected is not in the model: it may be on that channel.
    if (model.invalidIds.touchpoints.size > 0) return;
    const { touchpointCountByChannel } = relationsOf(model);
    for (const scenario of model.scenarios) {
      let reported: Set<string> | undefined;
      forEachMessage(scenario, (step) => {
        if (!model.index.channels.has(step.channel) || touchpointCountByChannel.has(step.channel) || reported?.has(step.channel)) return;
        (reported ??= new Set()).add(step.channel);
        report({
          messageId: 'noTouchpoint',
          suggestionId: 'addTouchpoint',
          data: { scenario: scenario.id, channel: step.channel },
          location: { file: step.origin.file, path: [...step.origin.path, 'channel'] },
          entity: { kind: 'scenario', id: scenario.id },
        });
      });
    }
  },
});

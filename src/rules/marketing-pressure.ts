import { formatMoment, violationsOf } from '../simulate/engine.js';
import { createRule } from './create-rule.js';

export const marketingPressure = createRule({
  id: 'marketing-pressure',
  defaultSeverity: 'warn',
  check({ model, report }) {
    if (!model.settings.pressure?.length || model.personas.length === 0) return;
    const locale = model.settings.locale;
    for (const result of violationsOf(model)) {
      // One finding per cap a persona breaks: its first window, how often, and every scenario involved.
      const byCap = new Map<number, typeof result.pressure>();
      for (const violation of result.pressure) byCap.set(violation.cap, [...(byCap.get(violation.cap) ?? []), violation]);
      for (const breaches of byCap.values()) {
        const violation = breaches[0]!;
        const scenarios = [...new Set(breaches.flatMap((breach) => breach.scenarios))];
        const onChannels = violation.channels !== undefined;
        report({
          messageId: onChannels ? 'overCap' : 'overCapAllChannels',
          suggestionId: 'spread',
          data: {
            persona: result.persona.id,
            count: violation.entries.length,
            channels: violation.channels?.join(', ') ?? '',
            from: formatMoment(violation.from, locale),
            to: formatMoment(violation.to, locale),
            max: violation.max,
            per: violation.per,
            breaches: breaches.length,
            scenarios: scenarios.join(', '),
          },
          location: { file: result.persona.origin.file, path: [...result.persona.origin.path, 'id'] },
          entity: { kind: 'persona', id: result.persona.id },
        });
      }
    }
  },
});

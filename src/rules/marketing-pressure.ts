import { formatMoment, violationsOf } from '../simulate/engine.js';
import { createRule } from './create-rule.js';

/** Scenarios a finding names; past them it says how many more (`omni simulate` lists them all). */
const SCENARIOS_NAMED = 10;

export const marketingPressure = createRule({
  id: 'marketing-pressure',
  defaultSeverity: 'warn',
  check({ model, report }) {
    if (!model.settings.pressure?.length || model.personas.length === 0) return;
    const locale = model.settings.locale;
    for (const result of violationsOf(model)) {
      // One finding per cap a persona breaks: its first window, how often, and the scenarios involved.
      const breaches = new Map<number, { first: (typeof result.pressure)[number]; count: number }>();
      for (const violation of result.pressure) {
        const seen = breaches.get(violation.cap);
        if (seen) seen.count++;
        else breaches.set(violation.cap, { first: violation, count: 1 });
      }
      for (const [cap, { first: violation, count }] of breaches) {
        const scenarios = result.capScenarios[cap]!;
        const others = scenarios.length - SCENARIOS_NAMED;
        const onChannels = violation.channels !== undefined;
        report({
          messageId: onChannels ? (others > 0 ? 'overCapMany' : 'overCap') : others > 0 ? 'overCapAllChannelsMany' : 'overCapAllChannels',
          suggestionId: 'spread',
          data: {
            persona: result.persona.id,
            count: violation.count,
            channels: violation.channels?.join(', ') ?? '',
            from: formatMoment(violation.from, locale),
            to: formatMoment(violation.to, locale),
            max: violation.max,
            per: violation.per,
            breaches: count,
            scenarios: (others > 0 ? scenarios.slice(0, SCENARIOS_NAMED) : scenarios).join(', '),
            others,
          },
          location: { file: result.persona.origin.file, path: [...result.persona.origin.path, 'id'] },
          entity: { kind: 'persona', id: result.persona.id },
        });
      }
    }
  },
});

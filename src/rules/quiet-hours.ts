import { formatMoment, violationsOf } from '../simulate/engine.js';
import { createRule } from './create-rule.js';

export const quietHours = createRule({
  id: 'quiet-hours',
  defaultSeverity: 'warn',
  check({ model, report }) {
    const quiet = model.settings.quietHours;
    if (!quiet || model.personas.length === 0) return;
    const locale = model.settings.locale;
    // A step is reported once, for the first persona whose calendar puts it in the window.
    const reported = new Set<object>();
    for (const result of violationsOf(model)) {
      for (const { entry, at } of result.quietHours) {
        if (reported.has(entry.origin)) continue;
        reported.add(entry.origin);
        report({
          messageId: 'inWindow',
          suggestionId: 'moveOrWait',
          data: {
            step: entry.step,
            scenario: entry.scenario,
            channel: entry.channel,
            at: formatMoment(at, locale),
            persona: result.persona.id,
            from: quiet.from,
            to: quiet.to,
          },
          location: { file: entry.origin.file, path: [...entry.origin.path, entry.kind === 'fallback' ? 'channel' : 'after'] },
          entity: { kind: 'scenario', id: entry.scenario },
        });
      }
    }
  },
});

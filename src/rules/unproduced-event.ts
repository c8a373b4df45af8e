import { branchingScenarios, walkSteps } from '../model/steps.js';
import type { Model } from '../model/types.js';
import { closestMatch } from '../util/closest-match.js';
import { createRule } from './create-rule.js';

/** Events something is known to produce: those declared under events: and every scenario trigger. */
function producedEvents(model: Model): Set<string> {
  const produced = new Set<string>(model.events.map((event) => event.id));
  for (const scenario of model.scenarios) produced.add(scenario.trigger.event);
  return produced;
}

export const unproducedEvent = createRule({
  id: 'unproduced-event',
  defaultSeverity: 'warn',
  check({ model, report }) {
    // An event the schema rejected may be the one waited for.
    if (model.invalidIds.events.size > 0) return;
    let produced: Set<string> | undefined;
    for (const scenario of branchingScenarios(model)) {
      walkSteps(scenario, (step) => {
        if (step.kind !== 'wait' && step.kind !== 'decision') return;
        produced ??= producedEvents(model);
        const known = produced;
        const waits = step.kind === 'wait';
        const branches = waits ? step.until : step.branches;
        for (const branch of branches) {
          const event = branch.event;
          if (event === undefined || known.has(event)) continue;
          const closest = closestMatch(event, known);
          report({
            messageId: waits ? 'waitUnproduced' : 'decisionUnproduced',
            suggestionId: closest ? 'didYouMean' : 'declare',
            data: { scenario: scenario.id, event, closest: closest ?? '' },
            location: { file: branch.origin.file, path: [...branch.origin.path, 'event'] },
            entity: { kind: 'scenario', id: scenario.id },
          });
        }
      });
    }
  },
});

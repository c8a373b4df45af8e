import { branchingScenarios, branchLabel, nextSteps, stepId, stepsById, successorsOf, walkSteps } from '../model/steps.js';
import type { FlowStep } from '../model/types.js';
import { createRule } from './create-rule.js';

/**
 * Whether the flow, from `start`, can come back to `goto` without passing a wait: the steps
 * a contact goes on to (successorsOf), the walk stopping at waits, since only a wait lets
 * time pass between two rounds of a loop.
 */
function loopsWithoutWait(start: FlowStep | undefined, goto: FlowStep, next: Map<FlowStep, FlowStep | undefined>, byId: Map<string, FlowStep>): boolean {
  const seen = new Set<FlowStep>();
  const pending: (FlowStep | undefined)[] = [start];
  while (pending.length > 0) {
    const step = pending.pop();
    if (step === undefined || seen.has(step)) continue;
    if (step === goto) return true;
    seen.add(step);
    if (step.kind !== 'wait') pending.push(...successorsOf(step, next, byId));
  }
  return false;
}

export const loopWithoutWait = createRule({
  id: 'loop-without-wait',
  locality: 'scenario',
  defaultSeverity: 'warn',
  check({ model, report }) {
    // Only a goto can loop: linear scenarios (nearly all of a large plan) have none.
    for (const scenario of branchingScenarios(model)) {
      let next: Map<FlowStep, FlowStep | undefined> | undefined;
      let byId: Map<string, FlowStep> | undefined;
      walkSteps(scenario, (step, path, _sequence, index) => {
        if (step.kind !== 'goto') return;
        next ??= nextSteps(scenario);
        byId ??= stepsById(scenario);
        if (!loopsWithoutWait(byId.get(step.goto), step, next, byId)) return;
        report({
          messageId: 'loops',
          suggestionId: 'addWait',
          data: { scenario: scenario.id, step: stepId(step) ?? (path.length > 0 ? `${branchLabel(path)} › ${index + 1}` : String(index + 1)), target: step.goto },
          location: { file: step.origin.file, path: [...step.origin.path, 'goto'] },
          entity: { kind: 'scenario', id: scenario.id },
        });
      });
    }
  },
});

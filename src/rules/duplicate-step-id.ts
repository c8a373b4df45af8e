import { branchLabel, stepId, walkSteps, type BranchPath } from '../model/steps.js';
import type { FlowStep, Origin } from '../model/types.js';
import { createRule } from './create-rule.js';

const originOf = (step: FlowStep): Origin => (step.kind === 'message' ? step.step.origin : step.origin);

/** A step's place in its scenario, as unreachable-step and simulate name it: "2", "wait › clicked › 1". */
const placeOf = (path: BranchPath, index: number): string => (path.length > 0 ? `${branchLabel(path)} › ${index + 1}` : String(index + 1));

/**
 * Step ids are what `goto`, persona assumptions and the simulator's calendar name: within
 * a scenario each must be unique, or every reference silently goes to the first one.
 * Reports each later occurrence, at its `id`, naming the place of the first.
 */
export const duplicateStepId = createRule({
  id: 'duplicate-step-id',
  locality: 'scenario',
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      // Most steps have no id: no map for a scenario until one does.
      let seen: Map<string, string> | undefined;
      walkSteps(scenario, (step, path, _sequence, index) => {
        const id = stepId(step);
        if (id === undefined) return;
        const first = seen?.get(id);
        if (first === undefined) {
          (seen ??= new Map()).set(id, placeOf(path, index));
          return;
        }
        const origin = originOf(step);
        report({
          messageId: 'duplicate',
          suggestionId: 'rename',
          data: { id, scenario: scenario.id, first },
          location: { file: origin.file, path: [...origin.path, 'id'] },
          entity: { kind: 'scenario', id: scenario.id },
        });
      });
    }
  },
});

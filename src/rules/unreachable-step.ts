import { branchingScenarios, branchLabel, reachableSteps, stepId, walkSteps } from '../model/steps.js';
import type { FlowStep } from '../model/types.js';
import { createRule } from './create-rule.js';

const originOf = (step: FlowStep) => (step.kind === 'message' ? step.step.origin : step.origin);

export const unreachableStep = createRule({
  id: 'unreachable-step',
  locality: 'scenario',
  defaultSeverity: 'warn',
  check({ model, report }) {
    // Linear scenarios reach every step.
    for (const scenario of branchingScenarios(model)) {
      const reached = reachableSteps(scenario);
      walkSteps(scenario, (step, path, sequence, index) => {
        if (reached.has(step)) return;
        // Report the first step of each unreachable run only: the rest follows from it.
        // The scenario's first step is always reached: `before` is a step or a branching step.
        const before = index > 0 ? sequence[index - 1] : path.at(-1)?.step;
        if (before === undefined || !reached.has(before)) return;
        const id = stepId(step);
        const label = id ?? (path.length > 0 ? `${branchLabel(path)} › ${index + 1}` : String(index + 1));
        const jumped = before.kind === 'end' || before.kind === 'goto';
        const origin = originOf(step);
        report({
          messageId: index === 0 ? 'zeroBranch' : jumped ? 'afterJump' : 'afterBranches',
          suggestionId: index === 0 ? 'giveShare' : 'removeOrLink',
          data: { scenario: scenario.id, step: label, previous: before.kind },
          location: { file: origin.file, path: origin.path },
          entity: { kind: 'scenario', id: scenario.id },
        });
      });
    }
  },
});

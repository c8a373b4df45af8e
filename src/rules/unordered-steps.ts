import { offsetMinutes } from '../model/offsets.js';
import { branchLabel, isLinear, walkSteps, type BranchPath } from '../model/steps.js';
import type { FlowStep, Scenario, Step } from '../model/types.js';
import { createRule } from './create-rule.js';

interface Latest {
  offset: number;
  after: string;
  number: number;
}

export const unorderedSteps = createRule({
  id: 'unordered-steps',
  locality: 'scenario',
  defaultSeverity: 'warn',
  check({ model, report }) {
    const backwards = (scenario: Scenario, step: Step, number: number, latest: Latest, path: BranchPath) =>
      report({
        messageId: path.length === 0 ? 'backwards' : 'backwardsInBranch',
        suggestionId: 'reorder',
        data: { step: number, after: step.after, previousStep: latest.number, previousAfter: latest.after, branch: branchLabel(path) },
        location: { file: step.origin.file, path: [...step.origin.path, 'after'] },
        entity: { kind: 'scenario', id: scenario.id },
      });
    for (const scenario of model.scenarios) {
      if (isLinear(scenario)) {
        // One sequence (nearly every scenario of a large plan): the same check without a map or an object per step.
        let latestOffset = 0;
        let latestAfter = '';
        let latestNumber = 0;
        const steps = scenario.steps;
        for (let index = 0; index < steps.length; index++) {
          const step = steps[index]!;
          const offset = offsetMinutes(step.after);
          if (offset === undefined) continue;
          if (latestNumber > 0 && offset < latestOffset) backwards(scenario, step, index + 1, { offset: latestOffset, after: latestAfter, number: latestNumber }, []);
          else {
            latestOffset = offset;
            latestAfter = step.after;
            latestNumber = index + 1;
          }
        }
        continue;
      }
      // Offsets are compared within one sequence (the scenario's, or a branch's), and a wait
      // restarts the clock: the steps after it count from its end.
      const latestBySequence = new Map<readonly FlowStep[], Latest | undefined>();
      walkSteps(scenario, (node, path, sequence, index) => {
        if (node.kind === 'wait') {
          latestBySequence.set(sequence, undefined);
          return;
        }
        if (node.kind !== 'message') return;
        const step = node.step;
        const offset = offsetMinutes(step.after);
        if (offset === undefined) return;
        const latest = latestBySequence.get(sequence);
        if (latest && offset < latest.offset) backwards(scenario, step, index + 1, latest, path);
        if (!latest || offset >= latest.offset) latestBySequence.set(sequence, { offset, after: step.after, number: index + 1 });
      });
    }
  },
});

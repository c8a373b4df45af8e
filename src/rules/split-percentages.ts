import { branchingScenarios, walkSteps } from '../model/steps.js';
import { createRule } from './create-rule.js';

export const splitPercentages = createRule({
  id: 'split-percentages',
  locality: 'scenario',
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const scenario of branchingScenarios(model)) {
      walkSteps(scenario, (step) => {
        if (step.kind !== 'split') return;
        const total = step.branches.reduce((sum, branch) => sum + branch.percent, step.control ?? 0);
        // Percentages may be decimals (33.3): compare with a tolerance, print rounded.
        if (Math.abs(total - 100) < 1e-9) return;
        report({
          messageId: 'notHundred',
          suggestionId: 'adjust',
          data: { scenario: scenario.id, total: Math.round(total * 1000) / 1000 },
          location: { file: step.origin.file, path: [...step.origin.path, 'split'], target: 'key' },
          entity: { kind: 'scenario', id: scenario.id },
        });
      });
    }
  },
});

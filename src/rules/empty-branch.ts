import { branchesOf, branchingScenarios, isBranching, walkSteps } from '../model/steps.js';
import { createRule } from './create-rule.js';

export const emptyBranch = createRule({
  id: 'empty-branch',
  locality: 'scenario',
  defaultSeverity: 'warn',
  check({ model, report }) {
    for (const scenario of branchingScenarios(model)) {
      walkSteps(scenario, (step) => {
        if (!isBranching(step)) return;
        for (const branch of branchesOf(step)) {
          if (branch.steps.length > 0) continue;
          // `otherwise:` is the list itself; a named branch is pointed at by its name (or event).
          const key = branch.name === 'otherwise' && branch.origin.path.at(-1) === 'otherwise' ? undefined : step.kind === 'wait' ? 'event' : 'name';
          report({
            messageId: 'empty',
            suggestionId: 'addSteps',
            data: { scenario: scenario.id, branch: branch.name, kind: step.kind },
            location: key ? { file: branch.origin.file, path: [...branch.origin.path, key] } : { file: branch.origin.file, path: branch.origin.path, target: 'key' },
            entity: { kind: 'scenario', id: scenario.id },
          });
        }
      });
    }
  },
});

import { assumableBranches, stepId, stepsById } from '../model/steps.js';
import { closestMatch } from '../util/closest-match.js';
import { createRule } from './create-rule.js';

/**
 * A persona's `assume:` names a scenario, a split or decision step of it, and one of that
 * step's branches; omni simulate would ignore an assumption that names nothing. Its own rule,
 * not part of unknown-reference: its findings lie in the persona's file but depend on the
 * steps of scenarios in other files (the per-file replays of diff and the LSP rely on that split).
 */
export const unknownAssumption = createRule({
  id: 'unknown-assumption',
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const persona of model.personas) {
      persona.assume.forEach((assumption, index) => {
        const at = (key: string) => ({ file: persona.origin.file, path: [...persona.origin.path, 'assume', index, key] });
        const entity = { kind: 'persona', id: persona.id };
        const scenario = model.index.scenarios.get(assumption.scenario);
        if (!scenario) {
          if (model.invalidIds.scenarios.has(assumption.scenario)) return;
          const closest = closestMatch(assumption.scenario, model.index.scenarios.keys());
          report({
            messageId: 'unknownScenario',
            suggestionId: closest ? 'didYouMean' : 'nameScenario',
            data: { id: assumption.scenario, closest: closest ?? '' },
            location: at('scenario'),
            entity,
          });
          return;
        }
        const steps = stepsById(scenario);
        const step = steps.get(assumption.step);
        if (!step) {
          const branching = [...steps.values()].filter((candidate) => assumableBranches(candidate) !== undefined).map((candidate) => stepId(candidate)!);
          const closest = closestMatch(assumption.step, branching);
          report({
            messageId: 'unknownStep',
            suggestionId: closest ? 'didYouMean' : 'nameStep',
            data: { scenario: scenario.id, id: assumption.step, closest: closest ?? '' },
            location: at('step'),
            entity,
          });
          return;
        }
        const branches = assumableBranches(step);
        if (!branches) {
          report({
            messageId: 'notAssumable',
            suggestionId: 'assumeSplitOrDecision',
            data: { scenario: scenario.id, id: assumption.step },
            location: at('step'),
            entity,
          });
          return;
        }
        if (branches.includes(assumption.branch)) return;
        const closest = closestMatch(assumption.branch, branches);
        report({
          messageId: 'unknownBranch',
          suggestionId: closest ? 'didYouMean' : 'nameBranch',
          data: { scenario: scenario.id, step: assumption.step, id: assumption.branch, closest: closest ?? '', branches: branches.join(', ') },
          location: at('branch'),
          entity,
        });
      });
    }
  },
});

import { forEachReference, KIND_NAMES, referencePath } from '../model/references.js';
import { stepId, stepsById, walkSteps } from '../model/steps.js';
import type { FlowStep, Model, Persona } from '../model/types.js';
import { closestMatch } from '../util/closest-match.js';
import { createRule, type RuleContext } from './create-rule.js';

export const unknownReference = createRule({
  id: 'unknown-reference',
  defaultSeverity: 'error',
  check({ model, report }) {
    forEachReference(model, (kind, id, origin, from, key, index) => {
      if (model.index[kind].has(id) || model.invalidIds[kind].has(id)) return;
      const closest = closestMatch(id, model.index[kind].keys());
      report({
        messageId: 'unknown',
        suggestionId: closest ? 'didYouMean' : 'declare',
        data: { kind, id, closest: closest ?? '' },
        location: { file: origin.file, path: referencePath(origin, key, index) },
        entity: { kind: KIND_NAMES[from.kind], id: from.id },
      });
    });
    for (const scenario of model.scenarios) {
      let ids: Map<string, unknown> | undefined;
      walkSteps(scenario, (step) => {
        if (step.kind !== 'goto') return;
        ids ??= stepsById(scenario);
        if (ids.has(step.goto)) return;
        const closest = closestMatch(step.goto, ids.keys());
        report({
          messageId: 'unknownStep',
          suggestionId: closest ? 'didYouMean' : 'declareStep',
          data: { scenario: scenario.id, id: step.goto, closest: closest ?? '' },
          location: { file: step.origin.file, path: [...step.origin.path, 'goto'] },
          entity: { kind: 'scenario', id: scenario.id },
        });
      });
    }
    for (const persona of model.personas) checkAssumptions(model, persona, report);
  },
});

/** The branch names a persona may assume at a step: a split's variants (and control), a decision's branches and otherwise. */
function assumableBranches(step: FlowStep): string[] | undefined {
  if (step.kind === 'split') return [...step.branches.map((branch) => branch.name), ...(step.control !== undefined ? ['control'] : [])];
  if (step.kind === 'decision') return [...step.branches, ...(step.otherwise ? [step.otherwise] : [])].map((branch) => branch.name);
  return undefined;
}

/**
 * A persona's `assume:` names a scenario, a split or decision step of it, and one of that
 * step's branches; omni simulate ignores an assumption that names nothing, so it is reported.
 */
function checkAssumptions(model: Model, persona: Persona, report: RuleContext['report']): void {
  persona.assume.forEach((assumption, index) => {
    const at = (key: string) => ({ file: persona.origin.file, path: [...persona.origin.path, 'assume', index, key] });
    const entity = { kind: 'persona', id: persona.id };
    const scenario = model.index.scenarios.get(assumption.scenario);
    if (!scenario) {
      if (model.invalidIds.scenarios.has(assumption.scenario)) return;
      const closest = closestMatch(assumption.scenario, model.index.scenarios.keys());
      report({
        messageId: 'unknown',
        suggestionId: closest ? 'didYouMean' : 'declare',
        data: { kind: 'scenarios', id: assumption.scenario, closest: closest ?? '' },
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
        messageId: 'unknownAssumedStep',
        suggestionId: closest ? 'didYouMean' : 'nameAssumedStep',
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

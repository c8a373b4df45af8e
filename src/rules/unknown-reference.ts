import { forEachReference, forEachSettingsMention, KIND_NAMES, referencePath } from '../model/references.js';
import { stepsById, walkSteps } from '../model/steps.js';
import { closestMatch } from '../util/closest-match.js';
import { CONFIG_FILE } from '../util/workspace-files.js';
import { createRule } from './create-rule.js';

export const unknownReference = createRule({
  id: 'unknown-reference',
  locality: 'scenario',
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
    // omni.yaml's pressure caps and quiet hours: a misspelt channel there silently counts nothing.
    if (model.settings.declared) {
      forEachSettingsMention(model.settings, (kind, id, path) => {
        if (model.index[kind].has(id) || model.invalidIds[kind].has(id)) return;
        const closest = closestMatch(id, model.index[kind].keys());
        report({
          messageId: 'unknown',
          suggestionId: closest ? 'didYouMean' : 'declare',
          data: { kind, id, closest: closest ?? '' },
          location: { file: CONFIG_FILE, path },
        });
      });
    }
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
  },
});

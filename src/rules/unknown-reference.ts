import { forEachReference, forEachSettingsMention, KIND_NAMES, referencePath } from '../model/references.js';
import { branchingScenarios, stepsById, walkSteps } from '../model/steps.js';
import type { Location } from '../diagnostics/types.js';
import type { SectionKind } from '../model/types.js';
import { closestMatch } from '../util/closest-match.js';
import { CONFIG_FILE } from '../util/workspace-files.js';
import { createRule } from './create-rule.js';

export const unknownReference = createRule({
  id: 'unknown-reference',
  locality: 'scenario',
  defaultSeverity: 'error',
  check({ model, report }) {
    const known = (kind: SectionKind, id: string) => model.index[kind].has(id) || model.invalidIds[kind].has(id);
    /** Reports `id`, which no entity of `kind` has, with the closest id that does. */
    const reportUnknown = (kind: SectionKind, id: string, location: Location, entity?: { kind: string; id: string }) => {
      const closest = closestMatch(id, model.index[kind].keys());
      // Without a lifecycle: section the method's four stages apply, and declaring one stage
      // replaces all four: "declare it under lifecycle:" alone would break every other scenario.
      const defaults = kind === 'lifecycle' && model.defaultLifecycle;
      report({
        messageId: 'unknown',
        suggestionId: closest ? 'didYouMean' : defaults ? 'useDefaultLifecycle' : 'declare',
        data: { kind, id, closest: closest ?? '', ...(defaults && !closest ? { stages: model.lifecycle.map((stage) => stage.id).join(', ') } : {}) },
        location,
        ...(entity ? { entity } : {}),
      });
    };
    // The location and entity are made only for an unknown id: a plan holds over 100,000 known ones.
    forEachReference(model, (kind, id, origin, from, key, index) => {
      if (!known(kind, id)) reportUnknown(kind, id, { file: origin.file, path: referencePath(origin, key, index) }, { kind: KIND_NAMES[from.kind], id: from.id });
    });
    // omni.yaml's pressure caps, quiet hours and rules: a misspelt id there silently counts or
    // checks nothing. Events need no declaration (unproduced-event's concern), as in the model.
    if (model.settings.declared)
      forEachSettingsMention(model.settings, (kind, id, path) => {
        if (kind !== 'events' && !known(kind, id)) reportUnknown(kind, id, { file: CONFIG_FILE, path });
      });
    // Only a branching scenario has a goto.
    for (const scenario of branchingScenarios(model)) {
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

import { analyzeTemplate } from '../model/templates.js';
import { forEachMessage } from '../model/steps.js';
import { closestMatch } from '../util/closest-match.js';
import { createRule } from './create-rule.js';

export const TEMPLATE_FIELDS = ['subject', 'message'] as const;

export const undeclaredTemplateVariable = createRule({
  id: 'undeclared-template-variable',
  locality: 'scenario',
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      // Scenarios declare a handful of variables: a list is cheaper than a Set per scenario.
      const declared = scenario.variables;
      forEachMessage(scenario, (step) => {
        for (const field of TEMPLATE_FIELDS) {
          const text = step[field];
          if (text === undefined) continue;
          const analysis = analyzeTemplate(text);
          if (!analysis.ok) continue; // template-syntax reports it
          let reported: Set<string> | undefined;
          for (const variable of analysis.variables) {
            if (declared.includes(variable.name) || reported?.has(variable.name)) continue;
            (reported ??= new Set()).add(variable.name);
            // A variable the workspace declares is missing from the scenario's list, not misspelt.
            const closest = model.index.variables.has(variable.name) ? undefined : closestMatch(variable.name, declared);
            report({
              messageId: 'undeclared',
              suggestionId: closest ? 'didYouMean' : 'declare',
              data: { variable: variable.name, scenario: scenario.id, closest: closest ?? '' },
              location: { file: step.origin.file, path: [...step.origin.path, field], needle: variable.original },
              entity: { kind: 'scenario', id: scenario.id },
            });
          }
        }
      });
    }
  },
});

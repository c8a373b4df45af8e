import { analyzeTemplate } from '../model/templates.js';
import { forEachMessage } from '../model/steps.js';
import { closestMatch } from '../util/closest-match.js';
import { createRule } from './create-rule.js';

export const TEMPLATE_FIELDS = ['subject', 'message'] as const;

/** `{{word ` just before a variable: handlebars reads `{{first name}}` as the helper `first` given `name`. */
const HELPER_BEFORE = /\{\{~?\s*([A-Za-z_][\w-]*)\s+$/;

/** The declared variable a space split in two (`{{first name}}` for first_name), if any. */
function splitName(text: string, variable: { name: string; line: number; column: number }, declared: readonly string[]): { helper: string; joined: string } | undefined {
  let lineStart = 0;
  for (let line = 1; line < variable.line; line++) lineStart = text.indexOf('\n', lineStart) + 1;
  const helper = HELPER_BEFORE.exec(text.slice(Math.max(lineStart, lineStart + variable.column - 1 - 80), lineStart + variable.column - 1))?.[1];
  if (!helper) return undefined;
  const joined = [`${helper}_${variable.name}`, `${helper}${variable.name}`, `${helper}-${variable.name}`].find((name) => declared.includes(name));
  return joined ? { helper, joined } : undefined;
}

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
            // `{{first name}}`: the helper `first` given `name`, where first_name was meant.
            const split = splitName(text, variable, declared);
            report({
              messageId: 'undeclared',
              suggestionId: split ? 'joinName' : closest ? 'didYouMean' : 'declare',
              data: { variable: variable.name, scenario: scenario.id, closest: closest ?? '', helper: split?.helper ?? '', joined: split?.joined ?? '' },
              location: { file: step.origin.file, path: [...step.origin.path, field], needle: variable.original },
              entity: { kind: 'scenario', id: scenario.id },
            });
          }
        }
      });
    }
  },
});

import { analyzeTemplate } from '../model/templates.js';
import { closestMatch } from '../util/closest-match.js';
import { createRule } from './create-rule.js';

export const TEMPLATE_FIELDS = ['subject', 'message'] as const;

export const undeclaredTemplateVariable = createRule({
  id: 'undeclared-template-variable',
  description: "A {{variable}} in a step's subject or message is not in the scenario's variables.",
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      const declared = new Set(scenario.variables);
      for (const step of scenario.steps) {
        for (const field of TEMPLATE_FIELDS) {
          const text = step[field];
          if (text === undefined) continue;
          const analysis = analyzeTemplate(text);
          if (!analysis.ok) continue; // template-syntax reports it
          const reported = new Set<string>();
          for (const variable of analysis.variables) {
            if (declared.has(variable.name) || reported.has(variable.name)) continue;
            reported.add(variable.name);
            const closest = closestMatch(variable.name, declared);
            report({
              message: `"${variable.name}" is not among the variables of scenario "${scenario.id}"`,
              location: { file: step.origin.file, path: [...step.origin.path, field], needle: variable.original },
              entity: { kind: 'scenario', id: scenario.id },
              suggestion: closest ? `did you mean "${closest}"?` : `add ${variable.name} to the scenario's variables:`,
            });
          }
        }
      }
    }
  },
});

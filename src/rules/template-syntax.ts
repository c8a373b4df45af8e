import { analyzeTemplate } from '../model/templates.js';
import { forEachMessage } from '../model/steps.js';
import { createRule } from './create-rule.js';
import { TEMPLATE_FIELDS } from './undeclared-template-variable.js';

export const templateSyntax = createRule({
  id: 'template-syntax',
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      forEachMessage(scenario, (step) => {
        for (const field of TEMPLATE_FIELDS) {
          const text = step[field];
          if (text === undefined) continue;
          const analysis = analyzeTemplate(text);
          if (analysis.ok) continue;
          report({
            messageId: text.includes('\n') ? 'invalidAtLine' : 'invalidAt',
            suggestionId: 'close',
            data: { field, line: analysis.line, column: analysis.column, reason: analysis.message },
            location: { file: step.origin.file, path: [...step.origin.path, field] },
            entity: { kind: 'scenario', id: scenario.id },
          });
        }
      });
    }
  },
});

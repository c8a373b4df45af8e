import { LIST_SEPARATOR, type MessageData } from '../i18n/index.js';
import { analyzeTemplate } from '../model/templates.js';
import { forEachMessage } from '../model/steps.js';
import { createRule } from './create-rule.js';
import { TEMPLATE_FIELDS } from './undeclared-template-variable.js';

type ProblemKind = 'malformed' | 'unexpected' | 'unexpectedExpecting' | 'mismatch' | 'invalid';
/** The message of each problem, in a one-line template or in a multi-line one (which names the template's line). */
const AT: Record<ProblemKind, { messageId: string }> = {
  malformed: { messageId: 'malformedAt' },
  unexpected: { messageId: 'unexpectedAt' },
  unexpectedExpecting: { messageId: 'unexpectedExpectingAt' },
  mismatch: { messageId: 'mismatchAt' },
  invalid: { messageId: 'invalidAt' },
};
const AT_LINE: Record<ProblemKind, { messageId: string }> = {
  malformed: { messageId: 'malformedAtLine' },
  unexpected: { messageId: 'unexpectedAtLine' },
  unexpectedExpecting: { messageId: 'unexpectedExpectingAtLine' },
  mismatch: { messageId: 'mismatchAtLine' },
  invalid: { messageId: 'invalidAtLine' },
};

export const templateSyntax = createRule({
  id: 'template-syntax',
  locality: 'scenario',
  defaultSeverity: 'error',
  check({ model, report }) {
    for (const scenario of model.scenarios) {
      forEachMessage(scenario, (step) => {
        for (const field of TEMPLATE_FIELDS) {
          const text = step[field];
          if (text === undefined) continue;
          const analysis = analyzeTemplate(text);
          if (analysis.ok) continue;
          const { problem } = analysis;
          const [kind, data]: [ProblemKind, MessageData] =
            problem.kind === 'malformed'
              ? ['malformed', {}]
              : problem.kind === 'unexpected'
                ? problem.expected.length > 0
                  ? ['unexpectedExpecting', { token: problem.token, expected: problem.expected.join(LIST_SEPARATOR) }]
                  : ['unexpected', { token: problem.token }]
                : problem.kind === 'mismatch'
                  ? ['mismatch', { open: problem.open, close: problem.close }]
                  : ['invalid', { reason: problem.text }];
          report({
            ...(text.includes('\n') ? AT_LINE : AT)[kind],
            suggestionId: 'close',
            data: { field, line: analysis.line, column: analysis.column, ...data },
            location: { file: step.origin.file, path: [...step.origin.path, field] },
            entity: { kind: 'scenario', id: scenario.id },
          });
        }
      });
    }
  },
});

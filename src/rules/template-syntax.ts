import { LIST_SEPARATOR, type MessageData } from '../i18n/index.js';
import { analyzeTemplate } from '../model/templates.js';
import { forEachMessage } from '../model/steps.js';
import { createRule } from './create-rule.js';
import { TEMPLATE_FIELDS } from './undeclared-template-variable.js';

type ProblemKind = 'malformed' | 'unexpected' | 'unexpectedExpecting' | 'mismatch' | 'invalid' | 'unclosedBlock';
/** The message of each problem, in a one-line template or in a multi-line one (which names the template's line). */
const AT: Record<ProblemKind, { messageId: string }> = {
  malformed: { messageId: 'malformedAt' },
  unexpected: { messageId: 'unexpectedAt' },
  unexpectedExpecting: { messageId: 'unexpectedExpectingAt' },
  mismatch: { messageId: 'mismatchAt' },
  invalid: { messageId: 'invalidAt' },
  unclosedBlock: { messageId: 'unclosedBlockAt' },
};
const AT_LINE: Record<ProblemKind, { messageId: string }> = {
  malformed: { messageId: 'malformedAtLine' },
  unexpected: { messageId: 'unexpectedAtLine' },
  unexpectedExpecting: { messageId: 'unexpectedExpectingAtLine' },
  mismatch: { messageId: 'mismatchAtLine' },
  invalid: { messageId: 'invalidAtLine' },
  unclosedBlock: { messageId: 'unclosedBlockAtLine' },
};

/** `{{#name`, `{{^name`, `{{/name` (with `~`), in order: what opens and closes blocks. */
const BLOCK_TAG = /\{\{~?\s*([#^/])\s*([^\s}~]+)/g;

/**
 * The block a template leaves open when the text ends inside it (handlebars says only that
 * it expected `{{/`): the innermost unclosed `{{#name`, at its line and column in the template.
 */
function unclosedBlock(text: string): { block: string; line: number; column: number } | undefined {
  const open: Array<{ block: string; at: number }> = [];
  for (const match of text.matchAll(BLOCK_TAG)) {
    if (match[1] === '/') {
      if (open.length > 0 && open[open.length - 1]!.block === match[2]) open.pop();
    } else open.push({ block: match[2]!.replace(/^[*>]/, ''), at: match.index });
  }
  const last = open[open.length - 1];
  if (!last) return undefined;
  const before = text.slice(0, last.at);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { block: last.block, line: before.split('\n').length, column: last.at - lineStart + 1 };
}

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
          // The text ended inside a block: name the block, where it opened.
          const open = problem.kind === 'unexpected' && problem.token === 'EOF' ? unclosedBlock(text) : undefined;
          if (open) {
            report({
              ...(text.includes('\n') ? AT_LINE : AT).unclosedBlock,
              suggestionId: 'closeBlock',
              data: { field, line: open.line, column: open.column, block: open.block },
              location: { file: step.origin.file, path: [...step.origin.path, field] },
              entity: { kind: 'scenario', id: scenario.id },
            });
            continue;
          }
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

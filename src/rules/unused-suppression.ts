import { createLoaderRule } from './create-rule.js';
import type { DirectiveMessage } from './suppression-directive.js';

/** Found by the lint pipeline (src/suppressions): a directive's rule id that silenced nothing. */
export const unusedSuppression = createLoaderRule({
  id: 'unused-suppression',
  defaultSeverity: 'off',
});

export function unusedSuppressionMessage(problem: { directive: string; rule: string }): DirectiveMessage {
  return { messageId: 'unused', suggestionId: 'remove', data: { directive: problem.directive, rule: problem.rule } };
}

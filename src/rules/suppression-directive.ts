import type { MessageData } from '../i18n/index.js';
import { createLoaderRule } from './create-rule.js';

/** Findings made by the lint pipeline (src/suppressions) from the directives themselves. */
export const suppressionDirective = createLoaderRule({
  id: 'suppression-directive',
  defaultSeverity: 'warn',
});

/** What src/suppressions finds wrong with a directive (its DirectiveProblem); `directive` is its keyword. */
export type DirectiveFault =
  | { kind: 'misplaced'; directive: string }
  | { kind: 'noRule'; directive: string }
  | { kind: 'unknownRule'; directive: string; rule: string; closest?: string }
  | { kind: 'noReason'; directive: string; ruleIds: readonly string[] };

export interface DirectiveMessage {
  messageId: string;
  suggestionId: string;
  data: MessageData;
}

/** The message ids of a directive problem (suppression-directive's; unused-suppression's in its own file). */
export function suppressionDirectiveMessage(problem: DirectiveFault): DirectiveMessage {
  const directive = problem.directive;
  switch (problem.kind) {
    case 'misplaced':
      return { messageId: 'misplaced', suggestionId: 'moveToTop', data: { directive } };
    case 'noRule':
      return { messageId: 'noRule', suggestionId: 'nameRules', data: { directive } };
    case 'unknownRule':
      return {
        messageId: 'unknownRule',
        suggestionId: problem.closest ? 'didYouMean' : 'seeRules',
        data: { directive, rule: problem.rule, closest: problem.closest ?? '' },
      };
    case 'noReason':
      return { messageId: 'noReason', suggestionId: 'giveReason', data: { directive, rules: problem.ruleIds.join(', ') } };
  }
}

import { createLoaderRule } from './create-rule.js';

/** Findings made by the lint pipeline (src/suppressions) from the directives themselves. */
export const suppressionDirective = createLoaderRule({
  id: 'suppression-directive',
  description: 'A suppression comment gives no reason, names an unknown rule, or is a file directive below the top of the file.',
  defaultSeverity: 'warn',
});

export const unusedSuppression = createLoaderRule({
  id: 'unused-suppression',
  description: 'A suppression comment names a rule that has no finding to silence there (--report-unused-disable-directives).',
  defaultSeverity: 'off',
});

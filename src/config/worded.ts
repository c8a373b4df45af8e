import type { PendingDiagnostic } from '../diagnostics/types.js';
import { ruleMessage, type MessageData } from '../i18n/index.js';

/** A problem of the team settings, by template ids (under lint.rules.schema in src/i18n) and data. */
export interface Worded {
  messageId: string;
  suggestionId: string;
  data?: MessageData;
}

/**
 * The fields of a settings finding: written in English here, and again in the workspace's
 * language by lint (from the ids it carries), like the loader's findings. `at` says which
 * `extends:` entry it comes from (`extends "x": `, language-neutral), or nothing.
 */
export function wordedFinding(problem: Worded, at = ''): Pick<PendingDiagnostic, 'ruleId' | 'message' | 'suggestion' | 'messageId' | 'suggestionId' | 'data'> {
  const data = { ...problem.data, at };
  return {
    ruleId: 'schema',
    message: ruleMessage('schema', problem.messageId, data, 'en'),
    suggestion: ruleMessage('schema', problem.suggestionId, data, 'en'),
    messageId: problem.messageId,
    suggestionId: problem.suggestionId,
    data,
  };
}

import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import type { Diagnostic, LintResult } from '../../src/diagnostics/types.js';
import { BASE, writeWorkspace, type Files } from '../rules/run-rule.js';

export { BASE, writeWorkspace };

/** Lints files through the real pipeline (every rule at its configured severity). */
export async function lintFiles(files: Files, ruleOverrides: Record<string, 'error' | 'warn' | 'off'> = {}): Promise<LintResult> {
  const workspace = await loadWorkspace(writeWorkspace(files));
  return lintWorkspace(workspace, { ruleOverrides });
}

/** `rule file:line:col message` per diagnostic, for exact comparisons. */
export const lines = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.range.start.line}:${d.range.start.column} ${d.severity} ${d.message}`);

/** A workspace with one unused variable (unused-variable warns at data.yaml:3:5) and one unused source (data.yaml). */
export const UNUSED = (variablesPrefix = '') => ({
  ...BASE,
  'data.yaml': `sources:\n  - { id: crm2, name: CRM 2 }\nvariables:\n${variablesPrefix}  - { id: spare, name: Spare, sources: [crm2] }\n`,
});

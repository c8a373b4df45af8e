import type { Model } from '../model/types.js';
import type { Location, Severity } from '../diagnostics/types.js';

/** Where rule pages live; one place so forks can repoint every docs link. */
export const DOCS_BASE_URL = 'https://github.com/omni-journey/omni/blob/main/docs/rules/';

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  docsUrl: string;
}

export interface RuleReport {
  message: string;
  location: Location;
  entity?: { kind: string; id: string };
  suggestion?: string;
}

export interface RuleContext {
  model: Model;
  report(report: RuleReport): void;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

export interface RuleDefinition {
  id: string;
  description: string;
  defaultSeverity: Severity;
  check(context: RuleContext): void;
}

/** Every rule goes through here so that its docs URL and metadata are uniform. */
export function createRule(definition: RuleDefinition): Rule {
  return { ...definition, docsUrl: `${DOCS_BASE_URL}${definition.id}.md` };
}

/** Rules that fire during loading (syntax, schema) have metadata but no model check. */
export function createLoaderRule(definition: Omit<RuleDefinition, 'check'>): Rule {
  return createRule({ ...definition, check: () => undefined });
}

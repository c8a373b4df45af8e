import type { Model } from '../model/types.js';
import type { Location, Severity } from '../diagnostics/types.js';
import { ruleDescription, type MessageData } from '../i18n/index.js';

/** Where rule pages live; one place so forks can repoint every docs link. */
export const DOCS_BASE_URL = 'https://github.com/omni-journey/omni/blob/main/docs/rules/';

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Severity;
  docsUrl: string;
}

interface RuleReportBase {
  location: Location;
  entity?: { kind: string; id: string };
}

/**
 * What a rule reports. The message and suggestion are ids of templates in the rule's
 * entry of src/i18n (one per locale), filled with `data` in the workspace's locale:
 * a rule never writes a user-facing sentence itself.
 */
export interface RuleMessageReport extends RuleReportBase {
  messageId: string;
  suggestionId?: string;
  data?: MessageData;
}

/** @deprecated A literal English message: use messageId so the finding is translated. */
export interface RuleLiteralReport extends RuleReportBase {
  message: string;
  suggestion?: string;
}

export type RuleReport = RuleMessageReport | RuleLiteralReport;

export interface RuleContext {
  model: Model;
  report(report: RuleReport): void;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

export interface RuleDefinition {
  id: string;
  /** English description; defaults to the rule's entry in src/i18n. */
  description?: string;
  defaultSeverity: Severity;
  check(context: RuleContext): void;
}

/** Every rule goes through here so that its docs URL and metadata are uniform. */
export function createRule(definition: RuleDefinition): Rule {
  const description = definition.description ?? ruleDescription(definition.id) ?? '';
  return { ...definition, description, docsUrl: `${DOCS_BASE_URL}${definition.id}.md` };
}

/** Rules that fire during loading (syntax, schema) have metadata but no model check. */
export function createLoaderRule(definition: Omit<RuleDefinition, 'check'>): Rule {
  return createRule({ ...definition, check: () => undefined });
}

import type { Locale, Model } from '../model/types.js';
import type { Location, SeverityOrOff } from '../diagnostics/types.js';
import { ruleDescription, ruleOptionDescription, type MessageData } from '../i18n/index.js';

/** Where rule pages live; one place so forks can repoint every docs link. */
export const DOCS_BASE_URL = 'https://github.com/omni-journey/omni/blob/main/docs/rules/';

/** One option a rule takes in omni.yaml (`rules: { id: [warn, { option: value }] }`). */
export interface RuleOption {
  type: 'integer' | 'string' | 'boolean' | 'string[]';
  default: unknown;
  description: string;
  /** What the description's placeholders take (a built-in rule's words live in src/i18n). */
  descriptionData?: MessageData;
  /** For integers. */
  minimum?: number;
  /** For strings: the value must compile as a JavaScript regular expression. */
  regex?: boolean;
  /** For string lists: the values are ids of this section (checked by unknown-reference, renamed with them). */
  names?: 'channels';
}

export type RuleOptions = Readonly<Record<string, unknown>>;

export interface RuleMeta {
  id: string;
  description: string;
  /** `off` only for rules a team turns on deliberately (e.g. missing-owner). */
  defaultSeverity: SeverityOrOff;
  docsUrl: string;
  /** The options the rule takes, with their defaults; absent when it takes none. */
  options?: Readonly<Record<string, RuleOption>>;
  /**
   * `scenario`: the rule's findings lie in the files of the scenarios it checks (or of the
   * entity referring, for unknown-reference) and depend only on those scenarios, the
   * workspace's other sections (the declarations), the settings and the options — never on
   * the scenarios of another file. `omni diff` (src/pipeline/reuse.ts) and the language
   * server (src/pipeline/session.ts) then replay its findings for the files that did not
   * change. Absent: the rule runs on the whole model every time.
   */
  locality?: 'scenario';
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
  /** The rule's options: omni.yaml's values over the defaults. */
  options: RuleOptions;
  /**
   * The language findings are written in (`--locale`, else omni.yaml's, else English): a rule
   * that words a message itself (a house rule's hint, a plugin's) words it in this one.
   */
  locale: Locale;
  report(report: RuleReport): void;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

export interface RuleDefinition {
  id: string;
  /** English description; defaults to the rule's entry in src/i18n. */
  description?: string;
  defaultSeverity: SeverityOrOff;
  /** See RuleMeta.locality; built-in rules only (a replay is only as right as this claim). */
  locality?: 'scenario';
  /** An option's English description defaults to the rule's entry in src/i18n (`options`). */
  options?: Record<string, Omit<RuleOption, 'description'> & { description?: string }>;
  /** Plugins pass their own docs page; built-in rules get docs/rules/<id>.md. */
  docsUrl?: string;
  check(context: RuleContext): void;
}

/** Every rule goes through here so that its docs URL and metadata are uniform. */
export function createRule(definition: RuleDefinition): Rule {
  const { options: optionDefinitions, ...rest } = definition;
  const description = definition.description ?? ruleDescription(definition.id) ?? '';
  const options =
    optionDefinitions &&
    Object.fromEntries(
      Object.entries(optionDefinitions).map(([name, option]) => [
        name,
        { ...option, description: option.description ?? ruleOptionDescription(definition.id, name, 'en', option.descriptionData) ?? '' },
      ]),
    );
  return { ...rest, description, ...(options ? { options } : {}), docsUrl: definition.docsUrl ?? `${DOCS_BASE_URL}${definition.id}.md` };
}

/** Rules that fire during loading (syntax, schema) have metadata but no model check. */
export function createLoaderRule(definition: Omit<RuleDefinition, 'check'>): Rule {
  return createRule({ ...definition, check: () => undefined });
}

/** The defaults of a rule's options, to be overlaid with omni.yaml's values. */
export function defaultOptions(rule: RuleMeta): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(rule.options ?? {})) options[name] = option.default;
  return options;
}

/**
 * What is wrong with one option value, as a message of `lint.rules.schema` in src/i18n
 * (its data: the bound, or the regular expression engine's reason); undefined when it is fine.
 */
export function checkOptionValue(option: RuleOption, value: unknown): { messageId: string; data?: MessageData } | undefined {
  switch (option.type) {
    case 'integer':
      if (!Number.isInteger(value)) return { messageId: 'optionNotInteger' };
      if (option.minimum !== undefined && (value as number) < option.minimum) return { messageId: 'optionBelowMinimum', data: { minimum: option.minimum } };
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : { messageId: 'optionNotBoolean' };
    case 'string[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : { messageId: 'optionNotStrings' };
    case 'string':
      if (typeof value !== 'string') return { messageId: 'optionNotString' };
      if (option.regex) {
        try {
          new RegExp(value, 'u');
        } catch (error) {
          return { messageId: 'optionNotRegex', data: { reason: (error as Error).message } };
        }
      }
      return undefined;
  }
}

import type { Location, SeverityOrOff } from '../diagnostics/types.js';

/** One rule's setting after parsing `id: severity` or `id: [severity, { options }]`. */
export interface RuleSetting {
  severity: SeverityOrOff;
  options?: Record<string, unknown>;
}

/** A house rule from omni.yaml's `customRules:` (checked by the config schema). */
export interface CustomRuleConfig {
  id: string;
  description: string;
  severity: SeverityOrOff;
  given: string;
  where?: Record<string, unknown>;
  field: string;
  required?: boolean;
  pattern?: string;
  notPattern?: string;
  enum?: unknown[];
  maxLength?: number;
  minItems?: number;
}

export interface OverrideConfig {
  files: string[];
  rules: Record<string, RuleSetting>;
}

/** Where a setting came from, for diagnostics: a node of omni.yaml, and the shared config's name. */
export interface ConfigOrigin {
  location: Location;
  /** The `extends:` entry it came through, when not from omni.yaml itself. */
  via?: string;
}

export interface PluginReference {
  specifier: string;
  /** Folder the specifier is resolved from (the config file that names it). */
  from: string;
  origin: ConfigOrigin;
}

/** omni.yaml with its `extends:` applied: what the lint settings are made of. */
export interface ResolvedConfig {
  rules: Record<string, RuleSetting>;
  ruleOrigins: Record<string, ConfigOrigin>;
  /** Where each rule's options were written (a later severity alone keeps them, and their origin). */
  optionOrigins: Record<string, ConfigOrigin>;
  customRules: Array<{ rule: CustomRuleConfig; origin: ConfigOrigin }>;
  plugins: PluginReference[];
  overrides: Array<{ override: OverrideConfig; origin: ConfigOrigin }>;
}

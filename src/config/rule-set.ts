import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PendingDiagnostic, SeverityOrOff } from '../diagnostics/types.js';
import { checkOptionValue, type Rule } from '../rules/create-rule.js';
import { createCustomRule } from '../rules/custom-rule.js';
import { RULES } from '../rules/index.js';
import { closestMatch } from '../util/closest-match.js';
import type { ConfigOrigin, PluginReference, ResolvedConfig, RuleSetting } from './types.js';
import { forEachWhereMention } from '../model/references.js';
import { ownValue } from '../util/own-value.js';
import type { OptionMention } from '../model/types.js';
import { wordedFinding, type Worded } from './worded.js';

const RULE_ID = /^[a-z][a-z0-9-]*$/;
const CHECKS = ['required', 'pattern', 'notPattern', 'enum', 'maxLength', 'minItems'] as const;
const SEVERITIES = new Set<unknown>(['error', 'warn', 'off']);

/** What the lint runs with: every rule (built-in, house, plugin) and their settings, checked. */
export interface RuleSet {
  rules: Rule[];
  severities: Record<string, SeverityOrOff>;
  options: Record<string, Record<string, unknown>>;
  /** `overrides:` in order; `options` for the rules an override gives options (they replace the earlier ones in its files). */
  overrides: Array<{ files: string[]; severities: Record<string, SeverityOrOff>; options?: Record<string, Record<string, unknown>> }>;
  /** Ids that rules written in omni.yaml itself name (`names:` options, custom rules' `where:`), at their path there. */
  optionMentions: OptionMention[];
  diagnostics: PendingDiagnostic[];
}

const problem = (origin: ConfigOrigin, worded: Worded, extraPath: Array<string | number> = []): PendingDiagnostic => ({
  ...wordedFinding(worded, origin.via ? `extends "${origin.via}": ` : ''),
  location: origin.via ? origin.location : { ...origin.location, path: [...origin.location.path, ...extraPath] },
});

/** Builds the rule set: house rules compiled, plugins imported (only when listed), ids and options checked. */
export async function buildRuleSet(config: ResolvedConfig): Promise<RuleSet> {
  const diagnostics: PendingDiagnostic[] = [];
  const rules: Rule[] = [...RULES];
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const add = (rule: Rule, origin: ConfigOrigin, plugin?: string) => {
    // Settings are read by rule id from plain objects everywhere (rules:, overrides, --rule):
    // an id such as `constructor` would find Object.prototype's member there, and never report.
    if (Object.hasOwn(Object.prototype, rule.id)) {
      diagnostics.push(problem(origin, { messageId: 'ruleIdReserved', suggestionId: 'giveOwnId', data: { rule: rule.id } }, plugin === undefined ? ['id'] : []));
      return;
    }
    if (byId.has(rule.id)) {
      const messageId = plugin === undefined ? 'customRuleIdTaken' : 'pluginRuleIdTaken';
      diagnostics.push(problem(origin, { messageId, suggestionId: 'giveOwnId', data: { rule: rule.id, plugin: plugin ?? '' } }, plugin === undefined ? ['id'] : []));
      return;
    }
    byId.set(rule.id, rule);
    rules.push(rule);
  };

  const optionMentions: OptionMention[] = [];
  for (const { rule, origin } of config.customRules) {
    // A misspelt id in a filter makes the rule check nothing: unknown-reference reports it, rename follows it.
    if (!origin.via) forEachWhereMention(rule.given, rule.where, (kind, id, path) => optionMentions.push({ kind, id, path: [...origin.location.path, ...path] }));
    if (!CHECKS.some((check) => rule[check] !== undefined)) {
      diagnostics.push(problem(origin, { messageId: 'checksNothing', suggestionId: 'giveOneCheck', data: { rule: rule.id, checks: CHECKS.join(', ') } }));
      continue;
    }
    let compiled: Rule;
    try {
      compiled = createCustomRule(rule);
    } catch (error) {
      const key = rule.pattern !== undefined && !isRegex(rule.pattern) ? 'pattern' : 'notPattern';
      diagnostics.push(problem(origin, { messageId: 'invalidPattern', suggestionId: 'writeRegex', data: { rule: rule.id, reason: (error as Error).message } }, [key]));
      continue;
    }
    add(compiled, origin);
  }
  for (const plugin of config.plugins) {
    const loaded = await loadPlugin(plugin);
    if ('error' in loaded) {
      diagnostics.push(problem(plugin.origin, loaded.error));
      continue;
    }
    for (const rule of loaded.rules) add(rule, plugin.origin, plugin.specifier);
  }

  const severities: Record<string, SeverityOrOff> = {};
  const options: Record<string, Record<string, unknown>> = {};
  const checkSettings = (
    settings: Record<string, RuleSetting>,
    origin: (id: string) => ConfigOrigin,
    collect: Record<string, SeverityOrOff>,
    collectOptions: Record<string, Record<string, unknown>>,
    optionOrigin: (id: string) => ConfigOrigin = origin,
  ) => {
    for (const [id, setting] of Object.entries(settings)) {
      const rule = byId.get(id);
      if (!rule) {
        const closest = closestMatch(id, byId.keys());
        diagnostics.push({
          ...problem(origin(id), { messageId: 'configUnknownRule', suggestionId: closest ? 'didYouMean' : 'seeRules', data: { rule: id, closest: closest ?? '' } }),
          location: { ...origin(id).location, target: 'key' },
        });
        continue;
      }
      collect[id] = setting.severity;
      if (setting.options === undefined) continue;
      const given: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(setting.options)) {
        // Own keys only: `toString` is no option of any rule.
        const option = ownValue(rule.options, name);
        if (!option) {
          const known = Object.keys(rule.options ?? {});
          const suggestionId = known.length > 0 ? 'itsOptions' : 'takesNoOption';
          diagnostics.push(
            problem(optionOrigin(id), { messageId: 'noSuchOption', suggestionId, data: { rule: id, option: name, options: known.join(', ') } }, [1, name]),
          );
          continue;
        }
        const wrong = checkOptionValue(option, value);
        if (wrong)
          diagnostics.push(
            problem(optionOrigin(id), { messageId: wrong.messageId, suggestionId: 'seeRuleDoc', data: { ...wrong.data, rule: id, option: name } }, [1, name]),
          );
        else {
          given[name] = value;
          const written = optionOrigin(id);
          // Only what omni.yaml itself writes has a path there: a shared config's options are its own.
          if (option.names && !written.via && Array.isArray(value))
            (value as string[]).forEach((mentioned, index) =>
              optionMentions.push({ kind: option.names!, id: mentioned, path: [...written.location.path, 1, name, index] }),
            );
        }
      }
      collectOptions[id] = given;
    }
  };
  checkSettings(
    config.rules,
    (id) => config.ruleOrigins[id]!,
    severities,
    options,
    (id) => config.optionOrigins[id] ?? config.ruleOrigins[id]!,
  );
  const overrides = config.overrides.map(({ override, origin }) => {
    const collected: Record<string, SeverityOrOff> = {};
    const collectedOptions: Record<string, Record<string, unknown>> = {};
    checkSettings(
      override.rules,
      (id) => (origin.via ? origin : { location: { ...origin.location, path: [...origin.location.path, 'rules', id] } }),
      collected,
      collectedOptions,
    );
    return { files: override.files, severities: collected, ...(Object.keys(collectedOptions).length > 0 ? { options: collectedOptions } : {}) };
  });
  return { rules, severities, options, overrides, optionMentions, diagnostics };
}

function isRegex(text: string): boolean {
  try {
    new RegExp(text, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Imports a plugin module and checks the shape of each rule it exports. */
async function loadPlugin(plugin: PluginReference): Promise<{ rules: Rule[] } | { error: Worded }> {
  const data = { plugin: plugin.specifier };
  let file: string;
  if (plugin.specifier.startsWith('.') || path.isAbsolute(plugin.specifier)) file = path.resolve(plugin.from, plugin.specifier);
  else {
    try {
      file = createRequire(path.join(plugin.from, 'omni.yaml')).resolve(plugin.specifier);
    } catch {
      return { error: { messageId: 'pluginNotInstalled', suggestionId: 'installPlugin', data } };
    }
  }
  let module: { rules?: unknown; default?: { rules?: unknown } };
  try {
    module = (await import(pathToFileURL(file).href)) as typeof module;
  } catch (error) {
    return { error: { messageId: 'pluginNotLoaded', suggestionId: 'checkPluginModule', data: { ...data, reason: (error as Error).message.split('\n')[0]! } } };
  }
  const exported = module.rules ?? module.default?.rules;
  if (!Array.isArray(exported)) return { error: { messageId: 'pluginNoRules', suggestionId: 'exportPluginRules', data } };
  const rules: Rule[] = [];
  for (const [index, candidate] of exported.entries()) {
    const rule = candidate as Partial<Rule> | null;
    const wrong =
      !rule || typeof rule !== 'object'
        ? 'pluginRuleNotObject'
        : typeof rule.id !== 'string' || !RULE_ID.test(rule.id)
          ? 'pluginRuleNoId'
          : typeof rule.description !== 'string'
            ? 'pluginRuleNoDescription'
            : !SEVERITIES.has(rule.defaultSeverity)
              ? 'pluginRuleNoSeverity'
              : typeof rule.check !== 'function'
                ? 'pluginRuleNoCheck'
                : undefined;
    if (wrong) return { error: { messageId: wrong, suggestionId: 'useCreateRule', data: { ...data, index: index + 1 } } };
    rules.push({ ...(rule as Rule), docsUrl: typeof rule!.docsUrl === 'string' ? rule!.docsUrl : '' });
  }
  return { rules };
}

import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PendingDiagnostic, SeverityOrOff } from '../diagnostics/types.js';
import { checkOptionValue, type Rule } from '../rules/create-rule.js';
import { createCustomRule } from '../rules/custom-rule.js';
import { RULES } from '../rules/index.js';
import { closestMatch } from '../util/closest-match.js';
import type { ConfigOrigin, PluginReference, ResolvedConfig, RuleSetting } from './types.js';

const RULE_ID = /^[a-z][a-z0-9-]*$/;
const CHECKS = ['required', 'pattern', 'notPattern', 'enum', 'maxLength', 'minItems'] as const;
const SEVERITIES = new Set<unknown>(['error', 'warn', 'off']);

/** What the lint runs with: every rule (built-in, house, plugin) and their settings, checked. */
export interface RuleSet {
  rules: Rule[];
  severities: Record<string, SeverityOrOff>;
  options: Record<string, Record<string, unknown>>;
  overrides: Array<{ files: string[]; severities: Record<string, SeverityOrOff> }>;
  diagnostics: PendingDiagnostic[];
}

const problem = (origin: ConfigOrigin, message: string, suggestion: string, extraPath: Array<string | number> = []): PendingDiagnostic => ({
  ruleId: 'schema',
  message: origin.via ? `extends "${origin.via}": ${message}` : message,
  suggestion,
  location: origin.via ? origin.location : { ...origin.location, path: [...origin.location.path, ...extraPath] },
});

/** Builds the rule set: house rules compiled, plugins imported (only when listed), ids and options checked. */
export async function buildRuleSet(config: ResolvedConfig): Promise<RuleSet> {
  const diagnostics: PendingDiagnostic[] = [];
  const rules: Rule[] = [...RULES];
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const add = (rule: Rule, origin: ConfigOrigin, what: string) => {
    if (byId.has(rule.id)) {
      diagnostics.push(
        problem(
          origin,
          `${what} "${rule.id}" has the id of another rule`,
          'give it an id of its own (prefix house rules, e.g. acme-…)',
          what === 'custom rule' ? ['id'] : [],
        ),
      );
      return;
    }
    byId.set(rule.id, rule);
    rules.push(rule);
  };

  for (const { rule, origin } of config.customRules) {
    if (!CHECKS.some((check) => rule[check] !== undefined)) {
      diagnostics.push(problem(origin, `custom rule "${rule.id}" checks nothing`, `give it one check among ${CHECKS.join(', ')}`));
      continue;
    }
    let compiled: Rule;
    try {
      compiled = createCustomRule(rule);
    } catch (error) {
      const key = rule.pattern !== undefined && !isRegex(rule.pattern) ? 'pattern' : 'notPattern';
      diagnostics.push(problem(origin, `custom rule "${rule.id}": ${(error as Error).message}`, 'write a JavaScript regular expression (unicode mode)', [key]));
      continue;
    }
    add(compiled, origin, 'custom rule');
  }
  for (const plugin of config.plugins) {
    const loaded = await loadPlugin(plugin);
    if ('error' in loaded) {
      diagnostics.push(problem(plugin.origin, `plugin "${plugin.specifier}": ${loaded.error}`, loaded.suggestion));
      continue;
    }
    for (const rule of loaded.rules) add(rule, plugin.origin, `rule of plugin "${plugin.specifier}"`);
  }

  const severities: Record<string, SeverityOrOff> = {};
  const options: Record<string, Record<string, unknown>> = {};
  const checkSettings = (settings: Record<string, RuleSetting>, origin: (id: string) => ConfigOrigin, collect: Record<string, SeverityOrOff>, withOptions: boolean) => {
    for (const [id, setting] of Object.entries(settings)) {
      const rule = byId.get(id);
      if (!rule) {
        const closest = closestMatch(id, byId.keys());
        diagnostics.push({
          ...problem(origin(id), `unknown rule "${id}"`, closest ? `did you mean "${closest}"?` : 'see `omni rules` for the list'),
          location: { ...origin(id).location, target: 'key' },
        });
        continue;
      }
      collect[id] = setting.severity;
      if (setting.options === undefined) continue;
      const given: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(setting.options)) {
        const option = rule.options?.[name];
        if (!option) {
          const known = Object.keys(rule.options ?? {});
          diagnostics.push(
            problem(
              origin(id),
              `rule "${id}" has no option "${name}"`,
              known.length > 0 ? `its options: ${known.join(', ')}` : 'it takes no option: give only its severity',
              [1, name],
            ),
          );
          continue;
        }
        const wrong = checkOptionValue(option, value);
        if (wrong) diagnostics.push(problem(origin(id), `option "${name}" of rule "${id}" ${wrong}`, `see docs/rules/${id}.md`, [1, name]));
        else given[name] = value;
      }
      if (withOptions) options[id] = given;
    }
  };
  checkSettings(config.rules, (id) => config.ruleOrigins[id]!, severities, true);
  const overrides = config.overrides.map(({ override, origin }) => {
    const collected: Record<string, SeverityOrOff> = {};
    checkSettings(override.rules, (id) => (origin.via ? origin : { location: { ...origin.location, path: [...origin.location.path, 'rules', id] } }), collected, false);
    return { files: override.files, severities: collected };
  });
  return { rules, severities, options, overrides, diagnostics };
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
async function loadPlugin(plugin: PluginReference): Promise<{ rules: Rule[] } | { error: string; suggestion: string }> {
  let file: string;
  if (plugin.specifier.startsWith('.') || path.isAbsolute(plugin.specifier)) file = path.resolve(plugin.from, plugin.specifier);
  else {
    try {
      file = createRequire(path.join(plugin.from, 'omni.yaml')).resolve(plugin.specifier);
    } catch {
      return { error: 'not installed', suggestion: `install it (npm install --save-dev ${plugin.specifier}), or give a file path starting with ./` };
    }
  }
  let module: { rules?: unknown; default?: { rules?: unknown } };
  try {
    module = (await import(pathToFileURL(file).href)) as typeof module;
  } catch (error) {
    return {
      error: `could not be loaded: ${(error as Error).message.split('\n')[0]}`,
      suggestion: 'check the path, and that the module runs under Node (ESM or CommonJS)',
    };
  }
  const exported = module.rules ?? module.default?.rules;
  if (!Array.isArray(exported)) return { error: 'exports no rules', suggestion: 'export const rules = [createRule({ … })] (see docs/format.md#plugins)' };
  const rules: Rule[] = [];
  for (const [index, candidate] of exported.entries()) {
    const rule = candidate as Partial<Rule> | null;
    const wrong =
      !rule || typeof rule !== 'object'
        ? 'is not an object'
        : typeof rule.id !== 'string' || !RULE_ID.test(rule.id)
          ? 'has no valid id (lower-case letters, digits and -)'
          : typeof rule.description !== 'string'
            ? 'has no description'
            : !SEVERITIES.has(rule.defaultSeverity)
              ? 'has no defaultSeverity (error, warn or off)'
              : typeof rule.check !== 'function'
                ? 'has no check function'
                : undefined;
    if (wrong) return { error: `rule ${index + 1} ${wrong}`, suggestion: 'make each rule with createRule from omni-journey' };
    rules.push({ ...(rule as Rule), docsUrl: typeof rule!.docsUrl === 'string' ? rule!.docsUrl : '' });
  }
  return { rules };
}

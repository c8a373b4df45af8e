/**
 * The plugin interface: what a module listed in omni.yaml `plugins:` imports.
 *
 * ```js
 * import { createRule } from 'omni-journey';
 * export const rules = [createRule({ id: 'acme-…', description: '…', defaultSeverity: 'warn', check({ model, options, report }) { … } })];
 * ```
 * See docs/format.md#plugins.
 */
export { createRule } from './rules/create-rule.js';
export type { Rule, RuleContext, RuleDefinition, RuleOption, RuleOptions, RuleReport } from './rules/create-rule.js';
export type { Model, Scenario, Step, Variable, Channel, Program, UseCase, Touchpoint, Source, Settings } from './model/types.js';
export type { Location, JsonPath } from './diagnostics/types.js';

import type { CustomRuleConfig } from '../config/types.js';
import type { JsonPath } from '../diagnostics/types.js';
import type { Model, Origin, SectionKind } from '../model/types.js';
import { createRule, DOCS_BASE_URL, type Rule, type RuleReport } from './create-rule.js';
import { KIND_NAMES } from '../model/references.js';

type Visit = (value: Record<string, unknown>, path: () => JsonPath, file: string, entity: { kind: string; id: string }) => void;

/**
 * Calls `visit` for every object the `given` selector names. The JSON path is built only
 * for objects that are reported: a house rule over 30,000 steps must not allocate 30,000.
 */
function select(model: Model, given: string, visit: Visit): void {
  const [section, ...nested] = given.split('.') as [SectionKind, ...string[]];
  const kind = KIND_NAMES[section];
  const indexes: number[] = new Array<number>(nested.length).fill(0);
  let origin: Origin;
  const path = (): JsonPath => {
    const built: Array<string | number> = [...origin.path];
    for (let depth = 0; depth < nested.length; depth++) built.push(nested[depth]!, indexes[depth]!);
    return built;
  };
  let entity: { kind: string; id: string };
  const descend = (value: Record<string, unknown>, depth: number) => {
    if (depth === nested.length) {
      visit(value, path, origin.file, entity);
      return;
    }
    const list = value[nested[depth]!];
    if (!Array.isArray(list)) return;
    for (let index = 0; index < list.length; index++) {
      const item = list[index] as unknown;
      if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
      indexes[depth] = index;
      descend(item as Record<string, unknown>, depth + 1);
    }
  };
  for (const candidate of model[section] as unknown as Array<Record<string, unknown> & { id: string; origin: Origin }>) {
    origin = candidate.origin;
    entity = { kind, id: candidate.id };
    descend(candidate, 0);
  }
}

function fieldValue(value: Record<string, unknown>, field: readonly string[]): unknown {
  if (field.length === 1) return Object.hasOwn(value, field[0]!) ? value[field[0]!] : undefined;
  let current: unknown = value;
  for (const key of field) {
    if (!current || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

type Where = ReadonlyArray<readonly [string[], unknown]>;

function matchesWhere(value: Record<string, unknown>, where: Where | undefined): boolean {
  if (!where) return true;
  for (const [key, expected] of where) {
    const actual = fieldValue(value, key);
    if (Array.isArray(expected) ? !expected.includes(actual) : actual !== expected) return false;
  }
  return true;
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value : [value]).filter((item) => item !== undefined && item !== null).map(String);
const quote = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);

/**
 * A `customRules:` entry as a rule: it selects objects (`given`, `where`), reads one field
 * and reports the first check it fails, under its own id, with its description as message.
 */
export function createCustomRule(config: CustomRuleConfig): Rule {
  const field = config.field.split('.');
  const where: Where | undefined = config.where ? Object.entries(config.where).map(([key, expected]) => [key.split('.'), expected] as const) : undefined;
  const pattern = config.pattern !== undefined ? new RegExp(config.pattern, 'u') : undefined;
  const notPattern = config.notPattern !== undefined ? new RegExp(config.notPattern, 'u') : undefined;
  const failure = (value: unknown): { why: string; present: boolean; atKey?: boolean } | undefined => {
    if (config.required && isEmpty(value)) return { why: `set ${config.field}:`, present: false };
    if (config.minItems !== undefined) {
      const count = Array.isArray(value) ? value.length : value === undefined ? 0 : 1;
      if (count < config.minItems)
        return { why: `${config.field} has ${count} item${count === 1 ? '' : 's'}, at least ${config.minItems} expected`, present: value !== undefined, atKey: true };
    }
    if (value === undefined) return undefined;
    for (const text of texts(value)) {
      if (pattern && !pattern.test(text)) return { why: `${quote(text)} does not match /${config.pattern}/`, present: true };
      if (notPattern && notPattern.test(text)) return { why: `${quote(text)} matches /${config.notPattern}/, which is not allowed`, present: true };
      if (config.maxLength !== undefined && [...text].length > config.maxLength)
        return { why: `${config.field} is ${[...text].length} characters long, at most ${config.maxLength} allowed`, present: true };
    }
    if (config.enum && !(Array.isArray(value) ? value : [value]).every((item) => config.enum!.includes(item))) {
      return { why: `${config.field} must be one of ${config.enum.map((item) => JSON.stringify(item)).join(', ')}`, present: true };
    }
    return undefined;
  };
  return createRule({
    id: config.id,
    description: config.description,
    defaultSeverity: config.severity,
    // House rules have no page of their own: point at the page that explains them.
    docsUrl: `${DOCS_BASE_URL.replace(/rules\/$/, '')}format.md#customrules`,
    check({ model, report }) {
      select(model, config.given, (value, path, file, entity) => {
        if (!matchesWhere(value, where)) return;
        const failed = failure(fieldValue(value, field));
        if (!failed) return;
        const finding: RuleReport = {
          message: config.description,
          location: failed.present ? { file, path: [...path(), ...field], ...(failed.atKey ? { target: 'key' as const } : {}) } : { file, path: path() },
          entity,
          suggestion: failed.why,
        };
        report(finding);
      });
    },
  });
}

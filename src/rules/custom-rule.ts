import type { CustomRuleConfig } from '../config/types.js';
import type { JsonPath } from '../diagnostics/types.js';
import type { Model, Origin, SectionKind } from '../model/types.js';
import { createRule, DOCS_BASE_URL, type Rule, type RuleReport } from './create-rule.js';
import { formatMessage, LIST_SEPARATOR, VOCABULARY, type MessageData } from '../i18n/index.js';
import { KIND_NAMES } from '../model/references.js';

type Entity = Record<string, unknown> & { id: string; origin: Origin };

/**
 * What a `given` selector names, as flat lists: each selected object, the entity it is in,
 * and its index in each nested list (`stride` numbers per object). Built once per model and
 * selector, shared by every house rule with that selector: ten rules over 30,000 steps walk
 * them once, and allocate nothing per object they check.
 */
interface Selection {
  values: ReadonlyArray<Record<string, unknown>>;
  owners: readonly Entity[];
  nested: readonly string[];
  indexes: readonly number[];
}

const selections = new WeakMap<Model, Map<string, Selection>>();

/** The index recorded for a step of `given` that is one object, not a list (`trigger`, a step's `fallback`). */
const NO_INDEX = -1;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function select(model: Model, given: string): Selection {
  let cache = selections.get(model);
  if (!cache) selections.set(model, (cache = new Map()));
  const cached = cache.get(given);
  if (cached) return cached;
  const [section, ...nested] = given.split('.') as [SectionKind, ...string[]];
  const candidates = model[section] as unknown as Entity[];
  let selection: Selection;
  if (nested.length === 0) {
    // The commonest selector (`given: scenarios`): the entities themselves.
    selection = { values: candidates, owners: candidates, nested, indexes: [] };
  } else {
    const values: Array<Record<string, unknown>> = [];
    const owners: Entity[] = [];
    const indexes: number[] = [];
    if (nested.length === 1) {
      // One level (`scenarios.steps`, the usual nested selector): a plain double loop.
      const key = nested[0]!;
      for (const owner of candidates) {
        const found = owner[key];
        if (isObject(found)) {
          // One object rather than a list (`scenarios.trigger`): selected once, with no index.
          values.push(found);
          owners.push(owner);
          indexes.push(NO_INDEX);
          continue;
        }
        if (!Array.isArray(found)) continue;
        for (let index = 0; index < found.length; index++) {
          const item = found[index] as unknown;
          if (!isObject(item)) continue;
          values.push(item);
          owners.push(owner);
          indexes.push(index);
        }
      }
      selection = { values, owners, nested, indexes };
      cache.set(given, selection);
      return selection;
    }
    const current: number[] = new Array<number>(nested.length).fill(0);
    let owner: Entity;
    const descend = (value: Record<string, unknown>, depth: number) => {
      if (depth === nested.length) {
        values.push(value);
        owners.push(owner);
        for (const index of current) indexes.push(index);
        return;
      }
      const found = value[nested[depth]!];
      if (isObject(found)) {
        current[depth] = NO_INDEX;
        descend(found, depth + 1);
        return;
      }
      if (!Array.isArray(found)) return;
      for (let index = 0; index < found.length; index++) {
        const item = found[index] as unknown;
        if (!isObject(item)) continue;
        current[depth] = index;
        descend(item, depth + 1);
      }
    };
    for (owner of candidates) descend(owner, 0);
    selection = { values, owners, nested, indexes };
  }
  cache.set(given, selection);
  return selection;
}

/**
 * The JSON path of the i-th selected object, built only for objects that are reported. A
 * model object that knows where it was written (a step: `scenarios.steps` lists the messages
 * of every branch, so its index there is not its place in the file) gives its own origin.
 */
function pathOf(selection: Selection, i: number): JsonPath {
  const own = (selection.values[i] as { origin?: Origin }).origin;
  if (selection.nested.length > 0 && own && Array.isArray(own.path)) return own.path;
  const built: Array<string | number> = [...selection.owners[i]!.origin.path];
  const stride = selection.nested.length;
  for (let depth = 0; depth < stride; depth++) {
    built.push(selection.nested[depth]!);
    const index = selection.indexes[i * stride + depth]!;
    if (index !== NO_INDEX) built.push(index);
  }
  return built;
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

/**
 * Reads a field (`channel`, `trigger.event`) of a selected object, as own properties only.
 * A one-key field that Object.prototype does not have is read directly: the objects are
 * plain, so the value found is the object's own (the commonest case, made cheap).
 */
function fieldReader(field: readonly string[]): (value: Record<string, unknown>) => unknown {
  if (field.length === 1) {
    const key = field[0]!;
    if (!(key in Object.prototype)) return (value) => value[key];
    return (value) => (Object.hasOwn(value, key) ? value[key] : undefined);
  }
  return (value) => fieldValue(value, field);
}

/** The `where:` filter as one predicate: each key's value equals the one given, or is among the list given. */
function wherePredicate(where: Readonly<Record<string, unknown>>): (value: Record<string, unknown>) => boolean {
  const tests = Object.entries(where).map(([key, expected]) => {
    const read = fieldReader(key.split('.'));
    if (!Array.isArray(expected)) return (value: Record<string, unknown>) => read(value) === expected;
    return (value: Record<string, unknown>) => expected.includes(read(value));
  });
  if (tests.length === 1) return tests[0]!;
  return (value) => tests.every((test) => test(value));
}

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
/** Characters (code points) in text, as `[...text].length` counts them, without building the array. */
function codePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    // A high surrogate followed by a low one is one character.
    if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    count++;
  }
  return count;
}
/** A checked text as a message quotes it: at most 60 characters, escaped as in JSON (no line break), without the quotes. */
const quotable = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text).slice(1, -1);

/** What a house rule's check found wrong: a message of `lint.customRule` in src/i18n, and its data. */
interface Failure {
  why: keyof typeof VOCABULARY.en.lint.customRule;
  data: MessageData;
  present: boolean;
  atKey?: boolean;
}

/**
 * A `customRules:` entry as a rule: it selects objects (`given`, `where`), reads one field
 * and reports the first check it fails, under its own id, with its description as message.
 */
export function createCustomRule(config: CustomRuleConfig): Rule {
  const field = config.field.split('.');
  const kind = KIND_NAMES[config.given.split('.')[0] as SectionKind];
  const where = config.where ? wherePredicate(config.where) : undefined;
  const read = fieldReader(field);
  const pattern = config.pattern !== undefined ? new RegExp(config.pattern, 'u') : undefined;
  const notPattern = config.notPattern !== undefined ? new RegExp(config.notPattern, 'u') : undefined;
  const maxLength = config.maxLength;
  const checksText = pattern !== undefined || notPattern !== undefined || maxLength !== undefined;
  const isAllowed = (item: unknown) => config.enum!.includes(item);
  const textFailure = (text: string): Failure | undefined => {
    if (pattern && !pattern.test(text)) return { why: 'noMatch', data: { text: quotable(text), pattern: config.pattern! }, present: true };
    if (notPattern && notPattern.test(text)) return { why: 'forbiddenMatch', data: { text: quotable(text), pattern: config.notPattern! }, present: true };
    // A text has at most as many characters as UTF-16 units: count them only past the limit.
    if (maxLength !== undefined && text.length > maxLength) {
      const length = codePoints(text);
      if (length > maxLength) return { why: 'tooLong', data: { field: config.field, length, max: maxLength }, present: true };
    }
    return undefined;
  };
  const failure = (value: unknown): Failure | undefined => {
    if (config.required && isEmpty(value)) return { why: 'required', data: { field: config.field }, present: false };
    if (config.minItems !== undefined) {
      const count = Array.isArray(value) ? value.length : value === undefined ? 0 : 1;
      if (count < config.minItems)
        return {
          why: config.minItems === 1 ? 'empty' : 'tooFewItems',
          data: { field: config.field, count, min: config.minItems },
          present: value !== undefined,
          atKey: true,
        };
    }
    if (value === undefined) return undefined;
    if (checksText) {
      // Each text of the value (a list's items, else the value), null and undefined left out.
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) {
          if (item === undefined || item === null) continue;
          const failed = textFailure(String(item));
          if (failed) return failed;
        }
      } else if (value !== null) {
        const failed = textFailure(String(value));
        if (failed) return failed;
      }
    }
    if (config.enum && !(Array.isArray(value) ? value.every(isAllowed) : isAllowed(value))) {
      return { why: 'notOneOf', data: { field: config.field, allowed: config.enum.map((item) => JSON.stringify(item)).join(LIST_SEPARATOR) }, present: true };
    }
    return undefined;
  };
  return createRule({
    id: config.id,
    description: config.description,
    defaultSeverity: config.severity,
    // House rules have no page of their own: point at the page that explains them.
    docsUrl: `${DOCS_BASE_URL.replace(/rules\/$/, '')}format.md#customrules`,
    check({ model, locale, report }) {
      const selection = select(model, config.given);
      const values = selection.values;
      for (let i = 0; i < values.length; i++) {
        const value = values[i]!;
        if (where && !where(value)) continue;
        const failed = failure(read(value));
        if (!failed) continue;
        const candidate = selection.owners[i]!;
        const file = candidate.origin.file;
        const finding: RuleReport = {
          message: config.description,
          location: failed.present
            ? { file, path: [...pathOf(selection, i), ...field], ...(failed.atKey ? { target: 'key' as const } : {}) }
            : { file, path: pathOf(selection, i) },
          entity: { kind, id: candidate.id },
          suggestion: formatMessage(VOCABULARY[locale].lint.customRule[failed.why], failed.data, locale),
        };
        report(finding);
      }
    },
  });
}

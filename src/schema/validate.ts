import { pathToFileURL } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonPath, PendingDiagnostic } from '../diagnostics/types.js';
import { closestMatch } from '../util/closest-match.js';
import { loadSchema, type SchemaName } from './schemas.js';

export type Validator = ValidateFunction | ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

const validators = new Map<SchemaName, Validator>();

/**
 * The build compiles both schemas ahead of time with ajv's standalone code generation
 * (scripts/build-validators.mjs), which saves ~150 ms of start-up on every lint. When
 * running from sources (tests), ajv compiles them here instead, with the same options.
 */
// `verbose` gives each error its parentSchema: schemaPaths inside $ref'd definitions are
// relative to the definition, so they cannot be looked up from the root schema.
// `unicodeRegExp: false`: the schemas' patterns are ASCII-only (test/schema/patterns.test.ts),
// where the `u` flag changes nothing but costs about a third of validation time.
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: false, verbose: true, unicodeRegExp: false } as const;

export async function getValidator(name: SchemaName): Promise<Validator> {
  let validator = validators.get(name);
  if (validator) return validator;
  try {
    // OMNI_VALIDATORS_DIR: where the test run's global setup compiled them once for every worker.
    const folder = process.env.OMNI_VALIDATORS_DIR ? pathToFileURL(`${process.env.OMNI_VALIDATORS_DIR}/`) : new URL('./', import.meta.url);
    const generated = (await import(new URL(`${name}-validator.generated.js`, folder).href)) as { default: Validator };
    validator = generated.default;
  } catch {
    const { default: Ajv } = await import('ajv');
    const ajv = new Ajv.default(AJV_OPTIONS);
    validator = ajv.compile(loadSchema(name));
  }
  validators.set(name, validator);
  return validator;
}

/** Validates one parsed document; returns one diagnostic per problem, located at its node. */
export async function validateDocument(name: SchemaName, data: unknown, file: string): Promise<PendingDiagnostic[]> {
  return validateWith(await getValidator(name), name, data, file);
}

/** The same, synchronously, with a validator already obtained from getValidator. */
export function validateWith(validator: Validator, name: SchemaName, data: unknown, file: string): PendingDiagnostic[] {
  if (validator(data)) return [];
  // An `if` error only says which branch failed; that branch's own error is the useful one.
  return (validator.errors ?? []).filter((error) => error.keyword !== 'if').map((error) => toDiagnostic(error, name, file, data));
}

function decodePointer(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
}

/** The schema node a schemaPath points into (`#/definitions/step/properties/after/pattern` minus the keyword). */
function schemaAt(name: SchemaName, schemaPath: string, error?: ErrorObject): Record<string, unknown> | undefined {
  const parent = error?.parentSchema as unknown;
  if (parent !== null && typeof parent === 'object') return parent as Record<string, unknown>;
  let node: unknown = loadSchema(name);
  const segments = schemaPath.replace(/^#\/?/, '').split('/').filter(Boolean).slice(0, -1);
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
  return String(value);
}

/** A name from the file, cut to a readable length for a message. */
function shortened(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  return `a ${typeof value}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function fieldName(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'string') return segment;
  }
  return 'the file';
}

function listWords(values: readonly unknown[]): string {
  const words = values.map((value) => String(value));
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function valueAt(data: unknown, path: JsonPath): unknown {
  let node = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function toDiagnostic(error: ErrorObject, name: SchemaName, file: string, data: unknown): PendingDiagnostic {
  const path = decodePointer(error.instancePath);
  const field = fieldName(path);
  const value = valueAt(data, path);
  const diagnostic = (message: string, locationPath: JsonPath = path, extra: Partial<PendingDiagnostic> = {}, target?: 'key'): PendingDiagnostic => ({
    ruleId: 'schema',
    message,
    location: { file, path: locationPath, ...(target ? { target } : {}) },
    ...extra,
  });
  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((schemaAt(name, error.schemaPath, error)?.properties as object | undefined) ?? {});
      const closest = closestMatch(property, allowed);
      const what = path.length === 0 && name === 'model' ? 'section' : 'property';
      const cutByComma = closest ? undefined : commaInFlowMapping(value, property);
      return diagnostic(
        `unknown ${what} "${shortened(property)}"`,
        [...path, property],
        { suggestion: closest ? `did you mean "${closest}"?` : (cutByComma ?? `allowed: ${allowed.join(', ')}`) },
        'key',
      );
    }
    case 'required': {
      const property = String((error.params as { missingProperty: string }).missingProperty);
      return diagnostic(`missing required property "${property}"`);
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      // Under `rules:` in omni.yaml the key is a rule id, not a field name.
      const what = name === 'config' && path.length === 2 && path[0] === 'rules' ? `severity for rule "${field}"` : field;
      return diagnostic(`${describeValue(value)} is not a valid ${what}`, path, { suggestion: `use ${listWords(allowed)}` });
    }
    case 'type': {
      const expected = String((error.params as { type: string }).type);
      return diagnostic(`${field} must be ${TYPE_WORDS[expected] ?? expected}, not ${typeName(value)}`, path, typeHint(expected, field, value));
    }
    case 'pattern':
      return diagnostic(`${describeValue(value)} is not a valid ${patternWhat(field)}`, path, { suggestion: patternHint(field) });
    case 'minimum':
    case 'maximum': {
      const bounds = schemaAt(name, error.schemaPath, error);
      const range =
        typeof bounds?.minimum === 'number' && typeof bounds?.maximum === 'number'
          ? `between ${bounds.minimum} and ${bounds.maximum}`
          : error.keyword === 'minimum'
            ? `at least ${String(bounds?.minimum)}`
            : `at most ${String(bounds?.maximum)}`;
      return diagnostic(`${field} must be ${range}, not ${describeValue(value)}`);
    }
    case 'minLength':
      return diagnostic(`${field} must not be empty`);
    case 'uniqueItems': {
      const { j } = error.params as { i: number; j: number };
      const item = Array.isArray(value) ? value[j] : undefined;
      return diagnostic(`${describeValue(item)} is listed twice in ${field}`, [...path, j]);
    }
    case 'false schema':
      // Keys a step of another kind uses (after on a wait, goto with split…).
      return diagnostic(`${field} cannot be used here`, path, { suggestion: 'a step is a message (after, channel) or exactly one of wait, decision, split, goto, end' }, 'key');
    case 'propertyNames':
      return diagnostic(`${field}: invalid key`);
    default:
      return diagnostic(`${field} ${error.message ?? 'is invalid'}`);
  }
}

/**
 * `{ id: a, name: Je compare, puis je choisis }`: the comma ended the name, and the rest
 * became a key with no value. Says which value to quote, when the key before holds text.
 */
function commaInFlowMapping(parent: unknown, property: string): string | undefined {
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return undefined;
  const record = parent as Record<string, unknown>;
  if (record[property] !== null) return undefined;
  const keys = Object.keys(record);
  const before = keys[keys.indexOf(property) - 1];
  const text = before === undefined ? undefined : record[before];
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const joined = shortened(`${String(text)}, ${property}`).replace(/"/g, '\\"');
  return `a comma inside { … } ends a value: quote it, ${before}: "${joined}"`;
}

/** What YAML made of an unquoted value where the schema wants text. */
function typeHint(expected: string, field: string, value: unknown): Partial<PendingDiagnostic> {
  if (expected !== 'string') return {};
  if (typeof value === 'number' || typeof value === 'boolean') {
    return { suggestion: `YAML reads it as ${typeName(value)}: quote it, ${field}: "${String(value)}"` };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return { suggestion: `an unquoted value starting with { (such as {{first_name}}) is a YAML mapping: put the whole value in quotes` };
  }
  return {};
}

function patternWhat(field: string): string {
  if (field === 'after') return 'offset';
  if (field === 'updated') return 'date';
  return 'id';
}

function patternHint(field: string): string {
  if (field === 'after') return 'write the offset from the trigger as J+1, D+1, J-7, 1d, 12h, 30m, 2w or 0';
  if (field === 'updated') return 'write a real calendar date from 1900-01-01 to 2099-12-31 as YYYY-MM-DD';
  return 'ids use lower-case letters, digits, "-" and "_", starting with a letter or digit';
}

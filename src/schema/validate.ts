import { pathToFileURL } from 'node:url';
import { ownValue } from '../util/own-value.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { JsonPath, PendingDiagnostic } from '../diagnostics/types.js';
import { LIST_SEPARATOR, ruleMessage, type MessageData } from '../i18n/index.js';
import { closestMatch } from '../util/closest-match.js';
import { loadSchema, type SchemaName } from './schemas.js';

export type Validator = ValidateFunction | (((data: unknown) => boolean) & { errors?: ErrorObject[] | null });

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
    // Else dist/schema/, seen from this module in dist/schema/ or from the bundle in dist/bundle/.
    const folder = process.env.OMNI_VALIDATORS_DIR ? pathToFileURL(`${process.env.OMNI_VALIDATORS_DIR}/`) : new URL('../schema/', import.meta.url);
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
  // An `if` error only says a then/else branch failed; that branch's own errors say how. A
  // `propertyNames` error only says a key failed; the key's own error (with its name) says how.
  // The same failure reached twice (an if/then and the property itself; a tuple's
  // additionalItems and its maxItems) is one problem.
  const seen = new Set<string>();
  const errors = (validator.errors ?? []).filter((error) => {
    const keyword = error.keyword === 'additionalItems' ? 'maxItems' : error.keyword;
    const key = `${error.instancePath}\u0000${keyword}\u0000${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const keyErrors = errors.some((error) => error.propertyName !== undefined);
  const { kept, unions } = collapseUnions(
    errors.filter((error) => error.keyword !== 'if' && !(keyErrors && error.keyword === 'propertyNames')),
    data,
  );
  return kept.map((error) => unions.get(error)?.(file) ?? toDiagnostic(error, name, file, data));
}

/** JSON Schema's type of a value, as a union's branches name them. */
function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
}

/** The schema rule's finding, its message and suggestion written from their ids (in English; lint writes them again in the workspace's language). */
function schemaFinding(file: string, path: JsonPath, messageId: string, messageData: MessageData, suggestionId?: string, target?: 'key'): PendingDiagnostic {
  return {
    ruleId: 'schema',
    message: ruleMessage('schema', messageId, messageData, 'en'),
    location: { file, path, ...(target ? { target } : {}) },
    ...(suggestionId !== undefined ? { suggestion: ruleMessage('schema', suggestionId, messageData, 'en'), suggestionId } : {}),
    messageId,
    data: messageData,
  };
}

type BranchSchema = { type?: string | string[]; required?: string[] };
const typesOf = (branch: BranchSchema): string[] => (branch.type === undefined ? [] : Array.isArray(branch.type) ? branch.type : [branch.type]);

/**
 * ajv reports a failed `oneOf`/`anyOf` once, then every branch's own errors: "must be a
 * list", "must be a string", "must be a number", "must match a schema in anyOf" for one
 * value. The author needs one of them: the errors of the branch of the value's type (a list
 * of targets: what is wrong inside the list); else one "must be a string or a list"; for
 * branches that each require one key (a decision branch's target, condition or event),
 * "write exactly one of …" with what is written.
 */
function collapseUnions(errors: ErrorObject[], data: unknown): { kept: ErrorObject[]; unions: Map<ErrorObject, (file: string) => PendingDiagnostic> } {
  const unions = new Map<ErrorObject, (file: string) => PendingDiagnostic>();
  const dropped = new Set<ErrorObject>();
  for (const union of errors) {
    if (union.keyword !== 'oneOf' && union.keyword !== 'anyOf') continue;
    const branches = (Array.isArray(union.schema) ? union.schema : []) as BranchSchema[];
    if (branches.length === 0) continue;
    const prefix = `${union.schemaPath}/`;
    // schemaPath is relative to the definition: the same for every persona's target, say; the instance tells them apart.
    const at = union.instancePath;
    const under = errors.filter(
      (error) => error !== union && error.schemaPath.startsWith(prefix) && (error.instancePath === at || error.instancePath.startsWith(`${at}/`)),
    );
    const branchOf = (error: ErrorObject) => Number(error.schemaPath.slice(prefix.length).split('/')[0]);
    const path = decodePointer(union.instancePath);
    const value = valueAt(data, path);
    if (branches.every((branch) => branch.type === undefined && branch.required?.length === 1)) {
      const keys = branches.map((branch) => branch.required![0]!);
      const found = keys.filter((key) => value !== null && typeof value === 'object' && Object.hasOwn(value, key));
      under.forEach((error) => dropped.add(error));
      const messageData = { keys: keys.join(LIST_SEPARATOR), found: found.join(LIST_SEPARATOR) };
      unions.set(union, (file) => schemaFinding(file, path, 'exactlyOneOf', messageData, found.length === 0 ? 'foundNone' : 'foundSeveral'));
      continue;
    }
    const type = jsonType(value);
    const chosen = branches.findIndex((branch) => typesOf(branch).includes(type) || (type === 'integer' && typesOf(branch).includes('number')));
    if (chosen >= 0) {
      // The value is of that branch's type: that branch's own errors say what is wrong.
      dropped.add(union);
      under.forEach((error) => branchOf(error) !== chosen && dropped.add(error));
      continue;
    }
    under.forEach((error) => dropped.add(error));
    const expected = branches.flatMap(typesOf);
    const field = fieldName(path);
    const hint = expected.includes('string') ? typeHint('string', field, value) : undefined;
    const messageData = { field, expected: expected.map((each) => TYPE_WORDS[each] ?? each).join(LIST_SEPARATOR), actual: typeName(value), ...hint?.data };
    unions.set(union, (file) => schemaFinding(file, path, 'wrongTypeOf', messageData, hint?.id));
  }
  return { kept: errors.filter((error) => !dropped.has(error)), unions };
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

/**
 * A value as a message shows it: a scalar as written (strings quoted), else a word of the
 * vocabulary (`lint.words`: list, mapping, null), filled in the workspace's language.
 */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);
  return String(value);
}

/** A name from the file, cut to a readable length for a message. */
function shortened(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The word (`lint.words`) for the type of a value. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  return typeof value;
}

/** JSON Schema type → word (`lint.words`). */
const TYPE_WORDS: Record<string, string> = {
  object: 'mapping',
  array: 'list',
  string: 'string',
  integer: 'wholeNumber',
  number: 'number',
  boolean: 'trueOrFalse',
};

function fieldName(path: JsonPath): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'string') return segment;
  }
  return 'theFile';
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
  // Messages are templates of the `schema` rule in src/i18n, written here in English and
  // again by lint in the workspace's language (messageId and data travel with them).
  const diagnostic = (messageId: string, messageData: MessageData, locationPath: JsonPath = path, suggestionId?: string, target?: 'key'): PendingDiagnostic =>
    schemaFinding(file, locationPath, messageId, messageData, suggestionId, target);
  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String((error.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((schemaAt(name, error.schemaPath, error)?.properties as object | undefined) ?? {});
      const closest = closestMatch(property, allowed);
      const messageId = path.length === 0 && name === 'model' ? 'unknownSection' : 'unknownProperty';
      const comma = closest ? undefined : commaInFlowMapping(value, property);
      return diagnostic(
        messageId,
        { property: shortened(property), closest: closest ?? '', allowed: allowed.join(', '), ...(comma ?? {}) },
        [...path, property],
        closest ? 'didYouMean' : comma ? 'quoteComma' : 'allowed',
        'key',
      );
    }
    case 'required': {
      const property = String((error.params as { missingProperty: string }).missingProperty);
      // The one conditional requirement of the model: `reentry: unless-goal` reads the goal.
      if (property === 'goal') return diagnostic('missingProperty', { property }, [...path, 'reentry'], 'goalForReentry');
      return diagnostic('missingProperty', { property });
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      // Under `rules:` in omni.yaml the key is a rule id, not a field name.
      const messageId = name === 'config' && path.length === 2 && path[0] === 'rules' ? 'invalidSeverity' : 'invalidValue';
      // A near miss (`frictio`, `behaviour`) gets the word it was meant to be; else the list.
      const closest =
        typeof value === 'string'
          ? closestMatch(
              value,
              allowed.filter((item): item is string => typeof item === 'string'),
            )
          : undefined;
      return diagnostic(
        messageId,
        { value: describeValue(value), field, allowed: allowed.map(String).join(LIST_SEPARATOR), closest: closest ?? '' },
        path,
        closest ? 'didYouMean' : 'useOneOf',
      );
    }
    case 'type': {
      const expected = String((error.params as { type: string }).type);
      const hint = typeHint(expected, field, value);
      // A fraction where a whole number is expected is named by its value ("not 1.5"): "not a number" would read as nonsense.
      const actual = expected === 'integer' && typeof value === 'number' ? String(value) : typeName(value);
      return diagnostic('wrongType', { field, expected: TYPE_WORDS[expected] ?? expected, actual, ...hint?.data }, path, hint?.id);
    }
    case 'pattern': {
      // An entity's name ("\\S"): spaces only read as an empty cell in the workbook, and as nothing in a diagram.
      if ((error.params as { pattern?: string }).pattern === '\\S')
        return value === '' ? diagnostic('empty', { field }) : diagnostic('blank', { field }, path, 'hintBlank');
      // A key that breaks `propertyNames` (a rule id under rules:): the key is what is wrong, not its mapping.
      if (error.propertyName !== undefined)
        return diagnostic('invalidRuleId', { value: describeValue(error.propertyName) }, [...path, error.propertyName], 'hintRuleId', 'key');
      const [messageId, hintId] = patternMessage(name, field);
      return diagnostic(messageId, { value: describeValue(value) }, path, hintId);
    }
    case 'minimum':
    case 'maximum': {
      const bounds = schemaAt(name, error.schemaPath, error);
      const data = { field, value: describeValue(value), min: String(bounds?.minimum), max: String(bounds?.maximum) };
      const messageId = typeof bounds?.minimum === 'number' && typeof bounds?.maximum === 'number' ? 'between' : error.keyword === 'minimum' ? 'atLeast' : 'atMost';
      return diagnostic(messageId, data);
    }
    case 'minLength':
      return diagnostic('empty', { field });
    case 'minItems':
    case 'maxItems':
    case 'additionalItems': {
      const limit = (error.params as { limit: number }).limit;
      const count = Array.isArray(value) ? value.length : 0;
      // Under rules: (or an override's), a list is [severity, { options }].
      const ruleSetting = name === 'config' && path.length >= 2 && path[path.length - 2] === 'rules';
      // `until: []` on a wait: a plain delay is written without it.
      if (error.keyword === 'minItems' && limit === 1 && !ruleSetting)
        return diagnostic('emptyList', { field }, path, field === 'until' ? 'delayWithoutUntil' : undefined);
      const messageId = error.keyword === 'minItems' ? 'tooFewItems' : 'tooManyItems';
      // (additionalItems: a tuple's items past its last, `limit` being how many it has.)
      return diagnostic(messageId, { field, limit, count }, path, ruleSetting ? 'ruleSettingForm' : undefined);
    }
    case 'const':
      return diagnostic('mustBe', { field, value: describeValue((error.params as { allowedValue: unknown }).allowedValue) }, path, 'mustBeHint');
    case 'uniqueItems': {
      const { j } = error.params as { i: number; j: number };
      const item = Array.isArray(value) ? value[j] : undefined;
      return diagnostic('listedTwice', { value: describeValue(item), field }, [...path, j]);
    }
    case 'false schema':
      // Keys a step of another kind uses (after on a wait, goto with split…).
      return diagnostic('notHere', { field }, path, 'oneStepKind', 'key');
    case 'propertyNames':
      return diagnostic('invalidKey', { field });
    default:
      return diagnostic('otherProblem', { field, reason: error.message ?? 'is invalid' });
  }
}

/**
 * `{ id: a, name: Je compare, puis je choisis }`: the comma ended the name, and the rest
 * became a key with no value. Says which value to quote, when the key before holds text.
 */
function commaInFlowMapping(parent: unknown, property: string): { before: string; joined: string } | undefined {
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return undefined;
  const record = parent as Record<string, unknown>;
  if (record[property] !== null) return undefined;
  const keys = Object.keys(record);
  const before = keys[keys.indexOf(property) - 1];
  const text = before === undefined ? undefined : record[before];
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  return { before: before!, joined: shortened(`${String(text)}, ${property}`).replace(/"/g, '\\"') };
}

/** What YAML made of an unquoted value where the schema wants text: a hint id and its data. */
function typeHint(expected: string, field: string, value: unknown): { id: string; data: MessageData } | undefined {
  // A list written as one item, or as the keys of one item (the `-` forgotten).
  if (expected === 'array' && typeof value === 'string' && value.length <= 60 && !/[\n,[\]{}]/.test(value)) return { id: 'oneItemList', data: { item: value } };
  if (expected === 'array' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const first = Object.keys(value)[0];
    if (first !== undefined && first.length <= 40) return { id: 'dashItems', data: { key: first } };
  }
  if (expected !== 'string') return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return { id: 'quoteScalar', data: { quoted: String(value) } };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) return { id: 'quoteMapping', data: {} };
  return undefined;
}

/** What a value that breaks its field's pattern is, and how to write it, by schema and field (else an id). */
const PATTERN_MESSAGES: Record<string, [string, string]> = {
  'model:after': ['invalidOffset', 'hintOffset'],
  'model:timeout': ['invalidOffset', 'hintTimeout'],
  'model:at': ['invalidMoment', 'hintMoment'],
  'config:updated': ['invalidDate', 'hintDate'],
  'config:per': ['invalidPeriod', 'hintPeriod'],
  'config:from': ['invalidClock', 'hintClock'],
  'config:to': ['invalidClock', 'hintClock'],
  'config:given': ['invalidGiven', 'hintGiven'],
  'config:field': ['invalidFieldPath', 'hintFieldPath'],
  // A custom rule's id; the keys of rules: (propertyNames) are rule ids too.
  'config:id': ['invalidRuleId', 'hintRuleId'],
};

function patternMessage(name: SchemaName, field: string): [string, string] {
  return ownValue(PATTERN_MESSAGES, `${name}:${field}`) ?? ['invalidId', 'hintId'];
}

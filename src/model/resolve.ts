import type { JsonPath } from '../diagnostics/types.js';
import { defaultLifecycle } from './defaults.js';
import { buildFlow } from './steps.js';
import { SECTION_KINDS, type EntityBase, type Model, type Origin, type SectionKind, type Sections, type Settings } from './types.js';

/** One parsed model file, with the paths at which the schema found problems. */
export interface ParsedDocument {
  file: string;
  data: unknown;
  invalidPaths: readonly JsonPath[];
}

type Raw = Record<string, unknown>;

/** What one document added to a model: its entities per section, the ids of its invalid entities. */
export interface DocumentPart {
  file: string;
  sections: Partial<Sections>;
  invalidIds: Partial<Record<SectionKind, string[]>>;
}

/**
 * Builders copy what the schema allows, and nothing absent: an entity only reaches them
 * once its file passed the schema, so values already have their declared types. Each
 * entity is built as one object literal, then optional keys are added, which keeps
 * allocations (and GC) low on 10,000-scenario workspaces.
 */
type Built = Record<string, unknown>;

function copyPresent(target: Built, raw: Raw, keys: readonly string[]): Built {
  for (const key of keys) {
    const value = raw[key];
    if (value !== undefined) target[key] = value;
  }
  return target;
}

const COMMON_OPTIONAL = ['description', 'owner', 'tags'] as const;

function base(raw: Raw, origin: Origin): Built {
  const entity = copyPresent({ id: raw.id, name: raw.name }, raw, COMMON_OPTIONAL);
  entity.origin = origin;
  return entity;
}

// Copies as long as their items: the model keeps them (see steps.ts's `list`).
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value.slice() : []);

type Builder = (raw: Raw, origin: Origin) => Built;

const builders: Record<SectionKind, Builder> = {
  stages: base,
  lifecycle: base,
  channels: (raw, origin) => copyPresent(base(raw, origin), raw, ['type', 'requiresConsent']),
  touchpoints: (raw, origin) => Object.assign(base(raw, origin), { stage: raw.stage, channel: raw.channel, status: raw.status }),
  targets: (raw, origin) => copyPresent(base(raw, origin), raw, ['definition']),
  programs: (raw, origin) => copyPresent(base(raw, origin), raw, ['objective', 'purpose']),
  useCases: (raw, origin) => {
    const useCase = copyPresent(base(raw, origin), raw, ['category', 'objective']);
    const scores = raw.scores as Raw;
    useCase.touchpoints = list(raw.touchpoints);
    useCase.scores = { business: scores.business, experience: scores.experience, difficulty: scores.difficulty };
    return copyPresent(useCase, raw, ['priority']);
  },
  scenarios: (raw, origin) => {
    const trigger = raw.trigger as Raw;
    const scenario = Object.assign(base(raw, origin), {
      program: raw.program,
      lifecycle: raw.lifecycle,
      target: raw.target,
      useCases: list(raw.useCases),
      trigger: copyPresent({ type: trigger.type, event: trigger.event }, trigger, ['description']),
      exit: list(raw.exit),
    });
    copyPresent(scenario, raw, ['goal', 'purpose', 'reentry']);
    scenario.variables = list(raw.variables);
    const { flow, steps } = buildFlow(list(raw.steps), origin.file, origin.path.concat('steps'));
    scenario.steps = steps;
    scenario.flow = flow;
    return scenario;
  },
  sources: (raw, origin) => copyPresent(base(raw, origin), raw, ['type']),
  variables: (raw, origin) => {
    const variable = base(raw, origin);
    variable.sources = list(raw.sources);
    return copyPresent(variable, raw, ['pii', 'consentFor', 'maxLength']);
  },
  events: (raw, origin) => {
    const event = base(raw, origin);
    event.sources = list(raw.sources);
    return event;
  },
  personas: (raw, origin) => {
    const persona = base(raw, origin);
    persona.target = Array.isArray(raw.target) ? raw.target : [raw.target];
    persona.events = list(raw.events).map((item) => copyPresent({ event: (item as Raw).event, at: (item as Raw).at }, item as Raw, ['description']));
    persona.optOut = list(raw.optOut);
    persona.bounces = list(raw.bounces);
    persona.assume = list(raw.assume);
    return persona;
  },
};

function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

function emptySections(): Sections {
  return Object.fromEntries(SECTION_KINDS.map((kind) => [kind, []])) as unknown as Sections;
}

/**
 * Merges the sections of every file into one model, in file then declaration order.
 * Entities the schema rejected are left out (their ids are kept in `invalidIds` so
 * that references to them are not reported twice).
 */
export function resolveModel(settings: Settings, documents: readonly ParsedDocument[]): Model {
  const builder = new ModelBuilder();
  for (const document of documents) builder.add(document);
  return builder.finish(settings);
}

/**
 * `resolveModel`, one document at a time: the loader hands each file over as soon as it
 * is parsed, so the parser's objects die young instead of all surviving to the end of the
 * load (on a 10,000-scenario workspace that is most of the garbage collector's work).
 */
export class ModelBuilder {
  private readonly sections = emptySections();
  private readonly invalidIds = Object.fromEntries(SECTION_KINDS.map((kind) => [kind, new Set<string>()])) as Model['invalidIds'];

  /** Builds the entities of one document; returns what it added (for `addPart` in another model). */
  add(document: ParsedDocument): DocumentPart {
    const part: DocumentPart = { file: document.file, sections: {}, invalidIds: {} };
    if (document.data === null || typeof document.data !== 'object' || Array.isArray(document.data)) return part;
    const data = document.data as Raw;
    for (const kind of SECTION_KINDS) {
      const items = Object.hasOwn(data, kind) ? data[kind] : undefined;
      if (!Array.isArray(items)) continue;
      const built = this.sections[kind] as unknown[];
      const first = built.length;
      const build = builders[kind];
      for (let index = 0; index < items.length; index++) {
        const item: unknown = items[index];
        const path: JsonPath = [kind, index];
        if (document.invalidPaths.length > 0 && document.invalidPaths.some((invalid) => startsWith(invalid, path) || (invalid.length === 1 && invalid[0] === kind))) {
          const id = item !== null && typeof item === 'object' ? (item as Raw).id : undefined;
          if (typeof id === 'string') {
            this.invalidIds[kind].add(id);
            (part.invalidIds[kind] ??= []).push(id);
          }
          continue;
        }
        built.push(build(item as Raw, { file: document.file, path }));
      }
      if (built.length > first) (part.sections as Record<string, unknown[]>)[kind] = built.slice(first);
    }
    return part;
  }

  /**
   * Adds entities another builder built from the same document (same file, same bytes):
   * the two models then share those objects. Entities are never modified once built.
   */
  addPart(part: DocumentPart): void {
    for (const kind of SECTION_KINDS) {
      const entities = part.sections[kind] as unknown[] | undefined;
      if (entities) {
        const built = this.sections[kind] as unknown[];
        for (const entity of entities) built.push(entity);
      }
      const invalid = part.invalidIds[kind];
      if (invalid) for (const id of invalid) this.invalidIds[kind].add(id);
    }
  }

  /** What was added so far, before defaults and indexes: for callers that merge per-file parts themselves. */
  contents(): { sections: Sections; invalidIds: Model['invalidIds'] } {
    return { sections: this.sections, invalidIds: this.invalidIds };
  }

  finish(settings: Settings): Model {
    const sections = this.sections;
    const usesDefaultLifecycle = sections.lifecycle.length === 0 && this.invalidIds.lifecycle.size === 0;
    if (usesDefaultLifecycle) sections.lifecycle = defaultLifecycle(settings.locale);
    return { ...sections, settings, defaultLifecycle: usesDefaultLifecycle, index: buildIndex(sections), invalidIds: this.invalidIds };
  }
}

function buildIndex(sections: Sections): Model['index'] {
  const index = {} as Record<SectionKind, Map<string, EntityBase>>;
  for (const kind of SECTION_KINDS) {
    const map = new Map<string, EntityBase>();
    for (const entity of sections[kind]) if (!map.has(entity.id)) map.set(entity.id, entity);
    index[kind] = map;
  }
  return index as unknown as Model['index'];
}

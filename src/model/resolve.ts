import type { JsonPath } from '../diagnostics/types.js';
import { defaultLifecycle } from './defaults.js';
import {
  SECTION_KINDS,
  type EntityBase,
  type Model,
  type Origin,
  type Scenario,
  type SectionKind,
  type Sections,
  type Settings,
  type Step,
} from './types.js';

/** One parsed model file, with the paths at which the schema found problems. */
export interface ParsedDocument {
  file: string;
  data: unknown;
  invalidPaths: readonly JsonPath[];
}

type Raw = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const bool = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const optionalStrings = (value: unknown): string[] | undefined => (Array.isArray(value) ? strings(value) : undefined);

/**
 * Drops keys whose value is undefined, so models compare equal whatever built them.
 * Copies instead of `delete`, which would turn every entity into a slow dictionary-mode
 * object for the rules that read them next.
 */
function compact<T extends object>(entity: T): T {
  const out: Record<string, unknown> = {};
  for (const key in entity) if (entity[key] !== undefined) out[key] = entity[key];
  return out as T;
}

function base(raw: Raw, origin: Origin): EntityBase {
  return compact({
    id: String(raw.id),
    name: String(raw.name),
    description: str(raw.description),
    owner: str(raw.owner),
    tags: optionalStrings(raw.tags),
    origin,
  });
}

function buildStep(raw: Raw, origin: Origin): Step {
  return compact({
    after: String(raw.after),
    channel: String(raw.channel),
    name: str(raw.name),
    subject: str(raw.subject),
    message: str(raw.message),
    description: str(raw.description),
    origin,
  });
}

const builders: { [K in SectionKind]: (raw: Raw, origin: Origin) => Sections[K][number] } = {
  stages: base,
  lifecycle: base,
  channels: (raw, origin) => compact({ ...base(raw, origin), type: raw.type as 'online' | 'offline' | undefined, requiresConsent: bool(raw.requiresConsent) }),
  touchpoints: (raw, origin) => ({
    ...base(raw, origin),
    stage: String(raw.stage),
    channel: String(raw.channel),
    status: raw.status as 'normal' | 'friction' | 'opportunity',
  }),
  targets: (raw, origin) => compact({ ...base(raw, origin), definition: str(raw.definition) }),
  programs: (raw, origin) => compact({ ...base(raw, origin), objective: str(raw.objective) }),
  useCases: (raw, origin) => {
    const scores = raw.scores as Raw;
    return compact({
      ...base(raw, origin),
      category: str(raw.category),
      objective: str(raw.objective),
      touchpoints: strings(raw.touchpoints),
      scores: { business: Number(scores.business), experience: Number(scores.experience), difficulty: Number(scores.difficulty) },
      priority: num(raw.priority),
    });
  },
  scenarios: (raw, origin): Scenario => {
    const trigger = raw.trigger as Raw;
    const steps = Array.isArray(raw.steps) ? (raw.steps as Raw[]) : [];
    return compact({
      ...base(raw, origin),
      program: String(raw.program),
      lifecycle: String(raw.lifecycle),
      target: String(raw.target),
      useCases: strings(raw.useCases),
      trigger: compact({ type: trigger.type as 'behavior' | 'event', event: String(trigger.event), description: str(trigger.description) }),
      exit: strings(raw.exit),
      goal: str(raw.goal),
      variables: strings(raw.variables),
      steps: steps.map((step, index) => buildStep(step, { file: origin.file, path: [...origin.path, 'steps', index] })),
    });
  },
  sources: (raw, origin) => compact({ ...base(raw, origin), type: str(raw.type) }),
  variables: (raw, origin) =>
    compact({ ...base(raw, origin), sources: strings(raw.sources), pii: bool(raw.pii), consentFor: optionalStrings(raw.consentFor) }),
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
  const sections = emptySections();
  const invalidIds = Object.fromEntries(SECTION_KINDS.map((kind) => [kind, new Set<string>()])) as Model['invalidIds'];
  for (const document of documents) {
    if (document.data === null || typeof document.data !== 'object' || Array.isArray(document.data)) continue;
    const data = document.data as Raw;
    for (const kind of SECTION_KINDS) {
      const items = Object.hasOwn(data, kind) ? data[kind] : undefined;
      if (!Array.isArray(items)) continue;
      items.forEach((item: unknown, index) => {
        const path: JsonPath = [kind, index];
        if (document.invalidPaths.some((invalid) => startsWith(invalid, path) || (invalid.length === 1 && invalid[0] === kind))) {
          const id = item !== null && typeof item === 'object' ? (item as Raw).id : undefined;
          if (typeof id === 'string') invalidIds[kind].add(id);
          return;
        }
        (sections[kind] as unknown[]).push(builders[kind](item as Raw, { file: document.file, path }));
      });
    }
  }
  const usesDefaultLifecycle = sections.lifecycle.length === 0 && invalidIds.lifecycle.size === 0;
  if (usesDefaultLifecycle) sections.lifecycle = defaultLifecycle(settings.locale);
  return { ...sections, settings, defaultLifecycle: usesDefaultLifecycle, index: buildIndex(sections), invalidIds };
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

import type { JsonPath } from '../diagnostics/types.js';
import { ownValue } from '../util/own-value.js';
import { forEachMessage, isLinear, walkSteps } from './steps.js';
import type { Model, Origin, SectionKind } from './types.js';

/** Singular nouns for messages, per section. */
export const KIND_NAMES: Record<SectionKind, string> = {
  stages: 'stage',
  channels: 'channel',
  touchpoints: 'touchpoint',
  lifecycle: 'lifecycle stage',
  targets: 'target',
  programs: 'program',
  useCases: 'use case',
  scenarios: 'scenario',
  sources: 'source',
  variables: 'variable',
  events: 'event',
  personas: 'persona',
};

/**
 * The keys whose values name entities of another section, by the section of the entity they
 * are written in (what `forEachReference` and `forEachMention` visit), at any depth: a step's
 * `channel` is a scenario's. The language server reads the cursor's key through it, and a
 * custom rule's `where:` its filter values.
 */
export const REFERENCE_KEYS: Partial<Record<SectionKind, Record<string, SectionKind>>> = {
  touchpoints: { stage: 'stages', channel: 'channels' },
  useCases: { touchpoints: 'touchpoints' },
  // `event` is a trigger's, a wait's or a decision's; `target` a scenario's or a decision branch's.
  scenarios: {
    program: 'programs',
    lifecycle: 'lifecycle',
    target: 'targets',
    useCases: 'useCases',
    variables: 'variables',
    channel: 'channels',
    event: 'events',
    exit: 'events',
    goal: 'events',
  },
  variables: { sources: 'sources', consentFor: 'channels' },
  events: { sources: 'sources' },
  personas: { target: 'targets', optOut: 'channels', bounces: 'channels', event: 'events', scenario: 'scenarios' },
};

/** The same keys whatever the section: a key names the same kind of entity wherever it is written. */
export const REFERENCE_KEYS_ANYWHERE: Readonly<Record<string, SectionKind>> = Object.assign({}, ...Object.values(REFERENCE_KEYS));

/**
 * The ids a custom rule's `where:` filter names, by their path under the rule (`where`, the
 * key, and the index in a list): `where: { channel: sms }` on `scenarios.steps` names the
 * channel sms. The filter's key is a field of the selected objects, dotted for nested ones
 * (`trigger.event`): its last segment says what it names.
 */
export function forEachWhereMention(
  given: string,
  where: Readonly<Record<string, unknown>> | undefined,
  visit: (kind: SectionKind, id: string, path: JsonPath) => void,
): void {
  if (!where) return;
  const keys = ownValue(REFERENCE_KEYS, given.split('.')[0]!);
  if (!keys) return;
  for (const [field, value] of Object.entries(where)) {
    const kind = ownValue(keys, field.slice(field.lastIndexOf('.') + 1));
    if (!kind) continue;
    if (typeof value === 'string') visit(kind, value, ['where', field]);
    else if (Array.isArray(value)) value.forEach((item, index) => typeof item === 'string' && visit(kind, item, ['where', field, index]));
  }
}

/** One id written in one entity that must name an entity of another section. */
export interface Reference {
  /** Section the id must be declared in. */
  kind: SectionKind;
  id: string;
  file: string;
  path: JsonPath;
  from: { kind: SectionKind; id: string };
}

/**
 * Calls `visit` for every cross-reference of the model, in declaration order, without
 * allocating anything per reference: a large workspace has ~100,000 of them and nearly
 * all resolve, so callers build a path only for the few they report
 * (`[...origin.path, ...rest]`, rest being one or two segments).
 */
export function forEachReference(
  model: Model,
  visit: (kind: SectionKind, id: string, origin: Origin, from: Reference['from'], key: string, index?: number) => void,
): void {
  for (const touchpoint of model.touchpoints) {
    const from = { kind: 'touchpoints', id: touchpoint.id } as const;
    visit('stages', touchpoint.stage, touchpoint.origin, from, 'stage');
    visit('channels', touchpoint.channel, touchpoint.origin, from, 'channel');
  }
  for (const useCase of model.useCases) {
    const from = { kind: 'useCases', id: useCase.id } as const;
    const ids = useCase.touchpoints;
    for (let i = 0; i < ids.length; i++) visit('touchpoints', ids[i]!, useCase.origin, from, 'touchpoints', i);
  }
  for (const scenario of model.scenarios) {
    const from = { kind: 'scenarios', id: scenario.id } as const;
    visit('programs', scenario.program, scenario.origin, from, 'program');
    visit('lifecycle', scenario.lifecycle, scenario.origin, from, 'lifecycle');
    visit('targets', scenario.target, scenario.origin, from, 'target');
    const useCases = scenario.useCases;
    for (let i = 0; i < useCases.length; i++) visit('useCases', useCases[i]!, scenario.origin, from, 'useCases', i);
    const variables = scenario.variables;
    for (let i = 0; i < variables.length; i++) visit('variables', variables[i]!, scenario.origin, from, 'variables', i);
    forEachMessage(scenario, (message) => visit('channels', message.channel, message.origin, from, 'channel'));
    if (!isLinear(scenario)) {
      walkSteps(scenario, (step) => {
        if (step.kind !== 'decision') return;
        for (const branch of step.branches) if (branch.target !== undefined) visit('targets', branch.target, branch.origin, from, 'target');
      });
    }
  }
  for (const variable of model.variables) {
    const from = { kind: 'variables', id: variable.id } as const;
    const sources = variable.sources;
    for (let i = 0; i < sources.length; i++) visit('sources', sources[i]!, variable.origin, from, 'sources', i);
    const channels = variable.consentFor ?? [];
    for (let i = 0; i < channels.length; i++) visit('channels', channels[i]!, variable.origin, from, 'consentFor', i);
  }
  for (const persona of model.personas) {
    const from = { kind: 'personas', id: persona.id } as const;
    // Written as one id (target: vip) or a list: the position resolver stops at the scalar for the former.
    const targets = persona.target;
    for (let i = 0; i < targets.length; i++) visit('targets', targets[i]!, persona.origin, from, 'target', i);
    for (let i = 0; i < persona.optOut.length; i++) visit('channels', persona.optOut[i]!, persona.origin, from, 'optOut', i);
    for (let i = 0; i < persona.bounces.length; i++) visit('channels', persona.bounces[i]!, persona.origin, from, 'bounces', i);
  }
  for (const event of model.events) {
    const from = { kind: 'events', id: event.id } as const;
    const sources = event.sources;
    for (let i = 0; i < sources.length; i++) visit('sources', sources[i]!, event.origin, from, 'sources', i);
  }
}

/**
 * Calls `visit` for every id that names an entity where no declaration is needed, or where
 * another rule than unknown-reference reports a missing one: events (triggers, exits, goals,
 * waits, decisions and personas' stories; `events:` is optional, unproduced-event warns)
 * and the scenarios personas' assumptions name (unknown-assumption). With the references
 * and forEachSettingsMention, they are every place an id is used: what the language server
 * finds, counts and renames.
 */
export function forEachMention(model: Model, visit: (kind: SectionKind, id: string, file: string, path: JsonPath) => void): void {
  for (const scenario of model.scenarios) {
    const { file, path } = scenario.origin;
    visit('events', scenario.trigger.event, file, [...path, 'trigger', 'event']);
    scenario.exit.forEach((event, index) => visit('events', event, file, [...path, 'exit', index]));
    if (scenario.goal !== undefined) visit('events', scenario.goal, file, [...path, 'goal']);
    if (isLinear(scenario)) continue;
    walkSteps(scenario, (step) => {
      if (step.kind === 'wait') for (const branch of step.until) visit('events', branch.event, branch.origin.file, [...branch.origin.path, 'event']);
      else if (step.kind === 'decision')
        for (const branch of step.branches) if (branch.event !== undefined) visit('events', branch.event, branch.origin.file, [...branch.origin.path, 'event']);
    });
  }
  for (const persona of model.personas) {
    const { file, path } = persona.origin;
    persona.events.forEach((event, index) => visit('events', event.event, file, [...path, 'events', index, 'event']));
    persona.assume.forEach((assumption, index) => visit('scenarios', assumption.scenario, file, [...path, 'assume', index, 'scenario']));
  }
}

/**
 * Calls `visit` for every place a step id is written: a step's own `id:` (a declaration, at any
 * depth of branches), a `goto:` naming a step of its scenario, and a persona's `assume:` naming
 * a step of the scenario it names. Step ids live within their scenario: `scenario` says which.
 */
export function forEachStepMention(
  model: Pick<Model, 'scenarios' | 'personas'>,
  visit: (scenario: string, id: string, file: string, path: JsonPath, declaration: boolean) => void,
): void {
  for (const scenario of model.scenarios) {
    if (isLinear(scenario)) {
      for (const step of scenario.steps) if (step.id !== undefined) visit(scenario.id, step.id, step.origin.file, [...step.origin.path, 'id'], true);
      continue;
    }
    walkSteps(scenario, (step) => {
      const origin = step.kind === 'message' ? step.step.origin : step.origin;
      const id = step.kind === 'message' ? step.step.id : step.id;
      if (id !== undefined) visit(scenario.id, id, origin.file, [...origin.path, 'id'], true);
      if (step.kind === 'goto') visit(scenario.id, step.goto, origin.file, [...origin.path, 'goto'], false);
    });
  }
  for (const persona of model.personas) {
    const { file, path } = persona.origin;
    persona.assume.forEach((assumption, index) => visit(assumption.scenario, assumption.step, file, [...path, 'assume', index, 'step'], false));
  }
}

/** The ids omni.yaml's pressure caps, quiet hours, rule options and custom rules' filters name, by their path in that file. */
export function forEachSettingsMention(settings: Model['settings'], visit: (kind: SectionKind, id: string, path: JsonPath) => void): void {
  settings.pressure?.forEach((cap, index) => cap.channels?.forEach((channel, at) => visit('channels', channel, ['pressure', index, 'channels', at])));
  settings.quietHours?.channels?.forEach((channel, at) => visit('channels', channel, ['quietHours', 'channels', at]));
  settings.ruleOptionMentions?.forEach((mention) => visit(mention.kind, mention.id, mention.path));
}

/** The JSON path of a reference: its entity's path, then the key and, in a list, the index. */
export function referencePath(origin: Origin, key: string, index?: number): JsonPath {
  return index === undefined ? [...origin.path, key] : [...origin.path, key, index];
}

/** Every cross-reference of the model, in declaration order. */
export function referencesOf(model: Model): Reference[] {
  const references: Reference[] = [];
  forEachReference(model, (kind, id, origin, from, key, index) => {
    references.push({ kind, id, file: origin.file, path: referencePath(origin, key, index), from });
  });
  return references;
}

import type { JsonPath } from '../diagnostics/types.js';
import type { Model, SectionKind } from './types.js';

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
};

/** One id written in one entity that must name an entity of another section. */
export interface Reference {
  /** Section the id must be declared in. */
  kind: SectionKind;
  id: string;
  file: string;
  path: JsonPath;
  from: { kind: SectionKind; id: string };
}

/** Every cross-reference of the model, in declaration order. */
export function* referencesOf(model: Model): Generator<Reference> {
  const at = (kind: SectionKind, id: string, origin: { file: string; path: JsonPath }, from: Reference['from'], ...rest: (string | number)[]): Reference => ({
    kind,
    id,
    file: origin.file,
    path: [...origin.path, ...rest],
    from,
  });
  for (const touchpoint of model.touchpoints) {
    const from = { kind: 'touchpoints', id: touchpoint.id } as const;
    yield at('stages', touchpoint.stage, touchpoint.origin, from, 'stage');
    yield at('channels', touchpoint.channel, touchpoint.origin, from, 'channel');
  }
  for (const useCase of model.useCases) {
    const from = { kind: 'useCases', id: useCase.id } as const;
    for (const [i, id] of useCase.touchpoints.entries()) yield at('touchpoints', id, useCase.origin, from, 'touchpoints', i);
  }
  for (const scenario of model.scenarios) {
    const from = { kind: 'scenarios', id: scenario.id } as const;
    yield at('programs', scenario.program, scenario.origin, from, 'program');
    yield at('lifecycle', scenario.lifecycle, scenario.origin, from, 'lifecycle');
    yield at('targets', scenario.target, scenario.origin, from, 'target');
    for (const [i, id] of scenario.useCases.entries()) yield at('useCases', id, scenario.origin, from, 'useCases', i);
    for (const [i, id] of scenario.variables.entries()) yield at('variables', id, scenario.origin, from, 'variables', i);
    for (const step of scenario.steps) yield at('channels', step.channel, step.origin, from, 'channel');
  }
  for (const variable of model.variables) {
    const from = { kind: 'variables', id: variable.id } as const;
    for (const [i, id] of variable.sources.entries()) yield at('sources', id, variable.origin, from, 'sources', i);
    for (const [i, id] of (variable.consentFor ?? []).entries()) yield at('channels', id, variable.origin, from, 'consentFor', i);
  }
}

import type { Model, Scenario, UseCase, Variable } from './types.js';

/** Reverse links between sections, computed once per model and shared by rules, renderers and exporters. */
export interface Relations {
  useCasesByTouchpoint: Map<string, UseCase[]>;
  scenariosByUseCase: Map<string, Scenario[]>;
  scenariosByVariable: Map<string, Scenario[]>;
  variablesBySource: Map<string, Variable[]>;
  touchpointCountByChannel: Map<string, number>;
}

const cache = new WeakMap<Model, Relations>();

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}

export function relationsOf(model: Model): Relations {
  let relations = cache.get(model);
  if (relations) return relations;
  relations = {
    useCasesByTouchpoint: new Map(),
    scenariosByUseCase: new Map(),
    scenariosByVariable: new Map(),
    variablesBySource: new Map(),
    touchpointCountByChannel: new Map(),
  };
  for (const useCase of model.useCases) for (const id of useCase.touchpoints) push(relations.useCasesByTouchpoint, id, useCase);
  for (const scenario of model.scenarios) {
    for (const id of scenario.useCases) push(relations.scenariosByUseCase, id, scenario);
    for (const id of scenario.variables) push(relations.scenariosByVariable, id, scenario);
  }
  for (const variable of model.variables) for (const id of variable.sources) push(relations.variablesBySource, id, variable);
  for (const touchpoint of model.touchpoints) {
    relations.touchpointCountByChannel.set(touchpoint.channel, (relations.touchpointCountByChannel.get(touchpoint.channel) ?? 0) + 1);
  }
  cache.set(model, relations);
  return relations;
}

/** Relations a caller keeps up to date itself (e.g. a session across edits), used for this model from now on. */
export function seedRelations(model: Model, relations: Relations): void {
  cache.set(model, relations);
}

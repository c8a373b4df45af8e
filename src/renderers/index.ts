import { SECTION_KINDS, type Model, type Sections } from '../model/types.js';
import { dataLineageView } from './data-lineage.js';
import { matrixView } from './matrix.js';
import { programsView } from './programs.js';
import { scenarioMapView } from './scenario-map.js';
import { scenarioView } from './scenario.js';
import { VIEW_NAMES, type Diagram, type View, type ViewName } from './types.js';
import { useCasesView } from './use-cases.js';

export { buildJourney } from './journey.js';
export { escapeLabel } from './escape.js';
export { VIEW_NAMES, type Diagram, type View, type ViewName } from './types.js';
export { assertWithinLimits, DiagramLimitError, DIAGRAM_BUDGET, MERMAID_LIMITS } from './limits.js';
export { findDrift, selectViews, staleFiles, textOutputs, type Drift } from './output.js';

/** Every view by name; `VIEW_NAMES` gives the order of files and of journey.md. */
export const VIEWS: Record<ViewName, View> = {
  matrix: matrixView,
  'use-cases': useCasesView,
  'scenario-map': scenarioMapView,
  scenario: scenarioView,
  programs: programsView,
  'data-lineage': dataLineageView,
};

/**
 * The model as diagrams draw it: for an id declared twice (a `duplicate-id` error,
 * rendered only with --force), the first declaration, as `model.index` resolves
 * references; a second node with the same id would merge with the first and shift a grid.
 */
export function firstDeclarations(model: Model): Model {
  const sections = {} as Record<keyof Sections, unknown[]>;
  for (const kind of SECTION_KINDS) {
    const index = model.index[kind] as Map<string, unknown>;
    sections[kind] = (model[kind] as { id: string }[]).filter((entity) => index.get(entity.id) === entity);
  }
  return { ...model, ...(sections as unknown as Sections) };
}

/** The diagrams of the chosen views (all by default), in view order. Pure: same model, same text. */
export function renderDiagrams(model: Model, views: readonly ViewName[] = VIEW_NAMES): Diagram[] {
  const drawn = firstDeclarations(model);
  return VIEW_NAMES.filter((name) => views.includes(name)).flatMap((name) => VIEWS[name].render(drawn));
}

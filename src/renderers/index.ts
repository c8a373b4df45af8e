import type { Model } from '../model/types.js';
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

/** Every view by name; `VIEW_NAMES` gives the order of files and of journey.md. */
export const VIEWS: Record<ViewName, View> = {
  matrix: matrixView,
  'use-cases': useCasesView,
  'scenario-map': scenarioMapView,
  scenario: scenarioView,
  programs: programsView,
  'data-lineage': dataLineageView,
};

/** The diagrams of the chosen views (all by default), in view order. Pure: same model, same text. */
export function renderDiagrams(model: Model, views: readonly ViewName[] = VIEW_NAMES): Diagram[] {
  return VIEW_NAMES.filter((name) => views.includes(name)).flatMap((name) => VIEWS[name].render(model));
}

import { VOCABULARY } from '../i18n/index.js';
import type { LifecycleStage, Locale, PriorityWeights } from './types.js';

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { business: 1, experience: 1, difficulty: 1 };

/** The scenario map's columns when a workspace declares none: the template's four. */
export function defaultLifecycle(locale: Locale): LifecycleStage[] {
  return Object.entries(VOCABULARY[locale].terms.defaultLifecycle).map(([id, name]) => ({ id, name, origin: { file: '', path: [] } }));
}

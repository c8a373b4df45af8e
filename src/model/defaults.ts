import type { LifecycleStage, Locale, PriorityWeights } from './types.js';

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { business: 1, experience: 1, difficulty: 1 };

const LIFECYCLE_NAMES: Record<Locale, Record<string, string>> = {
  fr: { welcome: 'Bienvenue', activation: 'Activation', relationship: 'Relationnel', upsell: 'Upsell' },
  en: { welcome: 'Welcome', activation: 'Activation', relationship: 'Relationship', upsell: 'Upsell' },
};

/** The scenario map's columns when a workspace declares none: the template's four. */
export function defaultLifecycle(locale: Locale): LifecycleStage[] {
  return Object.entries(LIFECYCLE_NAMES[locale]).map(([id, name]) => ({ id, name, origin: { file: '', path: [] } }));
}

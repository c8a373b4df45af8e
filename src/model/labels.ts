import { VOCABULARY } from '../i18n/index.js';
import type { Locale, TouchpointStatus, TriggerType } from './types.js';

/** Words of the method in each locale, shared by diagrams, workbooks and reports (a view of src/i18n). */
export interface Labels {
  status: Record<TouchpointStatus, string>;
  trigger: Record<TriggerType, string>;
  legend: string;
}

const labelsOf = (locale: Locale): Labels => {
  const { status, trigger, legend } = VOCABULARY[locale].terms;
  return { status, trigger, legend };
};

export const LABELS: Record<Locale, Labels> = { fr: labelsOf('fr'), en: labelsOf('en') };

/** The template's colours (hex, no #): yellow for normal, orange for friction, green for opportunity. */
export const STATUS_COLORS: Record<TouchpointStatus, { fill: string; stroke: string; text: string }> = {
  normal: { fill: 'FFF2CC', stroke: 'D6B656', text: '1F1F1F' },
  friction: { fill: 'F8CBAD', stroke: 'C55A11', text: '1F1F1F' },
  opportunity: { fill: 'C6EFCE', stroke: '548235', text: '1F1F1F' },
};

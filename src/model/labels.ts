import type { Locale, TouchpointStatus, TriggerType } from './types.js';

/** Words of the method in each locale, shared by diagrams, workbooks and reports. */
export interface Labels {
  status: Record<TouchpointStatus, string>;
  trigger: Record<TriggerType, string>;
  legend: string;
}

export const LABELS: Record<Locale, Labels> = {
  fr: {
    status: { normal: 'Normal', friction: 'Point de friction', opportunity: 'Opportunité' },
    trigger: { behavior: 'Comportement', event: 'Événement' },
    legend: 'Légende',
  },
  en: {
    status: { normal: 'Normal', friction: 'Friction', opportunity: 'Opportunity' },
    trigger: { behavior: 'Behaviour', event: 'Event' },
    legend: 'Legend',
  },
};

/** The template's colours (hex, no #): yellow for normal, orange for friction, green for opportunity. */
export const STATUS_COLORS: Record<TouchpointStatus, { fill: string; stroke: string; text: string }> = {
  normal: { fill: 'FFF2CC', stroke: 'D6B656', text: '1F1F1F' },
  friction: { fill: 'F8CBAD', stroke: 'C55A11', text: '1F1F1F' },
  opportunity: { fill: 'C6EFCE', stroke: '548235', text: '1F1F1F' },
};

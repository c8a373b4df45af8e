/** Words of the branching shapes, per locale (the YAML keys, said for a reader). */
export const FLOW_WORDS = {
  en: { wait: 'Wait', timeout: 'no event within', decision: 'Decision', split: 'Split', control: 'control', otherwise: 'otherwise', end: 'End', goto: 'go to' },
  fr: { wait: 'Attente', timeout: 'rien en', decision: 'Décision', split: 'Répartition', control: 'témoin', otherwise: 'sinon', end: 'Fin', goto: 'aller à' },
} as const;

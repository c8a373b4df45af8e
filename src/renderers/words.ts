import { VOCABULARY, type Words } from '../i18n/index.js';
import { LABELS } from '../model/labels.js';
import type { Locale } from '../model/types.js';

export type { Words };

/** Diagram vocabulary in each locale: a view of src/i18n. */
export const WORDS: Record<Locale, Words> = { fr: VOCABULARY.fr.diagrams, en: VOCABULARY.en.diagrams };

export function wordsFor(locale: Locale) {
  return { ...WORDS[locale], labels: LABELS[locale] };
}
export type LocaleWords = ReturnType<typeof wordsFor>;

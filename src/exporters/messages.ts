import { fillTemplate, VOCABULARY, type ImporterMessageId, type Locale, type MessageData } from '../i18n/index.js';

/** An importer message in a locale: the template under `importer` in src/i18n, filled with data. */
export function importerMessage(locale: Locale, id: ImporterMessageId, data?: MessageData): string {
  return fillTemplate(VOCABULARY[locale].importer[id], data, locale);
}

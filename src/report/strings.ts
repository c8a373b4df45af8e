import { VOCABULARY, type ReportStrings } from '../i18n/index.js';
import type { Locale } from '../model/types.js';

export type { ReportStrings };

/** Words of the report page in each locale: a view of src/i18n. */
export const REPORT_STRINGS: Record<Locale, ReportStrings> = { fr: VOCABULARY.fr.report, en: VOCABULARY.en.report };

import { VOCABULARY, type WorkbookLabels } from '../i18n/index.js';
import type { Locale } from '../model/types.js';

export type { WorkbookLabels };

/** Sheet names and headers of the workbook in each locale: a view of src/i18n. */
export const WORKBOOK_LABELS: Record<Locale, WorkbookLabels> = { fr: VOCABULARY.fr.workbook, en: VOCABULARY.en.workbook };

/** Name of the hidden sheet that carries ids and every field, for a lossless re-import. */
export const DATA_SHEET = 'omni';
/** First cell of the data sheet: identifies an omni workbook and its layout version. */
export const DATA_MARKER = 'omni-workbook/1';

import { VOCABULARY } from '../i18n/index.js';
import { offsetMinutes } from '../model/offsets.js';

/**
 * What people type in a spreadsheet's cells, read as omni's values: delays, scores, trigger
 * types and yes/no. One reading for the hand-filled template (template-import.ts) and for the edits of an
 * omni workbook (workbook-edits.ts).
 */

/** Lower case, accents and extra spaces dropped: how cell words are compared. */
const plainWords = (text: string): string => text.trim().normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');

/**
 * A score of 1 to 5 as written: `4`, `4,0`, and out of five, `4/5`, `4 sur 5`, `4 out of 5`.
 * Undefined for anything else (a word such as `Fort` says no number).
 */
export function scoreOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const plain = plainWords(text).replace(/ ?(?:\/|sur|out of) ?5$/, '');
  const score = Number(plain.replace(',', '.'));
  return plain !== '' && Number.isInteger(score) && score >= 1 && score <= 5 ? score : undefined;
}

/**
 * A trigger type as written, in French or English: something the customer does (`Comportement`,
 * `Behaviour`, `Comportemental`, `Transactionnel`, `Action`) is behavior; a date or an attribute
 * (`Événement`, `Event`, `Date`, `Calendaire`, `Anniversaire`, `Attribut`, `Planifié`) is event.
 */
export function triggerTypeOf(text: string | undefined): 'behavior' | 'event' | undefined {
  if (text === undefined) return undefined;
  const word = plainWords(text);
  if (/^(?:comportement|behavio|transaction|action)/.test(word)) return 'behavior';
  if (/^(?:evenement|event|date|calendar|calendaire|anniversaire|birthday|attribut|temporel|time|planifi|schedul)/.test(word)) return 'event';
  return undefined;
}

/**
 * A delay as people type it in a spreadsheet cell, as the offset omni writes: `2 jours` 2d,
 * `48 h` 48h, `1 semaine` 1w, `30 min` 30m, `J + 3` J+3, `+3j` 3d, `7 jours avant` J-7,
 * `Immédiat` 0. Undefined when the text is already an offset, or is not a delay omni can
 * read (then it stays as written, and lint says how to write it).
 */
export function delayOffset(text: string): string | undefined {
  if (offsetMinutes(text.trim()) !== undefined) return undefined;
  const plain = plainWords(text);
  if (IMMEDIATE.has(plain)) return '0';
  const day = /^([jd]) ?([+-]) ?(\d+)$/.exec(plain);
  if (day) return `${day[1]!.toUpperCase()}${day[2]}${Number(day[3])}`;
  const counted = /^\+? ?(\d+) ?([a-z]+)\.?(?: (apres|after|later|plus tard|avant|before|earlier))?$/.exec(plain);
  if (!counted) return undefined;
  const count = Number(counted[1]);
  const unit = UNITS.get(counted[2]!);
  if (unit === undefined || !Number.isSafeInteger(count)) return undefined;
  const before = counted[3] === 'avant' || counted[3] === 'before' || counted[3] === 'earlier';
  if (!before) return `${count}${unit}`;
  // Offsets before the trigger are whole days (J-7): days and weeks only.
  if (unit === 'd') return `J-${count}`;
  if (unit === 'w') return `J-${count * 7}`;
  return undefined;
}

const IMMEDIATE = new Set(['immediat', 'immediatement', 'tout de suite', 'aussitot', 'immediate', 'immediately', 'now', 'at once', 'j', 'd']);

/** Unit words, French and English, singular, plural and abbreviated, to omni's unit letters. */
const UNITS = new Map<string, string>([
  ...['m', 'mn', 'min', 'mins', 'minute', 'minutes'].map((word) => [word, 'm'] as [string, string]),
  ...['h', 'hr', 'hrs', 'heure', 'heures', 'hour', 'hours'].map((word) => [word, 'h'] as [string, string]),
  ...['j', 'jr', 'jrs', 'jour', 'jours', 'd', 'day', 'days'].map((word) => [word, 'd'] as [string, string]),
  ...['sem', 'semaine', 'semaines', 'w', 'wk', 'wks', 'week', 'weeks'].map((word) => [word, 'w'] as [string, string]),
]);

const YES = new Set(['x', 'true', '1', '✓', '✔', '☑', '✅', ...Object.values(VOCABULARY).flatMap((vocabulary) => vocabulary.importSynonyms.yes)]);
const NO = new Set(['', '-', '–', '✗', '✘', '☐', ...Object.values(VOCABULARY).flatMap((vocabulary) => vocabulary.importSynonyms.no)]);

/**
 * A yes/no cell (personal data): `Oui`, `Yes`, `x`, `✓`, `true`, `1` are yes; empty, `Non`,
 * `No`, `-`, `✗`, `false`, `0` are no; undefined for anything else, which the importers report.
 */
export function yesNoOf(text: string | undefined): boolean | undefined {
  const word = plainWords(text ?? '');
  if (YES.has(word)) return true;
  if (NO.has(word)) return false;
  return undefined;
}

import type { Model, Scenario, Step } from '../model/types.js';

// GSM 03.38 default alphabet (one septet each) and its extension table (escape + one septet).
const GSM_BASIC = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

export interface SmsCount {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** The first character that forced UCS-2. */
  firstNonGsm?: string;
}

/**
 * Segments of one SMS text: 160/153 septets in GSM-7, 70/67 code units in UCS-2 (concatenated
 * SMS headers take the difference). A character is never cut between two segments: an
 * extension character (escape + septet) or an emoji (two code units) that does not fit in
 * what is left of a segment starts the next one, as operators split and bill them.
 */
export function countSms(text: string): SmsCount {
  let septets = 0;
  for (const character of text) {
    if (GSM_BASIC.has(character)) septets += 1;
    else if (GSM_EXTENSION.has(character)) septets += 2;
    else {
      const units = text.length;
      return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : packed(text, 67, (each) => each.length), firstNonGsm: character };
    }
  }
  return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : packed(text, 153, (each) => (GSM_BASIC.has(each) ? 1 : 2)) };
}

/** How many segments of `capacity` units the characters fill, none cut in two. */
function packed(text: string, capacity: number, width: (character: string) => number): number {
  let segments = 1;
  let used = 0;
  for (const character of text) {
    const units = width(character);
    if (used + units > capacity) {
      segments++;
      used = 0;
    }
    used += units;
  }
  return segments;
}

/**
 * The longest text a template gives: each `{{variable}}` replaced by as many characters as
 * the variable's declared maxLength (else `defaultLength`), block tags and comments by nothing.
 * Variables are assumed to hold GSM-7 characters; the fixed text decides the encoding.
 */
export function longestText(template: string, model: Model, defaultLength: number): string {
  return template.replace(/\{\{\{?~?\s*([#/^!>&]?)\s*([^}\s]*)[^}]*?\}?\}\}/g, (_match, sigil: string, name: string) => {
    if (sigil !== '' && sigil !== '&') return '';
    if (name === 'else' || name === '') return '';
    const root = name.replace(/^(?:this\.|\.\.\/)+/, '').split(/[.[]/)[0]!;
    const length = model.index.variables.get(root)?.maxLength ?? defaultLength;
    return 'x'.repeat(length);
  });
}

/** Whether a step is marketing: its purpose, else its scenario's, else its programme's. */
export function purposeOf(step: Step, scenario: Scenario, model: Model): 'marketing' | 'transactional' | undefined {
  return step.purpose ?? scenario.purpose ?? model.index.programs.get(scenario.program)?.purpose;
}

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

/** One `{{…}}` of a template: its sigil (`#`, `/`, `^`, `!`, `>`, `&` or none) and first word. */
const MUSTACHE = /\{\{\{?~?\s*([#/^!>&]?)\s*([^}\s]*)[^}]*?\}?\}\}/g;

/**
 * The longest text a template gives: each `{{variable}}` replaced by as many characters as
 * the variable's declared maxLength (else `defaultLength`), block tags and comments by
 * nothing, and of the alternatives of a block (`{{#if}}…{{else}}…{{/if}}`, chained
 * `{{else if}}`, an `{{#each}}`'s empty-list `{{else}}`) only the one `longer` prefers
 * (default: more characters), since one of them is sent, not both. A template whose blocks
 * do not balance keeps every part (template-syntax reports it).
 * Variables are assumed to hold GSM-7 characters; the fixed text decides the encoding.
 */
export function longestText(template: string, model: Model, defaultLength: number, longer: (a: string, b: string) => boolean = moreCharacters): string {
  const variable = (name: string) => {
    const root = name.replace(/^(?:this\.|\.\.\/)+/, '').split(/[.[]/)[0]!;
    return 'x'.repeat(model.index.variables.get(root)?.maxLength ?? defaultLength);
  };
  if (!template.includes('{{')) return template;
  // Tokens: text between mustaches, then each mustache as what it is.
  type Token = { text: string } | { open: string } | { else: true } | { close: true };
  const tokens: Token[] = [];
  let last = 0;
  for (const match of template.matchAll(MUSTACHE)) {
    if (match.index > last) tokens.push({ text: template.slice(last, match.index) });
    last = match.index + match[0].length;
    const [, sigil, name] = match as unknown as [string, string, string];
    // `{{^}}` alone is another way to write `{{else}}`; `{{^name}}` opens an inverse block.
    if (sigil === '^' && name === '') tokens.push({ else: true });
    else if (sigil === '#' || sigil === '^') tokens.push({ open: name });
    else if (sigil === '/') tokens.push({ close: true });
    else if (sigil === '' && name === 'else') tokens.push({ else: true });
    else if (sigil === '' || sigil === '&') tokens.push({ text: name === '' ? '' : variable(name) });
  }
  if (last < template.length) tokens.push({ text: template.slice(last) });
  let at = 0;
  let balanced = true;
  // A sequence up to the end of its block: its text, with each nested block's preferred alternative.
  const sequence = (inBlock: boolean): string[] => {
    const alternatives: string[] = [''];
    while (at < tokens.length) {
      const token = tokens[at++]!;
      if ('text' in token) alternatives[alternatives.length - 1] += token.text;
      else if ('open' in token) alternatives[alternatives.length - 1] += best(sequence(true));
      else if ('else' in token) {
        if (!inBlock) balanced = false;
        alternatives.push('');
      } else {
        if (!inBlock) balanced = false;
        return alternatives;
      }
    }
    if (inBlock) balanced = false;
    return alternatives;
  };
  const best = (alternatives: string[]) => alternatives.reduce((kept, candidate) => (longer(candidate, kept) ? candidate : kept));
  const chosen = sequence(false);
  if (balanced && chosen.length === 1) return chosen[0]!;
  // Unbalanced: every part, as written.
  return tokens.map((token) => ('text' in token ? token.text : '')).join('');
}

const moreCharacters = (a: string, b: string) => [...a].length > [...b].length;

/** For an SMS: the alternative that takes more segments, then more units. */
export function moreSms(a: string, b: string): boolean {
  const first = countSms(a);
  const second = countSms(b);
  return first.segments !== second.segments ? first.segments > second.segments : first.units > second.units;
}

/** Whether a step is marketing: its purpose, else its scenario's, else its programme's. */
export function purposeOf(step: Step, scenario: Scenario, model: Model): 'marketing' | 'transactional' | undefined {
  return step.purpose ?? scenario.purpose ?? model.index.programs.get(scenario.program)?.purpose;
}

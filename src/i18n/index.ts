import { en } from './en.js';
import { fr } from './fr.js';
import type { CliMessageId, Locale, Template, TemplateToken, Vocabulary } from './vocabulary.js';

export type * from './vocabulary.js';

export const LOCALES: readonly Locale[] = ['en', 'fr'];

/** Every locale's vocabulary; each has the same keys (checked by the type and by test/i18n). */
export const VOCABULARY: Readonly<Record<Locale, Vocabulary>> = { en, fr };

export function vocabularyFor(locale: Locale): Vocabulary {
  return VOCABULARY[locale];
}

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'fr';
}

/** Values a message template interpolates. */
export type MessageData = Readonly<Record<string, string | number>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?::(kind|word|words|list|tokens))?\}/g;

/**
 * The locale's word (`lint.words`) for a word id; a quoted value (a JSON string, as schema
 * findings show a YAML value) in the locale's quotes; else the text as it is.
 */
function wordOf(value: string, locale: Locale): string {
  const lint = VOCABULARY[locale].lint;
  if (Object.hasOwn(lint.words, value)) return lint.words[value as keyof Vocabulary['lint']['words']];
  if (lint.quotes[0] !== '"' && value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      const text: unknown = JSON.parse(value);
      if (typeof text === 'string') return `${lint.quotes[0]}${text}${lint.quotes[1]}`;
    } catch {
      // Not a JSON string after all: shown as it is.
    }
  }
  return value;
}

/** Joins the items of a `{name:list}` value in data; the template shows them as "a, b or c". */
export const LIST_SEPARATOR = '\u0000';

/**
 * Fills a message template: `{name}` takes data.name as written; `{name:kind}` takes the
 * locale's noun for the section kind data.name holds; `{name:word}` the locale's word for
 * it when the vocabulary has one (`lint.words`), else the value; `{name:list}` the items
 * (joined with LIST_SEPARATOR) as "a, b or c"; `{name:words}` the same for words of `lint.words`; `{name:tokens}` handlebars token ids (joined the
 * same way) in the locale's words, as "a or b or c". A brace not naming a data key is
 * kept as written, so messages can quote `{{variable}}` syntax.
 */
export function formatMessage(template: string, data: MessageData | undefined, locale: Locale): string {
  if (!data) return template;
  return template.replace(PLACEHOLDER, (whole, name: string, filter: string | undefined) => {
    const value = data[name];
    if (value === undefined) return whole;
    if (filter === 'kind') return VOCABULARY[locale].lint.kinds[value as keyof Vocabulary['lint']['kinds']] ?? String(value);
    if (filter === 'word') return wordOf(String(value), locale);
    if (filter === 'list') return listWords(String(value).split(LIST_SEPARATOR), locale);
    if (filter === 'words')
      return listWords(
        String(value)
          .split(LIST_SEPARATOR)
          .map((word) => wordOf(word, locale)),
        locale,
      );
    if (filter === 'tokens')
      return String(value)
        .split(LIST_SEPARATOR)
        .map((token) => (Object.hasOwn(VOCABULARY[locale].lint.templateTokens, token) ? VOCABULARY[locale].lint.templateTokens[token as TemplateToken] : token))
        .join(` ${VOCABULARY[locale].lint.or} `);
    return String(value);
  });
}

/** The placeholders a template uses, for checking that translations agree. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[0]).sort();
}

/** A rule's message in a locale; throws on a missing key (a programming error caught by tests). */
export function ruleMessage(ruleId: string, messageId: string, data: MessageData | undefined, locale: Locale): string {
  const template = VOCABULARY[locale].lint.rules[ruleId]?.messages[messageId] ?? VOCABULARY.en.lint.rules[ruleId]?.messages[messageId];
  if (template === undefined) throw new Error(`no message "${messageId}" for rule "${ruleId}" in src/i18n`);
  return formatMessage(template, data, locale);
}

/**
 * A built-in rule option's description in a locale (English when that locale has none),
 * filled with `data` (e.g. the list of sections an option accepts); undefined for an
 * option the vocabulary does not know (a house or plugin rule's).
 */
export function ruleOptionDescription(ruleId: string, option: string, locale: Locale = 'en', data?: MessageData): string | undefined {
  const template = VOCABULARY[locale].lint.rules[ruleId]?.options?.[option] ?? VOCABULARY.en.lint.rules[ruleId]?.options?.[option];
  return template === undefined ? undefined : formatMessage(template, data, locale);
}

/** A rule's description in a locale (English when the rule has no entry in that locale). */
export function ruleDescription(ruleId: string, locale: Locale = 'en'): string | undefined {
  return VOCABULARY[locale].lint.rules[ruleId]?.description ?? VOCABULARY.en.lint.rules[ruleId]?.description;
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
/** Which of [one, many] a count takes in a locale (French: 0 and 1 are singular). */
function pluralIndex(count: number, locale: Locale): 0 | 1 {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count) === 'one' ? 0 : 1;
}

/** "1 persona", "2 personas", and in French "0 dépassement": the form a count takes in a locale ([one, many]). */
export function countWords(count: number, forms: readonly [string, string], locale: Locale): string {
  return `${count} ${forms[pluralIndex(count, locale)]}`;
}

/** "a, b or c" in a locale. */
export function listWords(values: readonly unknown[], locale: Locale): string {
  const words = values.map((value) => String(value));
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} ${VOCABULARY[locale].lint.or} ${words[words.length - 1]}`;
}

/**
 * A contact-pressure cap in words (`at most 5 messages per 7d, all channels together`), as
 * `omni simulate`, lint and `omni diff` say it; `channels` words the cap's channel ids.
 */
export function capWords(cap: { max: number; per: string; channels?: readonly string[] }, locale: Locale, channels: (ids: readonly string[]) => string): string {
  const words = VOCABULARY[locale].simulation;
  const data = { max: cap.max, messages: words.messages[cap.max === 1 ? 0 : 1], per: cap.per };
  return cap.channels ? formatMessage(words.capOn, { ...data, channels: channels(cap.channels) }, locale) : formatMessage(words.capAll, data, locale);
}

/** Quiet hours in words (`21:00–08:00 on sms, push`), as `omni simulate` and `omni diff` say them. */
export function quietWords(quiet: { from: string; to: string; channels?: readonly string[] }, locale: Locale, channels: (ids: readonly string[]) => string): string {
  const words = VOCABULARY[locale].simulation;
  return quiet.channels
    ? formatMessage(words.quietOn, { from: quiet.from, to: quiet.to, channels: channels(quiet.channels) }, locale)
    : formatMessage(words.quietAll, { from: quiet.from, to: quiet.to }, locale);
}

type SynonymSheet = 'useCases' | 'scenarioSpec' | 'data';
type ImportSynonymsOf = Vocabulary['importSynonyms'];
/** Where a field's own header is in the workbook labels, when its key differs. */
const LABEL_KEY: Partial<Record<string, string>> = { trigger: 'triggerEvent', priority: 'manual' };

/**
 * The headers the template importer accepts for each field of a sheet: the workbook's own
 * header in every locale, then each locale's synonyms.
 */
export function importHeaders<S extends SynonymSheet>(sheet: S): Record<keyof ImportSynonymsOf[S], string[]> {
  const fields = Object.keys(VOCABULARY.en.importSynonyms[sheet]) as (keyof ImportSynonymsOf[S] & string)[];
  const headers = {} as Record<keyof ImportSynonymsOf[S], string[]>;
  for (const field of fields) {
    const words = new Set<string>();
    for (const locale of LOCALES) {
      const labels = VOCABULARY[locale].workbook[sheet] as unknown as Record<string, string>;
      words.add(labels[LABEL_KEY[field] ?? field]!);
    }
    for (const locale of LOCALES) for (const word of (VOCABULARY[locale].importSynonyms[sheet] as Record<string, readonly string[]>)[field]!) words.add(word);
    headers[field] = [...words];
  }
  return headers;
}

// --- CLI, pipeline and LSP words (issue 9, i18n helper) ---------------------------------

/** Fills a template of `cli`; a pair [one, many] is chosen by data.count ("0 fichier" but "0 files"). */
export function fillTemplate(template: Template, data: MessageData | undefined, locale: Locale): string {
  let chosen: string;
  if (typeof template === 'string') chosen = template;
  else chosen = template[pluralIndex(Number(data?.count ?? 0), locale)];
  return formatMessage(chosen, data ?? {}, locale);
}

/** One command-line message (what follows "omni: ") in a locale. */
export function cliMessage(id: CliMessageId, data: MessageData | undefined, locale: Locale): string {
  return fillTemplate(VOCABULARY[locale].cli.messages[id], data, locale);
}

/**
 * The data a rule message was filled from, read back from its text in any locale (or
 * undefined when the text is not that message): lets the language server recognise a
 * finding by its message id whatever language the workspace lints in.
 */
export function matchRuleMessage(ruleId: string, messageId: string, text: string): Record<string, string> | undefined {
  for (const locale of LOCALES) {
    const template = VOCABULARY[locale].lint.rules[ruleId]?.messages[messageId];
    if (template === undefined) continue;
    const names: Array<{ name: string; filter?: string }> = [];
    let source = '';
    let last = 0;
    for (const match of template.matchAll(PLACEHOLDER)) {
      source += escapeRegExp(template.slice(last, match.index));
      const [, name, filter] = match as unknown as [string, string, string | undefined];
      names.push({ name, filter });
      if (filter === 'kind') {
        const kinds = VOCABULARY[locale].lint.kinds;
        source += `(${Object.values(kinds).map(escapeRegExp).join('|')})`;
      } else source += '(.+?)';
      last = match.index + match[0].length;
    }
    source += escapeRegExp(template.slice(last));
    const found = new RegExp(`^${source}$`, 'u').exec(text);
    if (!found) continue;
    const data: Record<string, string> = {};
    names.forEach(({ name, filter }, index) => {
      const value = found[index + 1]!;
      if (filter === 'kind') {
        const kinds = VOCABULARY[locale].lint.kinds as Record<string, string>;
        data[name] = Object.keys(kinds).find((kind) => kinds[kind] === value) ?? value;
      } else data[name] = value;
    });
    return data;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A message of `cli.messages` named with its data, not yet worded. A data value may itself
 * be one (a reason inside a message), or a list of them (written "a, b").
 */
export interface WordedMessage {
  readonly messageId: CliMessageId;
  readonly data?: WordedData;
}
export type WordedData = Readonly<Record<string, string | number | WordedMessage | readonly WordedMessage[]>>;

/** A WordedMessage in a locale, its nested messages first. */
export function wordMessage(message: WordedMessage, locale: Locale): string {
  const data: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(message.data ?? {})) {
    if (Array.isArray(value)) data[key] = value.map((item: WordedMessage) => wordMessage(item, locale)).join(', ');
    else data[key] = typeof value === 'object' ? wordMessage(value as WordedMessage, locale) : (value as string | number);
  }
  return cliMessage(message.messageId, data, locale);
}

/**
 * An error a layer below the CLI raises with its words named, not written: a message of
 * `cli.messages` with its data, and an optional hint. The CLI words it in the run's
 * language (src/cli/main.ts); `message` holds the English text, for logs and callers
 * that are not the CLI.
 */
export class WordedError extends Error implements WordedMessage {
  constructor(
    readonly messageId: CliMessageId,
    readonly data: WordedData = {},
    readonly hintId?: CliMessageId,
    readonly hintData?: WordedData,
  ) {
    super(wordMessage({ messageId, data }, 'en'));
  }

  /** The message in a locale. */
  messageIn(locale: Locale): string {
    return wordMessage(this, locale);
  }

  /** The hint in a locale, if any. */
  hintIn(locale: Locale): string | undefined {
    return this.hintId === undefined ? undefined : wordMessage({ messageId: this.hintId, data: this.hintData ?? this.data }, locale);
  }
}

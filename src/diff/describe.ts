import { sameData, shownPath, type FieldChange, type Gap, type SectionDiff, type WorkspaceDiff } from './diff.js';
import { capWords, fillTemplate, quietWords, vocabularyFor, type DiffWords, type Locale, type MessageData, type Template } from '../i18n/index.js';
import type { PressureCap, QuietHours, SectionKind, TouchpointStatus } from '../model/types.js';

/** The words of `omni diff` in a locale (src/i18n, `diff`). */
export function diffWords(locale: Locale): DiffWords {
  return vocabularyFor(locale).diff;
}

/** One template of `diff` filled in a locale. */
export function diffSay(locale: Locale, pick: (words: DiffWords) => Template, data?: MessageData): string {
  return fillTemplate(pick(diffWords(locale)), data, locale);
}

/** Section titles, in the order of the method. */
export function sectionTitle(section: SectionKind, locale: Locale = 'en'): string {
  return diffWords(locale).sections[section];
}

const MAX_INLINE = 60;

/** A value in one short line: lists as [a, b], absent as (none), long or multi-line text cut. */
export function displayValue(value: unknown, locale: Locale = 'en'): string {
  if (value === null || value === undefined) return diffWords(locale).none;
  if (Array.isArray(value)) return `[${value.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ')}]`;
  if (typeof value === 'string') {
    const firstLine = value.split(/\r\n|\r|\n/)[0]!;
    const chars = [...firstLine];
    if (chars.length > MAX_INLINE) return `${chars.slice(0, MAX_INLINE - 1).join('')}…`;
    return firstLine === value ? value : `${firstLine} …`;
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A step as a few words: offset, channel, then its name, subject or message (an SMS or push has no subject). */
function stepSummary(step: unknown, locale: Locale): string {
  const plain = (step ?? {}) as Record<string, unknown>;
  const words = [plain.after, plain.channel, plain.name ?? plain.subject ?? plain.message].filter((word): word is string => typeof word === 'string');
  return displayValue(words.join(' '), locale);
}

const LONG_LIST = 4;

/**
 * `before → after`; for lists where a side has more than a few items, only what was
 * added and removed (`+a, −b`), which is what a reviewer reads.
 */
function changeWords(change: FieldChange, style: Styling, locale: Locale): string {
  const { before, after } = change;
  if (Array.isArray(before) && Array.isArray(after) && Math.max(before.length, after.length) >= LONG_LIST) {
    const text = (item: unknown) => (typeof item === 'string' ? item : JSON.stringify(item));
    const added = after.filter((item) => !before.some((old) => sameData(old, item))).map(text);
    const removed = before.filter((item) => !after.some((now) => sameData(now, item))).map(text);
    const parts = [...added.map((item) => `+${style.after(item)}`), ...removed.map((item) => `−${style.before(item)}`)];
    return parts.length > 0 ? parts.join(' ') : diffSay(locale, (words) => words.reordered, { value: style.after(displayValue(after, locale)) });
  }
  return `${style.before(displayValue(before, locale))} → ${style.after(displayValue(after, locale))}`;
}

export interface Styling {
  /** Wraps a field value (a code span in Markdown, a colour in a terminal). */
  before: (text: string) => string;
  after: (text: string) => string;
}

/** omni.yaml's lists whose items a change names (`cap 2 max 8 → 6`), and the words for a whole item added or removed. */
interface ItemWords {
  label: (words: DiffWords) => Template;
  added: (words: DiffWords) => Template;
  removed: (words: DiffWords) => Template;
  summary: (item: unknown, locale: Locale) => string;
}

const STEP_WORDS: ItemWords = { label: (w) => w.step, added: (w) => w.stepAdded, removed: (w) => w.stepRemoved, summary: stepSummary };

/** Items of omni.yaml's lists, by the list's key: caps and overrides by position (numbered from 1), house rules by id. */
const SETTINGS_ITEMS: Readonly<Record<string, ItemWords>> = {
  pressure: { label: (w) => w.cap, added: (w) => w.capAdded, removed: (w) => w.capRemoved, summary: capSummary },
  overrides: {
    label: (w) => w.override,
    added: (w) => w.overrideAdded,
    removed: (w) => w.overrideRemoved,
    summary: (item, locale) => displayValue((item as { files?: unknown }).files, locale),
  },
  customRules: {
    label: (w) => w.houseRule,
    added: (w) => w.houseRuleAdded,
    removed: (w) => w.houseRuleRemoved,
    summary: (item, locale) => displayValue((item as { description?: unknown }).description, locale),
  },
};

/** omni.yaml's objects set or dropped whole, worded as the simulation words them (rather than as JSON). */
const SETTINGS_OBJECTS: Readonly<Record<string, ItemWords>> = {
  quietHours: {
    label: (w) => w.quietHours,
    added: (w) => w.quietHoursAdded,
    removed: (w) => w.quietHoursRemoved,
    summary: (item, locale) => quietWords(item as QuietHours, locale, (ids) => ids.join(', ')),
  },
};

/** A pressure cap as the simulation words it: `at most 5 messages per 7d, all channels together`. */
function capSummary(cap: unknown, locale: Locale): string {
  return capWords(cap as PressureCap, locale, (ids) => ids.join(', '));
}

/** The item a change is in, its label (`step 2`, `cap 1`, `house rule sms-sender`) and the path inside it; undefined for other fields. */
function itemOf(path: readonly (string | number)[]): { words: ItemWords; data: MessageData; rest: readonly (string | number)[] } | undefined {
  const [first, second, ...rest] = path;
  if (path.length === 1 && typeof first === 'string' && Object.hasOwn(SETTINGS_OBJECTS, first)) return { words: SETTINGS_OBJECTS[first]!, data: {}, rest: [] };
  if (first === 'steps' && typeof second === 'number') return { words: STEP_WORDS, data: { number: second + 1 }, rest };
  const words = typeof first === 'string' && Object.hasOwn(SETTINGS_ITEMS, first) ? SETTINGS_ITEMS[first]! : undefined;
  if (!words || second === undefined) return undefined;
  return { words, data: typeof second === 'number' ? { number: second + 1 } : { id: second }, rest };
}

/**
 * Field changes in words: `status opportunity → normal; step 2 after J+5 → J+3, channel sms → email`.
 * Changes inside one step (one pressure cap, one house rule…) share its label.
 */
export function describeChanges(changes: readonly FieldChange[], style: Styling, locale: Locale = 'en'): string {
  const groups: { label: string; parts: string[] }[] = [];
  for (const change of changes) {
    const path = shownPath(change);
    const item = itemOf(path);
    if (item) {
      const label = diffSay(locale, item.words.label, item.data);
      if (item.rest.length === 0) {
        const what =
          change.before === null
            ? diffSay(locale, item.words.added, { item: style.after(item.words.summary(change.after, locale)) })
            : change.after === null
              ? diffSay(locale, item.words.removed, { item: style.before(item.words.summary(change.before, locale)) })
              : `${style.before(displayValue(change.before, locale))} → ${style.after(displayValue(change.after, locale))}`;
        groups.push({ label, parts: [what] });
        continue;
      }
      const part = `${item.rest.join('.')} ${changeWords(change, style, locale)}`;
      const last = groups[groups.length - 1];
      if (last && last.label === label) last.parts.push(part);
      else groups.push({ label, parts: [part] });
      continue;
    }
    groups.push({ label: '', parts: [`${path.join('.')} ${changeWords(change, style, locale)}`] });
  }
  return groups.map((group) => (group.label ? `${group.label} ${group.parts.join(', ')}` : group.parts.join(', '))).join('; ');
}

export function cellStatus(statuses: readonly TouchpointStatus[], locale: Locale = 'en'): string {
  return statuses.length === 0 ? diffWords(locale).empty : statuses.join(' + ');
}

export function gapCounts(counts: { errors: number; warnings: number }, locale: Locale = 'en'): string {
  const words = diffWords(locale).summary;
  return counts.errors + counts.warnings === 0
    ? words.none
    : [fillTemplate(words.errors, { count: counts.errors }, locale), fillTemplate(words.warnings, { count: counts.warnings }, locale)].join(', ');
}

/** The entity a gap is about (`scenario welcome`, in French `scénario welcome`), else its file. */
export function gapSubject(gap: Gap, locale: Locale = 'en'): string {
  // Without an entity (a YAML or schema problem), where it is in the file: that is all it has.
  if (!gap.entity) return gap.line > 0 ? `${gap.file}:${gap.line}` : gap.file;
  return `${fillTemplate('{kind:kind}', { kind: KIND_SECTIONS.get(gap.entity.kind) ?? gap.entity.kind }, locale)} ${gap.entity.id}`;
}

/** The section of a kind noun the lint findings name their entity with (`use case` → useCases). */
const KIND_SECTIONS = new Map(Object.entries(vocabularyFor('en').lint.kinds).map(([section, noun]) => [noun, section]));

export function sectionCount(section: SectionDiff): number {
  return section.added.length + section.removed.length + section.renamed.length + section.changed.length + (section.reordered?.moved.length ?? 0);
}

/** One line: "2 added, 1 changed, 1 matrix cell, 1 rank moved, gaps: 1 error introduced, 1 warning fixed". */
export function summaryLine(diff: WorkspaceDiff, locale: Locale = 'en'): string {
  const { summary } = diff;
  const words = diffWords(locale).summary;
  const count = (template: Template, value: number) => fillTemplate(template, { count: value }, locale);
  const parts: string[] = [];
  if (summary.added) parts.push(count(words.added, summary.added));
  if (summary.removed) parts.push(count(words.removed, summary.removed));
  if (summary.renamed) parts.push(count(words.renamed, summary.renamed));
  if (summary.changed) parts.push(count(words.changed, summary.changed));
  if (summary.moved) parts.push(count(words.moved, summary.moved));
  if (diff.settings.length) parts.push(words.settings);
  if (summary.cells) parts.push(count(words.cells, summary.cells));
  if (summary.ranks) parts.push(count(words.ranks, summary.ranks));
  const introduced = summary.introduced.errors + summary.introduced.warnings;
  const fixed = summary.fixed.errors + summary.fixed.warnings;
  if (introduced) parts.push(fillTemplate(words.introduced, { counts: gapCounts(summary.introduced, locale) }, locale));
  if (fixed) parts.push(fillTemplate(words.fixed, { counts: gapCounts(summary.fixed, locale) }, locale));
  return parts.length ? parts.join(' · ') : words.nothing;
}

import type { FieldChange, Gap, SectionDiff, WorkspaceDiff } from './diff.js';
import type { SectionKind, TouchpointStatus } from '../model/types.js';

/** Section titles, in the order of the method. */
export const SECTION_TITLES: Record<SectionKind, string> = {
  stages: 'Stages',
  channels: 'Channels',
  touchpoints: 'Touchpoints',
  lifecycle: 'Lifecycle stages',
  targets: 'Targets',
  programs: 'Programs',
  useCases: 'Use cases',
  scenarios: 'Scenarios',
  sources: 'Sources',
  variables: 'Variables',
  events: 'Events',
  personas: 'Personas',
};

const MAX_INLINE = 60;

/** A value in one short line: lists as [a, b], absent as (none), long or multi-line text cut. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
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

/** A step as a few words: offset, channel, then its name or subject. */
function stepSummary(step: unknown): string {
  const plain = (step ?? {}) as Record<string, unknown>;
  const words = [plain.after, plain.channel, plain.name ?? plain.subject].filter((word): word is string => typeof word === 'string');
  return displayValue(words.join(' '));
}

const LONG_LIST = 4;

/**
 * `before → after`; for lists where a side has more than a few items, only what was
 * added and removed (`+a, −b`), which is what a reviewer reads.
 */
function changeWords(change: FieldChange, style: Styling): string {
  const { before, after } = change;
  if (Array.isArray(before) && Array.isArray(after) && Math.max(before.length, after.length) >= LONG_LIST) {
    const text = (item: unknown) => (typeof item === 'string' ? item : JSON.stringify(item));
    const added = after.filter((item) => !before.some((old) => JSON.stringify(old) === JSON.stringify(item))).map(text);
    const removed = before.filter((item) => !after.some((now) => JSON.stringify(now) === JSON.stringify(item))).map(text);
    const parts = [...added.map((item) => `+${style.after(item)}`), ...removed.map((item) => `−${style.before(item)}`)];
    return parts.length > 0 ? parts.join(' ') : `reordered ${style.after(displayValue(after))}`;
  }
  return `${style.before(displayValue(before))} → ${style.after(displayValue(after))}`;
}

export interface Styling {
  /** Wraps a field value (a code span in Markdown, a colour in a terminal). */
  before: (text: string) => string;
  after: (text: string) => string;
}

/**
 * Field changes in words: `status opportunity → normal; step 2 after J+5 → J+3, channel sms → email`.
 * Changes inside one step share the `step N` prefix.
 */
export function describeChanges(changes: readonly FieldChange[], style: Styling): string {
  const groups: { label: string; parts: string[] }[] = [];
  for (const change of changes) {
    const [first, second, ...rest] = change.path;
    if (first === 'steps' && typeof second === 'number') {
      const label = `step ${second + 1}`;
      if (rest.length === 0) {
        const what =
          change.before === null
            ? `added (${style.after(stepSummary(change.after))})`
            : change.after === null
              ? `removed (${style.before(stepSummary(change.before))})`
              : `${style.before(displayValue(change.before))} → ${style.after(displayValue(change.after))}`;
        groups.push({ label, parts: [what] });
        continue;
      }
      const part = `${rest.join('.')} ${changeWords(change, style)}`;
      const last = groups[groups.length - 1];
      if (last && last.label === label) last.parts.push(part);
      else groups.push({ label, parts: [part] });
      continue;
    }
    groups.push({ label: '', parts: [`${change.path.join('.')} ${changeWords(change, style)}`] });
  }
  return groups.map((group) => (group.label ? `${group.label} ${group.parts.join(', ')}` : group.parts.join(', '))).join('; ');
}

export function cellStatus(statuses: readonly TouchpointStatus[]): string {
  return statuses.length === 0 ? '(empty)' : statuses.join(' + ');
}

export function plural(count: number, word: string, words = `${word}s`): string {
  return `${count} ${count === 1 ? word : words}`;
}

export function gapCounts(counts: { errors: number; warnings: number }): string {
  return counts.errors + counts.warnings === 0 ? 'none' : [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')].join(', ');
}

export function gapSubject(gap: Gap): string {
  return gap.entity ? `${gap.entity.kind} ${gap.entity.id}` : gap.file;
}

export function sectionCount(section: SectionDiff): number {
  return section.added.length + section.removed.length + section.renamed.length + section.changed.length + (section.reordered?.moved.length ?? 0);
}

/** One line: "2 added, 1 changed, 1 matrix cell, 1 rank moved, gaps: 1 error introduced, 1 warning fixed". */
export function summaryLine(diff: WorkspaceDiff): string {
  const { summary } = diff;
  const parts: string[] = [];
  if (summary.added) parts.push(`${summary.added} added`);
  if (summary.removed) parts.push(`${summary.removed} removed`);
  if (summary.renamed) parts.push(`${summary.renamed} renamed`);
  if (summary.changed) parts.push(`${summary.changed} changed`);
  if (summary.moved) parts.push(`${summary.moved} moved`);
  if (diff.settings.length) parts.push('settings changed');
  if (summary.cells) parts.push(plural(summary.cells, 'matrix cell'));
  if (summary.ranks) parts.push(plural(summary.ranks, 'priority rank moved', 'priority ranks moved'));
  const introduced = summary.introduced.errors + summary.introduced.warnings;
  const fixed = summary.fixed.errors + summary.fixed.warnings;
  if (introduced) parts.push(`gaps introduced: ${gapCounts(summary.introduced)}`);
  if (fixed) parts.push(`gaps fixed: ${gapCounts(summary.fixed)}`);
  return parts.length ? parts.join(' · ') : 'no change';
}

import { Chalk } from 'chalk';
import { vocabularyFor, type Locale } from '../i18n/index.js';
import { cellStatus, describeChanges, diffSay, diffWords, gapSubject, sectionTitle, summaryLine } from './describe.js';
import { isEmptyDiff, type Gap, type WorkspaceDiff } from './diff.js';

/** The diff for a terminal: one line per change, coloured when `color` is set, in `locale` (English by default). */
export function formatDiffText(diff: WorkspaceDiff, options: { color: boolean; locale?: Locale }): string {
  const locale = options.locale ?? 'en';
  const words = diffWords(locale);
  const colon = vocabularyFor(locale).terms.colon;
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const style = { before: (text: string) => chalk.red(text), after: (text: string) => chalk.green(text) };
  const lines: string[] = [`${chalk.bold('omni diff')} ${diff.base.label} → ${diff.head.label}`];
  if (isEmptyDiff(diff)) return `${lines[0]}\n${words.noChange}\n`;
  lines.push(summaryLine(diff, locale));

  const heading = (title: string) => lines.push('', chalk.bold(title));
  if (diff.settings.length) {
    heading(words.settings);
    lines.push(`  ${chalk.yellow('~')} ${describeChanges(diff.settings, style, locale)}`);
  }
  for (const section of diff.sections) {
    heading(sectionTitle(section.section, locale));
    const kind = section.section;
    for (const entity of section.added) lines.push(`  ${chalk.green('+')} ${diffSay(locale, (w) => w.text.entity, { kind, id: entity.id, name: entity.name })}`);
    for (const entity of section.removed) lines.push(`  ${chalk.red('-')} ${diffSay(locale, (w) => w.text.entity, { kind, id: entity.id, name: entity.name })}`);
    for (const rename of section.renamed) {
      const changes = rename.changes.length > 0 ? `; ${describeChanges(rename.changes, style, locale)}` : '';
      lines.push(`  ${chalk.cyan('→')} ${diffSay(locale, (w) => w.text.renamed, { kind, from: rename.from, to: rename.to, changes })}`);
    }
    for (const entity of section.changed)
      lines.push(`  ${chalk.yellow('~')} ${diffSay(locale, (w) => w.text.changed, { kind, id: entity.id, changes: describeChanges(entity.changes, style, locale) })}`);
    for (const entity of section.reordered?.moved ?? [])
      lines.push(`  ${chalk.cyan('↕')} ${diffSay(locale, (w) => w.text.moved, { kind, id: entity.id, before: entity.before, after: entity.after })}`);
  }
  if (diff.cells.length) {
    heading(words.cells);
    for (const cell of diff.cells)
      lines.push(`  ${cell.stage.name} × ${cell.channel.name}${colon}${style.before(cellStatus(cell.before, locale))} → ${style.after(cellStatus(cell.after, locale))}`);
  }
  if (diff.ranks.length) {
    heading(words.ranks);
    for (const rank of diff.ranks) lines.push(`  ${rank.id}${colon}#${rank.before} → #${rank.after}${rank.after < rank.before ? chalk.green(' ↑') : chalk.red(' ↓')}`);
  }
  const gapLine = (gap: Gap, mark: string) =>
    `  ${mark} ${gap.severity === 'error' ? chalk.red(words.severity.error) : chalk.yellow(words.severity.warning)} ${gapSubject(gap, locale)}${colon}${gap.message} ${chalk.dim(gap.ruleId)}`;
  if (diff.gaps.introduced.length) {
    heading(words.introducedHeading);
    for (const gap of diff.gaps.introduced) lines.push(gapLine(gap, chalk.red('✖')));
  }
  if (diff.gaps.fixed.length) {
    heading(words.fixedHeading);
    for (const gap of diff.gaps.fixed) lines.push(gapLine(gap, chalk.green('✔')));
  }
  return `${lines.join('\n')}\n`;
}

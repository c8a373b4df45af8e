import { Chalk } from 'chalk';
import { cellStatus, describeChanges, gapSubject, SECTION_TITLES, summaryLine } from './describe.js';
import { isEmptyDiff, type Gap, type WorkspaceDiff } from './diff.js';

/** The diff for a terminal: one line per change, coloured when `color` is set. */
export function formatDiffText(diff: WorkspaceDiff, options: { color: boolean }): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const style = { before: (text: string) => chalk.red(text), after: (text: string) => chalk.green(text) };
  const lines: string[] = [`${chalk.bold('omni diff')} ${diff.base.label} → ${diff.head.label}`];
  if (isEmptyDiff(diff)) return `${lines[0]}\nNo change to the journey.\n`;
  lines.push(summaryLine(diff));

  const heading = (title: string) => lines.push('', chalk.bold(title));
  if (diff.settings.length) {
    heading('Settings (omni.yaml)');
    lines.push(`  ${chalk.yellow('~')} ${describeChanges(diff.settings, style)}`);
  }
  for (const section of diff.sections) {
    heading(SECTION_TITLES[section.section]);
    for (const entity of section.added) lines.push(`  ${chalk.green('+')} ${section.kind} ${entity.id} (${entity.name})`);
    for (const entity of section.removed) lines.push(`  ${chalk.red('-')} ${section.kind} ${entity.id} (${entity.name})`);
    for (const rename of section.renamed) {
      const changes = rename.changes.length > 0 ? `; ${describeChanges(rename.changes, style)}` : '';
      lines.push(`  ${chalk.cyan('→')} ${section.kind} ${rename.from} renamed to ${rename.to}${changes}`);
    }
    for (const entity of section.changed) lines.push(`  ${chalk.yellow('~')} ${section.kind} ${entity.id}: ${describeChanges(entity.changes, style)}`);
    for (const entity of section.reordered?.moved ?? []) lines.push(`  ${chalk.cyan('↕')} ${section.kind} ${entity.id} moved: #${entity.before} → #${entity.after}`);
  }
  if (diff.cells.length) {
    heading('Matrix cells');
    for (const cell of diff.cells)
      lines.push(`  ${cell.stage.name} × ${cell.channel.name}: ${style.before(cellStatus(cell.before))} → ${style.after(cellStatus(cell.after))}`);
  }
  if (diff.ranks.length) {
    heading('Use-case priority');
    for (const rank of diff.ranks) lines.push(`  ${rank.id}: #${rank.before} → #${rank.after}${rank.after < rank.before ? chalk.green(' ↑') : chalk.red(' ↓')}`);
  }
  const gapLine = (gap: Gap, mark: string) =>
    `  ${mark} ${gap.severity === 'error' ? chalk.red('error') : chalk.yellow('warning')} ${gapSubject(gap)}: ${gap.message} ${chalk.dim(gap.ruleId)}`;
  if (diff.gaps.introduced.length) {
    heading('Gaps introduced');
    for (const gap of diff.gaps.introduced) lines.push(gapLine(gap, chalk.red('✖')));
  }
  if (diff.gaps.fixed.length) {
    heading('Gaps fixed');
    for (const gap of diff.gaps.fixed) lines.push(gapLine(gap, chalk.green('✔')));
  }
  return `${lines.join('\n')}\n`;
}

import { escapeCell } from '../formatters/markdown.js';
import type { Locale } from '../i18n/index.js';
import type { Model } from '../model/types.js';
import { cellStatus, describeChanges, diffSay, diffWords, gapSubject, sectionCount, sectionTitle } from './describe.js';
import { isEmptyDiff, type Gap, type WorkspaceDiff } from './diff.js';
import { scenarioDiagram } from '../renderers/scenario.js';

export interface MarkdownDiffOptions {
  /** The head model, to draw the flows of added and changed scenarios. */
  head?: Model;
  /** Renders one scenario to Mermaid; defaults to the flow diagram of `omni render`. */
  renderScenario?: (scenarioId: string, model: Model) => string | undefined;
  /** The language of the comment (English by default); the plan's own names and lint's messages are as they are. */
  locale?: Locale;
}

/** A value in a code span; text that could break out of one is escaped instead. */
function code(text: string): string {
  return /[`\r\n]/.test(text) ? escapeCell(text) : `\`${text}\``;
}

const style = { before: code, after: code };

function details(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${escapeCell(summary)}</summary>`, '', ...body, '', '</details>', ''];
}

function gapRows(gaps: readonly Gap[], locale: Locale): string[] {
  const words = diffWords(locale);
  const { gapSeverity, gapRule, gapEntity, gapProblem, gapWhere } = words.markdown;
  return [
    `| ${gapSeverity} | ${gapRule} | ${gapEntity} | ${gapProblem} | ${gapWhere} |`,
    '| --- | --- | --- | --- | --- |',
    ...gaps.map(
      (gap) =>
        `| ${gap.severity === 'error' ? words.severity.error : words.severity.warning} | ${code(gap.ruleId)} | ${escapeCell(gap.entity ? gapSubject(gap, locale) : gap.file)} | ${escapeCell(gap.message)} | ${escapeCell(`${gap.file}:${gap.line}`)} |`,
    ),
  ];
}

/**
 * The diff as a pull-request comment: a summary table first, every detail folded in
 * <details>, and the flows of added or changed scenarios as Mermaid blocks. All user text
 * is escaped (no raw HTML, no Markdown markup, no way out of a table cell or a fence).
 */
export function formatDiffMarkdown(diff: WorkspaceDiff, options: MarkdownDiffOptions = {}): string {
  const locale = options.locale ?? 'en';
  const words = diffWords(locale);
  const md = words.markdown;
  const say = diffSay.bind(undefined, locale);
  const out: string[] = [`### ${say((w) => w.markdown.title, { base: escapeCell(diff.base.label), head: escapeCell(diff.head.label) })}`, ''];
  if (isEmptyDiff(diff)) return `${out.join('\n')}${words.noChange}\n`;

  const { summary } = diff;
  // The Moved column appears only when an ordered section (stages, channels…) was reordered.
  const moves = summary.moved > 0;
  out.push(
    `| | ${md.added} | ${md.removed} | ${md.renamed} | ${md.changed} |${moves ? ` ${md.moved} |` : ''}`,
    `| --- | ---: | ---: | ---: | ---: |${moves ? ' ---: |' : ''}`,
  );
  for (const section of diff.sections) {
    const moved = moves ? ` ${section.reordered?.moved.length ?? 0} |` : '';
    out.push(
      `| ${sectionTitle(section.section, locale)} | ${section.added.length} | ${section.removed.length} | ${section.renamed.length} | ${section.changed.length} |${moved}`,
    );
  }
  if (diff.settings.length) out.push(`| ${words.settings} | | | | ${diff.settings.length} |${moves ? ' |' : ''}`);
  out.push('');
  out.push(`| ${md.review} | ${md.count} |`, '| --- | ---: |');
  out.push(`| ${md.cellsRow} | ${summary.cells} |`);
  out.push(`| ${md.ranksRow} | ${summary.ranks} |`);
  out.push(`| ${md.introducedRow} | ${summary.introduced.errors} / ${summary.introduced.warnings} |`);
  out.push(`| ${md.fixedRow} | ${summary.fixed.errors} / ${summary.fixed.warnings} |`);
  out.push('');
  if (summary.introduced.errors > 0) out.push(`**${say((w) => w.markdown.introducesErrors, { count: summary.introduced.errors })}**`, '');

  if (diff.gaps.introduced.length || diff.gaps.fixed.length) {
    const body: string[] = [];
    if (diff.gaps.introduced.length) body.push(`**${md.introduced}**`, '', ...gapRows(diff.gaps.introduced, locale), '');
    if (diff.gaps.fixed.length) body.push(`**${md.fixed}**`, '', ...gapRows(diff.gaps.fixed, locale));
    out.push(
      ...details(
        say((w) => w.markdown.gapsSummary, { introduced: diff.gaps.introduced.length, fixed: diff.gaps.fixed.length }),
        body.filter((line, index, all) => !(index === all.length - 1 && line === '')),
      ),
    );
  }

  const changes = diff.sections.reduce((sum, section) => sum + sectionCount(section), 0) + (diff.settings.length ? 1 : 0);
  if (changes) {
    const body: string[] = [];
    if (diff.settings.length) body.push(`**${words.settings}**`, '', `- ${describeChanges(diff.settings, style, locale)}`, '');
    for (const section of diff.sections) {
      const kind = section.section;
      body.push(`**${sectionTitle(section.section, locale)}**`, '');
      for (const entity of section.added) body.push(`- ${say((w) => w.markdown.addedItem, { kind, id: code(entity.id), name: escapeCell(entity.name) })}`);
      for (const entity of section.removed) body.push(`- ${say((w) => w.markdown.removedItem, { kind, id: code(entity.id), name: escapeCell(entity.name) })}`);
      for (const rename of section.renamed) {
        const changes = rename.changes.length > 0 ? `; ${describeChanges(rename.changes, style, locale)}` : '';
        body.push(`- ${say((w) => w.markdown.renamedItem, { kind, from: code(rename.from), to: code(rename.to), name: escapeCell(rename.name), changes })}`);
      }
      for (const entity of section.changed)
        body.push(`- ${say((w) => w.markdown.changedItem, { kind, id: code(entity.id), changes: describeChanges(entity.changes, style, locale) })}`);
      for (const entity of section.reordered?.moved ?? [])
        body.push(`- ${say((w) => w.markdown.movedItem, { kind, id: code(entity.id), name: escapeCell(entity.name), before: entity.before, after: entity.after })}`);
      body.push('');
    }
    body.pop();
    out.push(
      ...details(
        say((w) => w.markdown.changesSummary, { count: changes }),
        body,
      ),
    );
  }

  if (diff.cells.length) {
    out.push(
      ...details(
        say((w) => w.markdown.cellsSummary, { count: diff.cells.length }),
        [
          `| ${md.stage} | ${md.channel} | ${md.before} | ${md.after} |`,
          '| --- | --- | --- | --- |',
          ...diff.cells.map(
            (cell) => `| ${escapeCell(cell.stage.name)} | ${escapeCell(cell.channel.name)} | ${cellStatus(cell.before, locale)} | ${cellStatus(cell.after, locale)} |`,
          ),
        ],
      ),
    );
  }

  if (diff.ranks.length) {
    out.push(
      ...details(
        say((w) => w.markdown.ranksSummary, { count: diff.ranks.length }),
        [
          `| ${md.useCase} | ${md.before} | ${md.after} |`,
          '| --- | ---: | ---: |',
          ...diff.ranks.map((rank) => `| ${code(rank.id)} ${escapeCell(rank.name)} | ${rank.before} | ${rank.after} |`),
        ],
      ),
    );
  }

  const head = options.head;
  if (head) {
    const section = diff.sections.find((entry) => entry.section === 'scenarios');
    const ids = section
      ? [...section.added.map((entity) => entity.id), ...section.renamed.map((rename) => rename.to), ...section.changed.map((entity) => entity.id)]
      : [];
    const render =
      options.renderScenario ??
      ((id: string, model: Model) => {
        const scenario = model.index.scenarios.get(id);
        return scenario ? scenarioDiagram(model, scenario, '').text : undefined;
      });
    const body: string[] = [];
    for (const id of ids) {
      const mermaid = render(id, head);
      if (mermaid === undefined) continue;
      body.push(`**${code(id)} ${escapeCell(head.index.scenarios.get(id)?.name ?? '')}**`, '', '```mermaid', mermaid.trimEnd(), '```', '');
    }
    body.pop();
    if (body.length)
      out.push(
        ...details(
          say((w) => w.markdown.flowsSummary, { count: ids.length }),
          body,
        ),
      );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

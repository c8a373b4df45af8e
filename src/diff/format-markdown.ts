import { escapeCell } from '../formatters/markdown.js';
import type { Model } from '../model/types.js';
import { cellStatus, describeChanges, gapSubject, SECTION_TITLES, sectionCount } from './describe.js';
import { isEmptyDiff, type Gap, type WorkspaceDiff } from './diff.js';
import { scenarioDiagram } from '../renderers/scenario.js';

export interface MarkdownDiffOptions {
  /** The head model, to draw the flows of added and changed scenarios. */
  head?: Model;
  /** Renders one scenario to Mermaid; defaults to the flow diagram of `omni render`. */
  renderScenario?: (scenarioId: string, model: Model) => string | undefined;
}

/** A value in a code span; text that could break out of one is escaped instead. */
function code(text: string): string {
  return /[`\r\n]/.test(text) ? escapeCell(text) : `\`${text}\``;
}

const style = { before: code, after: code };

function details(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${escapeCell(summary)}</summary>`, '', ...body, '', '</details>', ''];
}

function gapRows(gaps: readonly Gap[]): string[] {
  return [
    '| Severity | Rule | Entity | Problem | Where |',
    '| --- | --- | --- | --- | --- |',
    ...gaps.map(
      (gap) =>
        `| ${gap.severity === 'error' ? 'error' : 'warning'} | ${code(gap.ruleId)} | ${escapeCell(gapSubject(gap))} | ${escapeCell(gap.message)} | ${escapeCell(`${gap.file}:${gap.line}`)} |`,
    ),
  ];
}

/**
 * The diff as a pull-request comment: a summary table first, every detail folded in
 * <details>, and the flows of added or changed scenarios as Mermaid blocks. All user text
 * is escaped (no raw HTML, no Markdown markup, no way out of a table cell or a fence).
 */
export function formatDiffMarkdown(diff: WorkspaceDiff, options: MarkdownDiffOptions = {}): string {
  const out: string[] = [`### omni diff: ${escapeCell(diff.base.label)} → ${escapeCell(diff.head.label)}`, ''];
  if (isEmptyDiff(diff)) return `${out.join('\n')}No change to the journey.\n`;

  const { summary } = diff;
  // The Moved column appears only when an ordered section (stages, channels…) was reordered.
  const moves = summary.moved > 0;
  out.push(`| | Added | Removed | Renamed | Changed |${moves ? ' Moved |' : ''}`, `| --- | ---: | ---: | ---: | ---: |${moves ? ' ---: |' : ''}`);
  for (const section of diff.sections) {
    const moved = moves ? ` ${section.reordered?.moved.length ?? 0} |` : '';
    out.push(
      `| ${SECTION_TITLES[section.section]} | ${section.added.length} | ${section.removed.length} | ${section.renamed.length} | ${section.changed.length} |${moved}`,
    );
  }
  if (diff.settings.length) out.push(`| Settings (omni.yaml) | | | | ${diff.settings.length} |${moves ? ' |' : ''}`);
  out.push('');
  out.push('| Review | Count |', '| --- | ---: |');
  out.push(`| Matrix cells whose status changed | ${summary.cells} |`);
  out.push(`| Use cases whose priority rank moved | ${summary.ranks} |`);
  out.push(`| Gaps introduced (errors / warnings) | ${summary.introduced.errors} / ${summary.introduced.warnings} |`);
  out.push(`| Gaps fixed (errors / warnings) | ${summary.fixed.errors} / ${summary.fixed.warnings} |`);
  out.push('');
  if (summary.introduced.errors > 0) out.push(`**This change introduces ${summary.introduced.errors} lint error${summary.introduced.errors > 1 ? 's' : ''}.**`, '');

  if (diff.gaps.introduced.length || diff.gaps.fixed.length) {
    const body: string[] = [];
    if (diff.gaps.introduced.length) body.push('**Introduced**', '', ...gapRows(diff.gaps.introduced), '');
    if (diff.gaps.fixed.length) body.push('**Fixed**', '', ...gapRows(diff.gaps.fixed));
    out.push(
      ...details(
        `Gaps: ${diff.gaps.introduced.length} introduced, ${diff.gaps.fixed.length} fixed`,
        body.filter((line, index, all) => !(index === all.length - 1 && line === '')),
      ),
    );
  }

  const changes = diff.sections.reduce((sum, section) => sum + sectionCount(section), 0) + (diff.settings.length ? 1 : 0);
  if (changes) {
    const body: string[] = [];
    if (diff.settings.length) body.push('**Settings (omni.yaml)**', '', `- ${describeChanges(diff.settings, style)}`, '');
    for (const section of diff.sections) {
      body.push(`**${SECTION_TITLES[section.section]}**`, '');
      for (const entity of section.added) body.push(`- added ${section.kind} ${code(entity.id)} ${escapeCell(entity.name)}`);
      for (const entity of section.removed) body.push(`- removed ${section.kind} ${code(entity.id)} ${escapeCell(entity.name)}`);
      for (const rename of section.renamed) {
        const changes = rename.changes.length > 0 ? `; ${describeChanges(rename.changes, style)}` : '';
        body.push(`- renamed ${section.kind} ${code(rename.from)} → ${code(rename.to)} ${escapeCell(rename.name)}${changes}`);
      }
      for (const entity of section.changed) body.push(`- changed ${section.kind} ${code(entity.id)}: ${describeChanges(entity.changes, style)}`);
      for (const entity of section.reordered?.moved ?? [])
        body.push(`- moved ${section.kind} ${code(entity.id)} ${escapeCell(entity.name)}: #${entity.before} → #${entity.after}`);
      body.push('');
    }
    body.pop();
    out.push(...details(`Journey changes: ${changes}`, body));
  }

  if (diff.cells.length) {
    out.push(
      ...details(`Matrix cells: ${diff.cells.length}`, [
        '| Stage | Channel | Before | After |',
        '| --- | --- | --- | --- |',
        ...diff.cells.map((cell) => `| ${escapeCell(cell.stage.name)} | ${escapeCell(cell.channel.name)} | ${cellStatus(cell.before)} | ${cellStatus(cell.after)} |`),
      ]),
    );
  }

  if (diff.ranks.length) {
    out.push(
      ...details(`Use-case priority: ${diff.ranks.length} moved`, [
        '| Use case | Before | After |',
        '| --- | ---: | ---: |',
        ...diff.ranks.map((rank) => `| ${code(rank.id)} ${escapeCell(rank.name)} | ${rank.before} | ${rank.after} |`),
      ]),
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
    if (body.length) out.push(...details(`Scenario flows: ${ids.length}`, body));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

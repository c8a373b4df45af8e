import { STATUS_COLORS } from '../model/labels.js';
import { matrixGrid, type Grid } from '../model/projections.js';
import type { Channel, Model, Stage, Touchpoint, TouchpointStatus } from '../model/types.js';
import { quoted, shorten } from './escape.js';
import { fileNames, NodeIds } from './ids.js';
import { fits, splitToFit } from './limits.js';
import { classDef, lines, type Diagram, type View } from './types.js';
import { wordsFor, type LocaleWords } from './words.js';

const STATUSES: TouchpointStatus[] = ['normal', 'friction', 'opportunity'];
const HEADER = { fill: '1F3864', stroke: '1F3864', text: 'FFFFFF' };
const ROW_HEADER = { fill: 'D9E1F2', stroke: '8EA9DB', text: '1F1F1F' };
/** Touchpoints drawn per cell; the rest are one "+ N more" box (the YAML and the report list them all). */
export const MATRIX_CELL_CAP = 50;

type Cells = Grid<Channel, Stage, Touchpoint>;

/** One page of the grid: these stages as columns, these channels as rows, then the legend. */
function matrixText(words: LocaleWords, cells: Cells, stages: readonly Stage[], channels: readonly Channel[]): string {
  const ids = new NodeIds();
  const columns = stages.length + 1;
  const byStatus: Record<TouchpointStatus, string[]> = { normal: [], friction: [], opportunity: [] };
  const body: string[] = [];
  const headers = [ids.get('corner', 'corner')];
  body.push(`  ${headers[0]}[${quoted(words.channelsStages)}]`);
  for (const stage of stages) {
    const id = ids.get('stage', stage.id);
    headers.push(id);
    body.push(`  ${id}[${quoted(stage.name, 60)}]`);
  }
  const rowHeaders: string[] = [];
  const more: string[] = [];
  for (const channel of channels) {
    const rowId = ids.get('channel', channel.id);
    rowHeaders.push(rowId);
    body.push(`  ${rowId}[${quoted(channel.name, 60)}]`);
    for (const stage of stages) {
      const here = cells.cell(channel.id, stage.id);
      if (here.length === 0) {
        body.push('  space');
        continue;
      }
      body.push(`  block:${ids.get('cell', `${channel.id}--${stage.id}`)}`, '    columns 1');
      for (const touchpoint of here.slice(0, MATRIX_CELL_CAP)) {
        const id = ids.get('tp', touchpoint.id);
        byStatus[touchpoint.status]?.push(id);
        body.push(`    ${id}[${quoted(touchpoint.name, 80)}]`);
      }
      if (here.length > MATRIX_CELL_CAP) {
        const id = ids.get('more', `${channel.id}--${stage.id}`);
        more.push(id);
        body.push(`    ${id}[${quoted(words.more.replace('{count}', String(here.length - MATRIX_CELL_CAP)))}]`);
      }
      body.push('  end');
    }
  }
  // The legend is one block as wide as the grid, holding its own four-column row: a
  // grid narrower than the legend (one or two stages) would otherwise widen and shift.
  const legend = [ids.get('legend', 'legend'), ...STATUSES.map((status) => ids.get('legend', status))];
  body.push(`  block:${ids.get('legend', 'block')}:${columns}`, `    columns ${Math.max(columns, 4)}`);
  body.push(`    ${legend[0]}[${quoted(words.labels.legend)}]`);
  STATUSES.forEach((status, index) => body.push(`    ${legend[index + 1]}[${quoted(words.labels.status[status])}]`));
  if (columns > 4) body.push(`    space:${columns - 4}`);
  body.push('  end');
  return lines(
    'block-beta',
    `  columns ${columns}`,
    body,
    classDef('header', HEADER),
    classDef('rowHeader', ROW_HEADER),
    STATUSES.map((status) => classDef(status, STATUS_COLORS[status])),
    classDef('legendTitle', { fill: 'FFFFFF', stroke: 'FFFFFF', text: '1F1F1F' }),
    `  class ${headers.join(',')} header`,
    rowHeaders.length > 0 && `  class ${rowHeaders.join(',')} rowHeader`,
    STATUSES.filter((status) => byStatus[status].length > 0).map((status) => `  class ${byStatus[status].join(',')} ${status}`),
    more.length > 0 && `  class ${more.join(',')} legendTitle`,
    `  class ${legend[0]} legendTitle`,
    STATUSES.map((status, index) => `  class ${legend[index + 1]} ${status}`),
  );
}

/**
 * The touchpoint matrix as a `block-beta` grid: a header row of stages, then one row per
 * channel whose cells stack that cell's touchpoints, each filled with its status colour;
 * a legend row closes the grid. Touchpoints whose stage or channel is unknown are left out
 * (lint reports them). A grid too large for one Mermaid diagram is paginated by groups
 * of consecutive stages (`matrix/<first stage>.mmd`), and a stage too large alone by
 * groups of channels (`matrix/<stage>--<first channel>.mmd`).
 */
export const matrixView: View = {
  name: 'matrix',
  description: 'touchpoint matrix: stages as columns, channels as rows, touchpoints coloured by status',
  render(model: Model) {
    const words = wordsFor(model.settings.locale);
    // Unplaced touchpoints (unknown stage or channel) are left out: lint reports them.
    const cells = matrixGrid(model);
    const whole = matrixText(words, cells, cells.columns, cells.rows);
    if (fits(whole)) return [{ view: 'matrix', file: 'matrix.mmd', title: words.views.matrix, text: whole }];

    const pages: { stages: readonly Stage[]; channels: readonly Channel[]; text: string; key: string }[] = [];
    const byStages = splitToFit(cells.columns, (group) => matrixText(words, cells, group, cells.rows));
    if (byStages) {
      for (const group of byStages) pages.push({ stages: group.items, channels: cells.rows, text: group.text, key: group.items[0]?.id ?? 'matrix' });
    } else {
      for (const stage of cells.columns) {
        const byChannels =
          splitToFit(cells.rows, (group) => matrixText(words, cells, [stage], group)) ??
          cells.rows.map((channel) => ({ items: [channel], text: matrixText(words, cells, [stage], [channel]) }));
        for (const group of byChannels) pages.push({ stages: [stage], channels: group.items, text: group.text, key: `${stage.id}--${group.items[0]?.id ?? ''}` });
      }
    }
    const names = fileNames(pages.map((page) => page.key));
    return pages.map((page, index): Diagram => {
      const span = (items: readonly { name: string }[]) =>
        items.length > 1 ? `${shorten(items[0]!.name, 40)} → ${shorten(items[items.length - 1]!.name, 40)}` : shorten(items[0]?.name ?? '', 40);
      const channelNote = page.channels.length < cells.rows.length ? ` · ${span(page.channels)}` : '';
      return {
        view: 'matrix',
        file: `matrix/${names[index]}.mmd`,
        title: `${words.views.matrix} (${index + 1}/${pages.length}) — ${span(page.stages)}${channelNote}`,
        text: page.text,
        entity: page.stages[0]?.id,
        split: words.split.matrix,
      };
    });
  },
};

import { STATUS_COLORS } from '../model/labels.js';
import { matrixGrid } from '../model/projections.js';
import type { Model, TouchpointStatus } from '../model/types.js';
import { quoted } from './escape.js';
import { NodeIds } from './ids.js';
import { classDef, lines, type View } from './types.js';
import { wordsFor } from './words.js';

const STATUSES: TouchpointStatus[] = ['normal', 'friction', 'opportunity'];
const HEADER = { fill: '1F3864', stroke: '1F3864', text: 'FFFFFF' };
const ROW_HEADER = { fill: 'D9E1F2', stroke: '8EA9DB', text: '1F1F1F' };

/**
 * The touchpoint matrix as a `block-beta` grid: a header row of stages, then one row per
 * channel whose cells stack that cell's touchpoints, each filled with its status colour;
 * a legend row closes the grid. Touchpoints whose stage or channel is unknown are left out
 * (lint reports them).
 */
export const matrixView: View = {
  name: 'matrix',
  description: 'touchpoint matrix: stages as columns, channels as rows, touchpoints coloured by status',
  render(model: Model) {
    const words = wordsFor(model.settings.locale);
    const ids = new NodeIds();
    // Unplaced touchpoints (unknown stage or channel) are left out: lint reports them.
    const grid = matrixGrid(model);
    const columns = grid.columns.length + 1;
    const byStatus: Record<TouchpointStatus, string[]> = { normal: [], friction: [], opportunity: [] };
    const body: string[] = [];
    const headers = [ids.get('corner', 'corner')];
    body.push(`  ${headers[0]}[${quoted(words.channelsStages)}]`);
    for (const stage of grid.columns) {
      const id = ids.get('stage', stage.id);
      headers.push(id);
      body.push(`  ${id}[${quoted(stage.name, 60)}]`);
    }
    const rowHeaders: string[] = [];
    for (const channel of grid.rows) {
      const rowId = ids.get('channel', channel.id);
      rowHeaders.push(rowId);
      body.push(`  ${rowId}[${quoted(channel.name, 60)}]`);
      for (const stage of grid.columns) {
        const here = grid.cell(channel.id, stage.id);
        if (here.length === 0) {
          body.push('  space');
          continue;
        }
        body.push(`  block:${ids.get('cell', `${channel.id}--${stage.id}`)}`, '    columns 1');
        for (const touchpoint of here) {
          const id = ids.get('tp', touchpoint.id);
          byStatus[touchpoint.status]?.push(id);
          body.push(`    ${id}[${quoted(touchpoint.name, 80)}]`);
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
    return [
      {
        view: 'matrix',
        file: 'matrix.mmd',
        title: words.views.matrix,
        text: lines(
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
          `  class ${legend[0]} legendTitle`,
          STATUSES.map((status, index) => `  class ${legend[index + 1]} ${status}`),
        ),
      },
    ];
  },
};

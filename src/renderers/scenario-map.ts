import { scenarioChannelNames, scenarioMapGrid } from '../model/projections.js';
import type { Model, Scenario } from '../model/types.js';
import { escapeLabel, shorten } from './escape.js';
import { NodeIds } from './ids.js';
import { classDef, lines, type View } from './types.js';
import { wordsFor } from './words.js';

/** Channel names of a scenario's steps, each once, in step order. */
export function channelNames(model: Model, scenario: Scenario): string[] {
  return scenarioChannelNames(model, scenario);
}

/**
 * The scenario map as a `block-beta` grid: lifecycle phases as columns, targets as rows,
 * each scenario in its cell with the channels its steps use.
 */
export const scenarioMapView: View = {
  name: 'scenario-map',
  description: 'scenario map: lifecycle phases × targets, each scenario with its channels',
  render(model: Model) {
    const words = wordsFor(model.settings.locale);
    const ids = new NodeIds();
    // Unplaced scenarios (unknown lifecycle stage or target) are left out: lint reports them.
    const grid = scenarioMapGrid(model);
    const headers = [ids.get('corner', 'corner')];
    const body = [`  ${headers[0]}["${escapeLabel(words.targetsLifecycle)}"]`];
    for (const phase of grid.columns) {
      const id = ids.get('phase', phase.id);
      headers.push(id);
      body.push(`  ${id}["${escapeLabel(shorten(phase.name, 60))}"]`);
    }
    const rowHeaders: string[] = [];
    const scenarioIds: string[] = [];
    for (const target of grid.rows) {
      const rowId = ids.get('target', target.id);
      rowHeaders.push(rowId);
      body.push(`  ${rowId}["${escapeLabel(shorten(target.name, 60))}"]`);
      for (const phase of grid.columns) {
        const here = grid.cell(target.id, phase.id);
        if (here.length === 0) {
          body.push('  space');
          continue;
        }
        body.push(`  block:${ids.get('cell', `${target.id}--${phase.id}`)}`, '    columns 1');
        for (const scenario of here) {
          const id = ids.get('scenario', scenario.id);
          scenarioIds.push(id);
          const channels = channelNames(model, scenario).map((name) => escapeLabel(shorten(name, 40)));
          const label = escapeLabel(shorten(scenario.name, 60)) + (channels.length > 0 ? `<br><i>${channels.join(' · ')}</i>` : '');
          body.push(`    ${id}["${label}"]`);
        }
        body.push('  end');
      }
    }
    return [
      {
        view: 'scenario-map',
        file: 'scenario-map.mmd',
        title: words.views.scenarioMap,
        text: lines(
          'block-beta',
          `  columns ${grid.columns.length + 1}`,
          body,
          classDef('header', { fill: '1F3864', stroke: '1F3864', text: 'FFFFFF' }),
          classDef('rowHeader', { fill: 'D9E1F2', stroke: '8EA9DB', text: '1F1F1F' }),
          classDef('scenario', { fill: 'FFFFFF', stroke: '5B9BD5', text: '1F1F1F' }),
          `  class ${headers.join(',')} header`,
          rowHeaders.length > 0 && `  class ${rowHeaders.join(',')} rowHeader`,
          scenarioIds.length > 0 && `  class ${scenarioIds.join(',')} scenario`,
        ),
      },
    ];
  },
};

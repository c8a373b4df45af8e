import { scenarioChannelNames, scenarioMapGrid } from '../model/projections.js';
import type { Model, Scenario, Target } from '../model/types.js';
import { escapeLabel, shorten } from './escape.js';
import { fileNames, NodeIds } from './ids.js';
import { fits, splitToFit } from './limits.js';
import { classDef, lines, type Diagram, type View } from './types.js';
import { wordsFor, type LocaleWords } from './words.js';

/** Channel names of a scenario's steps, each once, in step order. */
export function channelNames(model: Model, scenario: Scenario): string[] {
  return scenarioChannelNames(model, scenario);
}

/** Channels shown per scenario in its box: the rest are counted. */
const CHANNELS_SHOWN = 8;

/** The grid for these targets (rows), drawing only these scenarios. */
function mapText(model: Model, words: LocaleWords, targets: readonly Target[], scenarios: readonly Scenario[]): string {
  const ids = new NodeIds();
  // Unplaced scenarios (unknown lifecycle stage or target) are left out: lint reports them.
  const grid = scenarioMapGrid({ targets: [...targets], lifecycle: model.lifecycle, scenarios: [...scenarios] });
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
        const all = channelNames(model, scenario);
        const channels = all.slice(0, CHANNELS_SHOWN).map((name) => escapeLabel(shorten(name, 40)));
        if (all.length > CHANNELS_SHOWN) channels.push(escapeLabel(words.more.replace('{count}', String(all.length - CHANNELS_SHOWN))));
        const label = escapeLabel(shorten(scenario.name, 60)) + (channels.length > 0 ? `<br><i>${channels.join(' · ')}</i>` : '');
        body.push(`    ${id}["${label}"]`);
      }
      body.push('  end');
    }
  }
  return lines(
    'block-beta',
    `  columns ${grid.columns.length + 1}`,
    body,
    classDef('header', { fill: '1F3864', stroke: '1F3864', text: 'FFFFFF' }),
    classDef('rowHeader', { fill: 'D9E1F2', stroke: '8EA9DB', text: '1F1F1F' }),
    classDef('scenario', { fill: 'FFFFFF', stroke: '5B9BD5', text: '1F1F1F' }),
    `  class ${headers.join(',')} header`,
    rowHeaders.length > 0 && `  class ${rowHeaders.join(',')} rowHeader`,
    scenarioIds.length > 0 && `  class ${scenarioIds.join(',')} scenario`,
  );
}

/**
 * The scenario map as a `block-beta` grid: lifecycle phases as columns, targets as rows,
 * each scenario in its cell with the channels its steps use. Too large for one Mermaid
 * diagram, it becomes one page per target (`scenario-map/<target>.mmd`), a target's
 * scenarios cut into even parts in declaration order when one page would not fit.
 */
export const scenarioMapView: View = {
  name: 'scenario-map',
  description: 'scenario map: lifecycle phases × targets, each scenario with its channels',
  render(model: Model) {
    const words = wordsFor(model.settings.locale);
    const whole = mapText(model, words, model.targets, model.scenarios);
    if (fits(whole)) return [{ view: 'scenario-map', file: 'scenario-map.mmd', title: words.views.scenarioMap, text: whole }];

    const byTarget = new Map<string, Scenario[]>();
    for (const scenario of model.scenarios) {
      const list = byTarget.get(scenario.target);
      if (list) list.push(scenario);
      else byTarget.set(scenario.target, [scenario]);
    }
    const pages: { target: Target; part: number; parts: number; text: string; key: string }[] = [];
    for (const target of model.targets) {
      const parts = splitToFit(byTarget.get(target.id) ?? [], (group) => mapText(model, words, [target], group));
      // A single scenario always fits (its labels are bounded); splitToFit only fails for one that does not.
      if (!parts) throw new Error(`scenario-map: one scenario of target ${target.id} does not fit in a diagram`);
      parts.forEach((part, index) =>
        pages.push({ target, part: index + 1, parts: parts.length, text: part.text, key: index === 0 ? target.id : `${target.id}-${index + 1}` }),
      );
    }
    const names = fileNames(pages.map((page) => page.key));
    return pages.map((page, index): Diagram => ({
      view: 'scenario-map',
      file: `scenario-map/${names[index]}.mmd`,
      title: `${words.views.scenarioMap} — ${shorten(page.target.name, 60)}${page.parts > 1 ? ` (${page.part}/${page.parts})` : ''}`,
      text: page.text,
      entity: page.target.id,
      split: words.split.scenarioMap,
    }));
  },
};

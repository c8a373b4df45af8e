import type { Model, Scenario } from '../model/types.js';
import { escapeLabel, quoted, shorten } from './escape.js';
import { fileNames, NodeIds } from './ids.js';
import { largestFittingCap } from './limits.js';
import { classDef, lines, type Diagram, type View } from './types.js';
import { wordsFor } from './words.js';

/** Steps drawn at most; a longer scenario shows the first ones, then one "+ N more" box before its goal. */
const STEPS_SHOWN = 150;

/** One scenario as a left-to-right flow: trigger → steps (offset, channel, name) → goal, exit criteria aside. */
export function scenarioDiagram(model: Model, scenario: Scenario, file: string): Diagram {
  const { text } = largestFittingCap(STEPS_SHOWN, (cap) => scenarioText(model, scenario, cap));
  return { view: 'scenario', file, title: shorten(scenario.name, 120), text, entity: scenario.id };
}

function scenarioText(model: Model, scenario: Scenario, cap: number): string {
  const words = wordsFor(model.settings.locale);
  const ids = new NodeIds();
  const trigger = ids.get('trigger', 'trigger');
  const triggerKind = words.labels.trigger[scenario.trigger.type] ?? scenario.trigger.type;
  // A rounded box, not a stadium: Mermaid draws stadiums as a ~40 KB path.
  const body = [`  ${trigger}("${escapeLabel(`${words.trigger} · ${triggerKind}`)}<br><b>${escapeLabel(shorten(scenario.trigger.event, 60))}</b>")`];
  const steps = scenario.steps.slice(0, cap).map((step, index) => {
    const id = ids.get('step', String(index + 1));
    const channel = model.index.channels.get(step.channel)?.name ?? step.channel;
    const what = step.name ?? step.subject ?? step.message ?? words.unnamedStep;
    body.push(`  ${id}["<b>${escapeLabel(`${step.after} · ${shorten(channel, 40)}`)}</b><br>${escapeLabel(shorten(what, 70))}"]`);
    return id;
  });
  if (scenario.steps.length > cap) {
    const id = ids.get('step', 'more');
    body.push(`  ${id}[${quoted(words.more.replace('{count}', String(scenario.steps.length - cap)))}]`);
    steps.push(id);
  }
  const chain = [trigger, ...steps];
  const edges: string[] = [];
  for (let index = 1; index < chain.length; index++) edges.push(`  ${chain[index - 1]} --> ${chain[index]}`);
  const last = chain[chain.length - 1]!;
  const goal = ids.get('goal', 'goal');
  if (scenario.goal !== undefined) {
    body.push(`  ${goal}{{${quoted(`${words.goal}${words.colon}${scenario.goal}`, 70)}}}`);
    edges.push(`  ${last} --> ${goal}`);
  }
  const exit = ids.get('exit', 'exit');
  if (scenario.exit.length > 0) {
    body.push(`  ${exit}[/${quoted(`${words.exit}${words.colon}${scenario.exit.join(', ')}`, 90)}/]`);
    edges.push(`  ${trigger} -.-> ${exit}`);
  }
  return lines(
      'flowchart LR',
      body,
      edges,
      classDef('trigger', { fill: '1F3864', stroke: '1F3864', text: 'FFFFFF' }),
      classDef('step', { fill: 'FFFFFF', stroke: '5B9BD5', text: '1F1F1F' }),
      classDef('goal', { fill: 'C6EFCE', stroke: '548235', text: '1F1F1F' }),
      classDef('exit', { fill: 'F2F2F2', stroke: '7F7F7F', text: '1F1F1F' }, ',stroke-dasharray:4 3'),
      `  class ${trigger} trigger`,
      steps.length > 0 && `  class ${steps.join(',')} step`,
      scenario.goal !== undefined && `  class ${goal} goal`,
      scenario.exit.length > 0 && `  class ${exit} exit`,
  );
}

export const scenarioView: View = {
  name: 'scenario',
  description: 'one flow per scenario: trigger → steps with offset and channel → goal, exit criteria',
  render(model: Model) {
    const names = fileNames(model.scenarios.map((scenario) => scenario.id));
    return model.scenarios.map((scenario, index) => scenarioDiagram(model, scenario, `scenarios/${names[index]}.mmd`));
  },
};

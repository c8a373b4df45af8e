import { isBranching, isLinear, stepsById, walkSteps } from '../model/steps.js';
import type { FlowStep, Model, Scenario } from '../model/types.js';
import { FLOW_WORDS } from '../i18n/flow-words.js';
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
  const edges: string[] = [];
  const goal = ids.get('goal', 'goal');
  let steps: string[];
  let branchNodes: string[] = [];
  if (isLinear(scenario)) {
    steps = scenario.steps.slice(0, cap).map((step, index) => {
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
    for (let index = 1; index < chain.length; index++) edges.push(`  ${chain[index - 1]} --> ${chain[index]}`);
    const last = chain[chain.length - 1]!;
    if (scenario.goal !== undefined) {
      body.push(`  ${goal}{{${quoted(`${words.goal}${words.colon}${scenario.goal}`, 70)}}}`);
      edges.push(`  ${last} --> ${goal}`);
    }
  } else {
    const drawn = drawFlow(model, scenario, ids, body, edges, trigger, { unnamed: words.unnamedStep, more: words.more, cap });
    steps = drawn.steps;
    branchNodes = drawn.branchNodes;
    if (scenario.goal !== undefined) {
      body.push(`  ${goal}{{${quoted(`${words.goal}${words.colon}${scenario.goal}`, 70)}}}`);
      for (const open of drawn.open) edges.push(edge(open, goal));
    }
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
    branchNodes.length > 0 && classDef('branch', { fill: 'FFF2CC', stroke: 'D6B656', text: '1F1F1F' }),
    steps.length > 0 && `  class ${steps.join(',')} step`,
    branchNodes.length > 0 && `  class ${branchNodes.join(',')} branch`,
    scenario.goal !== undefined && `  class ${goal} goal`,
    scenario.exit.length > 0 && `  class ${exit} exit`,
  );
}

/** An edge still to be drawn: from a node, with an optional label (the branch taken). */
interface Open {
  from: string;
  label?: string;
  dotted?: boolean;
}

const edge = (open: Open, to: string): string => `  ${open.from} ${open.dotted ? '-.->' : '-->'}${open.label ? `|${quoted(open.label, 40)}|` : ''} ${to}`;

/**
 * A branching flow: waits as subroutine boxes, decisions and splits as rhombi with one
 * labelled edge per branch, branches meeting again at the step after their branching step,
 * `goto` as a dotted edge to its target, `end` and the control group as end circles.
 * Past `cap` steps (in reading order) and `cap` branches of one step, one "+ N more" box
 * stands for the rest, as for a long linear scenario.
 * Returns the edges left open at the end of the flow (to the goal, when there is one).
 */
function drawFlow(
  model: Model,
  scenario: Scenario,
  ids: NodeIds,
  body: string[],
  edges: string[],
  trigger: string,
  { unnamed, more: moreWords, cap }: { unnamed: string; more: string; cap: number },
): { steps: string[]; branchNodes: string[]; open: Open[] } {
  const words = FLOW_WORDS[model.settings.locale];
  const nodeOf = new Map<FlowStep, string>();
  const ordinalOf = new Map<FlowStep, number>();
  let counter = 0;
  walkSteps(scenario, (step) => {
    ordinalOf.set(step, ++counter);
    nodeOf.set(step, ids.get('step', String(counter)));
  });
  const hidden = (step: FlowStep) => ordinalOf.get(step)! > cap;
  // What the "+ N more" box stands for: steps past the cap, and branches without steps past a step's cap.
  let notShown = counter > cap ? counter - cap : 0;
  let more: string | undefined;
  const moreNode = () => (more ??= ids.get('step', 'more'));
  const steps: string[] = [];
  const branchNodes: string[] = [];
  const byId = stepsById(scenario);
  const sequence = (flow: readonly FlowStep[], incoming: Open[]): Open[] => {
    let open = incoming;
    for (const step of flow) {
      const node = nodeOf.get(step)!;
      if (hidden(step)) {
        for (const from of open) edges.push(edge(from, moreNode()));
        return [];
      }
      if (step.kind === 'goto') {
        const target = byId.get(step.goto);
        // A target past the cap: the box that stands for it.
        const to = target === undefined ? undefined : hidden(target) ? moreNode() : nodeOf.get(target)!;
        if (to) for (const from of open) edges.push(edge({ ...from, dotted: true, label: from.label ?? `${words.goto} ${step.goto}` }, to));
        open = [];
        continue;
      }
      for (const from of open) edges.push(edge(from, node));
      if (step.kind === 'message') {
        const message = step.step;
        const channel = model.index.channels.get(message.channel)?.name ?? message.channel;
        const what = message.name ?? message.subject ?? message.message ?? unnamed;
        const fallback = message.fallback
          ? `<br><i>${escapeLabel(`↪ ${shorten(model.index.channels.get(message.fallback.channel)?.name ?? message.fallback.channel, 30)}`)}</i>`
          : '';
        body.push(`  ${node}["<b>${escapeLabel(`${message.after} · ${shorten(channel, 40)}`)}</b><br>${escapeLabel(shorten(what, 70))}${fallback}"]`);
        steps.push(node);
        open = [{ from: node }];
      } else if (step.kind === 'end') {
        body.push(`  ${node}((${quoted(words.end)}))`);
        open = [];
      } else if (isBranching(step)) {
        branchNodes.push(node);
        const outs: Open[] = [];
        // Branches past the cap go to the "+ N more" box, with one edge for all of them: those
        // whose first step is past it, and the empty ones past the first `cap`.
        let emptyBranches = 0;
        let toMore = false;
        const out = (flow: readonly FlowStep[], start: Open) => {
          const shown = flow.length === 0 ? emptyBranches++ < cap : !hidden(flow[0]!);
          if (shown) outs.push(...branchOut(flow, start));
          else {
            if (flow.length === 0) notShown++;
            toMore = true;
          }
        };
        if (step.kind === 'wait' && step.until.length === 0) {
          // A plain delay: one way on, nothing to label.
          body.push(`  ${node}[[${quoted(`${words.wait} · ${step.timeout}`)}]]`);
          out(step.otherwise?.steps ?? [], { from: node });
        } else if (step.kind === 'wait') {
          body.push(`  ${node}[[${quoted(`${words.wait} · ≤ ${step.timeout}`)}]]`);
          for (const branch of step.until) out(branch.steps, { from: node, label: branch.label ?? branch.name });
          out(step.otherwise?.steps ?? [], { from: node, label: `${words.timeout} ${step.timeout}` });
        } else if (step.kind === 'decision') {
          body.push(`  ${node}{${quoted(step.id ?? words.decision, 40)}}`);
          for (const branch of step.branches) out(branch.steps, { from: node, label: branch.label ?? branch.name });
          out(step.otherwise?.steps ?? [], { from: node, label: words.otherwise });
        } else {
          body.push(`  ${node}{${quoted(step.id ?? words.split, 40)}}`);
          for (const branch of step.branches) out(branch.steps, { from: node, label: `${branch.label ?? branch.name} ${branch.percent}%` });
          if (step.control !== undefined && step.control > 0) {
            const control = ids.get('control', node);
            body.push(`  ${control}((${quoted(`${words.control} ${step.control}%`)}))`);
            edges.push(edge({ from: node, label: words.control }, control));
          }
        }
        if (toMore) edges.push(edge({ from: node }, moreNode()));
        open = outs;
      }
    }
    return open;
  };
  // A branch's own steps, or (empty) its edge straight on to what follows.
  const branchOut = (flow: readonly FlowStep[], start: Open): Open[] => (flow.length > 0 ? sequence(flow, [start]) : [start]);
  let open = sequence(scenario.flow, [{ from: trigger }]);
  if (more !== undefined) {
    body.push(`  ${more}[${quoted(moreWords.replace('{count}', String(notShown)))}]`);
    steps.push(more);
  }
  // A branch that falls through to the end of the flow keeps its labelled edge: to an end circle.
  if (scenario.goal === undefined && open.some((from) => from.label !== undefined)) {
    const done = ids.get('end', 'flow');
    body.push(`  ${done}((${quoted(words.end)}))`);
    for (const from of open) edges.push(edge(from, done));
    open = [];
  }
  return { steps, branchNodes, open };
}

export const scenarioView: View = {
  name: 'scenario',
  description: 'one flow per scenario: trigger → steps with offset and channel → goal, exit criteria',
  render(model: Model) {
    const names = fileNames(model.scenarios.map((scenario) => scenario.id));
    return model.scenarios.map((scenario, index) => scenarioDiagram(model, scenario, `scenarios/${names[index]}.mmd`));
  },
};

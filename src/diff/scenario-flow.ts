import type { Scenario } from '../model/types.js';

// Characters that could end a quoted Mermaid label, open a comment, an entity, an edge label
// or a Markdown string, or close the ```mermaid fence: written as Mermaid entity codes.
const SPECIAL = /["#%&<>`;|\\{}]/g;

function label(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029\s]+/gu, ' ').trim();
  const chars = [...flat];
  const short = chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : flat;
  return `"${short.replace(SPECIAL, (character) => `#${character.codePointAt(0)};`)}"`;
}

/**
 * A scenario's flow as a small Mermaid flowchart: the trigger, then each step in order, then
 * the goal. A minimal drawing for diff comments; node ids are generated, never user text.
 */
export function scenarioFlowchart(scenario: Scenario, channelNames: ReadonlyMap<string, string>): string {
  const lines = ['flowchart TD', `  trigger([${label(`${scenario.trigger.event}`)}])`];
  let previous = 'trigger';
  scenario.steps.forEach((step, index) => {
    const id = `step${index + 1}`;
    const what = step.name ?? step.subject ?? step.message ?? '';
    const text = [`${step.after} · ${channelNames.get(step.channel) ?? step.channel}`, what].filter(Boolean).join(' — ');
    lines.push(`  ${id}[${label(text)}]`, `  ${previous} --> ${id}`);
    previous = id;
  });
  if (scenario.goal) lines.push(`  goal([${label(scenario.goal)}])`, `  ${previous} --> goal`);
  return `${lines.join('\n')}\n`;
}

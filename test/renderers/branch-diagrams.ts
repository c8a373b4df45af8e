import type { Diagram } from '../../src/renderers/types.js';
import { scenarioDiagram } from '../../src/renderers/scenario.js';
import { loadFiles } from '../rules/run-rule.js';
import { SIMULATION_FILES } from '../simulate/fixture.js';

// The branched flowcharts scenario-branches.test.ts reads line by line, and
// parse.e2e.test.ts hands to Mermaid's own parser (jsdom + Mermaid: e2e tier).

/** The simulation fixture's cart scenario: a wait with branches, a split with a control group (and a label on the clicked branch). */
export async function cartDiagram(label?: string): Promise<Diagram> {
  const files =
    label === undefined
      ? SIMULATION_FILES
      : {
          ...SIMULATION_FILES,
          'model.yaml': SIMULATION_FILES['model.yaml']!.toString().replace(
            '              name: clicked\n',
            `              name: clicked\n              label: ${JSON.stringify(label)}\n`,
          ),
        };
  const workspace = await loadFiles(files);
  return scenarioDiagram(workspace.model, workspace.model.index.scenarios.get('cart')!, 'scenarios/cart.mmd');
}

/** The store-visit scenario with a goto and a decision on targets. */
export async function gotoDiagram(): Promise<Diagram> {
  const files = {
    ...SIMULATION_FILES,
    'model.yaml': SIMULATION_FILES['model.yaml']!.toString()
      .replace(
        '            - { name: bought, event: order_placed, steps: [{ after: 1d, channel: email, subject: Thank you }] }',
        '            - { name: bought, event: order_placed, steps: [{ goto: thanks }] }\n            - { name: vip, target: vip, steps: [{ end: true }] }',
      )
      .replace(
        '            - { after: 1d, channel: email, subject: Come back soon }',
        '            - { id: thanks, after: 1d, channel: email, subject: Come back soon }',
      ),
  };
  const workspace = await loadFiles(files);
  return scenarioDiagram(workspace.model, workspace.model.index.scenarios.get('store-visit')!, 'x.mmd');
}

/**
 * A scenario whose wait has `count` one-step branches (the second one's step a goto to the
 * last branch's step), or, with `empty`, a decision with `count` empty branches: more than
 * a diagram can draw.
 */
export async function wideDiagram(count: number, empty = false): Promise<Diagram> {
  const branches = Array.from({ length: count }, (_, index) =>
    empty
      ? `            - { name: b${index}, target: all, steps: [] }`
      : index === 1
        ? `            - { name: b${index}, event: e${index}, steps: [{ goto: last }] }`
        : `            - { name: b${index}, event: e${index}, steps: [{ ${index === count - 1 ? 'id: last, ' : ''}after: "0", channel: email, subject: Branch ${index} }] }`,
  ).join('\n');
  const step = empty ? `      - decision:\n          branches:\n${branches}\n` : `      - wait:\n          timeout: 2d\n          until:\n${branches}\n`;
  const workspace = await loadFiles({
    ...SIMULATION_FILES,
    'wide.yaml': `scenarios:\n  - id: wide\n    name: Wide\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: signed_up }\n    steps:\n${step}`,
  });
  return scenarioDiagram(workspace.model, workspace.model.index.scenarios.get('wide')!, 'scenarios/wide.mmd');
}

/** A weekly newsletter: a message, a plain delay (a wait for no event), and a goto back. */
export const WEEKLY_YAML =
  'scenarios:\n  - id: weekly\n    name: Weekly news\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: signed_up }\n    exit: [unsubscribed]\n    variables: [email_optin]\n    steps:\n      - { id: news, after: "0", channel: email, subject: News }\n      - wait: { timeout: 7d }\n      - goto: news\n';

export async function delayDiagram(): Promise<Diagram> {
  const workspace = await loadFiles({ ...SIMULATION_FILES, 'weekly.yaml': WEEKLY_YAML });
  return scenarioDiagram(workspace.model, workspace.model.index.scenarios.get('weekly')!, 'scenarios/weekly.mmd');
}

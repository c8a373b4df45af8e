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

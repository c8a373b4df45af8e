import { describe, expect, it } from 'vitest';
import { cartDiagram, gotoDiagram } from './branch-diagrams.js';

// Mermaid's parser accepts both diagrams: parse.e2e.test.ts (it loads jsdom and Mermaid).

describe('scenario flowchart with branches', () => {
  it('draws the wait, its labelled branches, the split with its control group, and where branches meet', async () => {
    const diagram = await cartDiagram();
    expect(diagram.text.split('\n').filter((line) => line !== '' && !line.includes('classDef'))).toEqual([
      'flowchart LR',
      '  trigger_trigger("Trigger · Behaviour<br><b>cart_abandoned</b>")',
      '  step_1["<b>1h · Email</b><br>Your cart is waiting<br><i>↪ SMS</i>"]',
      '  step_2[["Wait · ≤ 1d"]]',
      '  step_3["<b>2h · SMS</b><br>Still hesitating?"]',
      '  step_4{"offer"}',
      '  step_5["<b>0 · Email</b><br>10#37; off"]',
      '  step_6["<b>0 · Email</b><br>Free delivery"]',
      '  control_step_4(("control 10#37;"))',
      '  step_7["<b>2d · Email</b><br>Last call"]',
      '  goal_goal{{"Goal: order_placed"}}',
      '  trigger_trigger --> step_1',
      '  step_1 --> step_2',
      '  step_2 -->|"clicked"| step_3',
      '  step_2 -->|"no event within 1d"| step_4',
      '  step_4 -->|"discount 40#37;"| step_5',
      '  step_4 -->|"delivery 50#37;"| step_6',
      '  step_4 -->|"control"| control_step_4',
      // The three branches meet again at the last call.
      '  step_3 --> step_7',
      '  step_5 --> step_7',
      '  step_6 --> step_7',
      '  step_7 --> goal_goal',
      '  class trigger_trigger trigger',
      '  class step_1,step_3,step_5,step_6,step_7 step',
      '  class step_2,step_4 branch',
      '  class goal_goal goal',
    ]);
  });

  it('draws a goto as a dotted edge and a decision on targets', async () => {
    const { text } = await gotoDiagram();
    expect(text).toContain('  step_1 -.->|"bought"| step_4');
    expect(text).toContain('  step_1 -->|"vip"| step_3');
    expect(text).toContain('  step_3(("End"))');
  });

  // Found by label-fuzz.e2e.test.ts: Mermaid rejected a bare |label| holding quotes or brackets.
  it('quotes edge labels, so a branch label with brackets, quotes or an arrow stays one label', async () => {
    const diagram = await cartDiagram("a') --> B('b");
    expect(diagram.text).toContain('  step_2 -->|"a\') --#gt; B(\'b"| step_3');
  });
});

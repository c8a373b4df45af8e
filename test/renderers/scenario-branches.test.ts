import { describe, expect, it } from 'vitest';
import { edgeCount, fits } from '../../src/renderers/limits.js';
import { cartDiagram, delayDiagram, gotoDiagram, wideDiagram } from './branch-diagrams.js';

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

  it('draws a plain delay (a wait for no event) as a wait of its duration with one unlabelled way on', async () => {
    const { text } = await delayDiagram();
    expect(text.split('\n').filter((line) => / (-->|-\.->)/.test(line) || line.includes('[['))).toEqual([
      '  step_2[["Wait · 7d"]]',
      '  trigger_trigger --> step_1',
      '  step_1 --> step_2',
      '  step_2 -.->|"go to news"| step_1',
      '  trigger_trigger -.-> exit_exit',
    ]);
  });

  // Found by label-fuzz.e2e.test.ts: Mermaid rejected a bare |label| holding quotes or brackets.
  it('quotes edge labels, so a branch label with brackets, quotes or an arrow stays one label', async () => {
    const diagram = await cartDiagram("a') --> B('b");
    expect(diagram.text).toContain('  step_2 -->|"a\') --#gt; B(\'b"| step_3');
  });
  // Found rendering pathological plans: a wait of 600 branches was "a bug in omni" (52,859 characters).
  it('draws the first 150 steps of a branching scenario, then one "+ N more" box for the branches past them', async () => {
    const { text } = await wideDiagram(600);
    expect(fits(text)).toBe(true);
    // 601 steps: the wait and one per branch.
    expect(text).toContain('  step_more["+ 451 more"]');
    // One edge from the wait for all the branches not drawn; branch b1's goto to the last branch's step leads to the box too.
    expect(text.split('\n').filter((line) => line.endsWith(' step_more'))).toEqual(['  step_1 -.->|"b1"| step_more', '  step_1 --> step_more']);
    // Every link counts against Mermaid's maxEdges, labelled ones too.
    expect(edgeCount(text)).toBe(text.split('\n').filter((line) => / (-->|-\.->)/.test(line)).length);
    expect(edgeCount(text)).toBeGreaterThan(150);
    const empty = await wideDiagram(600, true);
    expect(fits(empty.text)).toBe(true);
    expect(empty.text).toContain('  step_more["+ 451 more"]');
  });
});

import { describe, expect, it } from 'vitest';
import { loadFiles } from '../rules/run-rule.js';
import { withFlow } from '../rules/branches.js';
import { branchLabel, forEachMessage, reachableSteps, stepId, walkSteps } from '../../src/model/steps.js';
import type { FlowStep, Scenario } from '../../src/model/types.js';

async function scenarioOf(lines: string[]): Promise<Scenario> {
  const workspace = await loadFiles(withFlow(lines));
  return workspace.model.scenarios.find((scenario) => scenario.id === 'seq')!;
}

const describeStep = (step: FlowStep): string =>
  step.kind === 'message' ? `${step.step.channel}@${step.step.after}` : step.kind === 'goto' ? `goto ${step.goto}` : step.kind;

const FLOW = [
  '- { id: first, after: J+1, channel: email, fallback: { channel: web } }',
  '- wait:',
  '    until:',
  '      - { event: cart_abandoned, name: again, steps: [{ after: "0", channel: web }, { end: true }] }',
  '    timeout: 2d',
  '    otherwise:',
  '      - decision:',
  '          branches: [{ name: vip, target: all, steps: [{ goto: first }] }]',
  '          otherwise: [{ split: { branches: [{ name: a, percent: 50, steps: [{ after: 1d, channel: email }] }, { name: b, percent: 50 }] } }]',
  '- { after: J+1, channel: web }',
];

describe('the steps walker', () => {
  it('visits every step depth first in document order, with the branches leading to it', async () => {
    const visited: string[] = [];
    walkSteps(await scenarioOf(FLOW), (step, path, _sequence, index) => visited.push(`${branchLabel(path) || 'top'} #${index + 1} ${describeStep(step)}`));
    expect(visited).toEqual([
      'top #1 email@J+1',
      'top #2 wait',
      'wait › again #1 web@0',
      'wait › again #2 end',
      'wait › otherwise #1 decision',
      'wait › otherwise › decision › vip #1 goto first',
      'wait › otherwise › decision › otherwise #1 split',
      'wait › otherwise › decision › otherwise › split › a #1 email@1d',
      'top #3 web@J+1',
    ]);
  });

  it('lists every message, fallbacks included, and keeps the flat steps list in document order', async () => {
    const scenario = await scenarioOf(FLOW);
    const messages: string[] = [];
    forEachMessage(scenario, (message, path, fallbackOf) =>
      messages.push(`${message.channel}${fallbackOf ? ' (fallback)' : ''} ${message.origin.path.slice(2).join('.')} ${branchLabel(path)}`.trim()),
    );
    expect(messages).toEqual([
      'email steps.0',
      'web (fallback) steps.0.fallback',
      'web steps.1.wait.until.0.steps.0 wait › again',
      'email steps.1.wait.otherwise.0.decision.otherwise.0.split.branches.0.steps.0 wait › otherwise › decision › otherwise › split › a',
      'web steps.2',
    ]);
    expect(scenario.steps.map((step) => step.channel)).toEqual(['email', 'web', 'email', 'web']);
    expect(scenario.steps[0]!.fallback).toMatchObject({ channel: 'web', when: ['no-consent', 'bounced'] });
  });

  it('reaches past a wait and a decision with otherwise only through a branch that falls through', async () => {
    const scenario = await scenarioOf(FLOW);
    const reached = reachableSteps(scenario);
    const unreached: string[] = [];
    walkSteps(scenario, (step) => {
      if (!reached.has(step)) unreached.push(stepId(step) ?? describeStep(step));
    });
    // Split branch b is empty and falls through: the last step is reached.
    expect(unreached).toEqual([]);
  });

  it('a linear scenario is one sequence: steps and flow hold the same steps', async () => {
    const scenario = await scenarioOf(['- { after: J+1, channel: web }', '- { after: J+2, channel: email }']);
    expect(scenario.flow.map((node) => (node.kind === 'message' ? node.step : undefined))).toEqual(scenario.steps);
    expect(scenario.reentry).toBeUndefined();
  });
});

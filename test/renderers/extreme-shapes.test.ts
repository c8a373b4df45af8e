import { describe, expect, it } from 'vitest';
import { renderDiagrams } from '../../src/renderers/index.js';
import { edgeCount, fits } from '../../src/renderers/limits.js';
import { loadFiles } from '../rules/run-rule.js';

/**
 * Valid plans of extreme shapes, one dimension pushed far past what a diagram can draw:
 * 2,000 touchpoints in one cell, a use case on 900 touchpoints, a scenario reading 800
 * variables, names of 2,000 characters, 900 programmes, 1,500 use cases, a wait of 600
 * branches, a decision of 600 empty ones. Every view must still fit Mermaid's limits (split,
 * paged or capped), never be "a bug in omni".
 */
interface Shape {
  stages?: number;
  channels?: number;
  touchpoints?: number;
  programs?: number;
  useCases?: number;
  touchpointsPerUseCase?: number;
  variables?: number;
  variablesPerScenario?: number;
  sources?: number;
  scenarios?: number;
  nameLength?: number;
  steps?: (scenario: number) => string;
}

const list = (count: number, entry: (index: number) => string) => Array.from({ length: count }, (_, index) => `  - ${entry(index)}`).join('\n');

function plan(shape: Shape): Record<string, string> {
  const { stages = 1, channels = 1, touchpoints = 1, programs = 1, useCases = 1, variables = 1, sources = 1, scenarios = 1 } = shape;
  const long = 'x'.repeat(shape.nameLength ?? 0);
  const perUseCase = shape.touchpointsPerUseCase ?? 1;
  const perScenario = shape.variablesPerScenario ?? 1;
  const steps = shape.steps ?? (() => '      - { after: J+1, channel: c0, subject: Hello }');
  const scenario = (index: number) =>
    `id: sc${index}\n    name: "Scenario ${index}${long}"\n    program: p${index % programs}\n    lifecycle: activation\n    target: all\n    useCases: [u${index % useCases}]\n    trigger: { type: event, event: go }\n    variables: [${Array.from({ length: perScenario }, (_, k) => `v${(index * perScenario + k) % variables}`).join(', ')}]\n    steps:\n${steps(index)}`;
  return {
    'omni.yaml': 'name: Extreme\nlocale: en\nrules:\n  unproduced-event: "off"\n  empty-branch: "off"\n',
    'plan.yaml': [
      `stages:\n${list(stages, (i) => `{ id: s${i}, name: "Stage ${i}${long}" }`)}`,
      `channels:\n${list(channels, (i) => `{ id: c${i}, name: "Channel ${i}${long}" }`)}`,
      `touchpoints:\n${list(touchpoints, (i) => `{ id: t${i}, name: "Touchpoint ${i}${long}", stage: s${i % stages}, channel: c${i % channels}, status: opportunity }`)}`,
      `programs:\n${list(programs, (i) => `{ id: p${i}, name: "Programme ${i}${long}" }`)}`,
      'targets:\n  - { id: all, name: All }',
      `useCases:\n${list(useCases, (i) => `{ id: u${i}, name: "Use case ${i}${long}", touchpoints: [${Array.from({ length: perUseCase }, (_, k) => `t${(i * perUseCase + k) % touchpoints}`).join(', ')}], scores: { business: 3, experience: 3, difficulty: 1 } }`)}`,
      `sources:\n${list(sources, (i) => `{ id: src${i}, name: "Source ${i}" }`)}`,
      `variables:\n${list(variables, (i) => `{ id: v${i}, name: "Variable ${i}", sources: [src${i % sources}], consentFor: [c0] }`)}`,
      `scenarios:\n${list(scenarios, scenario)}`,
      '',
    ].join('\n'),
  };
}

const branches = (count: number, entry: (index: number) => string) => Array.from({ length: count }, (_, index) => `            - ${entry(index)}`).join('\n');

const SHAPES: Record<string, Shape> = {
  'a cell of 2,000 touchpoints': { touchpoints: 2000 },
  'a use case on 900 touchpoints': { touchpoints: 900, touchpointsPerUseCase: 900 },
  'a scenario reading 800 variables from 300 sources': { variables: 800, variablesPerScenario: 800, sources: 300 },
  'names of 2,000 characters in a 30 × 30 matrix': { stages: 30, channels: 30, touchpoints: 200, nameLength: 2000 },
  '900 programmes of one scenario each': { programs: 900, scenarios: 900 },
  '1,500 use cases': { useCases: 1500, touchpoints: 300, scenarios: 10 },
  'a wait of 600 branches': {
    steps: () =>
      `      - wait:\n          timeout: 2d\n          until:\n${branches(600, (b) => `{ event: e${b}, steps: [{ after: "0", channel: c0, subject: Branch ${b} }] }`)}`,
  },
  'a decision of 600 empty branches': { steps: () => `      - decision:\n          branches:\n${branches(600, (b) => `{ name: b${b}, target: all, steps: [] }`)}` },
};

describe('plans of extreme shapes', () => {
  it.each(Object.keys(SHAPES))('%s: every view fits', async (name) => {
    const workspace = await loadFiles(plan(SHAPES[name]!));
    expect(workspace.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'schema' || diagnostic.ruleId === 'yaml-syntax')).toEqual([]);
    const diagrams = renderDiagrams(workspace.model);
    const over = diagrams
      .filter((diagram) => !fits(diagram.text))
      .map((diagram) => `${diagram.file}: ${edgeCount(diagram.text)} links, ${diagram.text.length} characters`);
    expect(over).toEqual([]);
  });
});

// A plugin: rules made with omni's own createRule, for what a pattern cannot say.
// Listed in omni.yaml under `plugins:`; see docs/format.md#plugins.
import { createRule } from 'omni-journey';

export const rules = [
  createRule({
    id: 'house-max-steps',
    description: 'A scenario sends more messages than the house allows.',
    defaultSeverity: 'warn',
    docsUrl: 'https://github.com/omni-journey/omni/blob/main/examples/teams/README.md#house-max-steps',
    options: {
      max: { type: 'integer', minimum: 1, default: 5, description: 'Most steps a scenario may have.' },
    },
    check({ model, options, report }) {
      for (const scenario of model.scenarios) {
        if (scenario.steps.length <= options.max) continue;
        report({
          message: `scenario "${scenario.id}" has ${scenario.steps.length} steps, more than ${options.max}`,
          location: { file: scenario.origin.file, path: [...scenario.origin.path, 'steps'], target: 'key' },
          entity: { kind: 'scenario', id: scenario.id },
          suggestion: 'split it, or drop the weakest step',
        });
      }
    },
  }),
];

import type { Model } from '../model/types.js';
import { quoted } from './escape.js';
import { NodeIds } from './ids.js';
import { classDef, lines, type View } from './types.js';
import { wordsFor } from './words.js';

/**
 * Sources → variables → scenarios that use them. A variable with no known source is
 * filled red: a scenario would personalise or target with data nobody provides.
 */
export const dataLineageView: View = {
  name: 'data-lineage',
  description: 'data lineage: sources → variables → scenarios; variables without a source in red',
  render(model: Model) {
    const words = wordsFor(model.settings.locale);
    const ids = new NodeIds();
    const body: string[] = [];
    const edges: string[] = [];
    const sourceIds = model.sources.map((source) => {
      const id = ids.get('source', source.id);
      body.push(`  ${id}[(${quoted(source.name, 50)})]`);
      return id;
    });
    const sourcedIds: string[] = [];
    const orphanIds: string[] = [];
    for (const variable of model.variables) {
      const id = ids.get('variable', variable.id);
      const sources = variable.sources.filter((source) => model.index.sources.has(source));
      (sources.length > 0 ? sourcedIds : orphanIds).push(id);
      body.push(`  ${id}[${quoted(sources.length > 0 ? variable.name : `${variable.name} (${words.noSource})`, 60)}]`);
      for (const source of sources) edges.push(`  ${ids.get('source', source)} --> ${id}`);
    }
    const scenarioIds: string[] = [];
    for (const scenario of model.scenarios) {
      const variables = scenario.variables.filter((variable) => model.index.variables.has(variable));
      if (variables.length === 0) continue;
      const id = ids.get('scenario', scenario.id);
      scenarioIds.push(id);
      body.push(`  ${id}([${quoted(scenario.name, 60)}])`);
      for (const variable of variables) edges.push(`  ${ids.get('variable', variable)} --> ${id}`);
    }
    return [
      {
        view: 'data-lineage',
        file: 'data-lineage.mmd',
        title: words.views.dataLineage,
        text: lines(
          'flowchart LR',
          body,
          [...new Set(edges)],
          // Many-to-many links: light grey lines keep the boxes readable over them.
          edges.length > 0 && '  linkStyle default stroke:#A6A6A6,stroke-width:1px',
          classDef('source', { fill: '1F3864', stroke: '1F3864', text: 'FFFFFF' }),
          classDef('variable', { fill: 'FFFFFF', stroke: '5B9BD5', text: '1F1F1F' }),
          classDef('noSource', { fill: 'FF0000', stroke: '9C0006', text: 'FFFFFF' }, ',stroke-width:3px'),
          classDef('scenario', { fill: 'D9E1F2', stroke: '5B9BD5', text: '1F1F1F' }),
          sourceIds.length > 0 && `  class ${sourceIds.join(',')} source`,
          sourcedIds.length > 0 && `  class ${sourcedIds.join(',')} variable`,
          orphanIds.length > 0 && `  class ${orphanIds.join(',')} noSource`,
          scenarioIds.length > 0 && `  class ${scenarioIds.join(',')} scenario`,
        ),
      },
    ];
  },
};

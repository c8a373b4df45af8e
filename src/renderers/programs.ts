import type { Model } from '../model/types.js';
import { quoted } from './escape.js';
import { NodeIds } from './ids.js';
import { classDef, lines, type View } from './types.js';
import { wordsFor } from './words.js';

/**
 * Programmes → scenarios → the use cases they serve. Use cases no scenario serves are
 * drawn dashed at the right, so the gap shows; references to unknown ids are left out
 * (lint reports them).
 */
export const programsView: View = {
  name: 'programs',
  description: 'programmes → scenarios → use cases they serve',
  render(model: Model) {
    const words = wordsFor(model.settings.locale);
    const ids = new NodeIds();
    const body: string[] = [];
    const edges: string[] = [];
    const programIds = model.programs.map((program) => {
      const id = ids.get('program', program.id);
      body.push(`  ${id}([${quoted(program.name, 50)}])`);
      return id;
    });
    const scenarioIds = model.scenarios.map((scenario) => {
      const id = ids.get('scenario', scenario.id);
      body.push(`  ${id}[${quoted(scenario.name, 60)}]`);
      if (model.index.programs.has(scenario.program)) edges.push(`  ${ids.get('program', scenario.program)} --> ${id}`);
      return id;
    });
    const served = new Set<string>();
    for (const scenario of model.scenarios) {
      for (const useCase of scenario.useCases) {
        if (!model.index.useCases.has(useCase)) continue;
        served.add(useCase);
        edges.push(`  ${ids.get('scenario', scenario.id)} --> ${ids.get('usecase', useCase)}`);
      }
    }
    const servedIds: string[] = [];
    const unservedIds: string[] = [];
    for (const useCase of model.useCases) {
      const id = ids.get('usecase', useCase.id);
      const isServed = served.has(useCase.id);
      (isServed ? servedIds : unservedIds).push(id);
      body.push(`  ${id}(${quoted(isServed ? useCase.name : `${useCase.name} (${words.noScenario})`, 70)})`);
    }
    return [
      {
        view: 'programs',
        file: 'programs.mmd',
        title: words.views.programs,
        text: lines(
          'flowchart LR',
          body,
          [...new Set(edges)],
          classDef('program', { fill: '1F3864', stroke: '1F3864', text: 'FFFFFF' }),
          classDef('scenario', { fill: 'D9E1F2', stroke: '5B9BD5', text: '1F1F1F' }),
          classDef('useCase', { fill: 'FFF2CC', stroke: 'D6B656', text: '1F1F1F' }),
          classDef('unserved', { fill: 'FFFFFF', stroke: '7F7F7F', text: '595959' }, ',stroke-dasharray:4 3'),
          programIds.length > 0 && `  class ${programIds.join(',')} program`,
          scenarioIds.length > 0 && `  class ${scenarioIds.join(',')} scenario`,
          servedIds.length > 0 && `  class ${servedIds.join(',')} useCase`,
          unservedIds.length > 0 && `  class ${unservedIds.join(',')} unserved`,
        ),
      },
    ];
  },
};

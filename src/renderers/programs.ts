import type { Model, Program, Scenario, UseCase } from '../model/types.js';
import { quoted, shorten } from './escape.js';
import { fileNames, NodeIds } from './ids.js';
import { fits, splitToFit } from './limits.js';
import { classDef, lines, type Diagram, type View } from './types.js';
import { wordsFor, type LocaleWords } from './words.js';

/** Use cases linked per scenario at most; the rest are one "+ N more" box (the report lists them all). */
const USE_CASES_PER_SCENARIO = 30;

/** What one programmes diagram draws: programmes (or the "no programme" box), their scenarios, and use cases. */
interface ProgramsPart {
  programs: readonly Program[];
  /** A stand-in programme box for scenarios whose programme is unknown or missing. */
  orphanBox?: string;
  scenarios: readonly Scenario[];
  /** Use cases drawn even when no scenario of the part serves them (the whole view, or the "unserved" part). */
  unserved: readonly UseCase[];
}

// Shapes: Mermaid draws a stadium (`([…])`) as a ~40 KB hand-drawn path, so the views use
// rectangles, rounded rectangles and subroutines, which are a few bytes each.
function programsText(model: Model, words: LocaleWords, part: ProgramsPart): string {
  const ids = new NodeIds();
  const body: string[] = [];
  const edges: string[] = [];
  const programIds = part.programs.map((program) => {
    const id = ids.get('program', program.id);
    body.push(`  ${id}[[${quoted(program.name, 50)}]]`);
    return id;
  });
  const orphanId = part.orphanBox !== undefined ? ids.get('program', '') : undefined;
  if (orphanId) {
    body.push(`  ${orphanId}[[${quoted(part.orphanBox!, 50)}]]`);
    programIds.push(orphanId);
  }
  const drawnPrograms = new Set(part.programs.map((program) => program.id));
  const moreNodes: string[] = [];
  const moreIds: string[] = [];
  const served = new Map<string, UseCase>();
  const scenarioIds = part.scenarios.map((scenario) => {
    const id = ids.get('scenario', scenario.id);
    body.push(`  ${id}[${quoted(scenario.name, 60)}]`);
    if (drawnPrograms.has(scenario.program)) edges.push(`  ${ids.get('program', scenario.program)} --> ${id}`);
    else if (orphanId) edges.push(`  ${orphanId} --> ${id}`);
    const known = [...new Set(scenario.useCases)].filter((useCaseId) => model.index.useCases.has(useCaseId));
    for (const useCaseId of known.slice(0, USE_CASES_PER_SCENARIO)) {
      served.set(useCaseId, model.index.useCases.get(useCaseId)!);
      edges.push(`  ${id} --> ${ids.get('usecase', useCaseId)}`);
    }
    if (known.length > USE_CASES_PER_SCENARIO) {
      const moreId = ids.get('more', scenario.id);
      moreNodes.push(`  ${moreId}(${quoted(words.more.replace('{count}', String(known.length - USE_CASES_PER_SCENARIO)))})`);
      moreIds.push(moreId);
      edges.push(`  ${id} -.-> ${moreId}`);
    }
    return id;
  });
  const servedIds: string[] = [];
  const unservedIds: string[] = [];
  // Use cases in declaration order, after the scenarios: dagre then keeps each rank in the order it met the nodes.
  const unserved = new Set(part.unserved.map((useCase) => useCase.id));
  for (const useCase of model.useCases) {
    const isServed = served.has(useCase.id);
    if (!isServed && !unserved.has(useCase.id)) continue;
    const id = ids.get('usecase', useCase.id);
    (isServed ? servedIds : unservedIds).push(id);
    body.push(`  ${id}(${quoted(isServed ? useCase.name : `${useCase.name} (${words.noScenario})`, 70)})`);
  }
  // A node with no link lands in the first column, among the programmes, where links to the
  // scenarios pass behind it: an invisible link from a scenario puts it with the use cases.
  body.push(...moreNodes);
  const anchor = scenarioIds[scenarioIds.length - 1];
  if (anchor) for (const id of unservedIds) edges.push(`  ${anchor} ~~~ ${id}`);
  return lines(
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
    moreIds.length > 0 && `  class ${moreIds.join(',')} unserved`,
  );
}

/**
 * Programmes → scenarios → the use cases they serve. Use cases no scenario serves are
 * drawn dashed, so the gap shows; references to unknown ids are left out (lint reports
 * them). Scenarios are declared grouped by programme, in the programmes' declared order,
 * so the layout keeps that order from top to bottom. Too large for one diagram, the view
 * becomes one diagram per programme (`programs/<programme>.mmd`, cut in even parts when
 * needed), then one for scenarios without a known programme and one for unserved use cases.
 */
export const programsView: View = {
  name: 'programs',
  description: 'programmes → scenarios → use cases they serve',
  render(model: Model) {
    const words = wordsFor(model.settings.locale);
    const byProgram = new Map<string, Scenario[]>(model.programs.map((program) => [program.id, []]));
    const orphans: Scenario[] = [];
    for (const scenario of model.scenarios) (byProgram.get(scenario.program) ?? orphans).push(scenario);
    const ordered = [...[...byProgram.values()].flat(), ...orphans];
    const servedIds = new Set(model.scenarios.flatMap((scenario) => scenario.useCases));
    const unserved = model.useCases.filter((useCase) => !servedIds.has(useCase.id));
    const whole = programsText(model, words, { programs: model.programs, scenarios: ordered, unserved });
    if (fits(whole)) return [{ view: 'programs', file: 'programs.mmd', title: words.views.programs, text: whole }];

    const pages: { key: string; title: string; entity?: string; text: string }[] = [];
    const addParts = (key: string, title: string, entity: string | undefined, parts: { text: string }[] | undefined, what: string) => {
      if (!parts) throw new Error(`programs: one ${what} does not fit in a diagram`);
      parts.forEach((part, index) =>
        pages.push({
          key: index === 0 ? key : `${key}-${index + 1}`,
          title: parts.length > 1 ? `${title} (${index + 1}/${parts.length})` : title,
          entity,
          text: part.text,
        }),
      );
    };
    for (const program of model.programs) {
      const scenarios = byProgram.get(program.id)!;
      addParts(
        program.id,
        `${words.program}${words.colon}${shorten(program.name, 60)}`,
        program.id,
        splitToFit(scenarios, (group) => programsText(model, words, { programs: [program], scenarios: group, unserved: [] })),
        'scenario',
      );
    }
    if (orphans.length > 0) {
      addParts(
        'no-program',
        words.noProgram,
        undefined,
        splitToFit(orphans, (group) => programsText(model, words, { programs: [], orphanBox: words.noProgram, scenarios: group, unserved: [] })),
        'scenario',
      );
    }
    if (unserved.length > 0) {
      addParts(
        'unserved',
        words.unserved,
        undefined,
        splitToFit(unserved, (group) => programsText(model, words, { programs: [], scenarios: [], unserved: group })),
        'use case',
      );
    }
    const names = fileNames(pages.map((page) => page.key));
    return pages.map((page, index): Diagram => ({
      view: 'programs',
      file: `programs/${names[index]}.mmd`,
      title: `${words.views.programs} — ${page.title}`,
      text: page.text,
      ...(page.entity !== undefined ? { entity: page.entity } : {}),
      split: words.split.programs,
    }));
  },
};

import type { Model, Scenario, Source, Variable } from '../model/types.js';
import { quoted, shorten } from './escape.js';
import { fileNames, NodeIds } from './ids.js';
import { fits, largestFittingCap, splitToFit } from './limits.js';
import { classDef, lines, type Diagram, type View } from './types.js';
import { wordsFor, type LocaleWords } from './words.js';

/** Past this many variables one diagram is a hairball: the view is drawn per source. */
export const LINEAGE_VARIABLES_PER_DIAGRAM = 25;
/** Scenarios drawn per variable at most; the rest are one "+ N more" box (the report lists them all). */
const SCENARIOS_PER_VARIABLE = 12;

interface LineagePart {
  sources: readonly Source[];
  variables: readonly Variable[];
}

/** Scenarios using each variable, in declaration order. */
function usersOf(model: Model): Map<string, Scenario[]> {
  const users = new Map<string, Scenario[]>();
  for (const scenario of model.scenarios) {
    for (const variable of new Set(scenario.variables)) {
      const list = users.get(variable);
      if (list) list.push(scenario);
      else users.set(variable, [scenario]);
    }
  }
  return users;
}

function lineageText(model: Model, words: LocaleWords, users: ReadonlyMap<string, Scenario[]>, part: LineagePart, cap: number): string {
  const ids = new NodeIds();
  const body: string[] = [];
  const edges: string[] = [];
  const drawnSources = new Set(part.sources.map((source) => source.id));
  const sourceIds = part.sources.map((source) => {
    const id = ids.get('source', source.id);
    body.push(`  ${id}[(${quoted(source.name, 50)})]`);
    return id;
  });
  const sourcedIds: string[] = [];
  const orphanIds: string[] = [];
  const scenarioNodes: string[] = [];
  const scenarioIds: string[] = [];
  const moreIds: string[] = [];
  const drawnScenarios = new Set<string>();
  for (const variable of part.variables) {
    const id = ids.get('variable', variable.id);
    const sources = variable.sources.filter((source) => model.index.sources.has(source));
    (sources.length > 0 ? sourcedIds : orphanIds).push(id);
    body.push(`  ${id}[${quoted(sources.length > 0 ? variable.name : `${variable.name} (${words.noSource})`, 60)}]`);
    for (const source of sources) if (drawnSources.has(source)) edges.push(`  ${ids.get('source', source)} --> ${id}`);
    const using = users.get(variable.id) ?? [];
    for (const scenario of using.slice(0, cap)) {
      const scenarioId = ids.get('scenario', scenario.id);
      if (!drawnScenarios.has(scenario.id)) {
        drawnScenarios.add(scenario.id);
        scenarioIds.push(scenarioId);
        scenarioNodes.push(`  ${scenarioId}(${quoted(scenario.name, 60)})`);
      }
      edges.push(`  ${id} --> ${scenarioId}`);
    }
    if (using.length > cap) {
      const moreId = ids.get('more', variable.id);
      moreIds.push(moreId);
      scenarioNodes.push(`  ${moreId}(${quoted(words.more.replace('{count}', String(using.length - cap)))})`);
      edges.push(`  ${id} -.-> ${moreId}`);
    }
  }
  return lines(
    'flowchart LR',
    body,
    scenarioNodes,
    [...new Set(edges)],
    // Many-to-many links: light grey lines keep the boxes readable over them.
    edges.length > 0 && '  linkStyle default stroke:#A6A6A6,stroke-width:1px',
    classDef('source', { fill: '1F3864', stroke: '1F3864', text: 'FFFFFF' }),
    classDef('variable', { fill: 'FFFFFF', stroke: '5B9BD5', text: '1F1F1F' }),
    classDef('noSource', { fill: 'FF0000', stroke: '9C0006', text: 'FFFFFF' }, ',stroke-width:3px'),
    classDef('scenario', { fill: 'D9E1F2', stroke: '5B9BD5', text: '1F1F1F' }),
    classDef('more', { fill: 'FFFFFF', stroke: '7F7F7F', text: '595959' }, ',stroke-dasharray:4 3'),
    sourceIds.length > 0 && `  class ${sourceIds.join(',')} source`,
    sourcedIds.length > 0 && `  class ${sourcedIds.join(',')} variable`,
    orphanIds.length > 0 && `  class ${orphanIds.join(',')} noSource`,
    scenarioIds.length > 0 && `  class ${scenarioIds.join(',')} scenario`,
    moreIds.length > 0 && `  class ${moreIds.join(',')} more`,
  );
}

/**
 * Sources → variables → scenarios that use them. A variable with no known source is
 * filled red: a scenario would personalise or target with data nobody provides.
 *
 * Up to 25 variables it is one diagram. Past that, many-to-many lines make one diagram
 * unreadable long before Mermaid's limits, so it is drawn per source
 * (`data-lineage/<source>.mmd`): the source, its variables (at most 25 per diagram, in
 * declared order) and the scenarios using them; variables without a known source are in
 * `data-lineage/no-source.mmd`. Grouping by source keeps the question a data owner asks
 * ("what depends on my system?") on one page; the report's table has the full cross-reference.
 * A variable used by more than 12 scenarios shows the first ones and a "+ N more" box.
 */
export const dataLineageView: View = {
  name: 'data-lineage',
  description: 'data lineage: sources → variables → scenarios; variables without a source in red',
  render(model: Model) {
    const words = wordsFor(model.settings.locale);
    const users = usersOf(model);
    if (model.variables.length <= LINEAGE_VARIABLES_PER_DIAGRAM) {
      const whole = lineageText(model, words, users, { sources: model.sources, variables: model.variables }, SCENARIOS_PER_VARIABLE);
      if (fits(whole)) return [{ view: 'data-lineage', file: 'data-lineage.mmd', title: words.views.dataLineage, text: whole }];
    }
    const groups: { key: string; title: string; entity?: string; sources: Source[]; variables: Variable[] }[] = model.sources.map((source) => ({
      key: source.id,
      title: `${words.source}${words.colon}${shorten(source.name, 60)}`,
      entity: source.id,
      sources: [source],
      variables: [],
    }));
    const bySource = new Map(groups.map((group) => [group.key, group]));
    const orphans: Variable[] = [];
    for (const variable of model.variables) {
      const known = variable.sources.filter((source) => bySource.has(source));
      if (known.length === 0) orphans.push(variable);
      for (const source of new Set(known)) bySource.get(source)!.variables.push(variable);
    }
    if (orphans.length > 0) groups.push({ key: 'no-source', title: `${words.variable} (${words.noSource})`, sources: [], variables: orphans });

    const pages: { key: string; title: string; entity?: string; text: string }[] = [];
    for (const group of groups) {
      const build = (variables: readonly Variable[]) =>
        largestFittingCap(SCENARIOS_PER_VARIABLE, (cap) => lineageText(model, words, users, { sources: group.sources, variables }, cap)).text;
      const parts = splitToFit(group.variables, build, LINEAGE_VARIABLES_PER_DIAGRAM);
      if (!parts) throw new Error(`data-lineage: one variable of ${group.key} does not fit in a diagram`);
      parts.forEach((part, index) =>
        pages.push({
          key: index === 0 ? group.key : `${group.key}-${index + 1}`,
          title: parts.length > 1 ? `${group.title} (${index + 1}/${parts.length})` : group.title,
          entity: group.entity,
          text: part.text,
        }),
      );
    }
    const names = fileNames(pages.map((page) => page.key));
    return pages.map((page, index): Diagram => ({
      view: 'data-lineage',
      file: `data-lineage/${names[index]}.mmd`,
      title: `${words.views.dataLineage} — ${page.title}`,
      text: page.text,
      ...(page.entity !== undefined ? { entity: page.entity } : {}),
      split: words.split.dataLineage,
    }));
  },
};

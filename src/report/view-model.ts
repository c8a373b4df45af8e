import type { Diagnostic } from '../diagnostics/types.js';
import { ruleDescription, VOCABULARY, type Locale } from '../i18n/index.js';
import { LABELS, STATUS_COLORS } from '../model/labels.js';
import { firstDeclarations, lintSummaryByRule, matrixGrid, scenarioChannelNames, scenarioMapGrid, severityCounts } from '../model/projections.js';
import { rankUseCases } from '../model/priority.js';
import { relationsOf } from '../model/relations.js';
import type { Model, Scenario, TouchpointStatus } from '../model/types.js';
import type { RuleMeta } from '../rules/create-rule.js';
import { isLinear } from '../model/steps.js';
import { fallbackText, flowView, personasView, scenarioAnchor, stepNames, type FlowItemView, type PersonasView } from './dynamics.js';
import { unsafeSvgReason } from './svg-safety.js';
import { REPORT_STRINGS, type ReportStrings } from './strings.js';

/** The diagrams the report embeds, by key: one priority chart, one data lineage, one flow per scenario. */
export const DIAGRAM_KEYS = {
  useCases: 'use-cases',
  dataLineage: 'data-lineage',
  /** One part of a data lineage split per source, by its file under data-lineage/. */
  dataLineagePart: (file: string) => `data-lineage:${file}`,
  scenario: (id: string) => `scenario:${id}`,
} as const;

/**
 * What the diagram step produced: SVG per key, or why there are none. `failed` lists
 * keys whose rendering failed (the rest of the report still has them as notes).
 */
export type DiagramOutcome =
  | {
      status: 'rendered';
      svgs: ReadonlyMap<string, string>;
      /** Captions of diagrams that are parts of a split view. */
      labels?: ReadonlyMap<string, string>;
      /** The stylesheets shared by the SVGs (SharedStyles), put once in the page. */
      css?: string;
    }
  | { status: 'skipped' }
  | { status: 'unavailable' };

/** An SVG to embed, or the sentence shown in its place. */
export interface DiagramSlot {
  svg: string | null;
  note: string | null;
  label: string;
}

export interface StatusLegendItem {
  status: TouchpointStatus;
  label: string;
}

export interface MatrixTouchpoint {
  id: string;
  name: string;
  description: string | null;
  status: TouchpointStatus;
  statusLabel: string;
}

export interface MatrixCell {
  /** The single status of every touchpoint in the cell, or null when empty or mixed. */
  status: TouchpointStatus | null;
  touchpoints: MatrixTouchpoint[];
  stage: string;
}

export interface MatrixRow {
  id: string;
  name: string;
  kind: string | null;
  consent: boolean;
  cells: MatrixCell[];
}

export interface UseCaseRow {
  id: string;
  rank: number;
  manual: boolean;
  name: string;
  description: string | null;
  category: string | null;
  objective: string | null;
  owner: string | null;
  touchpoints: { name: string; status: TouchpointStatus | null }[];
  business: number;
  experience: number;
  difficulty: number;
  /** Score as text with a true minus sign, e.g. "−1". */
  score: string;
  scenarios: { anchor: string; name: string }[];
}

export interface MapCell {
  scenarios: { anchor: string; name: string; channels: string[] }[];
}

export interface ScenarioView {
  id: string;
  anchor: string;
  name: string;
  description: string | null;
  owner: string | null;
  facts: { label: string; value: string }[];
  useCases: string[];
  triggerType: string;
  triggerEvent: string;
  triggerDescription: string | null;
  exit: string[];
  goal: string | null;
  variables: { name: string; id: string; gap: boolean }[];
  /** Whether any step has a name or description (else the action column is left out). */
  hasActions: boolean;
  /** True when the steps branch (waits, decisions, splits, gotos, ends): shown as `flow`, else as the `steps` table. */
  branching: boolean;
  /** The nested list of a branching scenario; empty for a linear one. */
  flow: FlowItemView[];
  steps: {
    number: number;
    /** The table row's in-page anchor (the calendar links to it); null when the steps are shown as `flow`. */
    anchor: string | null;
    after: string;
    channel: string;
    name: string | null;
    subject: string | null;
    message: string | null;
    description: string | null;
    fallback: string | null;
  }[];
  diagram: DiagramSlot;
}

export interface VariableRow {
  id: string;
  name: string;
  description: string | null;
  sources: string[];
  gap: boolean;
  usedBy: { id: string; anchor: string; name: string }[];
  pii: boolean;
  consentFor: string[];
}

export interface SourceRow {
  id: string;
  name: string;
  type: string | null;
  owner: string | null;
  variables: string[];
}

export interface LintRuleGroup {
  ruleId: string;
  description: string;
  severity: 'error' | 'warn';
  severityLabel: string;
  count: number;
  items: { where: string; message: string; suggestion: string | null }[];
}

export interface ReportView {
  strings: ReportStrings;
  lang: string;
  title: string;
  name: string;
  updated: string;
  stats: { value: number; label: string; tone: string }[];
  legend: { title: string; items: StatusLegendItem[] };
  matrix: { stages: { id: string; name: string; description: string | null }[]; rows: MatrixRow[]; unplaced: MatrixTouchpoint[]; empty: boolean };
  useCases: { rows: UseCaseRow[]; weights: string; chart: DiagramSlot };
  scenarioMap: {
    columns: { id: string; name: string }[];
    rows: { id: string; name: string; definition: string | null; cells: MapCell[] }[];
    unplaced: { id: string; anchor: string; name: string }[];
    empty: boolean;
  };
  scenarios: ScenarioView[];
  /** The data lineage: one slot, or one per part when the view is split per source. */
  data: { variables: VariableRow[]; gapCount: number; sources: SourceRow[]; lineage: DiagramSlot[] };
  /** Mermaid's stylesheets, shared by the embedded SVGs (inserted raw: checked by SharedStyles). */
  diagramCss: string;
  lint: { errors: number; warnings: number; groups: LintRuleGroup[]; clean: boolean };
  /** Each persona's simulated calendar, with the pressure and quiet-hours violations. */
  personas: PersonasView;
  /** The CSS colour of each status, for the stylesheet (the template's colours). */
  statusColors: { status: TouchpointStatus; fill: string; stroke: string; text: string }[];
}

export interface ReportInput {
  model: Model;
  diagnostics: readonly Diagnostic[];
  rules: readonly RuleMeta[];
  diagrams: DiagramOutcome;
}

const STATUSES: readonly TouchpointStatus[] = ['normal', 'friction', 'opportunity'];

/** A number as a stakeholder reads it: true minus sign, no trailing zeros. */
export function formatScore(value: number): string {
  const text = Number.isInteger(value) ? String(Math.abs(value)) : String(Math.round(Math.abs(value) * 100) / 100);
  return value < 0 ? `\u2212${text}` : text;
}

const orNull = (text: string | undefined): string | null => (text === undefined || text === '' ? null : text);

export { scenarioAnchor };

function diagramSlot(outcome: DiagramOutcome, key: string, label: string, strings: ReportStrings): DiagramSlot {
  if (outcome.status === 'skipped') return { svg: null, note: strings.diagrams.skipped, label };
  if (outcome.status === 'unavailable') return { svg: null, note: strings.diagrams.unavailable, label };
  const svg = outcome.svgs.get(key);
  // Markup that could run or fetch anything is never embedded, whatever produced it.
  if (svg === undefined || unsafeSvgReason(svg) !== undefined) return { svg: null, note: strings.diagrams.failed, label };
  return { svg, note: null, label };
}

/** The lineage as drawn: the parts of a split lineage in render order, else the one diagram (or its note). */
function lineageSlots(outcome: DiagramOutcome, strings: ReportStrings): DiagramSlot[] {
  if (outcome.status === 'rendered') {
    const prefix = DIAGRAM_KEYS.dataLineagePart('');
    const parts = [...outcome.svgs.keys()].filter((key) => key.startsWith(prefix));
    if (parts.length > 0) return parts.map((key) => diagramSlot(outcome, key, outcome.labels?.get(key) ?? strings.data.lineage, strings));
  }
  return [diagramSlot(outcome, DIAGRAM_KEYS.dataLineage, strings.data.lineage, strings)];
}

/**
 * Everything the report shows, computed from the model and the lint result: plain data,
 * no HTML. The templates only lay it out, so every decision is tested here.
 */
export function buildReportView(input: ReportInput): ReportView {
  const { model, diagnostics, rules, diagrams } = input;
  const locale = model.settings.locale;
  const strings = REPORT_STRINGS[locale];
  const labels = LABELS[locale];
  const relations = relationsOf(model);
  const nameOf = <T extends { name: string }>(map: ReadonlyMap<string, T>, id: string): string => map.get(id)?.name ?? id;

  const matrixTouchpoint = (touchpoint: Model['touchpoints'][number]): MatrixTouchpoint => ({
    id: touchpoint.id,
    name: touchpoint.name,
    description: orNull(touchpoint.description),
    status: touchpoint.status,
    statusLabel: labels.status[touchpoint.status],
  });

  // Matrix: channels × stages in declaration order; touchpoints whose stage or channel is unknown are listed apart.
  const grid = matrixGrid(model);
  const unplaced = grid.unplaced.map(matrixTouchpoint);
  const rows: MatrixRow[] = grid.rows.map((channel) => ({
    id: channel.id,
    name: channel.name,
    kind: channel.type === undefined ? null : channel.type === 'online' ? strings.matrix.online : strings.matrix.offline,
    consent: channel.requiresConsent === true,
    cells: grid.columns.map((stage) => {
      const touchpoints = grid.cell(channel.id, stage.id).map(matrixTouchpoint);
      const statuses = new Set(touchpoints.map((touchpoint) => touchpoint.status));
      return { status: statuses.size === 1 ? touchpoints[0]!.status : null, touchpoints, stage: stage.name };
    }),
  }));

  // Use cases, in the one ranking every output shares.
  const weights = model.settings.priorityWeights;
  const useCaseRows: UseCaseRow[] = rankUseCases(model).map(({ useCase, score, rank, manual }) => ({
    id: useCase.id,
    rank,
    manual,
    name: useCase.name,
    description: orNull(useCase.description),
    category: orNull(useCase.category),
    objective: orNull(useCase.objective),
    owner: orNull(useCase.owner),
    touchpoints: useCase.touchpoints.map((id) => {
      const touchpoint = model.index.touchpoints.get(id);
      return { name: touchpoint?.name ?? id, status: touchpoint?.status ?? null };
    }),
    business: useCase.scores.business,
    experience: useCase.scores.experience,
    difficulty: useCase.scores.difficulty,
    score: formatScore(score),
    scenarios: (relations.scenariosByUseCase.get(useCase.id) ?? []).map((scenario) => ({ anchor: scenarioAnchor(scenario.id), name: scenario.name })),
  }));
  const weightsText = `${strings.useCases.business} × ${formatScore(weights.business)} + ${strings.useCases.experience} × ${formatScore(weights.experience)} \u2212 ${strings.useCases.difficulty} × ${formatScore(weights.difficulty)}`;

  // Scenario map: targets × lifecycle stages.
  const map = scenarioMapGrid(model);
  const mapScenario = (scenario: Scenario): MapCell['scenarios'][number] => ({
    anchor: scenarioAnchor(scenario.id),
    name: scenario.name,
    channels: scenarioChannelNames(model, scenario),
  });
  const unplacedScenarios: ReportView['scenarioMap']['unplaced'] = map.unplaced.map((scenario) => ({
    id: scenario.id,
    anchor: scenarioAnchor(scenario.id),
    name: scenario.name,
  }));

  const variableGap = (variable: Model['variables'][number]) => variable.sources.length === 0;
  const scenarios: ScenarioView[] = uniqueById(model.scenarios).map((scenario) => {
    const facts: ScenarioView['facts'] = [
      { label: strings.scenario.program, value: nameOf(model.index.programs, scenario.program) },
      { label: strings.scenario.lifecycle, value: nameOf(model.index.lifecycle, scenario.lifecycle) },
      { label: strings.scenario.target, value: nameOf(model.index.targets, scenario.target) },
    ];
    if (scenario.owner) facts.push({ label: strings.scenario.owner, value: scenario.owner });
    if (scenario.reentry)
      facts.push({ label: strings.flow.reentry, value: strings.flow.reentryValues[scenario.reentry === 'unless-goal' ? 'unlessGoal' : scenario.reentry] });
    const branching = !isLinear(scenario);
    const anchors = branching ? undefined : stepNames(scenario).byStep;
    return {
      id: scenario.id,
      anchor: scenarioAnchor(scenario.id),
      name: scenario.name,
      description: orNull(scenario.description),
      owner: orNull(scenario.owner),
      facts,
      useCases: scenario.useCases.map((id) => nameOf(model.index.useCases, id)),
      triggerType: labels.trigger[scenario.trigger.type] ?? scenario.trigger.type,
      triggerEvent: scenario.trigger.event,
      triggerDescription: orNull(scenario.trigger.description),
      exit: scenario.exit,
      goal: orNull(scenario.goal),
      variables: scenario.variables.map((id) => {
        const variable = model.index.variables.get(id);
        return { id, name: variable?.name ?? id, gap: variable ? variableGap(variable) : true };
      }),
      hasActions: scenario.steps.some((step) => Boolean(step.name || step.description)),
      branching,
      flow: branching ? flowView(model, scenario, strings) : [],
      steps: scenario.steps.map((step, index) => ({
        number: index + 1,
        // A linear scenario's flow is its steps, one to one.
        anchor: anchors?.get(scenario.flow[index]!)?.anchor ?? null,
        after: step.after,
        channel: nameOf(model.index.channels, step.channel),
        name: orNull(step.name),
        subject: orNull(step.subject),
        message: orNull(step.message),
        description: orNull(step.description),
        fallback: step.fallback ? fallbackText(model, step.fallback, strings) : null,
      })),
      diagram: diagramSlot(diagrams, DIAGRAM_KEYS.scenario(scenario.id), `${strings.scenario.flow} — ${scenario.name}`, strings),
    };
  });

  const variables: VariableRow[] = uniqueById(model.variables).map((variable) => ({
    id: variable.id,
    name: variable.name,
    description: orNull(variable.description),
    sources: variable.sources.map((id) => nameOf(model.index.sources, id)),
    gap: variableGap(variable),
    usedBy: (relations.scenariosByVariable.get(variable.id) ?? []).map((scenario) => ({
      id: scenario.id,
      anchor: scenarioAnchor(scenario.id),
      name: scenario.name,
    })),
    pii: variable.pii === true,
    consentFor: (variable.consentFor ?? []).map((id) => nameOf(model.index.channels, id)),
  }));
  const sources: SourceRow[] = uniqueById(model.sources).map((source) => ({
    id: source.id,
    name: source.name,
    type: orNull(source.type),
    owner: orNull(source.owner),
    variables: (relations.variablesBySource.get(source.id) ?? []).map((variable) => variable.name),
  }));
  const gapCount = variables.filter((variable) => variable.gap).length;

  const lint = lintSummary(diagnostics, rules, strings, locale);
  const frictions = model.touchpoints.filter((touchpoint) => touchpoint.status === 'friction').length;
  const opportunities = model.touchpoints.filter((touchpoint) => touchpoint.status === 'opportunity').length;

  return {
    strings,
    lang: strings.lang,
    title: `${model.settings.name} — ${strings.title}`,
    name: model.settings.name,
    updated: model.settings.updated ? `${strings.updated} ${formatDate(model.settings.updated, locale)}` : strings.undated,
    stats: [
      { value: model.touchpoints.length, label: strings.stats.touchpoints, tone: 'neutral' },
      { value: frictions, label: strings.stats.friction, tone: 'friction' },
      { value: opportunities, label: strings.stats.opportunity, tone: 'opportunity' },
      { value: model.useCases.length, label: strings.stats.useCases, tone: 'neutral' },
      { value: model.scenarios.length, label: strings.stats.scenarios, tone: 'neutral' },
      { value: gapCount, label: strings.stats.dataGaps, tone: gapCount > 0 ? 'gap' : 'neutral' },
      { value: lint.errors, label: strings.stats.errors, tone: lint.errors > 0 ? 'error' : 'neutral' },
      { value: lint.warnings, label: strings.stats.warnings, tone: lint.warnings > 0 ? 'warn' : 'neutral' },
    ],
    legend: { title: labels.legend, items: STATUSES.map((status) => ({ status, label: labels.status[status] })) },
    matrix: {
      stages: grid.columns.map((stage) => ({ id: stage.id, name: stage.name, description: orNull(stage.description) })),
      rows,
      unplaced,
      empty: rows.length === 0 || model.stages.length === 0,
    },
    useCases: {
      rows: useCaseRows,
      weights: weightsText,
      chart: diagramSlot(diagrams, DIAGRAM_KEYS.useCases, strings.useCases.chart, strings),
    },
    scenarioMap: {
      columns: map.columns.map((stage) => ({ id: stage.id, name: stage.name })),
      rows: map.rows.map((target) => ({
        id: target.id,
        name: target.name,
        definition: orNull(target.definition),
        cells: map.columns.map((stage) => ({ scenarios: map.cell(target.id, stage.id).map(mapScenario) })),
      })),
      unplaced: unplacedScenarios,
      empty: model.scenarios.length === 0,
    },
    scenarios,
    data: { variables, gapCount, sources, lineage: lineageSlots(diagrams, strings) },
    diagramCss: diagrams.status === 'rendered' ? (diagrams.css ?? '') : '',
    lint,
    // Entities the schema rejected are not in the model: the calendars say they may be incomplete.
    personas: personasView(
      model,
      strings,
      diagnostics.some((diagnostic) => diagnostic.ruleId === 'schema' || diagnostic.ruleId === 'yaml-syntax'),
    ),
    statusColors: STATUSES.map((status) => ({ status, ...hexColors(STATUS_COLORS[status]) })),
  };
}

function hexColors(colors: { fill: string; stroke: string; text: string }) {
  return { fill: `#${colors.fill}`, stroke: `#${colors.stroke}`, text: `#${colors.text}` };
}

/** Duplicate ids are a lint error; the report shows the first declaration, like every lookup. */
const uniqueById = firstDeclarations;

/** "2026-11-01" → "1 novembre 2026" / "1 November 2026"; any other text is shown as written. */
export function formatDate(date: string, locale: 'fr' | 'en'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const month = match ? VOCABULARY[locale].terms.months[Number(match[2]) - 1] : undefined;
  if (!match || !month) return date;
  const day = Number(match[3]);
  return `${day === 1 ? VOCABULARY[locale].terms.firstDay : day} ${month} ${match[1]}`;
}

/** Diagnostics grouped by rule (the shared order: errors first, most frequent first, then by rule id), each with its file:line:col. */
export function lintSummary(diagnostics: readonly Diagnostic[], rules: readonly RuleMeta[], strings: ReportStrings, locale: Locale = 'en'): ReportView['lint'] {
  const ruleById = new Map(rules.map((rule) => [rule.id, rule]));
  const groups: LintRuleGroup[] = lintSummaryByRule(diagnostics).map((group) => ({
    ruleId: group.ruleId,
    description: (locale === 'en' ? undefined : ruleDescription(group.ruleId, locale)) ?? ruleById.get(group.ruleId)?.description ?? '',
    severity: group.severity,
    severityLabel: group.severity === 'error' ? strings.lint.error : strings.lint.warn,
    count: group.count,
    items: group.diagnostics.map((diagnostic) => ({
      where: `${diagnostic.file}:${diagnostic.range.start.line}:${diagnostic.range.start.column}`,
      message: diagnostic.message,
      suggestion: orNull(diagnostic.suggestion),
    })),
  }));
  const { errors, warnings } = severityCounts(diagnostics);
  return { errors, warnings, groups, clean: diagnostics.length === 0 };
}

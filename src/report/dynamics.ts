import { formatMessage, listWords, type ReportStrings } from '../i18n/index.js';
import { branchLabel, nextSteps, stepId, stepsById, walkSteps, type BranchPath } from '../model/steps.js';
import type { Branch, FallbackReason, FlowStep, Locale, Model, Scenario } from '../model/types.js';
import { simulationPhrases } from '../simulate/describe.js';
import { formatMoment, parseAt, simulationsOf, type PersonaSimulation } from '../simulate/engine.js';

/**
 * The report's view of journey dynamics: a branching scenario's steps as a nested list,
 * and each persona's calendar from the simulator (`simulationsOf`, the engine of
 * `omni simulate` and of the pressure rules, computed once per model). Plain data, words
 * already in the report's locale; the templates only lay it out.
 */

/** Anchor ids in the page: ids are [a-z0-9_-] by schema, prefixed so they never clash with ours. */
export const scenarioAnchor = (id: string): string => `scenario-${id}`;

/** In-page anchor of a step: its walk order in the scenario (1-based), so any step id is safe. */
export const stepAnchor = (scenarioId: string, order: number): string => `step-${order}-of-${scenarioId}`;
export const personaAnchor = (id: string): string => `persona-${id}`;

/** A link to a step, or the step's name alone when it has no anchor. */
export interface StepLink {
  label: string;
  anchor: string | null;
}

export interface FlowMessageView {
  after: string;
  channel: string;
  name: string | null;
  subject: string | null;
  message: string | null;
  fallback: { text: string; subject: string | null; message: string | null } | null;
}

export interface FlowBranchView {
  /** The branch's label, else its name ("otherwise" in the locale for otherwise branches). */
  name: string;
  /** What sends contacts down it: "on store_visit", "nothing within 8d", "40%", "if …". */
  condition: string | null;
  steps: FlowItemView[];
  /** Where its contacts go after its last step, when they fall through (branches meeting again). */
  then: { text: string; step: StepLink | null } | null;
  /** The control group of a split: no steps, they leave. */
  control: boolean;
  /** An otherwise the author did not write (time-out of a wait, no branch of a decision): no "no step" note. */
  implicit: boolean;
}

export interface FlowItemView {
  kind: FlowStep['kind'];
  /** The step's id, else its place ("2", "wait › clicked › 1"): the name the calendar uses. */
  ref: string;
  anchor: string;
  description: string | null;
  message: FlowMessageView | null;
  /** Waits, decisions and splits. */
  branching: { title: string; branches: FlowBranchView[] } | null;
  goto: { text: string; step: StepLink } | null;
  end: string | null;
}

const orNull = (text: string | undefined): string | null => (text === undefined || text === '' ? null : text);

/** A step's place, as the simulator and unreachable-step name it. */
const placeOf = (path: BranchPath, index: number): string => (path.length > 0 ? `${branchLabel(path)} › ${index + 1}` : String(index + 1));

/** Each step's name (id, else place) and anchor; names in walk order, the first step wins on a repeated id. */
export function stepNames(scenario: Scenario): { byStep: Map<FlowStep, StepLink>; byName: Map<string, StepLink> } {
  const byStep = new Map<FlowStep, StepLink>();
  const byName = new Map<string, StepLink>();
  let order = 0;
  walkSteps(scenario, (step, path, _sequence, index) => {
    const link = { label: stepId(step) ?? placeOf(path, index), anchor: stepAnchor(scenario.id, ++order) };
    byStep.set(step, link);
    if (!byName.has(link.label)) byName.set(link.label, link);
  });
  return { byStep, byName };
}

const channelName = (model: Model, id: string): string => model.index.channels.get(id)?.name ?? id;

function reasonsText(when: readonly FallbackReason[], words: ReportStrings['flow'], locale: Locale): string {
  return listWords(
    when.map((reason) => (reason === 'no-consent' ? words.reasons.noConsent : words.reasons.bounced)),
    locale,
  );
}

/** The nested list of a branching scenario, every branch with what leads into it and where it goes after. */
export function flowView(model: Model, scenario: Scenario, strings: ReportStrings): FlowItemView[] {
  const locale = model.settings.locale;
  const words = strings.flow;
  const { byStep } = stepNames(scenario);
  const byId = stepsById(scenario);
  const next = nextSteps(scenario);
  const fill = (template: string, data: Record<string, string | number>) => formatMessage(template, data, locale);

  const branchView = (branch: Branch, condition: string | null, parent: FlowStep, otherwise = false): FlowBranchView => {
    const last = branch.steps[branch.steps.length - 1];
    // Contacts fall through unless the branch's last step ends or jumps: they go on with the step after its branching step.
    // A last step that branches says it for each of its own branches.
    let then: FlowBranchView['then'] = null;
    if (last === undefined || last.kind === 'message') {
      const following = next.get(parent);
      then = following ? { text: words.rejoin, step: byStep.get(following)! } : { text: words.finish, step: null };
    }
    return { name: otherwise ? words.otherwise : (branch.label ?? branch.name), condition, steps: sequence(branch.steps), then, control: false, implicit: false };
  };

  const otherwiseView = (step: FlowStep, otherwise: Branch | undefined, condition: string | null): FlowBranchView =>
    otherwise
      ? branchView(otherwise, condition, step, true)
      : { ...branchView({ name: 'otherwise', steps: [], origin: step.kind === 'message' ? step.step.origin : step.origin }, condition, step, true), implicit: true };

  const item = (step: FlowStep): FlowItemView => {
    const link = byStep.get(step)!;
    const base: FlowItemView = { kind: step.kind, ref: link.label, anchor: link.anchor!, description: null, message: null, branching: null, goto: null, end: null };
    switch (step.kind) {
      case 'message': {
        const message = step.step;
        const fallback = message.fallback;
        return {
          ...base,
          description: orNull(message.description),
          message: {
            after: message.after,
            channel: channelName(model, message.channel),
            name: orNull(message.name),
            subject: orNull(message.subject),
            message: orNull(message.message),
            fallback: fallback
              ? {
                  text: fallbackText(model, fallback, strings),
                  subject: orNull(fallback.subject ?? fallback.name),
                  message: orNull(fallback.message),
                }
              : null,
          },
        };
      }
      case 'wait':
        // A plain delay (no event waited for): its time-out is all there is.
        if (step.until.length === 0)
          return {
            ...base,
            description: orNull(step.description),
            branching: { title: fill(words.delay, { timeout: step.timeout }), branches: step.otherwise ? [otherwiseView(step, step.otherwise, null)] : [] },
          };
        return {
          ...base,
          description: orNull(step.description),
          branching: {
            title: fill(words.wait, { timeout: step.timeout }),
            branches: [
              ...step.until.map((branch) => branchView(branch, fill(words.onEvent, { event: branch.event }), step)),
              // Without otherwise steps, contacts still time out: they go on after the wait.
              otherwiseView(step, step.otherwise, fill(words.timeout, { timeout: step.timeout })),
            ],
          },
        };
      case 'decision':
        return {
          ...base,
          description: orNull(step.description),
          branching: {
            title: words.decision,
            branches: [
              ...step.branches.map((branch) => {
                const tests = [
                  branch.target !== undefined ? fill(words.onTarget, { target: model.index.targets.get(branch.target)?.name ?? branch.target }) : undefined,
                  branch.condition !== undefined ? fill(words.onCondition, { condition: branch.condition }) : undefined,
                  branch.event !== undefined ? fill(words.onPastEvent, { event: branch.event }) : undefined,
                ].filter((test): test is string => test !== undefined);
                return branchView(branch, tests.length > 0 ? tests.join(' · ') : null, step);
              }),
              // Without otherwise, the contacts no branch takes go on after the decision.
              otherwiseView(step, step.otherwise, null),
            ],
          },
        };
      case 'split': {
        const branches = step.branches.map((branch) => branchView(branch, fill(words.percent, { percent: branch.percent }), step));
        if (step.control !== undefined && step.control > 0) {
          branches.push({ name: fill(words.control, { percent: step.control }), condition: null, steps: [], then: null, control: true, implicit: false });
        }
        return { ...base, description: orNull(step.description), branching: { title: words.split, branches } };
      }
      case 'goto': {
        const target = byId.get(step.goto);
        return { ...base, description: orNull(step.description), goto: { text: words.goto, step: target ? byStep.get(target)! : { label: step.goto, anchor: null } } };
      }
      case 'end':
        return { ...base, description: orNull(step.description), end: words.end };
    }
  };

  const sequence = (steps: readonly FlowStep[]): FlowItemView[] => steps.map(item);
  return sequence(scenario.flow);
}

/** A fallback in words: "Fallback on SMS (no consent or bounced)". */
export function fallbackText(model: Model, fallback: NonNullable<Scenario['steps'][number]['fallback']>, strings: ReportStrings): string {
  const locale = model.settings.locale;
  return formatMessage(strings.flow.fallback, { channel: channelName(model, fallback.channel), reasons: reasonsText(fallback.when, strings.flow, locale) }, locale);
}

export interface CalendarRowView {
  when: string;
  scenario: { name: string; anchor: string };
  step: StepLink;
  /** The branches leading to the step, as the simulator names them; null at the top level or when the step's name says it. */
  branch: string | null;
  channel: string;
  fallback: boolean;
  label: string;
  overCap: boolean;
  inQuietHours: boolean;
  violation: boolean;
}

export interface PersonaView {
  id: string;
  anchor: string;
  name: string;
  description: string | null;
  targets: string[];
  story: { when: string; event: string; description: string | null }[];
  calendar: CalendarRowView[];
  runs: { scenario: { name: string; anchor: string }; text: string }[];
  notSent: { when: string; scenario: { name: string; anchor: string }; step: StepLink; text: string }[];
  /** The story's events that start nothing, in words (`omni simulate` says the same). */
  idle: string[];
  violations: string[];
  /** Past ROWS_SHOWN entries, what each list leaves out, in words; null when it shows everything. */
  more: { calendar: string | null; violations: string | null; runs: string | null; notSent: string | null };
}

/** Entries shown per list of a persona (calendar, violations, runs, messages not sent); `omni simulate` has them all. */
export const ROWS_SHOWN = 200;

export interface PersonasView {
  list: PersonaView[];
  /** The policy the calendars are checked against, in words. */
  pressure: string[];
  quietHours: string | null;
  incomplete: boolean;
  violationCount: number;
}

/** Every persona's calendar, in declaration order (the first of a repeated id), with its violations marked. */
export function personasView(model: Model, strings: ReportStrings, incomplete: boolean): PersonasView {
  const locale = model.settings.locale;
  const words = strings.personas;
  const fill = (template: string, data: Record<string, string | number>) => formatMessage(template, data, locale);
  const quiet = model.settings.quietHours;
  // The report names channels and scenarios; the sentences are the simulator's own.
  const say = simulationPhrases(locale, { channel: (id) => channelName(model, id), scenario: (id) => model.index.scenarios.get(id)?.name ?? id });
  const quietText = quiet ? say.quietHours(quiet) : null;
  const names = new Map<string, Map<string, StepLink>>();
  const stepLink = (scenarioId: string, label: string): StepLink => {
    const scenario = model.index.scenarios.get(scenarioId);
    if (!scenario) return { label, anchor: null };
    let byName = names.get(scenarioId);
    if (!byName) names.set(scenarioId, (byName = stepNames(scenario).byName));
    return byName.get(label) ?? { label, anchor: null };
  };
  const scenarioLink = (id: string) => ({ name: model.index.scenarios.get(id)?.name ?? id, anchor: scenarioAnchor(id) });
  const when = (moment: { minute: number; timeKnown: boolean }) => formatMoment(moment, locale);

  // A long story on a large plan (thousands of messages) would make the page unreadable and heavy: each list stops at ROWS_SHOWN.
  const moreText = (total: number, persona: string): string | null => (total > ROWS_SHOWN ? fill(words.more, { count: total - ROWS_SHOWN, persona }) : null);
  const simulations = simulationsOf(model);
  const firstOf = new Map<string, PersonaSimulation>();
  for (const simulation of simulations) if (!firstOf.has(simulation.persona.id)) firstOf.set(simulation.persona.id, simulation);
  const list = [...firstOf.values()].map((result): PersonaView => {
    const overCap = new Set(result.pressure.flatMap((violation) => violation.entries));
    const inQuiet = new Set(result.quietHours.map((violation) => violation.entry));
    return {
      id: result.persona.id,
      anchor: personaAnchor(result.persona.id),
      name: result.persona.name,
      description: orNull(result.persona.description),
      targets: result.persona.target.map((id) => model.index.targets.get(id)?.name ?? id),
      story: result.persona.events.map((event) => {
        const at = parseAt(event.at);
        return { when: at ? when(at) : event.at, event: event.event, description: orNull(event.description) };
      }),
      calendar: result.calendar.slice(0, ROWS_SHOWN).map((entry, index) => ({
        when: when(entry),
        scenario: scenarioLink(entry.scenario),
        step: stepLink(entry.scenario, entry.step),
        // A step without an id is named by its place, which already says its branch.
        branch: entry.branch !== '' && !entry.step.startsWith(`${entry.branch} › `) ? entry.branch : null,
        channel: channelName(model, entry.channel),
        fallback: entry.kind === 'fallback',
        label: entry.label,
        overCap: overCap.has(index),
        inQuietHours: inQuiet.has(index),
        violation: overCap.has(index) || inQuiet.has(index),
      })),
      runs: result.runs.slice(0, ROWS_SHOWN).map((run) => ({
        scenario: scenarioLink(run.scenario),
        text: say.run(run),
      })),
      notSent: result.skipped.slice(0, ROWS_SHOWN).map((skipped) => ({
        when: when(skipped.at),
        scenario: scenarioLink(skipped.scenario),
        step: stepLink(skipped.scenario, skipped.step),
        text: say.notSent(skipped),
      })),
      idle: result.idle.slice(0, ROWS_SHOWN).map((event) => say.idle(event)),
      violations: [
        ...result.pressure.slice(0, ROWS_SHOWN).map((violation) => say.pressureViolation(violation)),
        ...result.quietHours.slice(0, Math.max(0, ROWS_SHOWN - result.pressure.length)).map((violation) => say.quietViolation(result.calendar[violation.entry]!, quiet!)),
      ],
      more: {
        calendar: moreText(result.calendar.length, result.persona.id),
        violations: moreText(result.pressure.length + result.quietHours.length, result.persona.id),
        runs: moreText(result.runs.length, result.persona.id),
        notSent: moreText(result.skipped.length, result.persona.id),
      },
    };
  });
  return {
    list,
    pressure: (model.settings.pressure ?? []).map((cap) => say.cap(cap)),
    quietHours: quietText,
    incomplete,
    violationCount: [...firstOf.values()].reduce((sum, result) => sum + result.pressure.length + result.quietHours.length, 0),
  };
}

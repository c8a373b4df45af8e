import { offsetMinutes } from '../model/offsets.js';
import { branchesOf, branchLabel, isLinear, nextSteps, stepId, stepsById, walkSteps, type BranchPath } from '../model/steps.js';
import type { Branch, FlowStep, SplitBranch, Model, Origin, Persona, PressureCap, QuietHours, Scenario, Step } from '../model/types.js';
import { forEachMention } from '../model/references.js';

/**
 * The simulation: every scenario a persona's events trigger, played in time order. Pure:
 * the same model gives the same calendars, byte for byte (no clock, no randomness; a split
 * goes down the branch the persona assumes, else its largest branch).
 */

/** A moment of the story: minutes from day 0 at 00:00, and whether the time of day is known. */
export interface Moment {
  minute: number;
  timeKnown: boolean;
}

export interface CalendarEntry extends Moment {
  scenario: string;
  /** The step's id, else its place: "2", or "wait › clicked › 1" inside a branch. */
  step: string;
  /** The branches leading to the step; empty at the top level. */
  branch: string;
  channel: string;
  /** `fallback`: sent instead of the step's own channel (no consent, or a bounce). */
  kind: 'message' | 'fallback';
  /** Subject, else action name, else the message's first line. */
  label: string;
  origin: Origin;
}

/**
 * `horizon`: cut at the simulation's horizon (a goto loop with a wait repeats until then);
 * `looped`: cut by the loop guard (MAX_STEPS_PER_RUN) in a goto loop where time stands still,
 * which lint's loop-without-wait reports.
 */
export type RunOutcome = 'completed' | 'ended' | 'exit' | 'goal' | 'control' | 'horizon' | 'looped';

export interface ScenarioRun {
  scenario: string;
  /** The persona event that triggered it. */
  trigger: string;
  entered: Moment;
  outcome: RunOutcome;
  /** When the exit or goal event happened; for `horizon`, the horizon. */
  stopped?: Moment;
  /** The exit or goal event. */
  stoppedBy?: string;
}

export interface SkippedStep {
  scenario: string;
  step: string;
  channel: string;
  at: Moment;
  reason: 'no-consent';
}

/** A window that holds more messages than a cap allows, as lint reads it. */
export interface PressureBreach {
  /** Index of the cap in omni.yaml's pressure list. */
  cap: number;
  channels?: string[];
  max: number;
  per: string;
  /** How many messages the window holds. */
  count: number;
  from: Moment;
  to: Moment;
}

/** A breach as the simulation shows it: its messages and scenarios too. */
export interface PressureViolation extends PressureBreach {
  /** Calendar entries inside the window (indexes into the calendar). */
  entries: number[];
  scenarios: string[];
}

export interface QuietHoursViolation {
  /** Index into the calendar. */
  entry: number;
}

/**
 * An event of the story that starts nothing and plays no other part: no trigger, exit, goal,
 * wait or decision names it (`unused`), or it triggers only scenarios for other targets than
 * the persona's (`other-targets`, with them).
 */
export interface IdleEvent {
  event: string;
  at: Moment;
  reason: 'unused' | 'other-targets';
  scenarios: string[];
}

export interface PersonaSimulation {
  persona: Persona;
  calendar: CalendarEntry[];
  runs: ScenarioRun[];
  skipped: SkippedStep[];
  /** Events of the story that start nothing and play no other part, in story order. */
  idle: IdleEvent[];
  pressure: PressureViolation[];
  /** By cap (its index in omni.yaml): every scenario of its breaches, in first-seen order. */
  capScenarios: string[][];
  quietHours: QuietHoursViolation[];
}

const DAY = 24 * 60;

/**
 * How far past the persona's last event the simulation plays, in minutes, unless told
 * otherwise (`omni simulate --horizon`): a recurring goto loop with a wait (a weekly
 * newsletter) would otherwise be followed for decades.
 */
export const DEFAULT_HORIZON = '365d';
const DEFAULT_HORIZON_MINUTES = periodMinutes(DEFAULT_HORIZON)!;

export interface SimulationOptions {
  /** Minutes past the persona's last event; nothing later is played. */
  horizon?: number;
}
const AT = /^(\S+)(?: ([01]\d|2[0-3]):([0-5]\d))?$/;

/** A persona event's `at`: an offset as in steps, with an optional time of day ("J+2 18:30"). */
export function parseAt(at: string): Moment | undefined {
  const match = AT.exec(at);
  if (!match) return undefined;
  const offset = offsetMinutes(match[1]!);
  if (offset === undefined) return undefined;
  if (match[2] === undefined) return { minute: offset, timeKnown: false };
  return { minute: offset + Number(match[2]) * 60 + Number(match[3]), timeKnown: true };
}

/** "12h", "1d", "2w" in minutes. */
export function periodMinutes(per: string): number | undefined {
  return /^[1-9]\d*[hdw]$/.test(per) ? offsetMinutes(per) : undefined;
}

export const clockMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a time of day (minutes past midnight) is inside the window, which may cross midnight. */
export function inQuietHours(minuteOfDay: number, quiet: QuietHours): boolean {
  const from = clockMinutes(quiet.from);
  const to = clockMinutes(quiet.to);
  if (from === to) return false;
  return from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

interface TimedEvent extends Moment {
  event: string;
  order: number;
}

interface ScenarioPlan {
  next: Map<FlowStep, FlowStep | undefined>;
  place: Map<FlowStep, { path: BranchPath; index: number }>;
  byId: Map<string, FlowStep>;
}

const plans = new WeakMap<Scenario, ScenarioPlan>();

/** Where each step leads, once per scenario: the next step of its sequence, or after its branching step. */
function planOf(scenario: Scenario): ScenarioPlan {
  let plan = plans.get(scenario);
  if (plan) return plan;
  const next = nextSteps(scenario);
  const place = new Map<FlowStep, { path: BranchPath; index: number }>();
  walkSteps(scenario, (step, path, _sequence, index) => place.set(step, { path, index }));
  plan = { next, place, byId: stepsById(scenario) };
  plans.set(scenario, plan);
  return plan;
}

function stepLabel(plan: ScenarioPlan, step: FlowStep): { step: string; branch: string } {
  const place = plan.place.get(step)!;
  const branch = branchLabel(place.path);
  return { step: stepId(step) ?? (branch ? `${branch} › ${place.index + 1}` : String(place.index + 1)), branch };
}

function labelOf(message: { subject?: string; name?: string; message?: string }): string {
  const text = message.subject ?? message.name ?? firstLine(message.message) ?? '';
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The text up to its first line break (what `split('\n')[0]` gives, without splitting the rest). */
function firstLine(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

/**
 * Small integers for the strings every calendar entry is compared on (channels, scenario
 * ids): the pressure and quiet-hours checks then mark and count in typed arrays instead of
 * hashing strings once per entry.
 */
class Interned {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  idOf(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }
  /** A mark per known id, set for these names (names not seen yet cannot match an entry). */
  marks(names: readonly string[]): Uint8Array {
    const marks = new Uint8Array(this.names.length);
    for (const name of names) {
      const id = this.ids.get(name);
      if (id !== undefined) marks[id] = 1;
    }
    return marks;
  }
}

interface Names {
  channels: Interned;
  /** A scenario's number is its position in `names`. */
  scenarios: { readonly names: readonly string[] };
}

/**
 * Lint's record of the plan's straight scenarios, without an object per step: the steps of
 * every playable planned so far, one after another, as offsets (NaN: not an offset, the step
 * is skipped, as play does), channel and scenario ids, and the playable each belongs to.
 * Entry sources (PlannedStep) are made only for the steps a finding names.
 */
class StepTable {
  length = 0;
  offsets = new Float64Array(4096);
  channels = new Int32Array(4096);
  scenarios = new Int32Array(4096);
  owners = new Int32Array(4096);
  readonly playables: Playable[] = [];

  /** Plans the steps of a linear scenario without fallbacks; returns the position of its first step. */
  add(playable: Playable, names: Pick<Names, 'channels'>): number {
    const steps = playable.scenario.steps;
    // Lint's plan numbers scenarios by playable (TriggerIndex.names).
    const scenarioId = playable.ordinal;
    while (this.length + steps.length > this.offsets.length) this.grow();
    this.playables[playable.ordinal] = playable;
    const first = this.length;
    for (let index = 0; index < steps.length; index++) {
      const step = steps[index]!;
      const at = this.length++;
      this.offsets[at] = offsetMinutes(step.after) ?? Number.NaN;
      this.channels[at] = names.channels.idOf(step.channel);
      this.scenarios[at] = scenarioId;
      this.owners[at] = playable.ordinal;
    }
    return first;
  }

  /** Room for `count` steps in all, so that adding them never grows the buffers again. */
  reserve(count: number): void {
    while (count > this.offsets.length) this.grow();
  }

  private grow(): void {
    this.offsets = doubled(this.offsets);
    this.channels = doubled(this.channels);
    this.scenarios = doubled(this.scenarios);
    this.owners = doubled(this.owners);
  }
}

/** A typed buffer twice as long, holding the same values first. */
function doubled<T extends Float64Array | Int32Array | Uint8Array>(buffer: T): T {
  const grown = new (buffer.constructor as new (length: number) => T)(buffer.length * 2);
  grown.set(buffer);
  return grown;
}

interface Plan extends Names {
  steps: StepTable;
  /** The most entries one persona has recorded on this plan (the next player's buffers start that large). */
  longestCalendar: number;
}

const compactPlans = new WeakMap<Model, Plan>();

function compactPlanOf(model: Model, index: TriggerIndex): Plan {
  let plan = compactPlans.get(model);
  if (!plan) compactPlans.set(model, (plan = { channels: new Interned(), scenarios: { names: index.names }, steps: new StepTable(), longestCalendar: 0 }));
  return plan;
}

/** Loop guard: a goto cycle with no time passing would never end. */
const MAX_STEPS_PER_RUN = 10_000;

/**
 * A scenario as the simulation reads it, built once per model: the fields it reads on every
 * play in one shape (entities come in many shapes, which makes every read of them slow), and
 * for a linear scenario its steps ready to send, offsets parsed and labels made.
 */
interface Playable {
  scenario: Scenario;
  id: string;
  /** The event that starts it. */
  trigger: string;
  target: string;
  reentry: Scenario['reentry'];
  /** Position of the scenario in id order: calendar ties follow it (the same as `ordinal`). */
  rank: number;
  /** Position among the playables, in id order: runs are kept by it. */
  ordinal: number;
  /** Exit events and goal: what stops a run. */
  exit: readonly string[];
  goal: string | undefined;
  /** Its exit events and goal as one number (`TriggerIndex.stops`): scenarios that stop alike share it. */
  stop: number;
  /** The steps ready to send (linear scenarios), made on the first play; null when it branches. */
  linear: PlannedStep[] | null | undefined;
  /**
   * Lint's compact plan (StepTable): the position of the first step when the scenario is
   * linear and has no fallback (then recorded without a run, `recordLinear`); -1 when it is
   * not; undefined until first played.
   */
  first: number | undefined;
}

/** What a finding reads of a calendar entry: a CalendarEntry, or the planned step it would be made from. */
export interface EntrySource {
  scenario: string;
  step: string;
  channel: string;
  kind: CalendarEntry['kind'];
  origin: Origin;
}

interface PlannedStep extends EntrySource {
  offset: number | undefined;
  /** The step itself (`step` is its label, as in calendar entries). */
  source: Step;
  where: { step: string; branch: string };
  channel: string;
  /** Made on the first calendar entry (lint's compact record never needs it). */
  label: string | undefined;
  origin: Origin;
}

function plannedSteps(scenario: Scenario): PlannedStep[] | undefined {
  if (!isLinear(scenario)) return undefined;
  return scenario.steps.map((step, index) => {
    const where = { step: step.id ?? String(index + 1), branch: '' };
    return {
      scenario: scenario.id,
      step: where.step,
      channel: step.channel,
      kind: 'message' as const,
      origin: step.origin,
      offset: offsetMinutes(step.after),
      source: step,
      where,
      label: undefined,
    };
  });
}

/** A playable's steps ready to send, planned on its first play; null when the scenario branches. */
function linearOf(playable: Playable): PlannedStep[] | null {
  if (playable.linear === undefined) playable.linear = plannedSteps(playable.scenario) ?? null;
  return playable.linear;
}

/** Where lint's compact plan of a playable starts in the step table; -1 when it must be played (branches or fallbacks). */
function compactOf(playable: Playable, plan: Plan): number {
  if (playable.first === undefined) {
    const { scenario } = playable;
    playable.first = isLinear(scenario) && scenario.steps.every((step) => !step.fallback) ? plan.steps.add(playable, plan) : -1;
  }
  return playable.first;
}

class PersonaPlayer {
  readonly calendar: CalendarEntry[] = [];
  /** How many entries were recorded (calendar entries, or compact records). */
  length = 0;
  /** The rank of each entry's scenario, for the final sort (the first `length` are used). */
  ranks: Float64Array;
  /** Rank of the scenario being played. */
  rank = 0;
  readonly runs: ScenarioRun[] = [];
  readonly skipped: SkippedStep[] = [];
  /**
   * Compact mode (lint: only violations are wanted): entries are recorded as a minute, a
   * time-known flag and a reference in `minutes`, `known`, `refs` (and `ranks`), and no
   * calendar entry is made for a planned step. A reference is the step's position in the
   * plan's StepTable, or -1 - i for `extras[i]` (an entry played step by step).
   */
  readonly extras: EntrySource[] = [];
  /** The playable (ordinal) of each extra. */
  readonly extraOwners: number[] = [];
  /** Ordinal of the playable being played. */
  ordinal = 0;
  minutes: Float64Array;
  known: Uint8Array;
  refs: Int32Array;

  /** The last moment played (the persona's last event plus the horizon). */
  readonly horizon: Moment;
  /** The first minute past the horizon: a step there is not played. */
  readonly pastHorizon: number;

  constructor(
    private readonly persona: Persona,
    private readonly events: readonly TimedEvent[],
    readonly plan: Plan,
    private readonly compact = false,
    horizonMinutes = DEFAULT_HORIZON_MINUTES,
  ) {
    const last = events[events.length - 1];
    this.horizon = { minute: (last?.minute ?? 0) + horizonMinutes, timeKnown: last?.timeKnown ?? false };
    this.pastHorizon = this.horizon.minute + 1;
    // As large as the longest calendar played on this plan so far: personas of one plan record alike.
    const capacity = Math.max(256, plan.longestCalendar);
    this.ranks = new Float64Array(capacity);
    this.minutes = new Float64Array(compact ? capacity : 0);
    this.known = new Uint8Array(compact ? capacity : 0);
    this.refs = new Int32Array(compact ? capacity : 0);
  }

  private record(ref: number, minute: number, timeKnown: boolean): void {
    const at = this.length;
    if (at === this.ranks.length) this.grow();
    this.refs[at] = ref;
    this.minutes[at] = minute;
    this.known[at] = timeKnown ? 1 : 0;
    this.ranks[at] = this.rank;
    this.length = at + 1;
  }

  private recordExtra(source: EntrySource, minute: number, timeKnown: boolean): void {
    this.extras.push(source);
    this.extraOwners.push(this.ordinal);
    this.record(-this.extras.length, minute, timeKnown);
  }

  /** Doubles the typed buffers (a persona of a large plan records thousands of messages). */
  private grow(): void {
    this.ranks = doubled(this.ranks);
    if (this.compact) {
      this.minutes = doubled(this.minutes);
      this.known = doubled(this.known);
      this.refs = doubled(this.refs);
    }
  }

  /** The first of these events strictly after `after` (and before `until`), in time then story order. */
  private firstEvent(names: ReadonlySet<string>, after: number, until = Infinity): TimedEvent | undefined {
    const events = this.events;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.minute > after && event.minute <= until && names.has(event.event)) return event;
    }
    return undefined;
  }

  private assumed(scenario: Scenario, step: FlowStep): string | undefined {
    const id = stepId(step);
    if (id === undefined) return undefined;
    return this.persona.assume.find((assumption) => assumption.scenario === scenario.id && assumption.step === id)?.branch;
  }

  /** The first exit or goal event of the scenario strictly after `after`, in time then story order. */
  firstStop(exit: readonly string[], goal: string | undefined, after: number): TimedEvent | undefined {
    if (exit.length === 0 && goal === undefined) return undefined;
    // Indexed loops here and in the play: called once per run, and a for…of left to the
    // interpreter allocates an iterator result per event (most of the play's garbage).
    const events = this.events;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.minute > after && (event.event === goal || exit.includes(event.event))) return event;
    }
    return undefined;
  }

  /**
   * Lint's fast path (compact mode, a persona with every consent and no bounce, a linear
   * scenario without fallbacks): what `play` records for it, without a run object. Returns
   * the minute of the goal when the goal stopped the run (what re-entry reads), else Infinity.
   */
  recordLinear(playable: Playable, first: number, trigger: TimedEvent, stopAt: number, stopIsGoal: boolean): number {
    const start = trigger.minute;
    const known = trigger.timeKnown;
    const offsets = this.plan.steps.offsets;
    const end = first + playable.scenario.steps.length;
    for (let at = first; at < end; at++) {
      const offset = offsets[at]!;
      if (Number.isNaN(offset)) continue;
      const minute = start + offset;
      if (minute >= stopAt) return stopIsGoal ? stopAt : Infinity;
      this.record(at, minute, known);
    }
    return Infinity;
  }

  play(scenario: Scenario, trigger: TimedEvent, playable?: Playable): ScenarioRun {
    const stopEvent = playable ? this.firstStop(playable.exit, playable.goal, trigger.minute) : this.firstStop(scenario.exit, scenario.goal, trigger.minute);
    let planned: PlannedStep[] | null | undefined;
    if (playable) planned = linearOf(playable);
    // Every persona event comes before the horizon: a stop event, when there is one, comes first.
    const stopAt = stopEvent?.minute ?? this.pastHorizon;
    const run: ScenarioRun = { scenario: scenario.id, trigger: trigger.event, entered: { minute: trigger.minute, timeKnown: trigger.timeKnown }, outcome: 'completed' };
    this.runs.push(run);
    if (planned) {
      // Nearly every scenario of a large plan: no branch, no plan to build, steps ready.
      for (let index = 0; index < planned.length; index++) {
        const ready = planned[index]!;
        const offset = ready.offset;
        if (offset === undefined) continue;
        const minute = trigger.minute + offset;
        if (minute >= stopAt) {
          this.stop(run, scenario, stopEvent);
          return run;
        }
        const at = { minute, timeKnown: trigger.timeKnown };
        if (ready.source.fallback || this.persona.optOut.length > 0 || this.persona.bounces.length > 0) this.send(scenario, ready.where, ready.source, at);
        else if (this.compact) this.recordExtra(ready, minute, trigger.timeKnown);
        else this.push(calendarEntry(scenario.id, ready.where, at, ready.channel, 'message', (ready.label ??= labelOf(ready.source)), ready.origin));
      }
      return run;
    }
    if (isLinear(scenario)) {
      // Nearly every scenario of a large plan: no branch, no plan to build.
      const steps = scenario.steps;
      for (let index = 0; index < steps.length; index++) {
        const step = steps[index]!;
        const offset = offsetMinutes(step.after);
        if (offset === undefined) continue;
        const minute = trigger.minute + offset;
        if (minute >= stopAt) {
          this.stop(run, scenario, stopEvent);
          return run;
        }
        this.send(scenario, { step: step.id ?? String(index + 1), branch: '' }, step, { minute, timeKnown: trigger.timeKnown });
      }
      return run;
    }
    const plan = planOf(scenario);
    let anchor: Moment = { minute: trigger.minute, timeKnown: trigger.timeKnown };
    let cursor = trigger.minute;
    let step: FlowStep | undefined = scenario.flow[0];
    let stopped = false;
    for (let count = 0; step !== undefined && count < MAX_STEPS_PER_RUN; count++) {
      let following: FlowStep | undefined = plan.next.get(step);
      if (step.kind === 'message') {
        const offset = offsetMinutes(step.step.after);
        if (offset !== undefined) {
          const minute = anchor.minute + offset;
          if (minute >= stopAt) {
            stopped = true;
            break;
          }
          this.send(scenario, stepLabel(plan, step), step.step, { minute, timeKnown: anchor.timeKnown });
          cursor = Math.max(cursor, minute);
        }
      } else if (step.kind === 'wait') {
        const start = Math.max(cursor, anchor.minute);
        const deadline = start + (offsetMinutes(step.timeout) ?? 0);
        const happened = this.firstEvent(new Set(step.until.map((branch) => branch.event)), start, deadline);
        let branch: Branch | undefined;
        if (happened && happened.minute < stopAt) {
          branch = step.until.find((candidate) => candidate.event === happened.event);
          anchor = { minute: happened.minute, timeKnown: happened.timeKnown };
        } else if (deadline >= stopAt) {
          stopped = true;
          break;
        } else {
          branch = step.otherwise;
          anchor = { minute: deadline, timeKnown: anchor.timeKnown };
        }
        cursor = anchor.minute;
        if (branch && branch.steps.length > 0) following = branch.steps[0];
      } else if (step.kind === 'decision') {
        // An assumption that names no branch of the step is ignored, as unknown-assumption says.
        const assumed = this.assumed(scenario, step);
        const chosen =
          (assumed !== undefined ? branchesOf(step).find((branch) => branch.name === assumed) : undefined) ??
          step.branches.find(
            (branch) =>
              (branch.target !== undefined && this.persona.target.includes(branch.target)) ||
              (branch.event !== undefined && this.events.some((event) => event.event === branch.event && event.minute <= cursor)),
          ) ??
          step.otherwise;
        if (chosen && chosen.steps.length > 0) following = chosen.steps[0];
      } else if (step.kind === 'split') {
        const assumed = this.assumed(scenario, step);
        // `control` holds the persona out only where the split has a control group.
        if (assumed === 'control' && step.control !== undefined) {
          run.outcome = 'control';
          return run;
        }
        const largest = step.branches.reduce<SplitBranch | undefined>((best, branch) => (best === undefined || branch.percent > best.percent ? branch : best), undefined);
        const chosen = (assumed !== undefined ? step.branches.find((branch) => branch.name === assumed) : undefined) ?? largest;
        if (chosen && chosen.steps.length > 0) following = chosen.steps[0];
      } else if (step.kind === 'goto') {
        following = plan.byId.get(step.goto);
      } else {
        run.outcome = 'ended';
        return run;
      }
      step = following;
    }
    if (stopped) this.stop(run, scenario, stopEvent);
    else if (step !== undefined) run.outcome = 'looped';
    return run;
  }

  private push(entry: CalendarEntry): void {
    if (this.compact) return this.recordExtra(entry, entry.minute, entry.timeKnown);
    const at = this.length;
    if (at === this.ranks.length) this.grow();
    this.calendar.push(entry);
    this.ranks[at] = this.rank;
    this.length = at + 1;
  }

  /** Ends a run at its exit or goal event, or without one at the horizon. */
  private stop(run: ScenarioRun, scenario: Scenario, stopEvent: TimedEvent | undefined): void {
    if (!stopEvent) {
      run.outcome = 'horizon';
      run.stopped = this.horizon;
      return;
    }
    run.outcome = scenario.goal === stopEvent.event ? 'goal' : 'exit';
    run.stopped = { minute: stopEvent.minute, timeKnown: stopEvent.timeKnown };
    run.stoppedBy = stopEvent.event;
  }

  private send(scenario: Scenario, where: { step: string; branch: string }, step: Step, at: Moment): void {
    const entry = (channel: string, kind: CalendarEntry['kind'], message: { subject?: string; name?: string; message?: string }, origin: Origin) =>
      calendarEntry(scenario.id, where, at, channel, kind, labelOf(message), origin);
    const fallback = step.fallback;
    if (this.persona.optOut.includes(step.channel)) {
      if (fallback && fallback.when.includes('no-consent') && !this.persona.optOut.includes(fallback.channel))
        this.push(entry(fallback.channel, 'fallback', fallback, fallback.origin));
      else this.skipped.push({ scenario: scenario.id, step: where.step, channel: step.channel, at, reason: 'no-consent' });
      return;
    }
    this.push(entry(step.channel, 'message', step, step.origin));
    if (fallback && fallback.when.includes('bounced') && this.persona.bounces.includes(step.channel) && !this.persona.optOut.includes(fallback.channel)) {
      this.push(entry(fallback.channel, 'fallback', fallback, fallback.origin));
    }
  }
}

/** One calendar entry: explicit fields, one shape (tens of thousands of entries on a large plan). */
function calendarEntry(
  scenario: string,
  where: { step: string; branch: string },
  at: Moment,
  channel: string,
  kind: CalendarEntry['kind'],
  label: string,
  origin: Origin,
): CalendarEntry {
  return { minute: at.minute, timeKnown: at.timeKnown, scenario, step: where.step, branch: where.branch, channel, kind, label, origin };
}

/** The playable scenarios by trigger event, then by target, in id order; and the distinct ways they stop. */
interface TriggerIndex {
  byEvent: Map<string, Map<string, Playable[]>>;
  /** Each distinct pair of exit events and goal (a plan has a few dozen for thousands of scenarios). */
  stops: Array<{ exit: readonly string[]; goal: string | undefined }>;
  /** How many top-level steps the playables have: what the step table is sized by. */
  steps: number;
  /** triggeredFor's answers by event and targets: personas of the same targets share them. */
  triggered: Map<string, readonly Playable[]>;
  /** The scenario id of each playable, by ordinal (as many as there are playables). */
  names: string[];
}

/** Built once per model (for the events of its personas). */
const byTrigger = new WeakMap<Model, TriggerIndex>();

function scenariosTriggeredBy(model: Model): TriggerIndex {
  let index = byTrigger.get(model);
  if (index) return index;
  const byEvent = new Map<string, Map<string, Playable[]>>();
  const stops: TriggerIndex['stops'] = [];
  const stopIds: StopIds = new Map();
  // Only what some persona's story can trigger is indexed (a plan has more triggers than its personas use).
  const told = new Set<string>();
  for (const persona of model.personas) for (const event of persona.events) told.add(event.event);
  let steps = 0;
  const playables: Playable[] = [];
  const scenarios = model.scenarios;
  // The index holds one scenario per id: as many as the list unless an id is declared twice.
  const duplicated = model.index.scenarios.size !== scenarios.length;
  for (const scenario of scenarios) {
    if (!told.has(scenario.trigger.event)) continue;
    // A duplicate id is duplicate-id's finding: only the first declaration is ever played.
    if (duplicated && model.index.scenarios.get(scenario.id) !== scenario) continue;
    const { id, exit, goal } = scenario;
    const stop = stopSignature(stopIds, stops, exit, goal);
    const ordinal = playables.length;
    playables.push({
      scenario,
      id,
      trigger: scenario.trigger.event,
      target: scenario.target,
      reentry: scenario.reentry,
      rank: ordinal,
      ordinal,
      exit,
      goal,
      stop,
      linear: undefined,
      first: undefined,
    });
    steps += scenario.steps.length;
  }
  // Played, and tied in the calendar, in id order: how the plan's files are laid out (which
  // file, in which order) changes no simulation, as it changes no lint finding.
  const names = playables.map((playable) => playable.id);
  if (!inIdOrder(names)) {
    playables.sort((a, b) => compareIds(a.id, b.id));
    playables.forEach((playable, position) => {
      playable.rank = playable.ordinal = position;
      names[position] = playable.id;
    });
  }
  for (const playable of playables) {
    let byTarget = byEvent.get(playable.trigger);
    if (!byTarget) byEvent.set(playable.trigger, (byTarget = new Map()));
    const list = byTarget.get(playable.target);
    if (list) list.push(playable);
    else byTarget.set(playable.target, [playable]);
  }
  index = { byEvent, stops, steps, triggered: new Map(), names };
  byTrigger.set(model, index);
  return index;
}

/** `a < b` as a number (by UTF-16 code units), for sorting. */
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether the ids already come in order (plans often name their files after their ids). */
function inIdOrder(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (ids[i - 1]! > ids[i]!) return false;
  return true;
}

/**
 * Stop signatures as a tree: by goal, then by each exit event in order. A scenario's way of
 * stopping is found by walking its few names, without building a key string per scenario.
 */
interface StopNode {
  stop: number;
  next: Map<string, StopNode> | undefined;
}
type StopIds = Map<string | undefined, StopNode>;

/** The number of a scenario's way of stopping (its exit events, in order, and its goal). */
function stopSignature(ids: StopIds, stops: TriggerIndex['stops'], exit: readonly string[], goal: string | undefined): number {
  let node: StopNode | undefined = ids.get(goal);
  if (!node) ids.set(goal, (node = { stop: -1, next: undefined }));
  for (let i = 0; i < exit.length; i++) {
    const name = exit[i]!;
    let child: StopNode | undefined = node.next?.get(name);
    if (!child) (node.next ??= new Map()).set(name, (child = { stop: -1, next: undefined }));
    node = child;
  }
  if (node.stop < 0) {
    node.stop = stops.length;
    stops.push({ exit, goal });
  }
  return node.stop;
}

/** The scenarios an event triggers for a persona of these targets, in id order (once per event and set of targets). */
function triggeredFor(index: TriggerIndex, event: string, targets: readonly string[]): readonly Playable[] {
  const byTarget = index.byEvent.get(event);
  if (!byTarget) return [];
  const distinct = [...new Set(targets)];
  const key = JSON.stringify([event, ...distinct.sort()]);
  let merged = index.triggered.get(key);
  if (!merged) index.triggered.set(key, (merged = mergedLists(distinct.map((target) => byTarget.get(target)).filter((list) => list !== undefined))));
  return merged;
}

/** Lists in id order that share no scenario, merged by taking the lowest head. */
function mergedLists(lists: ReadonlyArray<readonly Playable[]>): readonly Playable[] {
  if (lists.length <= 1) return lists[0] ?? [];
  const merged: Playable[] = [];
  const heads = lists.map(() => 0);
  for (;;) {
    let pick = -1;
    for (let l = 0; l < lists.length; l++) {
      const head = lists[l]![heads[l]!];
      if (head !== undefined && (pick < 0 || head.ordinal < lists[pick]![heads[pick]!]!.ordinal)) pick = l;
    }
    if (pick < 0) return merged;
    merged.push(lists[pick]![heads[pick]!++]!);
  }
}

/** Plays one persona's story through every scenario it triggers; the calendar's order is `order`. */
function playPersona(model: Model, persona: Persona, compact: boolean, horizon?: number): { player: PersonaPlayer; order: Uint32Array } {
  const events: TimedEvent[] = [];
  persona.events.forEach((event, order) => {
    const at = parseAt(event.at);
    if (at) events.push({ ...at, event: event.event, order });
  });
  events.sort((a, b) => a.minute - b.minute || a.order - b.order);
  const index = scenariosTriggeredBy(model);
  const plan = compactPlanOf(model, index);
  const player = new PersonaPlayer(persona, events, plan, compact, horizon);
  // Per scenario (by ordinal): how many runs it had, and the earliest minute a run reached
  // its goal, which is all re-entry reads of earlier runs.
  const played = new Uint32Array(index.names.length);
  const goalAt = new Float64Array(index.names.length).fill(Infinity);
  const fast = compact && persona.optOut.length === 0 && persona.bounces.length === 0;
  // Grown once to what every indexed step needs, rather than doubling as scenarios are first played.
  if (fast) plan.steps.reserve(index.steps);
  // The fast path's stops: where each stop signature ends the runs of the event being
  // played (`stopFor` holds the event's position when computed), so that thousands of
  // runs of one trigger do not each look through the story for the same exit.
  const stopFor = new Int32Array(index.stops.length).fill(-1);
  const stopAt = new Float64Array(index.stops.length);
  const stopIsGoal = new Uint8Array(index.stops.length);
  for (let e = 0; e < events.length; e++) {
    const event = events[e]!;
    const playables = triggeredFor(index, event.event, persona.target);
    for (let p = 0; p < playables.length; p++) {
      const playable = playables[p]!;
      const ordinal = playable.ordinal;
      if (played[ordinal]! > 0 && (playable.reentry === 'never' || (playable.reentry === 'unless-goal' && goalAt[ordinal]! <= event.minute))) continue;
      player.rank = playable.rank;
      player.ordinal = ordinal;
      played[ordinal]!++;
      const first = fast ? compactOf(playable, plan) : -1;
      if (first >= 0) {
        const stop = playable.stop;
        if (stopFor[stop] !== e) {
          const signature = index.stops[stop]!;
          const stopEvent = player.firstStop(signature.exit, signature.goal, event.minute);
          stopFor[stop] = e;
          stopAt[stop] = stopEvent === undefined ? player.pastHorizon : stopEvent.minute;
          stopIsGoal[stop] = stopEvent !== undefined && stopEvent.event === signature.goal ? 1 : 0;
        }
        const reachedGoalAt = player.recordLinear(playable, first, event, stopAt[stop]!, stopIsGoal[stop] === 1);
        if (reachedGoalAt < goalAt[ordinal]!) goalAt[ordinal] = reachedGoalAt;
        continue;
      }
      const run = player.play(playable.scenario, event, playable);
      if (run.outcome === 'goal' && run.stopped!.minute < goalAt[ordinal]!) goalAt[ordinal] = run.stopped!.minute;
    }
  }
  // By minute, then scenario id, then play order (a stable sort of the played calendar),
  // sorting positions over plain number arrays rather than the entries themselves.
  const length = player.length;
  if (length > plan.longestCalendar) plan.longestCalendar = length;
  let minutes: Float64Array;
  if (compact) minutes = player.minutes.subarray(0, length);
  else {
    minutes = new Float64Array(length);
    for (let i = 0; i < length; i++) minutes[i] = player.calendar[i]!.minute;
  }
  return { player, order: calendarOrder(minutes, player.ranks.subarray(0, length)) };
}

/**
 * Positions 0…n-1 by minute, then rank, then position. When every (minute, rank, position)
 * fits one exact number, a numeric sort of those numbers (no comparator: several times
 * faster on a large calendar); else a sort with the comparator. Both give the same order.
 */
function calendarOrder(minutes: Float64Array, ranks: Float64Array): Uint32Array {
  const length = minutes.length;
  const order = new Uint32Array(length);
  let low = Infinity;
  let high = -Infinity;
  let maxRank = 0;
  let integral = true;
  for (let i = 0; i < length; i++) {
    const minute = minutes[i]!;
    if (minute < low) low = minute;
    if (minute > high) high = minute;
    if (ranks[i]! > maxRank) maxRank = ranks[i]!;
    if (!Number.isInteger(minute) || !Number.isInteger(ranks[i]!) || ranks[i]! < 0) integral = false;
  }
  const perRank = length;
  const perMinute = (maxRank + 1) * perRank;
  if (length > 0 && integral && (high - low + 1) * perMinute < Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(length);
    for (let i = 0; i < length; i++) keys[i] = (minutes[i]! - low) * perMinute + ranks[i]! * perRank + i;
    keys.sort();
    for (let i = 0; i < length; i++) order[i] = keys[i]! % perRank;
    return order;
  }
  for (let i = 0; i < length; i++) order[i] = i;
  return order.sort((a, b) => minutes[a]! - minutes[b]! || ranks[a]! - ranks[b]! || a - b);
}

/** Plays one persona of the model (its story indexes the scenarios) through every scenario it triggers. */
export function simulatePersona(model: Model, persona: Persona, options: SimulationOptions = {}): PersonaSimulation {
  const { player, order } = playPersona(model, persona, false, options.horizon);
  const played = player.calendar;
  const calendar: CalendarEntry[] = new Array<CalendarEntry>(played.length);
  for (let i = 0; i < played.length; i++) calendar[i] = played[order[i]!]!;
  // One view of the calendar for both checks.
  const view = viewOf(calendar);
  const { violations, capScenarios } = pressureIn(view, model.settings.pressure ?? [], true);
  return {
    persona,
    calendar,
    runs: player.runs,
    skipped: player.skipped,
    idle: idleEvents(model, persona),
    pressure: violations,
    capScenarios,
    quietHours: quietIn(view, model.settings.quietHours).map((entry) => ({ entry })),
  };
}

/** What the plan does with each event name: the scenarios it triggers, and whether an exit, goal, wait or decision names it. */
interface EventRoles {
  triggers: Map<string, Scenario[]>;
  awaited: Set<string>;
}
const eventRoles = new WeakMap<Model, EventRoles>();

function rolesOf(model: Model): EventRoles {
  let roles = eventRoles.get(model);
  if (!roles) {
    const triggers = new Map<string, Scenario[]>();
    for (const scenario of model.scenarios)
      (triggers.get(scenario.trigger.event) ?? triggers.set(scenario.trigger.event, []).get(scenario.trigger.event)!).push(scenario);
    const awaited = new Set<string>();
    // The scenarios' mentions other than triggers (a persona's own story names all its events).
    forEachMention({ ...model, personas: [] }, (kind, id, _file, path) => {
      if (kind === 'events' && path[path.length - 2] !== 'trigger') awaited.add(id);
    });
    roles = { triggers, awaited };
    eventRoles.set(model, roles);
  }
  return roles;
}

/** The events of a persona's story that start nothing and play no other part (see IdleEvent). */
function idleEvents(model: Model, persona: Persona): IdleEvent[] {
  const roles = rolesOf(model);
  const idle: IdleEvent[] = [];
  for (const event of persona.events) {
    const at = parseAt(event.at);
    if (!at) continue;
    // Waited for, an exit or a goal, it plays a part in the scenarios that do run.
    if (roles.awaited.has(event.event)) continue;
    const triggered = roles.triggers.get(event.event);
    if (!triggered) idle.push({ event: event.event, at, reason: 'unused', scenarios: [] });
    else if (!triggered.some((scenario) => persona.target.includes(scenario.target)))
      idle.push({ event: event.event, at, reason: 'other-targets', scenarios: triggered.map((scenario) => scenario.id) });
  }
  return idle;
}

/** Every persona (or the one named), in declaration order. */
export function simulate(model: Model, personaId?: string, options: SimulationOptions = {}): PersonaSimulation[] {
  const personas = personaId === undefined ? model.personas : model.personas.filter((persona) => persona.id === personaId).slice(0, 1);
  return personas.map((persona) => simulatePersona(model, persona, options));
}

/**
 * A calendar in time order as the violation checks read it: typed arrays, channels and
 * scenarios as ids of `names` (from a list of entries, or lint's compact record).
 */
interface CalendarView {
  minutes: Float64Array;
  known: Uint8Array;
  channels: Int32Array;
  scenarios: Int32Array;
  names: Names;
}

function viewOf(calendar: readonly CalendarEntry[]): CalendarView {
  const length = calendar.length;
  const scenarios = new Interned();
  const view: CalendarView = {
    minutes: new Float64Array(length),
    known: new Uint8Array(length),
    channels: new Int32Array(length),
    scenarios: new Int32Array(length),
    names: { channels: new Interned(), scenarios },
  };
  for (let i = 0; i < length; i++) {
    const entry = calendar[i]!;
    view.minutes[i] = entry.minute;
    view.known[i] = entry.timeKnown ? 1 : 0;
    view.channels[i] = view.names.channels.idOf(entry.channel);
    view.scenarios[i] = scenarios.idOf(entry.scenario);
  }
  return view;
}

interface PressureBreaches<V> {
  violations: V[];
  /** By cap: the scenarios of all its violations, each once, in first-seen order. */
  capScenarios: string[][];
}

/**
 * Each breach of a cap: the first window of `per` from a message that holds more than
 * `max` messages on the cap's channels. The next search starts after that window, so one
 * busy stretch is reported once. Also each cap's scenarios. With `detailed`, each breach lists its
 * entries and scenarios (the simulation shows them); lint only counts them, which on a large
 * plan spares copying thousands of positions per window.
 */
function pressureIn(view: CalendarView, caps: readonly PressureCap[], detailed: true): PressureBreaches<PressureViolation>;
function pressureIn(view: CalendarView, caps: readonly PressureCap[], detailed: false): PressureBreaches<PressureBreach>;
function pressureIn({ minutes, known, channels, scenarios, names }: CalendarView, caps: readonly PressureCap[], detailed: boolean): PressureBreaches<PressureBreach> {
  const violations: PressureBreach[] = [];
  const capScenarios: string[][] = [];
  const length = minutes.length;
  // The positions each cap counts (all of them for a cap on every channel), in one buffer reused by every cap.
  const counted = new Uint32Array(length);
  // Which violation, and which cap, last listed a scenario: lists in first-seen order, without a set of strings.
  const listedBy = new Uint32Array(detailed ? names.scenarios.names.length : 0);
  const listedByCap = new Uint32Array(names.scenarios.names.length);
  caps.forEach((cap, capIndex) => {
    const ofCap: string[] = [];
    capScenarios.push(ofCap);
    const per = periodMinutes(cap.per);
    if (per === undefined) return;
    let count = 0;
    if (cap.channels) {
      const counts = names.channels.marks(cap.channels);
      for (let i = 0; i < length; i++) if (counts[channels[i]!] === 1) counted[count++] = i;
    } else {
      for (let i = 0; i < length; i++) counted[i] = i;
      count = length;
    }
    let start = 0;
    // Both ends only move forward: linear in the calendar.
    let end = 0;
    while (start < count) {
      const first = counted[start]!;
      const firstMinute = minutes[first]!;
      if (end < start) end = start;
      while (end < count && minutes[counted[end]!]! < firstMinute + per) end++;
      if (end - start > cap.max) {
        const last = counted[end - 1]!;
        const stamp = violations.length + 1;
        const breach: PressureBreach = {
          cap: capIndex,
          ...(cap.channels ? { channels: cap.channels } : {}),
          max: cap.max,
          per: cap.per,
          count: end - start,
          from: { minute: firstMinute, timeKnown: known[first] === 1 },
          to: { minute: minutes[last]!, timeKnown: known[last] === 1 },
        };
        if (detailed) {
          // Copied by hand: Array.from iterates a typed array through the iterator protocol.
          const entries = new Array<number>(end - start);
          for (let k = start; k < end; k++) entries[k - start] = counted[k]!;
          const involved: string[] = [];
          for (let k = start; k < end; k++) {
            const scenario = scenarios[counted[k]!]!;
            if (listedBy[scenario] === stamp) continue;
            listedBy[scenario] = stamp;
            involved.push(names.scenarios.names[scenario]!);
          }
          (breach as PressureViolation).entries = entries;
          (breach as PressureViolation).scenarios = involved;
        }
        for (let k = start; k < end; k++) {
          const scenario = scenarios[counted[k]!]!;
          if (listedByCap[scenario] === capIndex + 1) continue;
          listedByCap[scenario] = capIndex + 1;
          ofCap.push(names.scenarios.names[scenario]!);
        }
        violations.push(breach);
        start = end;
      } else {
        start++;
      }
    }
  });
  return { violations, capScenarios };
}

/** Indexes of the calendar entries in quiet hours. */
function quietIn({ minutes, known, channels, names }: CalendarView, quiet: QuietHours | undefined): number[] {
  if (!quiet) return [];
  const found: number[] = [];
  const from = clockMinutes(quiet.from);
  const to = clockMinutes(quiet.to);
  if (from === to) return found;
  const quietChannels = quiet.channels ? names.channels.marks(quiet.channels) : undefined;
  for (let i = 0; i < minutes.length; i++) {
    if (known[i] === 0 || (quietChannels && quietChannels[channels[i]!] !== 1)) continue;
    const minuteOfDay = ((minutes[i]! % DAY) + DAY) % DAY;
    if (from < to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to) found.push(i);
  }
  return found;
}

/** What lint needs of one persona's simulation: its violations, each with what its finding says. */
export interface PersonaViolations {
  persona: Persona;
  pressure: PressureBreach[];
  /** By cap (its index in omni.yaml): every scenario of its breaches, in first-seen order. */
  capScenarios: string[][];
  quietHours: Array<{ entry: EntrySource; at: Moment }>;
}

/**
 * The violations of one persona, without building the calendar: the same play as
 * simulatePersona, entries recorded compactly, the same checks on them in the same order
 * (test/simulate/lint-violations.test.ts compares both on a generated plan).
 */
export function personaViolations(model: Model, persona: Persona): PersonaViolations {
  const { player, order } = playPersona(model, persona, true);
  const length = order.length;
  const { plan } = player;
  const steps = plan.steps;
  const view: CalendarView = {
    minutes: new Float64Array(length),
    known: new Uint8Array(length),
    channels: new Int32Array(length),
    scenarios: new Int32Array(length),
    names: plan,
  };
  for (let i = 0; i < length; i++) {
    const from = order[i]!;
    view.minutes[i] = player.minutes[from]!;
    view.known[i] = player.known[from]!;
    const ref = player.refs[from]!;
    if (ref >= 0) {
      view.channels[i] = steps.channels[ref]!;
      view.scenarios[i] = steps.scenarios[ref]!;
    } else {
      view.channels[i] = plan.channels.idOf(player.extras[-1 - ref]!.channel);
      view.scenarios[i] = player.extraOwners[-1 - ref]!;
    }
  }
  // The source of an entry a finding names: an extra as recorded, a planned step made now.
  const sourceOf = (ref: number): EntrySource => {
    if (ref < 0) return player.extras[-1 - ref]!;
    const playable = steps.playables[steps.owners[ref]!]!;
    return linearOf(playable)![ref - playable.first!]!;
  };
  const { violations, capScenarios } = pressureIn(view, model.settings.pressure ?? [], false);
  return {
    persona,
    pressure: violations,
    capScenarios,
    quietHours: quietIn(view, model.settings.quietHours).map((i) => ({
      entry: sourceOf(player.refs[order[i]!]!),
      at: { minute: view.minutes[i]!, timeKnown: view.known[i] === 1 },
    })),
  };
}

const violations = new WeakMap<Model, PersonaViolations[]>();

/**
 * Every persona's violations, once per model: what marketing-pressure and quiet-hours
 * share. From the full simulation when something already made it (the report), else
 * computed without calendars.
 */
export function violationsOf(model: Model): PersonaViolations[] {
  let results = violations.get(model);
  if (!results) {
    const full = simulations.get(model);
    results = full
      ? full.map((result) => ({
          persona: result.persona,
          pressure: result.pressure,
          capScenarios: result.capScenarios,
          quietHours: result.quietHours.map(({ entry }) => {
            const calendarEntry = result.calendar[entry]!;
            return { entry: calendarEntry, at: { minute: calendarEntry.minute, timeKnown: calendarEntry.timeKnown } };
          }),
        }))
      : model.personas.map((persona) => personaViolations(model, persona));
    violations.set(model, results);
  }
  return results;
}

/** "J+2 18:30" (fr) or "D+2 18:30" (en); without the time when it is not known. */
export function formatMoment(moment: Moment, locale: 'fr' | 'en'): string {
  const day = Math.floor(moment.minute / DAY);
  const prefix = `${locale === 'fr' ? 'J' : 'D'}${day < 0 ? '-' : '+'}${Math.abs(day)}`;
  if (!moment.timeKnown) return prefix;
  const ofDay = moment.minute - day * DAY;
  return `${prefix} ${String(Math.floor(ofDay / 60)).padStart(2, '0')}:${String(ofDay % 60).padStart(2, '0')}`;
}

const simulations = new WeakMap<Model, PersonaSimulation[]>();

/** Every persona's simulation, once per model: the pressure and quiet-hours rules share it. */
export function simulationsOf(model: Model): PersonaSimulation[] {
  let results = simulations.get(model);
  if (!results) {
    results = simulate(model);
    simulations.set(model, results);
  }
  return results;
}

import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { personaViolations, simulate, type PersonaSimulation } from '../../src/simulate/engine.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadFiles } from '../rules/run-rule.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';

/**
 * `omni simulate` against a reference written from docs/simulate.md and docs/format.md
 * alone: seeded plans (linear and branching scenarios, fallbacks, re-entry, exits and goals,
 * assumptions, some naming nothing) and personas (targets, opt-outs, bounces, events with and
 * without a time of day), pressure caps and quiet hours. Both must give the same calendars,
 * runs, messages not sent and violations. The reference is a plain recursive walk over the
 * plan as written, sharing no code with the engine's plans, typed buffers and fast paths.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: plans).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const PLANS = tierCount(150, 20);
const DAY = 24 * 60;

// ---------------------------------------------------------------- the plan, as written

interface Fallback {
  channel: string;
  when?: Array<'no-consent' | 'bounced'>;
  name: string;
}
interface MessageStep {
  id: string;
  after: string;
  channel: string;
  name: string;
  fallback?: Fallback;
}
interface WaitStep {
  id: string;
  /** Without `until`: a plain delay. */
  wait: { until?: Array<{ event: string; steps: PlanStep[] }>; timeout: string; otherwise?: PlanStep[] };
}
interface DecisionBranch {
  name: string;
  target?: string;
  event?: string;
  condition?: string;
  steps: PlanStep[];
}
interface DecisionStep {
  id: string;
  decision: { branches: DecisionBranch[]; otherwise?: PlanStep[] };
}
interface SplitStep {
  id: string;
  split: { branches: Array<{ name: string; percent: number; steps: PlanStep[] }>; control?: number };
}
type PlanStep = MessageStep | WaitStep | DecisionStep | SplitStep | { end: true } | { goto: string };

interface PlanScenario {
  id: string;
  name: string;
  program: string;
  lifecycle: string;
  target: string;
  trigger: { type: 'event'; event: string };
  exit?: string[];
  goal?: string;
  reentry?: 'never' | 'unless-goal' | 'always';
  steps: PlanStep[];
}
interface PlanPersona {
  id: string;
  name: string;
  target: string[];
  optOut: string[];
  bounces: string[];
  assume: Array<{ scenario: string; step: string; branch: string }>;
  events: Array<{ event: string; at: string }>;
}
interface Cap {
  channels?: string[];
  max: number;
  per: string;
}
interface Plan {
  scenarios: PlanScenario[];
  personas: PlanPersona[];
  pressure: Cap[];
  quietHours?: { from: string; to: string; channels?: string[] };
}

const CHANNELS = ['email', 'sms', 'push', 'web'];
const TARGETS = ['all', 'vip', 'new'];
const EVENTS = ['cart', 'order', 'visit', 'click', 'birthday'];
// J+400 lands past the horizon (365 days after the story's last event, which is within its first 6 days).
const OFFSETS: Record<string, number> = { '0': 0, '30m': 30, '12h': 720, 'J+1': DAY, '2d': 2 * DAY, 'J+2': 2 * DAY, '1w': 7 * DAY, 'J-1': -DAY, 'J+400': 400 * DAY };
const TIMEOUTS: Record<string, number> = { '12h': 720, '1d': DAY, '2d': 2 * DAY, 'J+3': 3 * DAY };
const PERIODS: Record<string, number> = { '12h': 720, '1d': DAY, '2d': 2 * DAY, '7d': 7 * DAY, '2w': 14 * DAY };

function generatePlan(random: () => number): Plan {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[], chance: number): T[] => items.filter(() => random() < chance);
  let steps = 0;
  const branching: Array<{ scenario: string; step: string; branches: string[] }> = [];
  const messageIds = new Map<string, string[]>();
  const sequence = (scenario: string, depth: number): PlanStep[] => {
    const out: PlanStep[] = [];
    const length = 1 + Math.floor(random() * 3);
    for (let i = 0; i < length; i++) {
      const id = `s${++steps}`;
      const kind = depth < 2 && random() < 0.35 ? pick(['wait', 'decision', 'split'] as const) : 'message';
      if (kind === 'message') {
        const channel = pick(CHANNELS);
        const message: MessageStep = { id, after: pick(Object.keys(OFFSETS)), channel, name: `Message ${id}` };
        if (random() < 0.3) {
          const when = random() < 0.4 ? undefined : some(['no-consent', 'bounced'] as const, 0.6);
          message.fallback = { channel: pick(CHANNELS.filter((other) => other !== channel)), ...(when && when.length > 0 ? { when } : {}), name: `Fallback ${id}` };
        }
        out.push(message);
        (messageIds.get(scenario) ?? messageIds.set(scenario, []).get(scenario)!).push(id);
      } else if (kind === 'wait') {
        const awaited = some(EVENTS, 0.35);
        // No event drawn: a plain delay, one time in three (else one event).
        if (awaited.length === 0 && random() >= 1 / 3) awaited.push(pick(EVENTS));
        out.push({
          id,
          wait: {
            ...(awaited.length > 0 ? { until: awaited.map((event) => ({ event, steps: random() < 0.2 ? [{ end: true }] : sequence(scenario, depth + 1) })) } : {}),
            timeout: pick(Object.keys(TIMEOUTS)),
            ...(random() < 0.5 ? { otherwise: sequence(scenario, depth + 1) } : {}),
          },
        });
      } else if (kind === 'decision') {
        const branches: DecisionBranch[] = [];
        const count = 1 + Math.floor(random() * 3);
        for (let b = 0; b < count; b++) {
          const on = pick(['target', 'event', 'condition'] as const);
          branches.push({
            name: `b${b}`,
            ...(on === 'target' ? { target: pick(TARGETS) } : on === 'event' ? { event: pick(EVENTS) } : { condition: 'tier = gold' }),
            steps: sequence(scenario, depth + 1),
          });
        }
        const otherwise = random() < 0.5 ? sequence(scenario, depth + 1) : undefined;
        out.push({ id, decision: { branches, ...(otherwise ? { otherwise } : {}) } });
        branching.push({ scenario, step: id, branches: [...branches.map((branch) => branch.name), ...(otherwise ? ['otherwise'] : [])] });
      } else {
        const count = 1 + Math.floor(random() * 3);
        const control = random() < 0.5 ? 10 : undefined;
        const branches = Array.from({ length: count }, (_, b) => ({ name: `v${b}`, percent: pick([20, 30, 45]), steps: sequence(scenario, depth + 1) }));
        out.push({ id, split: { branches, ...(control !== undefined ? { control } : {}) } });
        branching.push({ scenario, step: id, branches: [...branches.map((branch) => branch.name), ...(control !== undefined ? ['control'] : [])] });
      }
      if (random() < 0.08) {
        out.push({ end: true });
        break;
      }
      // A jump to a message step made so far: where branches meet, or a loop back.
      if (random() < 0.06 && (messageIds.get(scenario)?.length ?? 0) > 0) {
        out.push({ goto: pick(messageIds.get(scenario)!) });
        break;
      }
    }
    return out;
  };
  // Ids out of declaration order: play and ties follow ids, not the file.
  const count = 2 + Math.floor(random() * 5);
  const ids = Array.from({ length: count }, (_, i) => `${pick(['a', 'b', 'c'])}${i}`).sort(() => random() - 0.5);
  const scenarios = ids.map((id): PlanScenario => {
    const exit = some(EVENTS, 0.15);
    const goal = random() < 0.4 ? pick(EVENTS) : undefined;
    const drawn = random() < 0.7 ? pick(['never', 'unless-goal', 'always'] as const) : undefined;
    // unless-goal needs a goal (the schema says so); the draw stays, so the seeds play the same plans.
    const reentry = drawn === 'unless-goal' && goal === undefined ? 'always' : drawn;
    return {
      id,
      name: `Scenario ${id}`,
      program: 'conversion',
      lifecycle: 'activation',
      target: random() < 0.6 ? 'all' : pick(TARGETS),
      trigger: { type: 'event', event: pick(EVENTS) },
      ...(exit.length > 0 ? { exit } : {}),
      ...(goal !== undefined ? { goal } : {}),
      ...(reentry !== undefined ? { reentry } : {}),
      steps: sequence(id, 0),
    };
  });
  const personas = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, p): PlanPersona => {
    const target = some(TARGETS, 0.6);
    if (target.length === 0) target.push('all');
    const assume: PlanPersona['assume'] = [];
    for (const site of branching) {
      if (random() >= 0.4) continue;
      // Some name nothing (`control` of a decision or of a split without a control group too): they are ignored.
      const roll = random();
      const branch = roll < 0.2 ? 'nowhere' : roll < 0.4 ? 'control' : pick(site.branches);
      assume.push({ scenario: site.scenario, step: site.step, branch });
    }
    const events = Array.from({ length: 1 + Math.floor(random() * 6) }, () => {
      const day = Math.floor(random() * 6);
      const time = random() < 0.75 ? Math.floor(random() * 96) * 15 : undefined;
      const clock = time === undefined ? '' : ` ${String(Math.floor(time / 60)).padStart(2, '0')}:${String(time % 60).padStart(2, '0')}`;
      return { event: pick(EVENTS), at: `J+${day}${clock}` };
    });
    return { id: `p${p}`, name: `Persona ${p}`, target, optOut: some(CHANNELS, 0.15), bounces: some(CHANNELS, 0.15), assume, events };
  });
  const pressure = Array.from({ length: Math.floor(random() * 3) }, (): Cap => {
    const channels = random() < 0.5 ? some(CHANNELS, 0.5) : [];
    return { ...(channels.length > 0 ? { channels } : {}), max: 1 + Math.floor(random() * 3), per: pick(Object.keys(PERIODS)) };
  });
  const clock = () => `${String(Math.floor(random() * 24)).padStart(2, '0')}:${pick(['00', '30'])}`;
  const quietChannels = some(CHANNELS, 0.5);
  const from = clock();
  // Now and then an empty window (from = to): nothing is quiet.
  const quietHours = random() < 0.6 ? { from, to: random() < 0.1 ? from : clock(), ...(quietChannels.length > 0 ? { channels: quietChannels } : {}) } : undefined;
  return { scenarios, personas, pressure, ...(quietHours ? { quietHours } : {}) };
}

function filesOf(plan: Plan): Record<string, string> {
  const settings = {
    name: 'Reference',
    locale: 'en',
    ...(plan.pressure.length > 0 ? { pressure: plan.pressure } : {}),
    ...(plan.quietHours ? { quietHours: plan.quietHours } : {}),
  };
  const declarations = {
    stages: [{ id: 'buy', name: 'I buy' }],
    channels: CHANNELS.map((id) => ({ id, name: id, type: 'online' })),
    targets: TARGETS.map((id) => ({ id, name: id })),
    programs: [{ id: 'conversion', name: 'Conversion' }],
  };
  return {
    'omni.yaml': stringify(settings),
    'plan.yaml': stringify(declarations),
    'scenarios.yaml': stringify({ scenarios: plan.scenarios }),
    'personas.yaml': stringify({ personas: plan.personas }),
  };
}

// ---------------------------------------------------------------- the reference

interface Moment {
  minute: number;
  timeKnown: boolean;
}
interface Entry extends Moment {
  scenario: string;
  step: string;
  channel: string;
  kind: 'message' | 'fallback';
  label: string;
}
interface Run {
  scenario: string;
  trigger: string;
  entered: Moment;
  outcome: string;
  stopped?: Moment;
  stoppedBy?: string;
}

/** "J+2 10:30": day 2 at 10:30; "J+2": day 2, time unknown. */
function momentOf(at: string): Moment {
  const [day, clock] = at.split(' ');
  const minute = Number(day!.slice(2)) * DAY;
  if (clock === undefined) return { minute, timeKnown: false };
  return { minute: minute + Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3)), timeKnown: true };
}

const clockOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

function reference(plan: Plan, persona: PlanPersona) {
  // "Events are taken in time order (then in the order written)."
  const story = persona.events.map((event, order) => ({ ...momentOf(event.at), event: event.event, order })).sort((a, b) => a.minute - b.minute || a.order - b.order);
  const byId = [...plan.scenarios].sort((a, b) => (a.id < b.id ? -1 : 1));
  const played: Array<Entry & { rank: number; order: number }> = [];
  const runs: Run[] = [];
  const skipped: Array<{ scenario: string; step: string; channel: string; at: Moment; reason: string }> = [];
  const runsOf = new Map<string, Run[]>();

  const play = (scenario: PlanScenario, trigger: (typeof story)[number], rank: number): Run => {
    const run: Run = { scenario: scenario.id, trigger: trigger.event, entered: { minute: trigger.minute, timeKnown: trigger.timeKnown }, outcome: 'completed' };
    // "The first exit or goal event after entry stops the run: nothing is sent from that moment on."
    const stop = story.find((event) => event.minute > trigger.minute && (event.event === scenario.goal || (scenario.exit ?? []).includes(event.event)));
    const stopAt = stop?.minute ?? Infinity;
    // "Nothing is played past the horizon: 365 days after the persona's last event."
    const horizon = story[story.length - 1]!.minute + 365 * DAY;
    let anchor: Moment = { minute: trigger.minute, timeKnown: trigger.timeKnown };
    let reached = trigger.minute; // the latest moment the contact has been at
    const send = (step: MessageStep, at: Moment) => {
      const entry = (channel: string, kind: Entry['kind'], label: string) =>
        played.push({ ...at, scenario: scenario.id, step: step.id, channel, kind, label, rank, order: played.length });
      const fallback = step.fallback;
      const when = fallback?.when ?? ['no-consent', 'bounced'];
      if (persona.optOut.includes(step.channel)) {
        if (fallback && when.includes('no-consent') && !persona.optOut.includes(fallback.channel)) entry(fallback.channel, 'fallback', fallback.name);
        else skipped.push({ scenario: scenario.id, step: step.id, channel: step.channel, at, reason: 'no-consent' });
        return;
      }
      entry(step.channel, 'message', step.name);
      if (fallback && when.includes('bounced') && persona.bounces.includes(step.channel) && !persona.optOut.includes(fallback.channel))
        entry(fallback.channel, 'fallback', fallback.name);
    };
    // An assumption that names no branch of the step is ignored (docs/rules/unknown-assumption.md).
    const assumed = (step: string, branches: readonly string[]) => {
      const assumption = persona.assume.find((candidate) => candidate.scenario === scenario.id && candidate.step === step);
      return assumption && branches.includes(assumption.branch) ? assumption.branch : undefined;
    };
    // Where each step stands: "when a branch's steps are done, the contact continues with the
    // step that follows the branching step in its sequence"; a goto continues at its step.
    const places = new Map<PlanStep, { steps: readonly PlanStep[]; index: number; owner: PlanStep | undefined }>();
    const byStepId = new Map<string, PlanStep>();
    const place = (steps: readonly PlanStep[], owner: PlanStep | undefined) =>
      steps.forEach((step, index) => {
        places.set(step, { steps, index, owner });
        if ('id' in step) byStepId.set(step.id, step);
        if ('wait' in step) {
          for (const branch of step.wait.until ?? []) place(branch.steps, step);
          if (step.wait.otherwise) place(step.wait.otherwise, step);
        } else if ('decision' in step) {
          for (const branch of step.decision.branches) place(branch.steps, step);
          if (step.decision.otherwise) place(step.decision.otherwise, step);
        } else if ('split' in step) for (const branch of step.split.branches) place(branch.steps, step);
      });
    place(scenario.steps, undefined);
    const after = (step: PlanStep): PlanStep | undefined => {
      const { steps, index, owner } = places.get(step)!;
      return steps[index + 1] ?? (owner ? after(owner) : undefined);
    };
    const walk = (): 'continue' | 'stop' | 'horizon' | 'end' | 'control' | 'looped' => {
      let step: PlanStep | undefined = scenario.steps[0];
      // "a goto loop was cut after 10,000 steps"
      for (let count = 0; step !== undefined; count++) {
        if (count === 10_000) return 'looped';
        let next: readonly PlanStep[] | undefined;
        if ('end' in step) return 'end';
        if ('goto' in step) {
          step = byStepId.get(step.goto);
          continue;
        }
        if ('after' in step) {
          const minute = anchor.minute + OFFSETS[step.after]!;
          if (minute >= stopAt) return 'stop';
          if (minute > horizon) return 'horizon';
          send(step, { minute, timeKnown: anchor.timeKnown });
          reached = Math.max(reached, minute);
        } else if ('wait' in step) {
          // "How long to wait, from the moment the wait is reached"; the first awaited event within it.
          const start = Math.max(reached, anchor.minute);
          const deadline = start + TIMEOUTS[step.wait.timeout]!;
          const wait = step.wait;
          // "Without until, a plain delay: wait timeout, then go on."
          const until = wait.until ?? [];
          const happened = story.find((event) => event.minute > start && event.minute <= deadline && until.some((branch) => branch.event === event.event));
          if (happened && happened.minute < stopAt) {
            next = until.find((branch) => branch.event === happened.event)!.steps;
            anchor = { minute: happened.minute, timeKnown: happened.timeKnown };
          } else if (deadline >= stopAt) {
            return 'stop';
          } else if (deadline > horizon) {
            return 'horizon';
          } else {
            next = wait.otherwise;
            anchor = { minute: deadline, timeKnown: anchor.timeKnown };
          }
          reached = anchor.minute;
        } else if ('decision' in step) {
          const { branches, otherwise } = step.decision;
          const choice = assumed(step.id, [...branches.map((branch) => branch.name), ...(otherwise ? ['otherwise'] : [])]);
          if (choice !== undefined) next = choice === 'otherwise' ? otherwise : branches.find((branch) => branch.name === choice)!.steps;
          else {
            const matched = branches.find(
              (branch) =>
                (branch.target !== undefined && persona.target.includes(branch.target)) ||
                (branch.event !== undefined && story.some((event) => event.event === branch.event && event.minute <= reached)),
            );
            next = matched ? matched.steps : otherwise;
          }
        } else {
          const { branches, control } = step.split;
          const choice = assumed(step.id, [...branches.map((branch) => branch.name), ...(control !== undefined ? ['control'] : [])]);
          if (choice === 'control') return 'control';
          // "else the largest branch (the first on a tie)"
          const largest = branches.reduce((best, branch) => (branch.percent > best.percent ? branch : best));
          next = (choice !== undefined ? branches.find((branch) => branch.name === choice) : largest)!.steps;
        }
        step = next && next.length > 0 ? next[0] : after(step);
      }
      return 'continue';
    };
    const outcome = walk();
    if (outcome === 'stop') {
      run.outcome = stop!.event === scenario.goal ? 'goal' : 'exit';
      run.stopped = { minute: stop!.minute, timeKnown: stop!.timeKnown };
      run.stoppedBy = stop!.event;
    } else if (outcome === 'horizon') {
      // "A run still going then ends as `horizon`", stopped at the horizon.
      run.outcome = 'horizon';
      run.stopped = { minute: horizon, timeKnown: story[story.length - 1]!.timeKnown };
    } else if (outcome === 'end') run.outcome = 'ended';
    else if (outcome === 'control' || outcome === 'looped') run.outcome = outcome;
    return run;
  };

  for (const event of story) {
    byId.forEach((scenario, rank) => {
      if (scenario.trigger.event !== event.event || !persona.target.includes(scenario.target)) return;
      const earlier = runsOf.get(scenario.id) ?? [];
      const reentry = scenario.reentry ?? 'always';
      if (earlier.length > 0 && reentry === 'never') return;
      if (earlier.length > 0 && reentry === 'unless-goal' && earlier.some((run) => run.outcome === 'goal' && run.stopped!.minute <= event.minute)) return;
      const run = play(scenario, event, rank);
      runs.push(run);
      runsOf.set(scenario.id, [...earlier, run]);
    });
  }
  // "Messages in time order (at the same minute, by scenario id)", then as played.
  const calendar = played.sort((a, b) => a.minute - b.minute || a.rank - b.rank || a.order - b.order).map(({ rank: _rank, order: _order, ...entry }) => entry);

  // "From each message, the window of per may hold at most max messages … Each breach is
  // reported once: the search goes on after its window."
  const pressure = plan.pressure.flatMap((cap, index) => {
    const counted = calendar.map((entry, at) => ({ entry, at })).filter(({ entry }) => !cap.channels || cap.channels.includes(entry.channel));
    const breaches = [];
    let end = 0;
    for (let start = 0; start < counted.length;) {
      const first = counted[start]!.entry.minute;
      end = Math.max(end, start);
      while (end < counted.length && counted[end]!.entry.minute < first + PERIODS[cap.per]!) end++;
      if (end - start <= cap.max) {
        start++;
        continue;
      }
      const inside = counted.slice(start, end);
      const last = inside[inside.length - 1]!.entry;
      breaches.push({
        cap: index,
        ...(cap.channels ? { channels: cap.channels } : {}),
        max: cap.max,
        per: cap.per,
        count: inside.length,
        from: { minute: first, timeKnown: counted[start]!.entry.timeKnown },
        to: { minute: last.minute, timeKnown: last.timeKnown },
        entries: inside.map(({ at }) => at),
        scenarios: [...new Set(inside.map(({ entry }) => entry.scenario))],
      });
      start = end;
    }
    return breaches;
  });
  const quiet = plan.quietHours;
  const quietHours = quiet
    ? calendar.flatMap((entry, at) => {
        if (!entry.timeKnown || (quiet.channels && !quiet.channels.includes(entry.channel))) return [];
        const from = clockOf(quiet.from);
        const to = clockOf(quiet.to);
        const clock = ((entry.minute % DAY) + DAY) % DAY;
        const inside = from < to ? clock >= from && clock < to : from > to && (clock >= from || clock < to);
        return inside ? [{ entry: at }] : [];
      })
    : [];
  return { calendar, runs, skipped, pressure, quietHours };
}

/** The engine's simulation, in the reference's terms. */
function engineView(simulation: PersonaSimulation) {
  return {
    calendar: simulation.calendar.map(({ minute, timeKnown, scenario, step, channel, kind, label }) => ({ minute, timeKnown, scenario, step, channel, kind, label })),
    runs: simulation.runs.map((run) => ({ ...run })),
    skipped: simulation.skipped.map((step) => ({ ...step })),
    pressure: simulation.pressure.map((violation) => ({ ...violation })),
    quietHours: simulation.quietHours,
  };
}

describe(`omni simulate against a reference written from the docs, on ${PLANS} seeded plans (seed ${SEED})`, () => {
  it('gives the same calendars, runs, messages not sent and violations', async () => {
    const random = mulberry32(SEED);
    const covered = { unreachable: 0, messages: 0, fallbacks: 0, skipped: 0, pressure: 0, quiet: 0, delays: 0, outcomes: new Set<string>() };
    for (let index = 0; index < PLANS; index++) {
      const plan = generatePlan(random);
      const workspace = await loadFiles(filesOf(plan));
      // Every generated plan loads whole: nothing is left out of the model for the engine.
      expect(workspace.diagnostics.map((diagnostic) => `${diagnostic.ruleId} ${diagnostic.message}`)).toEqual([]);
      const simulations = simulate(workspace.model);
      // Lint's flow rules agree with the play: a step unreachable-step reports is never played.
      const unreachable = (await lintWorkspace(workspace)).diagnostics
        .filter((diagnostic) => diagnostic.ruleId === 'unreachable-step')
        .map((diagnostic) => /^step (.+?) of scenario "([^"]+)"/.exec(diagnostic.message)!)
        .map(([, step, scenario]) => `${scenario} ${step}`);
      const played = new Set(simulations.flatMap((simulation) => [...simulation.calendar, ...simulation.skipped].map((entry) => `${entry.scenario} ${entry.step}`)));
      expect(
        unreachable.filter((step) => played.has(step)),
        `plan ${index}`,
      ).toEqual([]);
      covered.unreachable += unreachable.length;
      covered.delays += (JSON.stringify(plan.scenarios).match(/"wait":\{"timeout"/g) ?? []).length;
      plan.personas.forEach((persona, p) => {
        const expected = reference(plan, persona);
        const context = `plan ${index} (seed ${SEED}), persona ${persona.id}:\n${filesOf(plan)['scenarios.yaml']}\n${filesOf(plan)['personas.yaml']}`;
        expect(engineView(simulations[p]!), context).toEqual(expected);
        // Lint's own path (marketing-pressure, quiet-hours) finds the same breaches.
        const lintOnly = personaViolations(workspace.model, workspace.model.personas[p]!);
        expect(lintOnly.pressure, context).toEqual(expected.pressure.map(({ entries: _entries, scenarios: _scenarios, ...breach }) => breach));
        expect(
          lintOnly.quietHours.map(({ entry, at }) => `${entry.scenario} ${entry.channel} ${at.minute}`),
          context,
        ).toEqual(
          expected.quietHours.map(({ entry }) => `${expected.calendar[entry]!.scenario} ${expected.calendar[entry]!.channel} ${expected.calendar[entry]!.minute}`),
        );
        covered.messages += expected.calendar.length;
        covered.fallbacks += expected.calendar.filter((entry) => entry.kind === 'fallback').length;
        covered.skipped += expected.skipped.length;
        covered.pressure += expected.pressure.length;
        covered.quiet += expected.quietHours.length;
        for (const run of expected.runs) covered.outcomes.add(run.outcome);
      });
    }
    // Not vacuous: every path of the play is taken somewhere.
    expect(covered.messages).toBeGreaterThan(PLANS);
    expect(covered.unreachable).toBeGreaterThan(0);
    expect(Math.min(covered.fallbacks, covered.skipped, covered.pressure, covered.quiet, covered.delays)).toBeGreaterThan(0);
    expect([...covered.outcomes].sort()).toEqual(['completed', 'control', 'ended', 'exit', 'goal', 'horizon', 'looped']);
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Model, Persona } from '../../src/model/types.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { simulatePersona, type Moment, type PersonaSimulation } from '../../src/simulate/engine.js';
import { walkSteps } from '../../src/model/steps.js';
import { mulberry32 } from '../setup/seeded-random.js';
import { tierCount } from '../setup/tiers.js';

/**
 * Seeded personas made of the events each example's scenarios start on (mostly), stop on and
 * wait for, at distinct times, with random targets, opt-outs and bounces. Two things must not
 * change what `omni simulate` finds for a persona:
 * - the order its events are listed in (they are played in time order);
 * - every event moved a week later: the calendar, runs, skipped steps and pressure windows
 *   move by exactly a week, and the same messages land in quiet hours.
 * FUZZ_SEED and FUZZ_N reproduce or widen a run (FUZZ_N: personas per example).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const PERSONAS = tierCount(80, 20);
const ROOT = path.resolve(import.meta.dirname, '../..');
const DAY = 24 * 60;
const WEEK = 7 * DAY;

function eventsOf(model: Model): string[] {
  const events = new Set<string>();
  for (const scenario of model.scenarios) {
    events.add(scenario.trigger.event);
    scenario.exit.forEach((event) => events.add(event));
    if (scenario.goal !== undefined) events.add(scenario.goal);
    walkSteps(scenario, (step) => {
      if (step.kind === 'wait') step.until.forEach((branch) => events.add(branch.event));
      if (step.kind === 'decision') step.branches.forEach((branch) => branch.event !== undefined && events.add(branch.event));
    });
  }
  return [...events].sort();
}

interface Planned {
  event: string;
  day: number;
  /** Minutes after midnight, or undefined for an event without a time of day. */
  time?: number;
}

const atOf = ({ day, time }: Planned, shift = 0) =>
  `J+${day + shift}${time === undefined ? '' : ` ${String(Math.floor(time / 60)).padStart(2, '0')}:${String(time % 60).padStart(2, '0')}`}`;

function personaOf(model: Model, template: Persona, index: number, events: readonly Planned[], shiftDays: number, random: () => number): Persona {
  const pickSome = (ids: readonly string[], chance: number) => ids.filter(() => random() < chance);
  return {
    ...template,
    id: `fuzz-${index}`,
    name: `Fuzz ${index}`,
    target: pickSome(
      model.targets.map((target) => target.id),
      0.7,
    ),
    optOut: pickSome(
      model.channels.map((channel) => channel.id),
      0.1,
    ),
    bounces: pickSome(
      model.channels.map((channel) => channel.id),
      0.1,
    ),
    assume: [],
    events: events.map((planned) => ({ event: planned.event, at: atOf(planned, shiftDays) })),
  };
}

/** What a simulation finds, without the persona itself, its moments moved back by `shift` minutes. */
function found(simulation: PersonaSimulation, shift = 0) {
  const back = (moment: Moment | undefined) => (moment === undefined ? undefined : { ...moment, minute: moment.minute - shift });
  return {
    calendar: simulation.calendar.map((entry) => ({ ...entry, minute: entry.minute - shift })),
    runs: simulation.runs.map((run) => ({ ...run, entered: back(run.entered), stopped: back(run.stopped) })),
    skipped: simulation.skipped.map((step) => ({ ...step, at: back(step.at) })),
    pressure: simulation.pressure.map((violation) => ({ ...violation, from: back(violation.from), to: back(violation.to) })),
    capScenarios: simulation.capScenarios,
    quietHours: simulation.quietHours,
  };
}

describe(`omni simulate on ${PERSONAS} seeded personas of each example (seed ${SEED})`, () => {
  it.each(['examples/maison-lumen', 'examples/gaps', 'test/fixtures/branching'])('%s', async (example) => {
    const { model } = await loadWorkspace(path.join(ROOT, example));
    const events = eventsOf(model);
    const triggers = [...new Set(model.scenarios.map((scenario) => scenario.trigger.event))].sort();
    const template =
      model.personas[0] ??
      ({ id: '', name: '', target: [], events: [], optOut: [], bounces: [], assume: [], origin: { file: 'personas.yaml', path: ['personas', 0] } } as Persona);
    const random = mulberry32(SEED);
    let withMessages = 0;
    for (let index = 0; index < PERSONAS; index++) {
      // Distinct moments: events at the same minute are played in the order they are listed.
      const moments = new Set<number>();
      const story: Planned[] = [];
      const length = 1 + Math.floor(random() * 6);
      while (story.length < length) {
        const planned: Planned = {
          event: random() < 0.6 ? triggers[Math.floor(random() * triggers.length)]! : events[Math.floor(random() * events.length)]!,
          day: Math.floor(random() * 10),
          ...(random() < 0.8 ? { time: Math.floor(random() * 96) * 15 } : {}),
        };
        const moment = planned.day * DAY + (planned.time ?? 0); // "J+4" is J+4 00:00
        if (moments.has(moment)) continue;
        moments.add(moment);
        story.push(planned);
      }
      const state = random() * 2 ** 32;
      const persona = personaOf(model, template, index, story, 0, mulberry32(state));
      const shuffled = [...story].sort(() => random() - 0.5);
      const context = `${example}: ${JSON.stringify(persona.events)} targets ${persona.target} opt-outs ${persona.optOut} bounces ${persona.bounces}`;
      // A persona of the model, as simulatePersona requires (its story indexes the scenarios).
      const play = (one: Persona) => simulatePersona({ ...model, personas: [one] }, one);
      const simulation = play(persona);
      if (simulation.calendar.length > 0) withMessages++;
      expect(found(play(personaOf(model, template, index, shuffled, 0, mulberry32(state)))), `${context}, listed ${JSON.stringify(shuffled)}`).toEqual(found(simulation));
      expect(found(play(personaOf(model, template, index, story, 7, mulberry32(state))), WEEK), `${context}, a week later`).toEqual(found(simulation));
    }
    // The campaign means something only if the personas meet scenarios.
    expect(withMessages).toBeGreaterThan(PERSONAS / 4);
  });
});

import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without type declarations
import { personasYaml, PRESSURE_POLICY } from '../../bench/common/index.mjs';
// @ts-expect-error: a plain .mjs module without type declarations
import { generateWorkspace } from '../../bench/generate.mjs';
import type { Model } from '../../src/model/types.js';
import { personaViolations, simulatePersona, simulationsOf, violationsOf, type PersonaViolations } from '../../src/simulate/engine.js';
import { loadFiles, type Files } from '../rules/run-rule.js';
import { SIMULATION_FILES } from './fixture.js';

/** The violations as lint reads them, from the full simulation (what `omni simulate` shows). */
function fromFullSimulation(model: Model): PersonaViolations[] {
  return model.personas.map((persona) => {
    const result = simulatePersona(model, persona);
    return {
      persona,
      pressure: result.pressure,
      capScenarios: result.capScenarios,
      quietHours: result.quietHours.map(({ entry }) => {
        const calendarEntry = result.calendar[entry]!;
        return { entry: calendarEntry, at: { minute: calendarEntry.minute, timeKnown: calendarEntry.timeKnown } };
      }),
    };
  });
}

/** What a finding reads of each violation: the lint-only path must give exactly the same. */
const readable = (results: PersonaViolations[]) =>
  results.map((result) => ({
    persona: result.persona.id,
    // What a breach is to lint (the simulation also lists its entries and scenarios).
    pressure: result.pressure.map(({ cap, channels, max, per, count, from, to }) => ({ cap, channels, max, per, count, from, to })),
    capScenarios: result.capScenarios,
    quietHours: result.quietHours.map(({ entry, at }) => ({
      scenario: entry.scenario,
      step: entry.step,
      channel: entry.channel,
      kind: entry.kind,
      origin: entry.origin,
      at,
    })),
  }));

/** A generated plan like the bench's: its files, the seeded personas and the pressure policy. */
function benchLikeFiles(): Files {
  const files: Map<string, string> = generateWorkspace({ files: 24, scenarios: 200, channels: 12, stages: 6, variables: 60, sources: 8, seed: 5 });
  const out: Files = Object.fromEntries(files);
  out['omni.yaml'] = `${String(out['omni.yaml']).split('\npressure:')[0]!.trimEnd()}\n${PRESSURE_POLICY}`;
  // The first persona also opts out of sms and bounces on email: the send paths of a step.
  out['personas.yaml'] = String(personasYaml(20)).replace('    events:\n', '    optOut: [sms]\n    bounces: [email]\n    events:\n');
  return out;
}

describe('lint-only violations (marketing-pressure, quiet-hours)', () => {
  it('equal the full simulation’s on a generated plan of 200 scenarios and 20 personas', async () => {
    const workspace = await loadFiles(benchLikeFiles());
    const model = workspace.model;
    expect(model.personas).toHaveLength(20);
    expect(model.scenarios.length).toBeGreaterThanOrEqual(200);
    const lintOnly = readable(model.personas.map((persona) => personaViolations(model, persona)));
    expect(lintOnly).toEqual(readable(fromFullSimulation(model)));
    // The comparison is not vacuous: both caps are breached and steps fall in quiet hours.
    const caps = new Set(lintOnly.flatMap((result) => result.pressure.map((violation) => violation.cap)));
    expect([...caps].sort()).toEqual([0, 1]);
    expect(lintOnly.reduce((sum, result) => sum + result.quietHours.length, 0)).toBeGreaterThan(50);
    // Each cap's scenarios are its breaches' scenarios, each once, in the order the breaches name
    // them; a breach's count is its entries.
    const full = model.personas.map((persona) => simulatePersona(model, persona));
    full.forEach((result, index) => {
      const expected = [0, 1].map((cap) => [...new Set(result.pressure.filter((violation) => violation.cap === cap).flatMap((violation) => violation.scenarios))]);
      expect(lintOnly[index]!.capScenarios).toEqual(expected);
      for (const violation of result.pressure) expect(violation.count).toBe(violation.entries.length);
    });
    // Not vacuous: some cap's later breaches name scenarios its first one does not.
    expect(
      full.some((result) => result.capScenarios.some((names, cap) => names.length > (result.pressure.find((violation) => violation.cap === cap)?.scenarios.length ?? 0))),
    ).toBe(true);
  });

  it('equal them when scenarios re-enter never, unless their goal was reached, or always (runs stopped by goals and exits)', async () => {
    const files = benchLikeFiles();
    const policies = ['never', 'unless-goal', 'always'];
    let count = 0;
    for (const [name, text] of Object.entries(files)) {
      if (!name.startsWith('scenarios/')) continue;
      files[name] = String(text).replace(/\n {4}exit: /g, (line) => `\n    reentry: ${policies[count++ % 3]}${line}`);
    }
    expect(count).toBeGreaterThan(150);
    // Personas met by each trigger twice, the goal (order_placed) or an exit right after the first time.
    const triggers = ['cart_abandoned', 'account_created', 'order_shipped', 'order_ready', 'product_viewed', 'back_in_stock', 'birthday', 'store_visit'];
    files['personas.yaml'] =
      'personas:\n' +
      triggers
        .map(
          (event, index) =>
            `  - id: again-${index}\n    name: Again ${index}\n    target: [tous, nouveaux, fideles, inactifs, premium, prospects]\n    events:\n` +
            `      - { event: ${event}, at: "J+0 09:00" }\n      - { event: ${index % 2 ? 'order_placed' : 'unsubscribed'}, at: "J+0 09:30" }\n` +
            `      - { event: ${event}, at: "J+3 09:00" }\n      - { event: ${event}, at: "J+9 18:00" }\n`,
        )
        .join('');
    const model = (await loadFiles(files)).model;
    expect(new Set(model.scenarios.map((scenario) => scenario.reentry))).toEqual(new Set(policies));
    const lintOnly = readable(model.personas.map((persona) => personaViolations(model, persona)));
    expect(lintOnly).toEqual(readable(fromFullSimulation(model)));
    // Goals and exits did stop runs, so re-entry had something to decide.
    const outcomes = new Set(model.personas.flatMap((persona) => simulatePersona(model, persona).runs.map((run) => run.outcome)));
    expect(outcomes).toContain('goal');
    expect(outcomes).toContain('exit');
  });

  it('equal them on the simulation fixture (branches, waits, fallbacks, opt-outs)', async () => {
    const model = (await loadFiles(SIMULATION_FILES)).model;
    const lintOnly = readable(model.personas.map((persona) => personaViolations(model, persona)));
    expect(lintOnly).toEqual(readable(fromFullSimulation(model)));
    expect(lintOnly.some((result) => result.quietHours.length > 0 && result.pressure.length > 0)).toBe(true);
  });

  it('are computed once per model, and taken from the full simulation when one was made', async () => {
    const model = (await loadFiles(SIMULATION_FILES)).model;
    expect(violationsOf(model)).toBe(violationsOf(model));
    expect(readable(violationsOf(model))).toEqual(readable(fromFullSimulation(model)));
    const simulated = (await loadFiles(SIMULATION_FILES)).model;
    const full = simulationsOf(simulated);
    expect(violationsOf(simulated).map((result) => result.pressure)).toEqual(full.map((result) => result.pressure));
    expect(violationsOf(simulated)[0]!.pressure).toBe(full[0]!.pressure);
    expect(readable(violationsOf(simulated))).toEqual(readable(violationsOf(model)));
  });
});

describe('calendar order', () => {
  it('is by minute, scenario order, then play order also when the numbers are too large for one sort key', async () => {
    // An offset of 900 billion days before the trigger (after it, the horizon cuts it): minute ×
    // scenarios × messages no longer fits a safe integer.
    const model = (await loadFiles({ ...SIMULATION_FILES, 'model.yaml': String(SIMULATION_FILES['model.yaml']).replace('after: 1h', 'after: "J-900000000000"') })).model;
    const far = -900_000_000_000 * 24 * 60;
    for (const persona of model.personas) {
      const { calendar } = simulatePersona(model, persona);
      const minutes = calendar.map((entry) => entry.minute);
      expect(minutes).toEqual([...minutes].sort((a, b) => a - b));
      expect(readable([personaViolations(model, persona)])).toEqual(readable(fromFullSimulation({ ...model, personas: [persona] })));
    }
    expect(model.personas.some((persona) => simulatePersona(model, persona).calendar.some((entry) => entry.minute < far / 2))).toBe(true);
  });
});

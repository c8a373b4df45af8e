import { describe, expect, it } from 'vitest';
import { formatMoment, inQuietHours, parseAt, personaViolations, simulate, type PersonaSimulation } from '../../src/simulate/engine.js';
import { formatSimulationJson, formatSimulationMarkdown, formatSimulationText } from '../../src/simulate/format.js';
import { BASE, loadFiles } from '../rules/run-rule.js';
import { SIMULATION_FILES } from './fixture.js';

const calendarOf = (result: PersonaSimulation) =>
  result.calendar.map(
    (entry) => `${formatMoment(entry, 'en')} ${entry.channel} ${entry.scenario} ${entry.step}${entry.kind === 'fallback' ? ' (fallback)' : ''}: ${entry.label}`,
  );

async function run(personaId?: string) {
  const workspace = await loadFiles(SIMULATION_FILES);
  expect(workspace.diagnostics).toEqual([]);
  return { model: workspace.model, results: simulate(workspace.model, personaId) };
}

describe('omni simulate engine', () => {
  it("plays Camille's week: a clicked reminder, a birthday, a store visit, each branch chosen by her events", async () => {
    const { results } = await run('camille');
    expect(results).toHaveLength(1);
    expect(calendarOf(results[0]!)).toEqual([
      'D+0 11:00 email cart reminder: Your cart is waiting',
      // She clicked at 19:30: the clicked branch counts from the click.
      'D+0 21:30 sms cart wait › clicked › 1: Still hesitating?',
      'D+1 09:00 email birthday 1: Happy birthday',
      'D+1 21:00 sms birthday 2: A gift waits in store',
      // After the wait: two days from the end of the wait (the click).
      'D+2 19:30 email cart last-call: Last call',
      // No order before the visit: the otherwise branch.
      'D+3 15:00 email store-visit decision › otherwise › 1: Come back soon',
    ]);
    expect(results[0]!.runs.map((r) => `${r.scenario} ${r.outcome}`)).toEqual(['cart completed', 'birthday completed', 'store-visit completed']);
  });

  it('finds each pressure cap breach once, with its window and scenarios, and the sms in quiet hours', async () => {
    const [camille] = (await run('camille')).results;
    expect(camille!.pressure.map((v) => [v.cap, v.entries, formatMoment(v.from, 'en'), formatMoment(v.to, 'en'), v.scenarios])).toEqual([
      [0, [0, 2], 'D+0 11:00', 'D+1 09:00', ['cart', 'birthday']],
      [0, [4, 5], 'D+2 19:30', 'D+3 15:00', ['cart', 'store-visit']],
      [1, [0, 1, 2, 3, 4, 5], 'D+0 11:00', 'D+3 15:00', ['cart', 'birthday', 'store-visit']],
    ]);
    expect(camille!.quietHours).toEqual([{ entry: 1 }, { entry: 3 }]);
  });

  it('Lucas: fallback instead of email, his assumed split branch not sent, re-entry until the goal, then never again', async () => {
    const [lucas] = (await run('lucas')).results;
    expect(calendarOf(lucas!)).toEqual(['D+0 09:00 sms cart reminder (fallback): Your cart is waiting', 'D+1 09:00 sms cart reminder (fallback): Your cart is waiting']);
    expect(lucas!.skipped.map((s) => `${s.step} ${s.channel} ${formatMoment(s.at, 'en')}`)).toEqual([
      'wait › otherwise › split offer › discount › 1 email D+1 09:00',
      'wait › otherwise › split offer › discount › 1 email D+2 09:00',
    ]);
    // The order at J+3 (time unknown) stops both runs; the cart abandoned at J+4 does not re-enter (unless-goal).
    expect(lucas!.runs.map((r) => `${r.outcome} ${r.stoppedBy} ${formatMoment(r.stopped!, 'en')}`)).toEqual(['goal order_placed D+3', 'goal order_placed D+3']);
    expect(lucas!.quietHours).toEqual([]);
  });

  it('re-entry: a birthday scenario that never re-enters is played once, one that always does is played each time', async () => {
    const twoBirthdays = SIMULATION_FILES['model.yaml']!.toString().replace(
      '      - { event: birthday, at: "J+1 09:00" }\n',
      '      - { event: birthday, at: "J+1 09:00" }\n      - { event: birthday, at: "J+5 09:00" }\n',
    );
    const birthdays = async (policy: string) => {
      const model = twoBirthdays.replace('    trigger: { type: event, event: birthday }\n', `    trigger: { type: event, event: birthday }\n    reentry: ${policy}\n`);
      const workspace = await loadFiles({ ...SIMULATION_FILES, 'model.yaml': model });
      expect(workspace.diagnostics).toEqual([]);
      const [camille] = simulate(workspace.model, 'camille');
      return calendarOf(camille!).filter((line) => line.includes('birthday'));
    };
    expect(await birthdays('never')).toEqual(['D+1 09:00 email birthday 1: Happy birthday', 'D+1 21:00 sms birthday 2: A gift waits in store']);
    expect(await birthdays('always')).toEqual([
      'D+1 09:00 email birthday 1: Happy birthday',
      'D+1 21:00 sms birthday 2: A gift waits in store',
      'D+5 09:00 email birthday 1: Happy birthday',
      'D+5 21:00 sms birthday 2: A gift waits in store',
    ]);
  });

  it('a split goes down the largest branch unless assumed; control ends the run', async () => {
    const files = {
      ...SIMULATION_FILES,
      'model.yaml': SIMULATION_FILES['model.yaml']!.toString().replace('optOut: [email]', 'optOut: []').replace('branch: discount', 'branch: control'),
    };
    const workspace = await loadFiles(files);
    const [, lucas] = simulate(workspace.model);
    // Held out, he never reaches the goal in the scenario: the third cart re-enters too.
    expect(lucas!.runs.map((r) => r.outcome)).toEqual(['control', 'control', 'control']);
    const noAssumption = await loadFiles({ ...files, 'model.yaml': files['model.yaml'].replace(/ {4}assume:\n.*\n/, '') });
    const [, plain] = simulate(noAssumption.model);
    expect(calendarOf(plain!).filter((line) => line.includes('split'))).toEqual([
      'D+1 09:00 email cart wait › otherwise › split offer › delivery › 1: Free delivery',
      'D+2 09:00 email cart wait › otherwise › split offer › delivery › 1: Free delivery',
    ]);
  });

  it('ignores an assumption that names no branch of its step (unknown-assumption reports it), control included where a split has no control group', async () => {
    const model = SIMULATION_FILES['model.yaml']!.toString()
      .replace(
        '      - decision:\n          branches:\n            - { name: bought',
        '      - id: bought-or-not\n        decision:\n          branches:\n            - { name: bought',
      )
      .replace(
        '    target: [all, vip]\n    events:',
        '    target: [all, vip]\n    assume:\n      - { scenario: store-visit, step: bought-or-not, branch: returned }\n    events:',
      )
      .replace('branch: discount', 'branch: control')
      .replace(/\n +control: \d+/, '');
    const workspace = await loadFiles({ ...SIMULATION_FILES, 'model.yaml': model });
    const [camille, lucas] = simulate(workspace.model);
    // No order before the visit: the otherwise branch, as without the assumption (it skipped the decision).
    expect(calendarOf(camille!).at(-1)).toBe('D+3 15:00 email store-visit decision bought-or-not › otherwise › 1: Come back soon');
    // Without a control group, "control" holds nobody out: the largest branch.
    expect(lucas!.runs.map((r) => r.outcome)).not.toContain('control');
  });

  it('reads times of day and quiet hours across midnight', () => {
    expect(parseAt('J+2 18:30')).toEqual({ minute: 2 * 1440 + 18 * 60 + 30, timeKnown: true });
    expect(parseAt('3d')).toEqual({ minute: 3 * 1440, timeKnown: false });
    expect(parseAt('0 07:05')).toEqual({ minute: 425, timeKnown: true });
    const quiet = { from: '21:00', to: '08:00' };
    expect([20 * 60 + 59, 21 * 60, 0, 7 * 60 + 59, 8 * 60].map((m) => inQuietHours(m, quiet))).toEqual([false, true, true, true, false]);
    expect(inQuietHours(13 * 60, { from: '12:00', to: '14:00' })).toBe(true);
    expect(formatMoment({ minute: 1440 + 65, timeKnown: true }, 'fr')).toBe('J+1 01:05');
  });
});

describe('omni simulate outputs', () => {
  it('text: the calendar, the runs, what was not sent and every violation', async () => {
    const { model, results } = await run();
    expect(formatSimulationText(model, results)).toBe(`Camille, cart then birthday (camille) · all, vip
  D+0 11:00  email  cart reminder  Your cart is waiting
  D+0 21:30  sms    cart wait › clicked › 1  Still hesitating?
  D+1 09:00  email  birthday 1  Happy birthday
  D+1 21:00  sms    birthday 2  A gift waits in store
  D+2 19:30  email  cart last-call  Last call
  D+3 15:00  email  store-visit decision › otherwise › 1  Come back soon
  cart · entered D+0 10:00 on cart_abandoned: went to the end
  birthday · entered D+1 09:00 on birthday: went to the end
  store-visit · entered D+2 15:00 on store_visit: went to the end
  ⚠ 2 messages from D+0 11:00 to D+1 09:00, over the cap of at most 1 message on email per 1d (scenarios: cart, birthday)
  ⚠ 2 messages from D+2 19:30 to D+3 15:00, over the cap of at most 1 message on email per 1d (scenarios: cart, store-visit)
  ⚠ 6 messages from D+0 11:00 to D+3 15:00, over the cap of at most 3 messages per 7d, all channels together (scenarios: cart, birthday, store-visit)
  ⚠ sms at D+0 21:30, inside the quiet hours 21:00–08:00 (scenario cart, step wait › clicked › 1)
  ⚠ sms at D+1 21:00, inside the quiet hours 21:00–08:00 (scenario birthday, step 2)

Lucas, no email consent (lucas) · all
  D+0 09:00  sms  cart reminder (fallback)  Your cart is waiting
  D+1 09:00  sms  cart reminder (fallback)  Your cart is waiting
  cart · entered D+0 08:00 on cart_abandoned: goal order_placed reached at D+3
  cart · entered D+1 08:00 on cart_abandoned: goal order_placed reached at D+3
  Not sent: cart wait › otherwise › split offer › discount › 1, D+1 09:00: no consent on email and no fallback
  Not sent: cart wait › otherwise › split offer › discount › 1, D+2 09:00: no consent on email and no fallback

2 personas, 5 violations
`);
  });

  it('JSON: versioned, one document, entries referenced by index; byte-identical on a second run', async () => {
    const { model, results } = await run();
    const json = formatSimulationJson(model, results);
    const document = JSON.parse(json);
    expect(Object.keys(document)).toEqual(['version', 'workspace', 'pressure', 'quietHours', 'personas']);
    expect(document.version).toBe(1);
    expect(document.personas[0].calendar[1]).toEqual({
      minute: 1290,
      when: 'D+0 21:30',
      timeKnown: true,
      scenario: 'cart',
      step: 'wait › clicked › 1',
      branch: 'wait › clicked',
      channel: 'sms',
      kind: 'message',
      label: 'Still hesitating?',
    });
    expect(document.personas[0].violations.pressure[0]).toEqual({
      cap: 0,
      channels: ['email'],
      max: 1,
      per: '1d',
      count: 2,
      from: { minute: 660, when: 'D+0 11:00', timeKnown: true },
      to: { minute: 1980, when: 'D+1 09:00', timeKnown: true },
      entries: [0, 2],
      scenarios: ['cart', 'birthday'],
    });
    expect(document.personas[1].runs[0]).toEqual({
      scenario: 'cart',
      trigger: 'cart_abandoned',
      entered: { minute: 480, when: 'D+0 08:00', timeKnown: true },
      outcome: 'goal',
      stopped: { minute: 4320, when: 'D+3', timeKnown: false },
      stoppedBy: 'order_placed',
    });
    const again = await run();
    expect(formatSimulationJson(again.model, again.results)).toBe(json);
  });

  // Mermaid's parser accepts the gantt: test/renderers/parse.e2e.test.ts (jsdom + Mermaid).
  it('Markdown: a table per persona and a Mermaid gantt', async () => {
    const { model, results } = await run('camille');
    const markdown = formatSimulationMarkdown(model, results);
    expect(markdown).toContain('| D+0 21:30 | sms | cart | wait › clicked › 1 | Still hesitating? |');
    const gantt = /```mermaid\n([\s\S]*?)```/.exec(markdown)![1]!;
    expect(gantt.split('\n').slice(0, 6)).toEqual([
      'gantt',
      '  dateFormat YYYY-MM-DDTHH:mm',
      '  axisFormat %d %H:%M',
      '  title Camille, cart then birthday',
      '  section Email',
      '  cart reminder :milestone, m0, 2000-01-01T11:00, 0m',
    ]);
  });

  // Found by test/renderers/label-fuzz.e2e.test.ts: Mermaid rejected both.
  it('Markdown: a gantt task named after a scenario `click` or `section` stays a task; %%{…}%% in a name is no directive', async () => {
    const { model, results } = await run('camille');
    const calendar = results[0]!.calendar.map((entry, index) => (index < 2 ? { ...entry, scenario: index === 0 ? 'click' : 'section' } : entry));
    const doctored = [{ ...results[0]!, persona: { ...results[0]!.persona, name: 'Camille %%{init: {"theme": "dark"}}%%' }, calendar }];
    const gantt = /```mermaid\n([\s\S]*?)```/.exec(formatSimulationMarkdown(model, doctored))![1]!;
    const lines = gantt.split('\n');
    expect(lines.filter((line) => line.startsWith('  title') || / m[01], /.test(line))).toEqual([
      '  title Camille %{init { theme dark }}%',
      '  · click reminder :milestone, m0, 2000-01-01T11:00, 0m',
      '  · section wait › clicked › 1 :milestone, m1, 2000-01-01T21:30, 0m',
    ]);
  });
  // Found by test/teams/baseline-fuzz.test.ts: two scenarios sending at the same minute
  // came in declaration order, so swapping them in their file changed the calendar and
  // marketing-pressure's message (and made `omni diff` see a gap fixed and one introduced).
  it('orders scenarios that send at the same minute by id, wherever and in whatever order they are declared', async () => {
    const scenario = (id: string) =>
      `  - id: ${id}\n    name: ${id}\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: behavior, event: cart_abandoned }\n    variables: [email_optin]\n    steps:\n      - { after: J+1, channel: email, subject: From ${id} }\n      - { after: J+2, channel: sms, message: Again from ${id} }\n`;
    const persona = 'personas:\n  - id: camille\n    name: Camille\n    target: all\n    events:\n      - { event: cart_abandoned, at: "0 10:00" }\n';
    const calendarOfFiles = async (files: Record<string, string>) => {
      const workspace = await loadFiles({ ...BASE, 'omni.yaml': 'name: t\nlocale: en\n', 'p.yaml': persona, ...files });
      expect(workspace.diagnostics).toEqual([]);
      const [result] = simulate(workspace.model, 'camille');
      return { calendar: calendarOf(result!), runs: result!.runs.map((run) => run.scenario) };
    };
    const expected = {
      calendar: [
        'D+1 10:00 email a-first 1: From a-first',
        'D+1 10:00 email cart 1: {{first_name}}, your cart',
        'D+1 10:00 email z-last 1: From z-last',
        'D+2 10:00 sms a-first 2: Again from a-first',
        'D+2 10:00 sms z-last 2: Again from z-last',
      ],
      runs: ['a-first', 'cart', 'z-last'],
    };
    expect(await calendarOfFiles({ 'more.yaml': `scenarios:\n${scenario('z-last')}${scenario('a-first')}` })).toEqual(expected);
    expect(await calendarOfFiles({ 'more.yaml': `scenarios:\n${scenario('a-first')}${scenario('z-last')}` })).toEqual(expected);
    expect(await calendarOfFiles({ '0-first.yaml': `scenarios:\n${scenario('z-last')}`, 'more.yaml': `scenarios:\n${scenario('a-first')}` })).toEqual(expected);
  });
  it('cuts a goto loop after 10,000 steps and says so (loop-without-wait reports the loop)', async () => {
    const files = {
      ...BASE,
      'omni.yaml': 'name: t\nlocale: en\n',
      'p.yaml': 'personas:\n  - id: camille\n    name: Camille\n    target: all\n    events:\n      - { event: cart_abandoned, at: "0 10:00" }\n',
      'loop.yaml':
        'scenarios:\n  - id: nag\n    name: Nag\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: cart_abandoned }\n    variables: [email_optin]\n    steps:\n      - { id: again, after: 1h, channel: email, subject: Again }\n      - goto: again\n',
    };
    const workspace = await loadFiles(files);
    const [result] = simulate(workspace.model, 'camille');
    const nag = result!.runs.find((run) => run.scenario === 'nag')!;
    expect(nag.outcome).toBe('looped');
    expect(result!.calendar.filter((entry) => entry.scenario === 'nag')).toHaveLength(5000);
    expect(formatSimulationText(workspace.model, [result!])).toContain('nag · entered D+0 10:00 on cart_abandoned: cut after 10,000 steps of a goto loop');
  });
  it('names the story events that start nothing: named by no trigger, exit, goal or wait, or triggering scenarios for other targets only', async () => {
    const workspace = await loadFiles({
      ...BASE,
      'omni.yaml': 'name: t\nlocale: en\n',
      'more.yaml':
        'targets:\n  - { id: vip, name: VIP }\nscenarios:\n  - id: vip-welcome\n    name: VIP welcome\n    program: conversion\n    lifecycle: activation\n    target: vip\n    trigger: { type: event, event: vip_signup }\n    exit: [order_placed]\n    variables: [email_optin]\n    steps:\n      - { after: "0", channel: email, subject: Welcome }\n',
      'p.yaml':
        'personas:\n  - id: camille\n    name: Camille\n    target: all\n    events:\n      - { event: cart_abandonned, at: "0 10:00" }\n      - { event: vip_signup, at: J+1 }\n      - { event: order_placed, at: J+2 }\n      - { event: cart_abandoned, at: J+3 }\n',
    });
    const [result] = simulate(workspace.model, 'camille');
    // order_placed triggers nothing but is an exit: it plays a part; cart_abandoned starts the cart scenario.
    expect(result!.idle).toEqual([
      { event: 'cart_abandonned', at: { minute: 600, timeKnown: true }, reason: 'unused', scenarios: [] },
      { event: 'vip_signup', at: { minute: 24 * 60, timeKnown: false }, reason: 'other-targets', scenarios: ['vip-welcome'] },
    ]);
    const text = formatSimulationText(workspace.model, [result!]);
    expect(text).toContain('  Starts nothing: cart_abandonned at D+0 10:00 is named by no trigger, exit, goal or wait of the plan\n');
    expect(text).toContain('  Starts nothing: vip_signup at D+1 triggers vip-welcome, for other targets than this persona’s\n');
    const json = JSON.parse(formatSimulationJson(workspace.model, [result!])) as { personas: Array<{ idle: object[] }> };
    expect(json.personas[0]!.idle).toEqual([
      { event: 'cart_abandonned', at: { minute: 600, when: 'D+0 10:00', timeKnown: true }, reason: 'unused', scenarios: [] },
      { event: 'vip_signup', at: { minute: 1440, when: 'D+1', timeKnown: false }, reason: 'other-targets', scenarios: ['vip-welcome'] },
    ]);
    expect(formatSimulationMarkdown(workspace.model, [result!])).toContain(
      '- Starts nothing: cart_abandonned at D+0 10:00 is named by no trigger, exit, goal or wait of the plan\n',
    );
  });

  describe('the horizon', () => {
    const weekly = (exit = '') =>
      `scenarios:\n  - id: weekly\n    name: Weekly news\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: cart_abandoned }\n${exit}    variables: [email_optin]\n    steps:\n      - { id: news, after: "0", channel: email, subject: News }\n      - wait: { timeout: 7d, until: [{ event: unsubscribed, steps: [{ end: true }] }] }\n      - goto: news\n`;
    const story = (events: string) => `personas:\n  - id: camille\n    name: Camille\n    target: all\n    events:\n${events}`;
    const weeklyOnly = (result: PersonaSimulation) => result.calendar.filter((entry) => entry.scenario === 'weekly').map((entry) => formatMoment(entry, 'en'));
    const load = (files: Record<string, string>) => loadFiles({ ...BASE, 'omni.yaml': 'name: t\nlocale: en\n', ...files });

    it('a weekly loop with a wait is played for 365 days after the last event, then cut as `horizon`', async () => {
      const workspace = await load({
        'p.yaml': story('      - { event: cart_abandoned, at: "0 10:00" }\n      - { event: browsed, at: "J+2 08:00" }\n'),
        'w.yaml': weekly(),
      });
      const [result] = simulate(workspace.model, 'camille');
      const dates = weeklyOnly(result!);
      // D+0 … D+364 every 7 days: 53 emails; the next, D+371, is past D+367 08:00.
      expect(dates).toHaveLength(53);
      expect(dates.slice(0, 2)).toEqual(['D+0 10:00', 'D+7 10:00']);
      expect(dates.at(-1)).toBe('D+364 10:00');
      const run = result!.runs.find((candidate) => candidate.scenario === 'weekly')!;
      expect(run).toEqual({
        scenario: 'weekly',
        trigger: 'cart_abandoned',
        entered: { minute: 600, timeKnown: true },
        outcome: 'horizon',
        stopped: { minute: (367 * 24 + 8) * 60, timeKnown: true },
      });
      expect(formatSimulationText(workspace.model, [result!])).toContain(
        'weekly · entered D+0 10:00 on cart_abandoned: cut at the horizon of the simulation, D+367 08:00',
      );
      const json = JSON.parse(formatSimulationJson(workspace.model, [result!])) as { personas: { runs: object[] }[] };
      expect(json.personas[0]!.runs.find((candidate) => (candidate as { scenario: string }).scenario === 'weekly')).toEqual({
        scenario: 'weekly',
        trigger: 'cart_abandoned',
        entered: { minute: 600, when: 'D+0 10:00', timeKnown: true },
        outcome: 'horizon',
        stopped: { minute: (367 * 24 + 8) * 60, when: 'D+367 08:00', timeKnown: true },
      });
    });

    it('a plain delay (a wait for no event) moves time on by its duration: the loop sends weekly', async () => {
      const workspace = await load({
        'p.yaml': story('      - { event: cart_abandoned, at: "0 10:00" }\n'),
        'w.yaml': weekly().replace('      - wait: { timeout: 7d, until: [{ event: unsubscribed, steps: [{ end: true }] }] }\n', '      - wait: { timeout: 7d }\n'),
      });
      expect(workspace.diagnostics).toEqual([]);
      const [result] = simulate(workspace.model, 'camille', { horizon: 21 * 24 * 60 });
      expect(weeklyOnly(result!)).toEqual(['D+0 10:00', 'D+7 10:00', 'D+14 10:00', 'D+21 10:00']);
      expect(result!.runs.find((run) => run.scenario === 'weekly')!.outcome).toBe('horizon');
    });

    it('is what the options say; a message on the horizon itself is played', async () => {
      const workspace = await load({ 'p.yaml': story('      - { event: cart_abandoned, at: "0 10:00" }\n'), 'w.yaml': weekly() });
      expect(weeklyOnly(simulate(workspace.model, 'camille', { horizon: 28 * 24 * 60 })[0]!)).toEqual([
        'D+0 10:00',
        'D+7 10:00',
        'D+14 10:00',
        'D+21 10:00',
        'D+28 10:00',
      ]);
      expect(weeklyOnly(simulate(workspace.model, 'camille', { horizon: 28 * 24 * 60 - 1 })[0]!)).toHaveLength(4);
    });

    it('an exit within the horizon still stops the run as `exit`; a linear step past the horizon is not played', async () => {
      const exits = await load({
        'p.yaml': story('      - { event: cart_abandoned, at: "0 10:00" }\n      - { event: order_placed, at: "J+20" }\n'),
        'w.yaml': weekly('    exit: [order_placed]\n'),
      });
      const [result] = simulate(exits.model, 'camille');
      expect(weeklyOnly(result!)).toEqual(['D+0 10:00', 'D+7 10:00', 'D+14 10:00']);
      expect(result!.runs.find((run) => run.scenario === 'weekly')).toMatchObject({
        outcome: 'exit',
        stoppedBy: 'order_placed',
        stopped: { minute: 20 * 24 * 60, timeKnown: false },
      });
      const late = await load({
        'p.yaml': story('      - { event: cart_abandoned, at: "0 10:00" }\n'),
        'w.yaml':
          'scenarios:\n  - id: late\n    name: Late\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: cart_abandoned }\n    variables: [email_optin]\n    steps:\n      - { after: J+300, channel: email, subject: Soon }\n      - { after: J+400, channel: email, subject: Too late }\n',
      });
      const [cut] = simulate(late.model, 'camille');
      expect(cut!.calendar.filter((entry) => entry.scenario === 'late').map((entry) => entry.label)).toEqual(['Soon']);
      expect(cut!.runs.find((run) => run.scenario === 'late')!.outcome).toBe('horizon');
    });

    it("lint's own play (marketing-pressure) stops at the same horizon", async () => {
      const workspace = await load({
        'omni.yaml': 'name: t\nlocale: en\npressure:\n  - { channels: [email], max: 1, per: 1d }\n',
        'p.yaml': story('      - { event: cart_abandoned, at: "0 10:00" }\n'),
        'w.yaml':
          'scenarios:\n  - id: late\n    name: Late\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: cart_abandoned }\n    variables: [email_optin]\n    steps:\n      - { after: J+400, channel: email, subject: One }\n      - { after: J+400, channel: email, subject: Two }\n',
      });
      const persona = workspace.model.personas[0]!;
      expect(simulate(workspace.model, 'camille', { horizon: 500 * 24 * 60 })[0]!.pressure).toHaveLength(1);
      expect(simulate(workspace.model, 'camille')[0]!.pressure).toEqual([]);
      expect(personaViolations(workspace.model, persona).pressure).toEqual([]);
    });
  });
  // Found by test/renderers/presentation-invariance.test.ts: the keys came in omni.yaml's order.
  it('JSON: quiet hours and caps in the documented key order, whatever order omni.yaml writes them in', async () => {
    const workspace = await loadFiles({
      ...BASE,
      'omni.yaml': 'name: t\nlocale: en\npressure:\n  - { per: 1d, max: 1, channels: [email] }\nquietHours: { channels: [sms], to: "08:00", from: "21:00" }\n',
    });
    const json = JSON.parse(formatSimulationJson(workspace.model, simulate(workspace.model))) as { pressure: object[]; quietHours: object };
    expect(JSON.stringify([json.pressure, json.quietHours])).toBe('[[{"channels":["email"],"max":1,"per":"1d"}],{"from":"21:00","to":"08:00","channels":["sms"]}]');
  });
});

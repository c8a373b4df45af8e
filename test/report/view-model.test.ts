import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { SharedStyles, withoutUnusedMarkers, withUniqueSvgId } from '../../src/report/diagrams.js';
import { unsafeSvgReason } from '../../src/report/svg-safety.js';
import { ROWS_SHOWN, type FlowItemView } from '../../src/report/dynamics.js';
import { buildReportView, formatDate, formatScore, type ReportView } from '../../src/report/view-model.js';
import { RULES } from '../../src/rules/index.js';
import { BASE, loadFiles, type Files } from '../rules/run-rule.js';

const root = path.resolve(import.meta.dirname, '../..');

async function viewOf(workspace: string, diagrams: Parameters<typeof buildReportView>[0]['diagrams'] = { status: 'skipped' }): Promise<ReportView> {
  const loaded = await loadWorkspace(path.join(root, workspace));
  const lint = await lintWorkspace(loaded);
  return buildReportView({ model: loaded.model, diagnostics: lint.diagnostics, rules: RULES, diagrams });
}

describe('report view of maison-lumen (French, lint-clean)', () => {
  let view: ReportView;
  beforeAll(async () => {
    view = await viewOf('examples/maison-lumen');
  });

  it('uses the workspace locale and dates the plan from settings.updated, not the clock', () => {
    expect(view.lang).toBe('fr');
    expect(view.updated).toBe('Mis à jour le 1er novembre 2026');
    expect(view.title).toBe('Maison Lumen — plan relationnel omnicanal — Plan relationnel omnicanal');
    expect(view.legend.items.map((item) => item.label)).toEqual(['Normal', 'Point de friction', 'Opportunité']);
  });

  it('lays the matrix out with stages as columns and channels as rows, in declaration order', () => {
    expect(view.matrix.stages.map((stage) => stage.id)).toEqual(['renseignement', 'comparaison', 'compte', 'achat', 'livraison', 'aide', 'retour']);
    expect(view.matrix.rows[0]!.id).toBe('site');
    expect(view.matrix.rows[0]!.cells).toHaveLength(7);
    const siteRenseignement = view.matrix.rows[0]!.cells[0]!;
    // Two touchpoints with different statuses share this cell: no single cell colour.
    expect(siteRenseignement.touchpoints.map((touchpoint) => [touchpoint.id, touchpoint.status])).toEqual([
      ['site-inspiration', 'normal'],
      ['site-dispo-magasin', 'opportunity'],
    ]);
    expect(siteRenseignement.status).toBeNull();
    expect(view.matrix.rows[0]!.cells[1]!.status).toBe('friction');
    expect(view.matrix.unplaced).toEqual([]);
  });

  it('ranks use cases with rankUseCases: the manual priority first, then by score', () => {
    const rows = view.useCases.rows;
    expect(rows.map((row) => row.rank)).toEqual(rows.map((_row, index) => index + 1));
    expect(rows[0]).toMatchObject({ id: 'suivi-reclamation', rank: 1, manual: true, score: '4' });
    expect(rows[1]).toMatchObject({ id: 'relance-panier', rank: 2, manual: false, score: '6', business: 5, experience: 3, difficulty: 2 });
    expect(rows[1]!.scenarios).toEqual([{ anchor: 'scenario-relance-panier-abandonne', name: 'Relance de panier abandonné' }]);
    expect(view.useCases.weights).toBe('Business × 1 + Expérience × 1 − Difficulté × 1');
  });

  it('places each scenario in its target × lifecycle cell with the channels of its steps', () => {
    expect(view.scenarioMap.columns.map((column) => column.id)).toEqual(['welcome', 'activation', 'relationship', 'upsell']);
    const all = view.scenarioMap.rows.find((row) => row.id === 'tous')!;
    const activation = all.cells[1]!.scenarios.find((scenario) => scenario.anchor === 'scenario-relance-panier-abandonne');
    expect(activation).toEqual({ anchor: 'scenario-relance-panier-abandonne', name: 'Relance de panier abandonné', channels: ['Email', 'SMS'] });
    expect(view.scenarioMap.unplaced).toEqual([]);
  });

  it('gives each scenario its spec: trigger, exit, goal, variables and numbered steps', () => {
    const scenario = view.scenarios.find((entry) => entry.id === 'relance-panier-abandonne')!;
    expect(scenario.triggerType).toBe('Comportement');
    expect(scenario.triggerEvent).toBe('cart_abandoned');
    expect(scenario.exit).toEqual(['order_placed', 'cart_emptied', 'unsubscribed']);
    expect(scenario.goal).toBe('order_placed');
    expect(scenario.facts.map((fact) => fact.label)).toEqual(['Programme', 'Étape de la relation', 'Cible', 'Responsable']);
    expect(scenario.steps.map((step) => [step.number, step.after, step.channel])).toEqual([
      [1, 'J+1', 'Email'],
      [2, 'J+3', 'SMS'],
      [3, 'J+5', 'Email'],
    ]);
    expect(scenario.hasActions).toBe(true);
    expect(scenario.diagram).toEqual({ svg: null, note: 'Diagramme non inclus (rapport généré avec --no-diagrams).', label: 'Déroulé — Relance de panier abandonné' });
  });

  it('reports no data gap and a clean lint summary', () => {
    expect(view.data.gapCount).toBe(0);
    expect(view.data.variables.every((variable) => !variable.gap)).toBe(true);
    expect(view.lint).toEqual({ errors: 0, warnings: 0, groups: [], clean: true });
  });
});

describe('report view of the gaps example (English, every rule fires)', () => {
  let view: ReportView;
  beforeAll(async () => {
    view = await viewOf('examples/gaps', { status: 'unavailable' });
  });

  it('highlights variables without source as gaps', () => {
    expect(view.data.gapCount).toBe(1);
    const gap = view.data.variables.find((variable) => variable.gap)!;
    expect(gap).toMatchObject({ id: 'store_visits', sources: [], gap: true });
    expect(view.stats.find((stat) => stat.label === 'variables without source')).toEqual({ value: 1, label: 'variables without source', tone: 'gap' });
  });

  it('groups lint findings by rule, errors first, each with file:line:col', () => {
    expect(view.lint.clean).toBe(false);
    expect(view.lint.errors).toBe(12);
    expect(view.lint.warnings).toBe(15);
    const severities = view.lint.groups.map((group) => group.severity);
    expect(severities.indexOf('warn')).toBeGreaterThan(severities.lastIndexOf('error'));
    const unknown = view.lint.groups.find((group) => group.ruleId === 'unknown-reference')!;
    expect(unknown.count).toBe(4);
    expect(unknown.severityLabel).toBe('error');
    expect(unknown.items[0]).toEqual({ where: 'data.yaml:32:9', message: 'unknown channel "push"', suggestion: 'declare it under channels:' });
  });

  it('lists touchpoints whose stage or channel is unknown outside the matrix', () => {
    expect(view.matrix.unplaced.map((touchpoint) => touchpoint.name)).toEqual(['Store locator']);
  });

  it('says the diagrams are missing because no browser was found', () => {
    expect(view.useCases.chart.note).toBe('Diagram not available: no Chromium browser was found when the report was built.');
    expect(view.useCases.chart.svg).toBeNull();
  });
});

describe('diagram slots', () => {
  const svg = '<svg id="my-svg" xmlns="http://www.w3.org/2000/svg"><style>#my-svg .node{fill:red}</style><g><text>my-svg stays in labels</text></g></svg>';

  it('embeds a rendered SVG and notes a missing one', async () => {
    const view = await viewOf('examples/gaps', { status: 'rendered', svgs: new Map([['use-cases', svg]]) });
    expect(view.useCases.chart).toEqual({ svg, note: null, label: 'Priority chart' });
    expect(view.data.lineage).toEqual([{ svg: null, note: 'Diagram not available: rendering failed.', label: 'Data lineage' }]);
  });

  it('never embeds an SVG carrying active content', async () => {
    const hostile = '<svg id="x"><a href="javascript:alert(1)"><text>x</text></a></svg>';
    const view = await viewOf('examples/gaps', { status: 'rendered', svgs: new Map([['use-cases', hostile]]) });
    expect(view.useCases.chart.svg).toBeNull();
  });

  it('renames the render id in tags and styles, not in label text', () => {
    expect(withUniqueSvgId(svg, 'omni-diagram-3')).toBe(
      '<svg id="omni-diagram-3" xmlns="http://www.w3.org/2000/svg"><style>#omni-diagram-3 .node{fill:red}</style><g><text>my-svg stays in labels</text></g></svg>',
    );
    expect(withUniqueSvgId('<svg id="my-svg"><path marker-end="url(#my-svg_flowchart-v2-pointEnd)"/></svg>', 'd1')).toBe(
      '<svg id="d1"><path marker-end="url(#d1_flowchart-v2-pointEnd)"/></svg>',
    );
  });
});

describe('compacting SVG for the page', () => {
  it('shares one copy of each stylesheet, scoped by a class, and leaves odd ones inline', () => {
    const styles = new SharedStyles();
    const a = styles.share('<svg id="my-svg" class="flowchart" width="1"><style>#my-svg{font:x}#my-svg .node{fill:red}</style><g/></svg>');
    const b = styles.share('<svg id="my-svg"><style>#my-svg{font:x}#my-svg .node{fill:red}</style><g/></svg>');
    const c = styles.share('<svg id="my-svg"><style>#my-svg{font:y}</style></svg>');
    const odd = '<svg id="my-svg"><style>#my-svg-marker{fill:red}</style></svg>';
    expect([a, b, c]).toEqual([
      '<svg id="my-svg" class="flowchart omni-css-1" width="1"><g/></svg>',
      '<svg id="my-svg" class="omni-css-1"><g/></svg>',
      '<svg id="my-svg" class="omni-css-2"></svg>',
    ]);
    expect(styles.share(odd)).toBe(odd);
    expect(styles.css()).toBe('.omni-css-1{font:x}.omni-css-1 .node{fill:red}\n.omni-css-2{font:y}');
  });

  it('drops arrow-head markers nothing refers to', () => {
    const svg = '<svg id="d"><defs><marker id="d_end"><path/></marker><marker id="d_start"><path/></marker></defs><path marker-end="url(#d_end)"/></svg>';
    expect(withoutUnusedMarkers(svg)).toBe('<svg id="d"><defs><marker id="d_end"><path/></marker></defs><path marker-end="url(#d_end)"/></svg>');
  });
});

describe('unsafeSvgReason', () => {
  it.each([
    ['<svg><script>alert(1)</script></svg>', /active element/],
    ['<svg><g onclick="alert(1)"></g></svg>', /event-handler/],
    ['<svg><image href="http://example.com/x.png"/></svg>', /active element|link/],
    ['<svg><a xlink:href="https://example.com">x</a></svg>', /link to https/],
    ['<svg><style>@import url(http://x/y.css);</style></svg>', /CSS/],
    ['<svg><foreignObject><div><img src="x"></div></foreignObject></svg>', /active element/],
    ['<div>not svg</div>', /not an <svg>/],
  ])('rejects %s', (svg, reason) => {
    expect(unsafeSvgReason(svg)).toMatch(reason);
  });

  it('accepts escaped hostile text and internal references', () => {
    expect(
      unsafeSvgReason('<svg id="a"><defs><marker id="m"/></defs><path marker-end="url(#m)"/><text>&lt;img src=x onerror=alert(1)&gt; javascript:alert(1)</text></svg>'),
    ).toBeUndefined();
  });
});

describe('formatting helpers', () => {
  it('writes scores with a true minus sign and dates in words', () => {
    expect(formatScore(-1)).toBe('\u22121');
    expect(formatScore(2.5)).toBe('2.5');
    expect(formatDate('2026-11-01', 'fr')).toBe('1er novembre 2026');
    expect(formatDate('2026-03-15', 'en')).toBe('15 March 2026');
    expect(formatDate('Q3 2026', 'en')).toBe('Q3 2026');
  });
});

/** A flow as indented lines: each step by its ref and kind, each branch by its name, condition and where it goes after. */
function outline(items: readonly FlowItemView[], depth = 0): string[] {
  const pad = '  '.repeat(depth);
  return items.flatMap((item) => {
    const head = `${pad}${item.ref} → #${item.anchor}: `;
    if (item.message) {
      const what = item.message.subject ?? item.message.name ?? item.message.message ?? '';
      return [`${head}${item.message.after} ${item.message.channel} ${JSON.stringify(what)}${item.message.fallback ? ` ↪ ${item.message.fallback.text}` : ''}`];
    }
    if (item.goto) return [`${head}${item.goto.text} ${item.goto.step.label} (#${item.goto.step.anchor})`];
    if (item.end) return [`${head}${item.end}`];
    return [
      `${head}${item.branching!.title}`,
      ...item.branching!.branches.flatMap((branch) => [
        `${pad}  [${branch.name}${branch.condition ? ` | ${branch.condition}` : ''}]${branch.control ? ' control' : ''}${branch.implicit ? ' implicit' : ''}`,
        ...outline(branch.steps, depth + 2),
        ...(branch.then ? [`${pad}    ${branch.then.text}${branch.then.step ? ` ${branch.then.step.label} (#${branch.then.step.anchor})` : ''}`] : []),
      ]),
    ];
  });
}

/** A calendar as lines: when, scenario → anchor, step → anchor, channel, message, flags. */
const calendarLines = (persona: ReportView['personas']['list'][number]) =>
  persona.calendar.map(
    (row) =>
      `${row.when} | ${row.scenario.name} (#${row.scenario.anchor}) | ${row.step.label} (#${row.step.anchor}) | ${row.channel}${row.fallback ? ' [fallback]' : ''} | ${row.label}${row.overCap ? ' [over cap]' : ''}${row.inQuietHours ? ' [quiet hours]' : ''}`,
  );

describe('report view of maison-lumen: branches and personas', () => {
  let view: ReportView;
  beforeAll(async () => {
    view = await viewOf('examples/maison-lumen');
  });

  it('keeps linear scenarios as the steps table, each row with the anchor the calendar links to', () => {
    const cart = view.scenarios.find((entry) => entry.id === 'relance-panier-abandonne')!;
    expect(cart.branching).toBe(false);
    expect(cart.flow).toEqual([]);
    expect(cart.steps.map((step) => [step.number, step.anchor, step.fallback])).toEqual([
      [1, 'step-1-of-relance-panier-abandonne', null],
      [2, 'step-2-of-relance-panier-abandonne', null],
      [3, 'step-3-of-relance-panier-abandonne', null],
    ]);
    expect(view.scenarios.filter((entry) => entry.branching).map((entry) => entry.id)).toEqual(['anniversaire']);
  });

  it('shows the birthday scenario as its branching structure, in French: wait with event and timeout, split with percent and control, fallback, end', () => {
    const birthday = view.scenarios.find((entry) => entry.id === 'anniversaire')!;
    expect(birthday.branching).toBe(true);
    expect(birthday.facts.at(-1)).toEqual({ label: 'Réentrée', value: 'sauf si l’objectif est atteint' });
    expect(outline(birthday.flow)).toEqual([
      'annonce-cadeau → #step-1-of-anniversaire: J-7 Email "{{first_name}}, un cadeau vous attend cette semaine" ↪ Repli sur SMS (sans consentement ou après un rebond)',
      '2 → #step-2-of-anniversaire: 0 SMS "Joyeux anniversaire {{first_name}} ! -15 % avec le code {{birthday_code}}, en magasin et en ligne pendant 10 jours."',
      '3 → #step-3-of-anniversaire: Attendre un événement, au plus 8d',
      '  [Passage en magasin | sur store_visit]',
      '    wait › visite-magasin › 1 → #step-4-of-anniversaire: Fin : le contact sort du scénario',
      '  [sinon | rien en 8d]',
      '    test-rappel → #step-5-of-anniversaire: Répartition',
      '      [rappel-email | 90 %]',
      '        wait › otherwise › split test-rappel › rappel-email › 1 → #step-6-of-anniversaire: 0 Email "Plus que 2 jours pour votre cadeau d\'anniversaire"',
      '        puis le scénario est terminé',
      '      [groupe témoin 10 % : écartés, ils sortent du scénario] control',
    ]);
    expect(birthday.flow[0]!.message).toEqual({
      after: 'J-7',
      channel: 'Email',
      name: null,
      subject: '{{first_name}}, un cadeau vous attend cette semaine',
      message: 'Pour votre anniversaire, -15 % sur tout le magasin et {{loyalty_points}} points déjà cumulés.',
      fallback: {
        text: 'Repli sur SMS (sans consentement ou après un rebond)',
        subject: null,
        message: 'Maison Lumen : un cadeau vous attend pour votre anniversaire, {{first_name}}. STOP au 36111',
      },
    });
  });

  it('states the pressure policy and quiet hours the calendars are checked against', () => {
    expect(view.personas.pressure).toEqual(['au plus 2 messages sur Email par 1d', 'au plus 8 messages par 7d, tous canaux confondus']);
    expect(view.personas.quietHours).toBe('21:00–08:00 sur SMS ou Notification push');
    expect(view.personas.incomplete).toBe(false);
    expect(view.personas.violationCount).toBe(0);
  });

  it('gives Julia her calendar from the simulator: time, scenario, step, channel, each linked to its spec', () => {
    const julia = view.personas.list[0]!;
    expect(julia).toMatchObject({ id: 'julia', anchor: 'persona-julia', name: 'Julia, un canapé en velours vert', targets: ['Tous les contacts', 'Membres Lumen+'] });
    expect(julia.story.map((event) => `${event.when} ${event.event}`)).toEqual([
      'J+0 20:00 cart_abandoned',
      'J+3 15:00 store_geofence_entered',
      'J+5 09:00 birthday',
      'J+6 11:00 store_visit',
    ]);
    expect(calendarLines(julia)).toEqual([
      'J-2 09:00 | Anniversaire Lumen+ (#scenario-anniversaire) | annonce-cadeau (#step-1-of-anniversaire) | Email | {{first_name}}, un cadeau vous attend cette semaine',
      'J+1 20:00 | Relance de panier abandonné (#scenario-relance-panier-abandonne) | 1 (#step-1-of-relance-panier-abandonne) | Email | {{first_name}}, votre panier vous attend',
      "J+3 15:00 | Client Lumen+ à proximité d'un magasin (#scenario-proximite-magasin) | 1 (#step-1-of-proximite-magasin) | Notification push | {{first_name}}, vous êtes à deux pas de {{geofence_store}} : {{loyalty_points}}…",
      "J+3 16:00 | Client Lumen+ à proximité d'un magasin (#scenario-proximite-magasin) | 2 (#step-2-of-proximite-magasin) | Magasin | Avantage fidélité appliqué automatiquement en caisse",
      'J+3 20:00 | Relance de panier abandonné (#scenario-relance-panier-abandonne) | 2 (#step-2-of-relance-panier-abandonne) | SMS | Maison Lumen : -10 % sur votre panier avec le code {{promo_code}}, valable 48 h…',
      'J+5 09:00 | Anniversaire Lumen+ (#scenario-anniversaire) | 2 (#step-2-of-anniversaire) | SMS | Joyeux anniversaire {{first_name}} ! -15 % avec le code {{birthday_code}}, en m…',
      'J+5 20:00 | Relance de panier abandonné (#scenario-relance-panier-abandonne) | 3 (#step-3-of-relance-panier-abandonne) | Email | Dernier rappel : le code {{promo_code}} expire ce soir',
    ]);
    expect(julia.runs.map((run) => `${run.scenario.name} — ${run.text}`)).toEqual([
      'Relance de panier abandonné — entrée J+0 20:00 sur cart_abandoned : jusqu’au bout',
      "Client Lumen+ à proximité d'un magasin — entrée J+3 15:00 sur store_geofence_entered : jusqu’au bout",
      'Anniversaire Lumen+ — entrée J+5 09:00 sur birthday : arrêtée par une étape end',
    ]);
    expect(julia.violations).toEqual([]);
    expect(julia.notSent).toEqual([]);
  });

  it('gives Marc, without email consent, the SMS only, the goal that stops the run and the email not sent', () => {
    const marc = view.personas.list[1]!;
    expect(calendarLines(marc)).toEqual([
      'J+3 10:00 | Relance de panier abandonné (#scenario-relance-panier-abandonne) | 2 (#step-2-of-relance-panier-abandonne) | SMS | Maison Lumen : -10 % sur votre panier avec le code {{promo_code}}, valable 48 h…',
    ]);
    expect(marc.runs.map((run) => run.text)).toEqual(['entrée J+0 10:00 sur cart_abandoned : objectif order_placed atteint à J+4 11:00']);
    expect(marc.notSent).toEqual([
      {
        when: 'J+1 10:00',
        scenario: { name: 'Relance de panier abandonné', anchor: 'scenario-relance-panier-abandonne' },
        step: { label: '1', anchor: 'step-1-of-relance-panier-abandonne' },
        text: 'pas de consentement sur Email et pas de repli',
      },
    ]);
  });
});

describe('report view of the dynamics fixture (English): every kind of step, and violations', () => {
  let view: ReportView;
  beforeAll(async () => {
    view = await viewOf('test/report/fixtures/dynamics');
  });

  it('draws decisions (target, condition, otherwise), gotos and where branches meet again, names kept as written', () => {
    const cart = view.scenarios.find((entry) => entry.id === 'cart')!;
    expect(cart.facts.at(-1)).toEqual({ label: 'Re-entry', value: 'never' });
    expect(outline(cart.flow)).toEqual([
      'reminder → #step-1-of-cart: 1h Email "</td><script>alert(\'subject\')</script>" ↪ Fallback on SMS <b>now</b> (no consent)',
      'check → #step-2-of-cart: Decision',
      '  [<b>VIP</b> path | target <i>VIP</i>]',
      '    vip-offer → #step-3-of-cart: 2h SMS <b>now</b> "VIP offer"',
      '    decision check › vip › 2 → #step-4-of-cart: Go to step last-call (#step-11-of-cart)',
      '  [big | if cart_total > 150 && "<i>x</i>"]',
      '    decision check › big › 1 → #step-5-of-cart: End: the contact leaves the scenario',
      '  [otherwise]',
      '    decision check › otherwise › 1 → #step-6-of-cart: Wait up to 1d for an event',
      '      [clicked | on email_clicked]',
      '        decision check › otherwise › wait › clicked › 1 → #step-7-of-cart: 2h SMS <b>now</b> "Still hesitating?"',
      '        then on to step last-call (#step-11-of-cart)',
      '      [otherwise | nothing within 1d]',
      '        offer → #step-8-of-cart: Split',
      '          [discount | 40%]',
      '            decision check › otherwise › wait › otherwise › split offer › discount › 1 → #step-9-of-cart: 0 Email "10% off"',
      '            then on to step last-call (#step-11-of-cart)',
      '          [delivery | 50%]',
      '            decision check › otherwise › wait › otherwise › split offer › delivery › 1 → #step-10-of-cart: 0 Email "Free delivery"',
      '            then on to step last-call (#step-11-of-cart)',
      '          [control group 10%: held out, they leave the scenario] control',
      'last-call → #step-11-of-cart: 2d Email "Last call"',
    ]);
  });

  it('marks the messages over a cap and in the quiet hours, and says each violation in words', () => {
    const eve = view.personas.list[0]!;
    expect(calendarLines(eve)).toEqual([
      "D+0 10:00 | <script>alert('scenario')</script> Cart (#scenario-cart) | reminder (#step-1-of-cart) | Email | </td><script>alert('subject')</script> [over cap]",
      'D+0 12:00 | Birthday (#scenario-birthday) | 1 (#step-1-of-birthday) | Email | Happy birthday [over cap]',
      "D+0 13:00 | <script>alert('scenario')</script> Cart (#scenario-cart) | decision check › otherwise › wait › clicked › 1 (#step-7-of-cart) | SMS <b>now</b> | Still hesitating? [over cap]",
      'D+1 00:00 | Birthday (#scenario-birthday) | 2 (#step-2-of-birthday) | SMS <b>now</b> | A gift waits in store [over cap] [quiet hours]',
      "D+2 11:00 | <script>alert('scenario')</script> Cart (#scenario-cart) | last-call (#step-11-of-cart) | Email | Last call [over cap]",
    ]);
    expect(eve.calendar.map((row) => row.violation)).toEqual([true, true, true, true, true]);
    // Its name (its place) already says the branch: not repeated.
    expect(eve.calendar.map((row) => row.branch)).toEqual([null, null, null, null, null]);
    expect(eve.violations).toEqual([
      "2 messages from D+0 10:00 to D+0 12:00, over the cap of at most 1 message on Email per 1d (scenarios: <script>alert('scenario')</script> Cart, Birthday)",
      "5 messages from D+0 10:00 to D+2 11:00, over the cap of at most 3 messages per 7d, all channels together (scenarios: <script>alert('scenario')</script> Cart, Birthday)",
      'SMS <b>now</b> at D+1 00:00, inside the quiet hours 21:00–08:00 (scenario Birthday, step 2)',
    ]);
    expect(view.personas.violationCount).toBe(3);
    expect(view.personas.pressure).toEqual(['at most 1 message on Email per 1d', 'at most 3 messages per 7d, all channels together']);
    expect(view.personas.quietHours).toBe('21:00–08:00 on SMS <b>now</b>');
  });

  it('shows a fallback sent instead of an email without consent, a goto followed, and the message not sent', () => {
    const vic = view.personas.list[1]!;
    expect(calendarLines(vic)).toEqual([
      "D+1 09:00 | <script>alert('scenario')</script> Cart (#scenario-cart) | reminder (#step-1-of-cart) | SMS <b>now</b> [fallback] | Your cart <img src=x onerror=alert(1)>",
      "D+1 10:00 | <script>alert('scenario')</script> Cart (#scenario-cart) | vip-offer (#step-3-of-cart) | SMS <b>now</b> | VIP offer",
    ]);
    // A step with an id inside a branch: the branch is said beside it.
    expect(vic.calendar.map((row) => row.branch)).toEqual([null, 'decision check › vip']);
    expect(vic.notSent.map((skipped) => `${skipped.when} ${skipped.step.label} (#${skipped.step.anchor}) ${skipped.text}`)).toEqual([
      'D+3 08:00 last-call (#step-11-of-cart) no consent on Email and no fallback',
    ]);
    expect(vic.runs.map((run) => run.text)).toEqual(['entered D+1 08:00 on cart_abandoned: went to the end']);
    expect(vic.violations).toEqual([]);
  });
});

describe('personas view edge cases', () => {
  const viewOfFiles = async (files: Files) => {
    const loaded = await loadFiles(files);
    const lint = await lintWorkspace(loaded);
    return buildReportView({ model: loaded.model, diagnostics: lint.diagnostics, rules: RULES, diagrams: { status: 'skipped' } });
  };
  const persona = 'personas:\n  - { id: ann, name: Ann, target: all, events: [{ event: cart_abandoned, at: "0 10:00" }] }\n';

  // BASE has no omni.yaml: the default locale, French.
  it('has no persona, no policy and no violation in a plan without them', async () => {
    const view = await viewOfFiles(BASE);
    expect(view.personas).toEqual({ list: [], pressure: [], quietHours: null, incomplete: false, violationCount: 0 });
  });

  it('says the calendars may be incomplete when the schema left an entity out of the plan', async () => {
    const clean = await viewOfFiles({ ...BASE, 'personas.yaml': persona });
    expect(clean.personas.incomplete).toBe(false);
    expect(calendarLines(clean.personas.list[0]!)).toEqual(['J+1 10:00 | Abandoned cart (#scenario-cart) | 1 (#step-1-of-cart) | Email | {{first_name}}, your cart']);
    const broken = await viewOfFiles({ ...BASE, 'personas.yaml': persona, 'more.yaml': 'sources:\n  - { id: erp, name: ERP, colour: red }\n' });
    expect(broken.personas.incomplete).toBe(true);
    expect(broken.personas.list).toHaveLength(1);
  });

  it(`stops each list at ${ROWS_SHOWN} entries and says how many more omni simulate has`, async () => {
    const steps = Array.from({ length: ROWS_SHOWN + 50 }, (_unused, i) => `      - { after: ${i + 1}h, channel: web }\n`).join('');
    const long = `scenarios:\n  - id: long\n    name: Long\n    program: conversion\n    lifecycle: activation\n    target: all\n    trigger: { type: event, event: cart_abandoned }\n    steps:\n${steps}`;
    const view = await viewOfFiles({ ...BASE, 'personas.yaml': persona, 'long.yaml': long });
    const ann = view.personas.list[0]!;
    expect(ann.calendar).toHaveLength(ROWS_SHOWN);
    // The cart email (J+1 10:00) and 199 of the long steps, one an hour from 11:00.
    expect(ann.calendar.at(-1)!.when).toBe('J+8 17:00');
    expect(ann.more).toEqual({ calendar: '51 de plus non affichés : omni simulate --persona ann les donne tous.', violations: null, runs: null, notSent: null });
  });
});

describe('report view of a plain delay (a wait for no event)', () => {
  it('titles it with its duration, with no branch under it', async () => {
    const { WEEKLY_YAML } = await import('../renderers/branch-diagrams.js');
    const { SIMULATION_FILES } = await import('../simulate/fixture.js');
    const workspace = await loadFiles({ ...SIMULATION_FILES, 'omni.yaml': 'name: t\nlocale: en\n', 'weekly.yaml': WEEKLY_YAML });
    const view = buildReportView({ model: workspace.model, diagnostics: [], rules: RULES, diagrams: { status: 'skipped' } });
    const weekly = view.scenarios.find((entry) => entry.id === 'weekly')!;
    expect(outline(weekly.flow)).toEqual([
      'news → #step-1-of-weekly: 0 Email "News"',
      '2 → #step-2-of-weekly: Wait 7d',
      '3 → #step-3-of-weekly: Go to step news (#step-1-of-weekly)',
    ]);
  });
});

describe('report view of the gaps example: a persona whose story starts nothing', () => {
  it('says which event starts nothing, as omni simulate does', async () => {
    const view = await viewOf('examples/gaps');
    const late = view.personas.list.find((persona) => persona.id === 'late-buyer')!;
    expect(late.calendar).toEqual([]);
    expect(late.idle).toEqual(['Starts nothing: cart_abandonned at D+1 09:00 is named by no trigger, exit, goal or wait of the plan']);
    expect(view.personas.list.find((persona) => persona.id === 'night-shopper')!.idle).toEqual([]);
  });
});

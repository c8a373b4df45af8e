import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { SharedStyles, withoutUnusedMarkers, withUniqueSvgId } from '../../src/report/diagrams.js';
import { unsafeSvgReason } from '../../src/report/svg-safety.js';
import { buildReportView, formatDate, formatScore, type ReportView } from '../../src/report/view-model.js';
import { RULES } from '../../src/rules/index.js';

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
    expect(view.lint.errors).toBe(11);
    expect(view.lint.warnings).toBe(13);
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

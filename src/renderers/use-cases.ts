import { rankUseCases, type RankedUseCase } from '../model/priority.js';
import type { Model, UseCase } from '../model/types.js';
import { escapeLabel, quoted, shorten } from './escape.js';
import { fits, splitToFit } from './limits.js';
import { lines, type Diagram, type View } from './types.js';
import { wordsFor } from './words.js';

/** Scores run from 1 to 5; points stay off the chart's edges. */
const MARGIN = 0.1;
/**
 * A middle score (3) would sit exactly on a quadrant line, in no quadrant: it is drawn
 * just off it, on the cautious side (medium difficulty counts as hard, medium value as
 * low), so the chart never promises a quick win the scores do not show.
 */
const OFF_LINE = 0.03;
/** Vertical gap between use cases that share the same scores, so none hides another. */
const SPREAD = 0.045;

const toUnit = (score: number) => (Number.isFinite(score) ? MARGIN + ((1 - 2 * MARGIN) * (Math.min(Math.max(score, 1), 5) - 1)) / 4 : 0.5);
const offLine = (unit: number, side: 1 | -1) => (Math.abs(unit - 0.5) < OFF_LINE ? 0.5 + side * OFF_LINE : unit);
const round = (value: number) => Math.round(value * 1000) / 1000;

/** Value on the vertical axis: business and experience impact, weighted as the workspace weighs them. */
export function valueOf(useCase: UseCase, weights: Model['settings']['priorityWeights']): number {
  const total = weights.business + weights.experience;
  if (total <= 0) return 3;
  return (useCase.scores.business * weights.business + useCase.scores.experience * weights.experience) / total;
}

/**
 * The priority chart: value against difficulty, one point per use case labelled with its
 * rank from `rankUseCases` (the ranking every output shares), quadrants named in the
 * workspace locale.
 */
function chartText(model: Model, ranked: readonly RankedUseCase[]): string {
  const words = wordsFor(model.settings.locale).priority;
  const atSpot = new Map<string, number[]>();
  const points = ranked.map((entry, index) => {
    const x = round(offLine(toUnit(entry.useCase.scores.difficulty), 1));
    const y = round(offLine(toUnit(valueOf(entry.useCase, model.settings.priorityWeights)), -1));
    const spot = `${x},${y}`;
    const here = atSpot.get(spot);
    if (here) here.push(index);
    else atSpot.set(spot, [index]);
    return { entry, x, y, spot, position: (here?.length ?? 1) - 1 };
  });
  const pointLines = points.map(({ entry, x, y, spot, position }) => {
    const shared = atSpot.get(spot)!;
    // Better-ranked first, from the top down, centred on the true spot.
    const dy = round(y + ((shared.length - 1) / 2 - position) * SPREAD);
    // The rank alone: names would be cut or overlap; the legend (journey.md, the report's table) names each rank.
    return `  ${quoted(String(entry.rank))}: [${x}, ${Math.min(Math.max(dy, 0.01), 0.99)}]`;
  });
  return lines(
    '---',
    'config:',
    '  quadrantChart:',
    '    chartWidth: 1100',
    '    chartHeight: 760',
    '    pointLabelFontSize: 13',
    '    pointRadius: 6',
    '    quadrantLabelFontSize: 20',
    '    quadrantTextTopPadding: 40',
    // Green for quick wins, blue for big bets, grey for fill-ins, orange for money pits.
    '  themeVariables:',
    "    quadrant1Fill: '#DDEBF7'",
    "    quadrant2Fill: '#E2F0D9'",
    "    quadrant3Fill: '#F2F2F2'",
    "    quadrant4Fill: '#FBE5D6'",
    "    quadrantPointFill: '#1F3864'",
    '---',
    'quadrantChart',
    `  title ${escapeLabel(words.title)}`,
    `  x-axis ${quoted(words.easy)} --> ${quoted(words.hard)}`,
    `  y-axis ${quoted(words.low)} --> ${quoted(words.high)}`,
    `  quadrant-1 ${quoted(words.bigBets)}`,
    `  quadrant-2 ${quoted(words.quickWins)}`,
    `  quadrant-3 ${quoted(words.fillIns)}`,
    `  quadrant-4 ${quoted(words.moneyPits)}`,
    pointLines,
  );
}

const legendOf = (ranked: readonly RankedUseCase[]) => ranked.map((entry) => `${entry.rank}. ${shorten(entry.useCase.name, 200)}`);

export const useCasesView: View = {
  name: 'use-cases',
  description: 'priority chart: value (business and experience impact) against difficulty',
  render(model: Model) {
    const title = wordsFor(model.settings.locale).views.useCases;
    const ranked = rankUseCases(model);
    const whole = chartText(model, ranked);
    if (fits(whole)) return [{ view: 'use-cases', file: 'use-cases.mmd', title, text: whole, legend: legendOf(ranked) }];
    // Hundreds of points: one chart per band of ranks, best first (`use-cases/<first rank>.mmd`).
    const pages = splitToFit(ranked, (group) => chartText(model, group))!;
    return pages.map((page, index): Diagram => ({
      view: 'use-cases',
      file: `use-cases/${page.items[0]!.rank}.mmd`,
      title: `${title} (${index + 1}/${pages.length}) — ${page.items[0]!.rank}–${page.items[page.items.length - 1]!.rank}`,
      text: page.text,
      legend: legendOf(page.items),
      split: wordsFor(model.settings.locale).split.useCases,
    }));
  },
};

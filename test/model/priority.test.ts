import { describe, expect, it } from 'vitest';
import { DEFAULT_PRIORITY_WEIGHTS } from '../../src/model/defaults.js';
import { priorityScore, rankUseCases } from '../../src/model/priority.js';
import type { PriorityWeights, UseCase } from '../../src/model/types.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { writeWorkspace } from '../rules/run-rule.js';
import { mulberry32 } from '../setup/seeded-random.js';

function useCase(id: string, business: number, experience: number, difficulty: number, priority?: number): UseCase {
  return {
    id,
    name: id,
    touchpoints: [],
    scores: { business, experience, difficulty },
    origin: { file: 'a.yaml', path: ['useCases', 0] },
    ...(priority === undefined ? {} : { priority }),
  };
}

function ranking(useCases: UseCase[], priorityWeights: PriorityWeights = DEFAULT_PRIORITY_WEIGHTS): string[] {
  const settings = { priorityWeights } as Parameters<typeof rankUseCases>[0]['settings'];
  return rankUseCases({ useCases, settings }).map((entry) => `${entry.rank}:${entry.useCase.id}:${entry.score}${entry.manual ? ':manual' : ''}`);
}

describe('priorityScore', () => {
  it('is business + experience − difficulty by default', () => {
    expect(priorityScore(useCase('a', 4, 5, 3), DEFAULT_PRIORITY_WEIGHTS)).toBe(6);
  });

  it('applies the weights', () => {
    expect(priorityScore(useCase('a', 4, 5, 3), { business: 2, experience: 1, difficulty: 0.5 })).toBe(11.5);
  });
});

describe('rankUseCases', () => {
  it('ranks by score, highest first', () => {
    expect(ranking([useCase('low', 1, 1, 5), useCase('high', 5, 5, 1), useCase('mid', 3, 3, 3)])).toEqual(['1:high:9', '2:mid:3', '3:low:-3']);
  });

  it('breaks score ties by business impact', () => {
    // Both score 6; the one worth more to the business comes first.
    expect(ranking([useCase('experience-led', 2, 5, 1), useCase('business-led', 5, 2, 1)])).toEqual(['1:business-led:6', '2:experience-led:6']);
  });

  it('breaks full ties by declaration order', () => {
    expect(ranking([useCase('first', 3, 3, 3), useCase('second', 3, 3, 3), useCase('third', 3, 3, 3)])).toEqual(['1:first:3', '2:second:3', '3:third:3']);
  });

  it('a manual priority puts the use case at that rank, the others keep their order around it', () => {
    expect(ranking([useCase('a', 5, 5, 1), useCase('b', 4, 4, 1), useCase('c', 1, 1, 5, 1), useCase('d', 3, 3, 1)])).toEqual([
      '1:c:-3:manual',
      '2:a:9',
      '3:b:7',
      '4:d:5',
    ]);
  });

  it('manual priorities that tie keep declaration order', () => {
    expect(ranking([useCase('x', 5, 5, 1), useCase('declared-first', 1, 1, 1, 2), useCase('y', 4, 4, 1), useCase('declared-second', 1, 1, 1, 2)])).toEqual([
      '1:x:9',
      '2:declared-first:1:manual',
      '3:declared-second:1:manual',
      '4:y:7',
    ]);
  });

  it('manual ranks pushed down by a tie stay ahead of the larger ones (rank 3 never after rank 4)', () => {
    expect(
      ranking([useCase('a', 5, 5, 1), useCase('b', 4, 4, 1), useCase('third', 1, 1, 1, 3), useCase('also-third', 1, 1, 1, 3), useCase('fourth', 1, 1, 1, 4)]),
    ).toEqual(['1:a:9', '2:b:7', '3:third:1:manual', '4:also-third:1:manual', '5:fourth:1:manual']);
  });

  // A reference written from docs/format.md (Use-case priority): rank by rank, the next manual
  // use case (by priority, then declaration) when it asks for this rank or an earlier one,
  // else the next computed one (score, business, declaration); manual ones left over go last.
  it('agrees with the documented ranking on seeded plans', () => {
    const random = mulberry32(20261207);
    const pick = (n: number) => Math.floor(random() * n);
    const disagreements: string[] = [];
    for (let round = 0; round < 1500; round++) {
      const count = 1 + pick(7);
      const weights = { business: [0, 0.5, 1, 2][pick(4)]!, experience: [0, 0.2, 1, 3][pick(4)]!, difficulty: [0, 0.5, 1, 2][pick(4)]! };
      const useCases = Array.from({ length: count }, (_, i) =>
        useCase(`u${i}`, 1 + pick(5), 1 + pick(5), 1 + pick(5), random() < 0.35 ? 1 + pick(count + 2) : undefined),
      );
      const score = (one: UseCase) => priorityScore(one, weights);
      const declared = useCases.map((one, order) => ({ one, order }));
      const computed = declared
        .filter(({ one }) => one.priority === undefined)
        .sort((a, b) => score(b.one) - score(a.one) || b.one.scores.business - a.one.scores.business || a.order - b.order);
      const manual = declared.filter(({ one }) => one.priority !== undefined).sort((a, b) => a.one.priority! - b.one.priority! || a.order - b.order);
      const expected: string[] = [];
      while (expected.length < count) {
        const rank = expected.length + 1;
        const next = manual[0] && (manual[0].one.priority! <= rank || computed.length === 0) ? manual.shift()! : computed.shift()!;
        expected.push(`${rank}:${next.one.id}`);
      }
      const got = rankUseCases({ useCases, settings: { priorityWeights: weights } as never }).map((entry) => `${entry.rank}:${entry.useCase.id}`);
      if (got.join(' ') !== expected.join(' ')) disagreements.push(`${JSON.stringify(useCases.map((one) => [one.scores, one.priority]))}: ${got.join(' ')}`);
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
  });

  it('a manual rank beyond the end goes last', () => {
    expect(ranking([useCase('a', 1, 1, 1, 10), useCase('b', 5, 5, 1)])).toEqual(['1:b:9', '2:a:1:manual']);
  });

  it('uses the weights from omni.yaml', async () => {
    const root = writeWorkspace({
      'omni.yaml': 'priority: { business: 3, experience: 1, difficulty: 1 }\n',
      'use-cases.yaml':
        'useCases:\n  - { id: delight, name: Delight, scores: { business: 1, experience: 5, difficulty: 1 } }\n  - { id: revenue, name: Revenue, scores: { business: 4, experience: 1, difficulty: 1 } }\n',
    });
    const { model } = await loadWorkspace(root);
    // Unweighted, delight (5) beats revenue (4); business weighted ×3, revenue (12) beats delight (7).
    expect(rankUseCases(model).map((entry) => `${entry.rank}:${entry.useCase.id}:${entry.score}`)).toEqual(['1:revenue:12', '2:delight:7']);
  });

  it('missing weights in omni.yaml default to 1', async () => {
    const root = writeWorkspace({ 'omni.yaml': 'priority: { difficulty: 2 }\n' });
    const { settings } = await loadWorkspace(root);
    expect(settings.priorityWeights).toEqual({ business: 1, experience: 1, difficulty: 2 });
  });
});

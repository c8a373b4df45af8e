import type { Model, PriorityWeights, UseCase } from './types.js';

export interface RankedUseCase {
  useCase: UseCase;
  /** business × w + experience × w − difficulty × w */
  score: number;
  /** 1 is deployed first. */
  rank: number;
  /** Whether the rank comes from the use case's manual `priority`. */
  manual: boolean;
}

export function priorityScore(useCase: UseCase, weights: PriorityWeights): number {
  const { business, experience, difficulty } = useCase.scores;
  return business * weights.business + experience * weights.experience - difficulty * weights.difficulty;
}

/**
 * The one ranking of use cases that lint, render and export share: by score, then
 * business impact, then declaration order; a manual `priority` puts a use case at
 * that rank (ties between manual ranks keep declaration order).
 */
export function rankUseCases(model: Pick<Model, 'useCases' | 'settings'>): RankedUseCase[] {
  const weights = model.settings.priorityWeights;
  const scored = model.useCases.map((useCase, order) => ({ useCase, order, score: priorityScore(useCase, weights) }));
  const automatic = scored
    .filter((entry) => entry.useCase.priority === undefined)
    .sort((a, b) => b.score - a.score || b.useCase.scores.business - a.useCase.scores.business || a.order - b.order);
  const manual = scored.filter((entry) => entry.useCase.priority !== undefined).sort((a, b) => a.useCase.priority! - b.useCase.priority! || a.order - b.order);
  const ordered = [...automatic];
  for (const entry of manual) {
    let index = Math.min(entry.useCase.priority! - 1, ordered.length);
    // Manual ranks placed before this one (equal or smaller, declared earlier on a tie) keep
    // their places in front: a use case asking for rank 3 never lands after one asking for 4.
    while (index < ordered.length && ordered[index]!.useCase.priority !== undefined) index++;
    ordered.splice(index, 0, entry);
  }
  return ordered.map((entry, index) => ({
    useCase: entry.useCase,
    score: entry.score,
    rank: index + 1,
    manual: entry.useCase.priority !== undefined,
  }));
}

import { branchingScenarios, walkSteps } from '../model/steps.js';
import type { Model } from '../model/types.js';
import { editDistance } from '../util/closest-match.js';
import { createRule } from './create-rule.js';

/**
 * Edits a name may be away from a known event to read as its misspelling: at most 2, and a
 * quarter of its length (at least 1). Stricter than closestMatch's third: an exit or persona
 * event need not be declared, so `order_paid` must not read as a slip of `order_placed`.
 */
const allowedEdits = (name: string): number => Math.min(2, Math.max(1, Math.floor(name.length / 4)));

/** Comparisons the rule may make in one lint; past it, the remaining names go unchecked (a plan of thousands of distinct events is generated, not typed). */
const COMPARISON_BUDGET = 2_000_000;

/** Calls visit for every exit, goal and persona event, in model order, with how to locate it. */
function forEachUse(model: Model, visit: (event: string, locate: () => Use) => void): void {
  for (const scenario of model.scenarios) {
    const { file, path } = scenario.origin;
    const exits = scenario.exit;
    for (let index = 0; index < exits.length; index++) {
      visit(exits[index]!, () => ({ kind: 'exit', owner: scenario.id, file, path: [...path, 'exit', index] }));
    }
    if (scenario.goal !== undefined) visit(scenario.goal, () => ({ kind: 'goal', owner: scenario.id, file, path: [...path, 'goal'] }));
  }
  for (const persona of model.personas) {
    const { file, path } = persona.origin;
    persona.events.forEach((item, index) => visit(item.event, () => ({ kind: 'persona', owner: persona.id, file, path: [...path, 'events', index, 'event'] })));
  }
}

type Use = { kind: 'exit' | 'goal' | 'persona' | 'trigger'; owner: string; file: string; path: (string | number)[] };

/** What one pass over the plan's events finds (see `eventNames`). */
interface EventNames {
  /** Declared, waited for or decided on, or spelled the same way in two exits, goals or persona events. */
  strong: Set<string>;
  /** Every trigger. */
  triggers: Set<string>;
  /** Triggers of one scenario that nothing else names. */
  loneTriggers: Set<string>;
  /** Exits, goals and persona events named once. */
  once: Set<string>;
}

/**
 * The plan's event names, sorted by how sure they are. Undefined when no exit, goal or
 * persona event is named once and no trigger stands alone (nearly always: nothing to compare).
 */
function eventNames(model: Model): EventNames | undefined {
  // One indexed pass over the scenarios: the rule runs once, in cold code, and on 10,000
  // scenarios each pass over the model costs milliseconds.
  const once = new Set<string>();
  const strong = new Set<string>();
  const count = (event: string) => {
    if (strong.has(event)) return;
    if (once.delete(event)) strong.add(event);
    else once.add(event);
  };
  const triggers = new Set<string>();
  const loneTriggers = new Set<string>();
  const scenarios = model.scenarios;
  for (let i = 0; i < scenarios.length; i++) {
    const scenario = scenarios[i]!;
    const trigger = scenario.trigger.event;
    if (triggers.has(trigger)) loneTriggers.delete(trigger);
    else {
      triggers.add(trigger);
      loneTriggers.add(trigger);
    }
    const exits = scenario.exit;
    for (let j = 0; j < exits.length; j++) count(exits[j]!);
    if (scenario.goal !== undefined) count(scenario.goal);
  }
  for (const persona of model.personas) for (const item of persona.events) count(item.event);
  for (const event of model.events) strong.add(event.id);
  for (const scenario of branchingScenarios(model)) {
    walkSteps(scenario, (step) => {
      if (step.kind === 'wait') for (const branch of step.until) strong.add(branch.event);
      else if (step.kind === 'decision') for (const branch of step.branches) if (branch.event !== undefined) strong.add(branch.event);
    });
  }
  for (const event of strong) once.delete(event);
  for (const trigger of loneTriggers) if (strong.has(trigger) || once.has(trigger)) loneTriggers.delete(trigger);
  if (once.size === 0 && loneTriggers.size === 0) return undefined;
  return { strong, triggers, loneTriggers, once };
}

/** For each name, the candidate one or two edits from it (compared by length buckets, within the budget). */
function closestNames(names: Iterable<string>, candidates: Iterable<string>, budget: { left: number }): Map<string, string> {
  const byLength = new Map<number, string[]>();
  for (const candidate of candidates) {
    const bucket = byLength.get(candidate.length);
    if (bucket) bucket.push(candidate);
    else byLength.set(candidate.length, [candidate]);
  }
  const closest = new Map<string, string>();
  for (const name of names) {
    const max = allowedEdits(name);
    let best = max + 1;
    const lowered = name.toLowerCase();
    for (let length = name.length - max; length <= name.length + max && budget.left > 0; length++) {
      for (const candidate of byLength.get(length) ?? []) {
        if (--budget.left < 0) break;
        if (candidate === name) continue;
        const distance = editDistance(lowered, candidate.toLowerCase(), max);
        if (distance < best) {
          best = distance;
          closest.set(name, candidate);
        }
      }
    }
  }
  return closest;
}

/**
 * An exit, a goal or a persona's event one or two letters away from an event the plan names
 * elsewhere, and named nowhere else: `exit: [order_placd]` never ends the scenario, and a
 * persona's `cart_abandonned` triggers nothing in `omni simulate`. Likewise a trigger of one
 * scenario, named nowhere else, next to an event declared, waited for or named twice: that
 * scenario never starts. Events far from every known one are left alone: exits like
 * `unsubscribed` need not be declared.
 */
export const misspelledEvent = createRule({
  id: 'misspelled-event',
  defaultSeverity: 'warn',
  check({ model, report }) {
    // An event the schema rejected may be the intended one.
    if (model.invalidIds.events.size > 0) return;
    const names = eventNames(model);
    if (!names) return;
    const budget = { left: COMPARISON_BUDGET };
    // A lone trigger is compared with the names the plan is sure of only: next to an exit or a
    // persona event named once, which of the two is the slip cannot be told.
    const closestTrigger = closestNames(names.loneTriggers, names.strong, budget);
    const trusted = new Set(names.strong);
    for (const trigger of names.triggers) if (!closestTrigger.has(trigger)) trusted.add(trigger);
    const suspects = [...names.once].filter((event) => !trusted.has(event));
    const closestOf = closestNames(suspects, trusted, budget);
    if (closestOf.size === 0 && closestTrigger.size === 0) return;
    const reportAt = (kind: Use['kind'], event: string, closest: string, owner: string, file: string, path: (string | number)[]) =>
      report({
        // Spelled out as literals: test/i18n/vocabulary.test.ts reads the message ids a rule uses from its source.
        messageId: kind === 'exit' ? 'exit' : kind === 'goal' ? 'goal' : kind === 'trigger' ? 'trigger' : 'persona',
        suggestionId: 'didYouMean',
        data: { owner, event, closest },
        location: { file, path },
        entity: { kind: kind === 'persona' ? 'persona' : 'scenario', id: owner },
      });
    if (closestTrigger.size > 0)
      for (const scenario of model.scenarios) {
        const closest = closestTrigger.get(scenario.trigger.event);
        if (closest !== undefined) reportAt('trigger', scenario.trigger.event, closest, scenario.id, scenario.origin.file, [...scenario.origin.path, 'trigger', 'event']);
      }
    if (closestOf.size === 0) return;
    forEachUse(model, (event, locate) => {
      const closest = closestOf.get(event);
      if (closest === undefined) return;
      const use = locate();
      reportAt(use.kind, event, closest, use.owner, use.file, use.path);
    });
  },
});

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

type Use = { kind: 'exit' | 'goal' | 'persona'; owner: string; file: string; path: (string | number)[] };

/**
 * Events the plan names on purpose: declared, triggering a scenario, waited for or decided
 * on, or spelled the same way in two places among exits, goals and persona stories; and the
 * suspects, the other exit, goal and persona events. Undefined when there is no suspect
 * (nearly always: then nothing else is read).
 */
function trustedEvents(model: Model): { trusted: Set<string>; suspects: Set<string> } | undefined {
  // Exits, goals and persona events named once, and those named twice or more. One pass over
  // the scenarios, indexed: the rule runs once, in cold code, and on 10,000 scenarios each
  // pass over the model costs milliseconds.
  const once = new Set<string>();
  const twice = new Set<string>();
  const count = (event: string) => {
    if (twice.has(event)) return;
    if (once.delete(event)) twice.add(event);
    else once.add(event);
  };
  const scenarios = model.scenarios;
  for (let i = 0; i < scenarios.length; i++) {
    const scenario = scenarios[i]!;
    const exits = scenario.exit;
    for (let j = 0; j < exits.length; j++) count(exits[j]!);
    if (scenario.goal !== undefined) count(scenario.goal);
  }
  for (const persona of model.personas) for (const item of persona.events) count(item.event);
  if (once.size === 0) return undefined;
  const trusted = twice;
  for (const event of model.events) trusted.add(event.id);
  for (let i = 0; i < scenarios.length; i++) trusted.add(scenarios[i]!.trigger.event);
  for (const scenario of branchingScenarios(model)) {
    walkSteps(scenario, (step) => {
      if (step.kind === 'wait') for (const branch of step.until) trusted.add(branch.event);
      else if (step.kind === 'decision') for (const branch of step.branches) if (branch.event !== undefined) trusted.add(branch.event);
    });
  }
  const suspects = new Set<string>();
  for (const event of once) if (!trusted.has(event)) suspects.add(event);
  return suspects.size > 0 ? { trusted, suspects } : undefined;
}

/**
 * An exit, a goal or a persona's event one or two letters away from an event the plan names
 * elsewhere, and named nowhere else: `exit: [order_placd]` never ends the scenario, and a
 * persona's `cart_abandonned` triggers nothing in `omni simulate`. Events far from every
 * known one are left alone: exits like `unsubscribed` need not be declared.
 */
export const misspelledEvent = createRule({
  id: 'misspelled-event',
  defaultSeverity: 'warn',
  check({ model, report }) {
    // An event the schema rejected may be the intended one.
    if (model.invalidIds.events.size > 0) return;
    const events = trustedEvents(model);
    if (!events) return;
    const { trusted, suspects } = events;
    // Known events by length: a name is compared only with those it could be 2 edits from.
    const byLength = new Map<number, string[]>();
    for (const event of trusted) {
      const bucket = byLength.get(event.length);
      if (bucket) bucket.push(event);
      else byLength.set(event.length, [event]);
    }
    let budget = COMPARISON_BUDGET;
    const closestOf = new Map<string, string>();
    for (const suspect of suspects) {
      const max = allowedEdits(suspect);
      let best = max + 1;
      const lowered = suspect.toLowerCase();
      for (let length = suspect.length - max; length <= suspect.length + max && budget > 0; length++) {
        for (const candidate of byLength.get(length) ?? []) {
          if (--budget < 0) break;
          const distance = editDistance(lowered, candidate.toLowerCase(), max);
          if (distance < best) {
            best = distance;
            closestOf.set(suspect, candidate);
          }
        }
      }
    }
    if (closestOf.size === 0) return;
    forEachUse(model, (event, locate) => {
      const closest = closestOf.get(event);
      if (closest === undefined) return;
      const use = locate();
      report({
        messageId: use.kind === 'exit' ? 'exit' : use.kind === 'goal' ? 'goal' : 'persona',
        suggestionId: 'didYouMean',
        data: { owner: use.owner, event, closest },
        location: { file: use.file, path: use.path },
        entity: { kind: use.kind === 'persona' ? 'persona' : 'scenario', id: use.owner },
      });
    });
  },
});

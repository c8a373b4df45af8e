import type { JsonPath } from '../diagnostics/types.js';
import type { Branch, BranchingStep, DecisionBranch, Fallback, FallbackReason, FlowStep, Model, Scenario, SplitBranch, Step, WaitBranch } from './types.js';

type Raw = Record<string, unknown>;

const FALLBACK_REASONS: readonly FallbackReason[] = ['no-consent', 'bounced'];
// Copies: the model keeps these lists, and a copy is as long as its items, where the
// reader's lists, grown by push, hold room for 17 (some 9 MB on 10,000 scenarios, which every
// young-generation collection then copies).
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value.slice() : []);

function copyPresent(target: Raw, raw: Raw, keys: readonly string[]): Raw {
  for (const key of keys) {
    const value = raw[key];
    if (value !== undefined) target[key] = value;
  }
  return target;
}

/**
 * Builds a scenario's flow from its `steps:` as the schema accepted them, and the flat list
 * of every message step in document order (what views that do not draw branches show).
 */
export function buildFlow(rawSteps: readonly unknown[], file: string, path: JsonPath): { flow: FlowStep[]; steps: Step[] } {
  const steps: Step[] = [];
  const flow = buildSequence(rawSteps, file, path, steps);
  return { flow, steps: steps.slice() };
}

function buildSequence(rawSteps: readonly unknown[], file: string, path: JsonPath, messages: Step[]): FlowStep[] {
  // map, not push: the list is made as long as its steps (see `list`).
  return rawSteps.map((raw, index) => buildNode(raw as Raw, file, path.concat(index), messages));
}

function buildBranch(raw: Raw, file: string, path: JsonPath, name: string, messages: Step[]): Branch {
  const branch = copyPresent({ name }, raw, ['label']) as unknown as Branch;
  branch.steps = buildSequence(list(raw.steps), file, path.concat('steps'), messages);
  branch.origin = { file, path };
  return branch;
}

/** `otherwise:` is a list of steps: a branch named "otherwise" whose steps sit right under the key. */
function buildOtherwise(raw: unknown, file: string, path: JsonPath, messages: Step[]): Branch | undefined {
  if (!Array.isArray(raw)) return undefined;
  return { name: 'otherwise', steps: buildSequence(raw, file, path, messages), origin: { file, path } };
}

function buildNode(raw: Raw, file: string, path: JsonPath, messages: Step[]): FlowStep {
  const origin = { file, path };
  const common = copyPresent({}, raw, ['id', 'description']) as { id?: string; description?: string };
  if (raw.wait !== undefined) {
    const wait = raw.wait as Raw;
    const wpath = path.concat('wait');
    const until = list(wait.until).map((item, i) => {
      const event = item as Raw;
      const branch = buildBranch(event, file, wpath.concat('until', i), (event.name as string | undefined) ?? (event.event as string), messages) as WaitBranch;
      branch.event = event.event as string;
      return branch;
    });
    const otherwise = buildOtherwise(wait.otherwise, file, wpath.concat('otherwise'), messages);
    return { kind: 'wait', ...common, until, timeout: wait.timeout as string, ...(otherwise ? { otherwise } : {}), origin };
  }
  if (raw.decision !== undefined) {
    const decision = raw.decision as Raw;
    const dpath = path.concat('decision');
    const branches = list(decision.branches).map((item, i) => {
      const rawBranch = item as Raw;
      return copyPresent(buildBranch(rawBranch, file, dpath.concat('branches', i), rawBranch.name as string, messages) as unknown as Raw, rawBranch, [
        'target',
        'condition',
        'event',
      ]) as unknown as DecisionBranch;
    });
    const otherwise = buildOtherwise(decision.otherwise, file, dpath.concat('otherwise'), messages);
    return { kind: 'decision', ...common, branches, ...(otherwise ? { otherwise } : {}), origin };
  }
  if (raw.split !== undefined) {
    const split = raw.split as Raw;
    const spath = path.concat('split');
    const branches = list(split.branches).map((item, i) => {
      const rawBranch = item as Raw;
      const branch = buildBranch(rawBranch, file, spath.concat('branches', i), rawBranch.name as string, messages) as SplitBranch;
      branch.percent = rawBranch.percent as number;
      return branch;
    });
    return { kind: 'split', ...common, branches, ...(typeof split.control === 'number' ? { control: split.control } : {}), origin };
  }
  if (raw.goto !== undefined) return { kind: 'goto', ...common, goto: raw.goto as string, origin };
  if (raw.end !== undefined) return { kind: 'end', ...common, origin };
  const step = copyPresent({ after: raw.after, channel: raw.channel }, raw, ['id', 'name', 'subject', 'message', 'description', 'purpose']) as unknown as Step;
  if (raw.fallback !== undefined) {
    const rawFallback = raw.fallback as Raw;
    const fallback = copyPresent({ channel: rawFallback.channel, when: list(rawFallback.when ?? FALLBACK_REASONS) }, rawFallback, [
      'name',
      'subject',
      'message',
      'description',
    ]);
    fallback.origin = { file, path: path.concat('fallback') };
    step.fallback = fallback as unknown as Fallback;
  }
  step.origin = origin;
  messages.push(step);
  return { kind: 'message', step };
}

/** One level of branching on the way to a step: the branching step and the branch taken. */
export interface BranchPathSegment {
  step: BranchingStep;
  branch: Branch;
}

/** From the scenario's top-level sequence down to a step; empty at the top level. */
export type BranchPath = readonly BranchPathSegment[];

/** The branches of a branching step, `otherwise` last. */
export function branchesOf(step: BranchingStep): Branch[] {
  if (step.kind === 'wait') return step.otherwise ? [...step.until, step.otherwise] : step.until;
  if (step.kind === 'decision') return step.otherwise ? [...step.branches, step.otherwise] : step.branches;
  return step.branches;
}

/**
 * The branch names a persona may assume at a step (`assume: … branch:`): a split's variants
 * (and `control` where it has a control group), a decision's branches and `otherwise`;
 * undefined for any other step, which no assumption can name.
 */
export function assumableBranches(step: FlowStep): string[] | undefined {
  if (step.kind === 'split') return [...branchesOf(step).map((branch) => branch.name), ...(step.control !== undefined ? ['control'] : [])];
  if (step.kind === 'decision') return branchesOf(step).map((branch) => branch.name);
  return undefined;
}

export function isBranching(step: FlowStep): step is BranchingStep {
  return step.kind === 'wait' || step.kind === 'decision' || step.kind === 'split';
}

/**
 * Calls `visit` for every step of the scenario, branches included, depth first in document
 * order: each step with the branches leading to it, its sequence and its index there.
 * The one walker every rule and view uses, so none forgets a branch.
 */
export function walkSteps(scenario: Pick<Scenario, 'flow'>, visit: (step: FlowStep, path: BranchPath, sequence: readonly FlowStep[], index: number) => void): void {
  walkSequence(scenario.flow, [], visit);
}

function walkSequence(
  sequence: readonly FlowStep[],
  path: BranchPath,
  visit: (step: FlowStep, path: BranchPath, sequence: readonly FlowStep[], index: number) => void,
): void {
  for (let index = 0; index < sequence.length; index++) {
    const step = sequence[index]!;
    visit(step, path, sequence, index);
    if (isBranching(step)) for (const branch of branchesOf(step)) walkSequence(branch.steps, [...path, { step, branch }], visit);
  }
}

/** True when the scenario is a plain sequence of messages (no wait, decision, split, goto or end). */
export function isLinear(scenario: Pick<Scenario, 'flow' | 'steps'>): boolean {
  return scenario.flow.length === scenario.steps.length && scenario.flow.every((step) => step.kind === 'message');
}

const branching = new WeakMap<object, readonly Scenario[]>();

/**
 * The scenarios that branch (a wait, decision, split, goto or end anywhere), once per model:
 * what the rules about branches look at. A large plan is nearly all linear scenarios, which
 * each of those rules would otherwise walk for nothing.
 */
export function branchingScenarios(model: Pick<Model, 'scenarios'>): readonly Scenario[] {
  let found = branching.get(model);
  if (!found) branching.set(model, (found = model.scenarios.filter((scenario) => !isLinear(scenario))));
  return found;
}

/** Every message the scenario can send, fallbacks included, with its branch path. */
export function forEachMessage(scenario: Pick<Scenario, 'flow' | 'steps'>, visit: (message: Step | Fallback, path: BranchPath, fallbackOf?: Step) => void): void {
  // Linear scenarios (nearly all of a large workspace) skip the walk and its path arrays.
  if (isLinear(scenario)) {
    for (const step of scenario.steps) {
      visit(step, []);
      if (step.fallback) visit(step.fallback, [], step);
    }
    return;
  }
  walkSteps(scenario, (node, path) => {
    if (node.kind !== 'message') return;
    visit(node.step, path);
    if (node.step.fallback) visit(node.step.fallback, path, node.step);
  });
}

/** "decision vip-check › gold": where a step sits, for messages; empty at the top level. */
export function branchLabel(path: BranchPath): string {
  return path.map((segment) => `${segment.step.kind}${segment.step.id ? ` ${segment.step.id}` : ''} › ${segment.branch.name}`).join(' › ');
}

/** Steps by id (first one wins on a duplicate), for `goto`. */
export function stepsById(scenario: Pick<Scenario, 'flow'>): Map<string, FlowStep> {
  const byId = new Map<string, FlowStep>();
  walkSteps(scenario, (step) => {
    const id = step.kind === 'message' ? step.step.id : step.id;
    if (id !== undefined && !byId.has(id)) byId.set(id, step);
  });
  return byId;
}

export function stepId(step: FlowStep): string | undefined {
  return step.kind === 'message' ? step.step.id : step.id;
}

/**
 * Where each step leads when it is done: the next step of its sequence, or, for the last step
 * of a branch, the step after its branching step (undefined at the end of the scenario).
 */
export function nextSteps(scenario: Pick<Scenario, 'flow'>): Map<FlowStep, FlowStep | undefined> {
  const next = new Map<FlowStep, FlowStep | undefined>();
  const link = (sequence: readonly FlowStep[], after: FlowStep | undefined): void => {
    for (let i = 0; i < sequence.length; i++) {
      const step = sequence[i]!;
      const following = i + 1 < sequence.length ? sequence[i + 1] : after;
      next.set(step, following);
      if (isBranching(step)) for (const branch of branchesOf(step)) link(branch.steps, following);
    }
  };
  link(scenario.flow, undefined);
  return next;
}

/**
 * The steps a contact can reach from the start: a step leads to the next of its sequence,
 * and at the end of a branch to the step after its branching step; `end` leads nowhere,
 * `goto` to its target; a branching step to each branch's first step (a 0% split branch
 * gets nobody), and also past itself when some contacts take no branch (a decision without
 * `otherwise`, a wait without `otherwise` on time-out).
 */
export function reachableSteps(scenario: Pick<Scenario, 'flow'>): Set<FlowStep> {
  const next = nextSteps(scenario);
  const byId = stepsById(scenario);
  const reached = new Set<FlowStep>();
  const pending: (FlowStep | undefined)[] = [scenario.flow[0]];
  while (pending.length > 0) {
    const step = pending.pop();
    if (step === undefined || reached.has(step)) continue;
    reached.add(step);
    pending.push(...successorsOf(step, next, byId));
  }
  return reached;
}

/**
 * The steps a contact can go on to from `step` (undefined: the end of the scenario): the
 * next of its sequence; a goto's target; each branch's first step (or what follows, for an
 * empty branch), a 0% split branch excepted; past a decision or wait that lacks `otherwise`.
 * `next` and `byId` are the scenario's nextSteps and stepsById.
 */
export function successorsOf(step: FlowStep, next: ReadonlyMap<FlowStep, FlowStep | undefined>, byId: ReadonlyMap<string, FlowStep>): (FlowStep | undefined)[] {
  const following = next.get(step);
  switch (step.kind) {
    case 'message':
      return [following];
    case 'end':
      return [];
    case 'goto':
      return [byId.get(step.goto)];
    case 'split':
      return step.branches.filter((branch) => branch.percent > 0).map((branch) => (branch.steps.length > 0 ? branch.steps[0] : following));
    default: {
      const successors = branchesOf(step).map((branch) => (branch.steps.length > 0 ? branch.steps[0] : following));
      if (!step.otherwise) successors.push(following);
      return successors;
    }
  }
}

/**
 * The flow back as `steps:` are written (no origins): what exporters store so that import
 * rebuilds the same branches. Keys follow the schema's order.
 */
export function flowToRaw(flow: readonly FlowStep[]): Raw[] {
  return flow.map(stepToRaw);
}

function withoutOrigin(value: object): Raw {
  const { origin: _origin, ...rest } = value as Raw;
  return rest;
}

function branchToRaw(branch: Branch, extra: Raw = {}): Raw {
  const { name, label, steps, origin: _origin, ...rest } = branch as Branch & Raw;
  return { name, ...(label !== undefined ? { label } : {}), ...rest, ...extra, steps: flowToRaw(steps) };
}

function stepToRaw(step: FlowStep): Raw {
  const head = copyPresent({}, step.kind === 'message' ? {} : (step as unknown as Raw), ['id']);
  switch (step.kind) {
    case 'message': {
      const raw = withoutOrigin(step.step);
      if (step.step.fallback) raw.fallback = withoutOrigin(step.step.fallback);
      return raw;
    }
    case 'wait': {
      const until = step.until.map((branch) => {
        const { event, name, ...rest } = branchToRaw(branch);
        return { event, ...(name !== event ? { name } : {}), ...rest };
      });
      // A plain delay waits for no event: it has no `until`.
      return {
        ...head,
        wait: { ...(until.length > 0 ? { until } : {}), timeout: step.timeout, ...(step.otherwise ? { otherwise: flowToRaw(step.otherwise.steps) } : {}) },
        ...descriptionOf(step),
      };
    }
    case 'decision':
      return {
        ...head,
        decision: { branches: step.branches.map((branch) => branchToRaw(branch)), ...(step.otherwise ? { otherwise: flowToRaw(step.otherwise.steps) } : {}) },
        ...descriptionOf(step),
      };
    case 'split':
      return {
        ...head,
        split: { branches: step.branches.map((branch) => branchToRaw(branch)), ...(step.control !== undefined ? { control: step.control } : {}) },
        ...descriptionOf(step),
      };
    case 'goto':
      return { ...head, goto: step.goto, ...descriptionOf(step) };
    case 'end':
      return { ...head, end: true, ...descriptionOf(step) };
  }
}

const descriptionOf = (step: { description?: string }): Raw => (step.description !== undefined ? { description: step.description } : {});

import { branchesOf, isBranching, isLinear } from '../model/steps.js';
import type { Branch, BranchingStep, Fallback, FallbackReason, FlowStep, Locale, Scenario, Step } from '../model/types.js';
import { WORKBOOK_LABELS } from './labels.js';

/**
 * How the specification tab writes a branching scenario, and how the template importer
 * reads it back: one row per step in flow order, a *Branche* / *Branch* column naming each
 * wait, decision, split, goto and end, each branch as a `↳` row with what selects it, then
 * the branch's steps one level deeper (outline level and indent).
 */

type FlowWords = (typeof WORKBOOK_LABELS)[Locale]['scenarioSpec']['flow'];

/** Marks a branch (and a fallback) row in the Branche column. */
export const BRANCH_MARK = '↳';
/** Excel groups rows at most 7 levels deep and indents cells at most 15 levels. */
const MAX_OUTLINE = 7;
const MAX_INDENT = 15;

/** Whether a scenario needs the Branche column: it waits, decides, splits, jumps, ends, or has a fallback. */
export function hasStructure(scenario: Pick<Scenario, 'flow' | 'steps'>): boolean {
  return !isLinear(scenario) || scenario.steps.some((step) => step.fallback !== undefined);
}

const fillIn = (template: string, key: string, value: string | number): string => template.replace(`{${key}}`, String(value));

/** One row of a scenario's steps in the specification tab. */
export interface FlowLine {
  /** Nesting: 0 at the scenario's top level; a branch row is one deeper than its step, the branch's steps two. */
  level: number;
  kind: 'message' | 'fallback' | 'control' | 'branch';
  /** The Branche cell (`Attente`, `↳ sinon`, `#offre`…); undefined when empty. */
  branch?: string;
  /** A message: the step, and its index in `scenario.steps` (what edits of its cells name). */
  step?: Step;
  index?: number;
  /** A fallback row: what is sent instead. */
  fallback?: Fallback;
  /** A control row: the wait's time-out (the delay column) and the step's description (details). */
  after?: string;
  description?: string;
  /** A branch row: its label (the action column). */
  label?: string;
  /** A control row: its wait, decision, split, goto or end (what `import --into` edits). */
  node?: FlowStep;
  /** A branch row: its wait, decision or split, and the branch (none for a split's control group). */
  owner?: BranchingStep;
  branchOf?: Branch;
  /**
   * Stable within the scenario, and short (the hidden key column is narrow): `3` for the
   * fourth message, `3f` for its fallback, `~2` for the second row of the branches' structure.
   */
  key: string;
}

export const outlineLevel = (level: number): number => Math.min(MAX_OUTLINE, level);
export const indentLevel = (level: number): number => Math.min(MAX_INDENT, level);

/** The rows of a scenario's steps, in flow order (what `walkSteps` visits), each branch under its step. */
export function flowLines(scenario: Pick<Scenario, 'flow'>, locale: Locale, targetName: (id: string) => string): FlowLine[] {
  const words = WORKBOOK_LABELS[locale].scenarioSpec.flow;
  const lines: FlowLine[] = [];
  let structure = 0;
  const nextKey = () => `~${++structure}`;
  let index = 0;
  const sequence = (steps: readonly FlowStep[], level: number) => {
    for (const node of steps) {
      if (node.kind === 'message') {
        const step = node.step;
        lines.push({ level, kind: 'message', step, index, key: String(index), ...(step.id !== undefined ? { branch: `#${step.id}` } : {}) });
        index++;
        if (step.fallback) {
          lines.push({
            level: level + 1,
            kind: 'fallback',
            fallback: step.fallback,
            branch: `${BRANCH_MARK} ${fallbackPhrase(step.fallback, words)}`,
            key: `${index - 1}f`,
          });
        }
        continue;
      }
      lines.push({
        level,
        kind: 'control',
        branch: controlText(node, words),
        ...(node.kind === 'wait' ? { after: node.timeout } : {}),
        ...(node.description !== undefined ? { description: node.description } : {}),
        node,
        key: nextKey(),
      });
      if (!isBranching(node)) continue;
      for (const branch of branchesOf(node)) {
        lines.push({
          level: level + 1,
          kind: 'branch',
          branch: `${BRANCH_MARK} ${branchPhrase(node, branch, words, targetName)}`,
          ...(branch.label !== undefined ? { label: branch.label } : {}),
          owner: node,
          branchOf: branch,
          key: nextKey(),
        });
        sequence(branch.steps, level + 2);
      }
      if (node.kind === 'split' && node.control !== undefined) {
        lines.push({
          level: level + 1,
          kind: 'branch',
          branch: `${BRANCH_MARK} ${fillIn(words.control, 'percent', node.control)}`,
          owner: node,
          key: nextKey(),
        });
      }
    }
  };
  sequence(scenario.flow, 0);
  return lines;
}

const withId = (text: string, id: string | undefined) => (id === undefined ? text : `${text} #${id}`);

function controlText(step: Exclude<FlowStep, { kind: 'message' }>, words: FlowWords): string {
  switch (step.kind) {
    case 'wait':
      return withId(words.wait, step.id);
    case 'decision':
      return withId(words.decision, step.id);
    case 'split':
      return withId(words.split, step.id);
    case 'goto':
      return withId(fillIn(words.goto, 'step', step.goto), step.id);
    case 'end':
      return withId(words.end, step.id);
  }
}

function branchPhrase(step: BranchingStep, branch: Branch, words: FlowWords, targetName: (id: string) => string): string {
  const named = (phrase: string) => `${branch.name}${words.nameSeparator}${phrase}`;
  if (step.kind === 'wait') {
    if (branch === step.otherwise) return words.timedOut;
    const event = (branch as Branch & { event: string }).event;
    const phrase = fillIn(words.onEvent, 'event', event);
    return branch.name === event ? phrase : named(phrase);
  }
  if (step.kind === 'decision') {
    if (branch === step.otherwise) return words.otherwise;
    const selected = branch as Branch & { target?: string; condition?: string; event?: string };
    if (selected.target !== undefined) return named(fillIn(words.target, 'target', targetName(selected.target)));
    if (selected.condition !== undefined) return named(fillIn(words.condition, 'condition', selected.condition));
    return named(fillIn(words.pastEvent, 'event', selected.event ?? ''));
  }
  return named(fillIn(words.percent, 'percent', (branch as Branch & { percent: number }).percent));
}

const REASONS: readonly FallbackReason[] = ['no-consent', 'bounced'];
const reasonWord = (reason: FallbackReason, words: FlowWords) => (reason === 'no-consent' ? words.noConsent : words.bounced);

function fallbackPhrase(fallback: Fallback, words: FlowWords): string {
  return fillIn(words.fallback, 'reasons', fallback.when.map((reason) => reasonWord(reason, words)).join(words.or));
}

// ---------------------------------------------------------------------------------------
// Reading the Branche column back (template import): every locale's words are accepted.

/** What a Branche cell says, once read. */
export type BranchCell =
  | { kind: 'id'; id: string }
  | { kind: 'wait' | 'decision' | 'split' | 'end'; id?: string }
  | { kind: 'goto'; step: string; id?: string }
  | { kind: 'event'; name?: string; event: string }
  | { kind: 'timedOut' }
  | { kind: 'otherwise' }
  | { kind: 'target'; name?: string; target: string }
  | { kind: 'condition'; name?: string; condition: string }
  | { kind: 'pastEvent'; name?: string; event: string }
  | { kind: 'percent'; name?: string; percent: number }
  | { kind: 'control'; percent: number }
  | { kind: 'fallback'; when: FallbackReason[] };

/** Lower case, no accents, one apostrophe, one space: length-preserving on NFC text, so slices map back. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .replace(/\u00a0/g, ' ')
    .toLowerCase();
}

/** Matches `text` against a template with one `{placeholder}`: the placeholder's text, as written, or undefined. */
function match(text: string, template: string): string | undefined {
  const at = template.search(/\{[a-z]+\}/);
  if (at < 0) return fold(text).trim() === fold(template).trim() ? '' : undefined;
  // The prefix keeps its trailing space: `si {event}` does not read `signup`.
  const prefix = fold(template.slice(0, at)).trimStart();
  const suffix = fold(template.slice(template.indexOf('}', at) + 1)).trim();
  const folded = fold(text);
  if (!folded.startsWith(prefix) || !folded.endsWith(suffix)) return undefined;
  const value = text.slice(prefix.length, text.length - suffix.length).trim();
  return value === '' ? undefined : value;
}

const ID = /^[a-z0-9][a-z0-9_-]*$/i;
const ALL_WORDS = (): FlowWords[] => Object.values(WORKBOOK_LABELS).map((labels) => labels.scenarioSpec.flow);

/** `Attente #relance` → ['Attente', 'relance']. */
function splitId(text: string): [string, string | undefined] {
  const found = /\s#([a-z0-9][a-z0-9_-]*)$/i.exec(text);
  return found ? [text.slice(0, found.index).trim(), found[1]] : [text, undefined];
}

function percentOf(text: string): number | undefined {
  const number = Number(text.replace(',', '.').replace(/\s*%$/, ''));
  return Number.isFinite(number) ? number : undefined;
}

/**
 * Reads a Branche cell in any locale; undefined when it says nothing omni knows. Case,
 * accents and the `↳` mark do not matter; a branch may start with its name and a colon.
 */
/** A branch (or fallback) row: its Branche cell starts with `↳` (or `->`, `>`). */
export function isBranchRow(raw: string): boolean {
  return /^\s*(↳|->|>)/.test(raw);
}

export function readBranchCell(raw: string): BranchCell | undefined {
  const text = raw.normalize('NFC').trim();
  const marked = isBranchRow(text);
  const body = text.replace(/^(↳|->|>)\s*/, '').trim();
  if (!marked && /^#[a-z0-9][a-z0-9_-]*$/i.test(body)) return { kind: 'id', id: body.slice(1) };
  for (const words of ALL_WORDS()) {
    if (!marked) {
      const [head, id] = splitId(body);
      const withOptionalId = <T extends object>(cell: T) => (id !== undefined ? { ...cell, id } : cell);
      for (const kind of ['wait', 'decision', 'split', 'end'] as const) if (match(head, words[kind]) === '') return withOptionalId({ kind });
      const step = match(head, words.goto);
      if (step !== undefined) return withOptionalId({ kind: 'goto' as const, step });
      continue;
    }
    const branch = readBranch(body, words);
    if (branch) return branch;
  }
  return undefined;
}

function readBranch(body: string, words: FlowWords): BranchCell | undefined {
  if (match(body, words.timedOut) === '') return { kind: 'timedOut' };
  if (match(body, words.otherwise) === '') return { kind: 'otherwise' };
  const control = match(body, words.control);
  if (control !== undefined && percentOf(control) !== undefined) return { kind: 'control', percent: percentOf(control)! };
  const fallback = match(body, words.fallback);
  if (fallback !== undefined) {
    const folded = fold(fallback);
    const when = REASONS.filter((reason) => ALL_WORDS().some((other) => folded.includes(fold(reasonWord(reason, other)))));
    return { kind: 'fallback', when: when.length > 0 ? [...when] : [...REASONS] };
  }
  // `name : phrase`, the name an id; else the phrase alone.
  const colon = body.indexOf(':');
  const head = colon > 0 ? body.slice(0, colon).trim() : '';
  const rest = colon > 0 ? body.slice(colon + 1).trim() : '';
  const [name, phrase] = ID.test(head) && rest !== '' ? [head, rest] : [undefined, body];
  const named = <T extends object>(cell: T) => (name !== undefined ? { ...cell, name } : cell);
  const event = match(phrase, words.onEvent);
  if (event !== undefined) return named({ kind: 'event' as const, event });
  const target = match(phrase, words.target);
  if (target !== undefined) return named({ kind: 'target' as const, target });
  const condition = match(phrase, words.condition);
  if (condition !== undefined) return named({ kind: 'condition' as const, condition });
  const past = match(phrase, words.pastEvent);
  if (past !== undefined) return named({ kind: 'pastEvent' as const, event: past });
  const percent = match(phrase, words.percent);
  if (percent !== undefined && percentOf(percent) !== undefined) return named({ kind: 'percent' as const, percent: percentOf(percent)! });
  return undefined;
}

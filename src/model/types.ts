import type { JsonPath } from '../diagnostics/types.js';

export type Locale = 'fr' | 'en';
export type TouchpointStatus = 'normal' | 'friction' | 'opportunity';
export type ChannelType = 'online' | 'offline';
export type TriggerType = 'behavior' | 'event';

/** Where an entity was declared: workspace-relative file and JSON path to it. */
export interface Origin {
  file: string;
  path: JsonPath;
}

/** Fields every entity has. */
export interface EntityBase {
  id: string;
  name: string;
  description?: string;
  owner?: string;
  tags?: string[];
  origin: Origin;
}

/** A column of the touchpoint matrix, named in the first person ("Je me renseigne"). */
export type Stage = EntityBase;

/** A row of the touchpoint matrix. */
export interface Channel extends EntityBase {
  type?: ChannelType;
  requiresConsent?: boolean;
}

/** A cell of the matrix; several may share a cell. */
export interface Touchpoint extends EntityBase {
  stage: string;
  channel: string;
  status: TouchpointStatus;
}

/** A column of the scenario map (Bienvenue, Activation, Relationnel, Upsell). */
export type LifecycleStage = EntityBase;

/** A row of the scenario map: all contacts, a segment. */
export interface Target extends EntityBase {
  definition?: string;
}

/** A group of scenarios with one objective (Conversion, Activation, Upsell, Satisfaction). */
export interface Program extends EntityBase {
  objective?: string;
  purpose?: Purpose;
}

/** Why a message is sent; a step's wins over its scenario's, which wins over its programme's. */
export type Purpose = 'marketing' | 'transactional';

export interface UseCaseScores {
  business: number;
  experience: number;
  difficulty: number;
}

export interface UseCase extends EntityBase {
  category?: string;
  objective?: string;
  touchpoints: string[];
  scores: UseCaseScores;
  /** Manual rank override: 1 is deployed first. */
  priority?: number;
}

export interface Trigger {
  type: TriggerType;
  event: string;
  description?: string;
}

/** One message or action of a scenario's sequence. */
export interface Step {
  /** Step id, unique in the scenario (what `goto` names). */
  id?: string;
  /** Offset from the start of its sequence as written: J+1, D+1, 1d, 12h, 30m, 2w, 0. */
  after: string;
  channel: string;
  name?: string;
  subject?: string;
  message?: string;
  description?: string;
  purpose?: Purpose;
  /** Another channel when this one cannot reach the contact. */
  fallback?: Fallback;
  origin: Origin;
}

export type FallbackReason = 'no-consent' | 'bounced';

/** A message sent on another channel instead of its step's (no consent, bounce). */
export interface Fallback {
  channel: string;
  /** Why it is used; both when the author did not say. */
  when: FallbackReason[];
  name?: string;
  subject?: string;
  message?: string;
  description?: string;
  origin: Origin;
}

/** One branch of a wait, a decision or a split: a named sub-sequence. */
export interface Branch {
  name: string;
  label?: string;
  steps: FlowStep[];
  origin: Origin;
}

export interface WaitBranch extends Branch {
  event: string;
}

export interface DecisionBranch extends Branch {
  target?: string;
  condition?: string;
  event?: string;
}

export interface SplitBranch extends Branch {
  percent: number;
}

interface ControlStepBase {
  id?: string;
  description?: string;
  origin: Origin;
}

/** Wait until one of the events, at most `timeout`; `otherwise` on time-out. */
export interface WaitStep extends ControlStepBase {
  kind: 'wait';
  until: WaitBranch[];
  timeout: string;
  otherwise?: Branch;
}

/** First matching branch, else `otherwise`. */
export interface DecisionStep extends ControlStepBase {
  kind: 'decision';
  branches: DecisionBranch[];
  otherwise?: Branch;
}

/** A/B or n-way random split with an optional control (holdout) group. */
export interface SplitStep extends ControlStepBase {
  kind: 'split';
  branches: SplitBranch[];
  /** Percent held out: they leave the scenario. */
  control?: number;
}

export interface GotoStep extends ControlStepBase {
  kind: 'goto';
  goto: string;
}

export interface EndStep extends ControlStepBase {
  kind: 'end';
}

export interface MessageStep {
  kind: 'message';
  step: Step;
}

/** A node of a scenario's flow: what `steps:` holds once branching is allowed. */
export type FlowStep = MessageStep | WaitStep | DecisionStep | SplitStep | GotoStep | EndStep;
export type BranchingStep = WaitStep | DecisionStep | SplitStep;

export type Reentry = 'always' | 'unless-goal' | 'never';

export interface Scenario extends EntityBase {
  program: string;
  lifecycle: string;
  target: string;
  useCases: string[];
  trigger: Trigger;
  exit: string[];
  goal?: string;
  /** Whether a contact can enter again; `always` when not written. */
  reentry?: Reentry;
  variables: string[];
  /**
   * Every message or action the scenario can send, branches included, in document order
   * (fallbacks are on their step). For the branching structure use `flow`, or walk it with
   * model/steps.ts.
   */
  steps: Step[];
  purpose?: Purpose;
  /** The sequence as written: steps, waits, decisions, splits, gotos and ends. */
  flow: FlowStep[];
}

/** Something contacts do or that happens to them: what triggers and waits name. */
export interface JourneyEvent extends EntityBase {
  sources: string[];
}

/** One thing a persona does: `at` as written (J+2, 3d, "J+2 18:30"). */
export interface PersonaEvent {
  event: string;
  at: string;
  description?: string;
}

/** The branch a persona takes at a split or decision its events cannot decide. */
export interface PersonaAssumption {
  scenario: string;
  step: string;
  branch: string;
}

/** One customer's story, played by `omni simulate`. */
export interface Persona extends EntityBase {
  /** The targets the persona belongs to (one id or a list in the file; always a list here). */
  target: string[];
  events: PersonaEvent[];
  optOut: string[];
  bounces: string[];
  assume: PersonaAssumption[];
}

/** At most `max` messages on `channels` (all when absent) in any period of `per`. */
export interface PressureCap {
  channels?: string[];
  max: number;
  /** As written: 12h, 1d, 7d, 2w. */
  per: string;
  description?: string;
}

/** No message on `channels` (all when absent) from `from` to `to` (HH:MM, may cross midnight). */
export interface QuietHours {
  from: string;
  to: string;
  channels?: string[];
}

/** A system that holds customer data: CRM, e-commerce, POS, call centre… */
export interface Source extends EntityBase {
  type?: string;
}

export interface Variable extends EntityBase {
  sources: string[];
  pii?: boolean;
  /** Channels this variable records consent for (an opt-in flag). */
  consentFor?: string[];
  /** Longest value in characters, for SMS segments and subject lengths. */
  maxLength?: number;
}

export interface PriorityWeights {
  business: number;
  experience: number;
  difficulty: number;
}

/** The lint settings of a workspace with team settings (`extends:`, `customRules:`, `plugins:`, `overrides:`, options). */
export type RuleSettings = Pick<Settings, 'rules' | 'ruleOptions' | 'overrides' | 'customRules' | 'ruleOptionMentions'>;

/** An id a rule option (options marked `names:`) or a custom rule's `where:` names, by its JSON path in omni.yaml. */
export interface OptionMention {
  kind: SectionKind;
  id: string;
  path: JsonPath;
}

/** Workspace settings from omni.yaml, with defaults applied. */
export interface Settings {
  name: string;
  locale: Locale;
  include: string[];
  exclude: string[];
  rules: Record<string, 'error' | 'warn' | 'off'>;
  /** Options per rule id (`rules: { id: [severity, { options }] }`), checked against each rule's. */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** `overrides:` in order: severities, and options that replace the earlier ones, for the files their globs match. */
  overrides?: Array<{ files: string[]; severities: Record<string, 'error' | 'warn' | 'off'>; options?: Record<string, Record<string, unknown>> }>;
  /** `customRules:` (shared configs' included) by id, as written: what `omni diff` compares. */
  customRules?: Record<string, Record<string, unknown>>;
  /**
   * Ids that rules written in omni.yaml name, at their path there: channels of rule options
   * (`sms-length: [warn, { channels: [sms] }]`) and custom rules' `where:` values.
   */
  ruleOptionMentions?: OptionMention[];
  priorityWeights: PriorityWeights;
  /** Plan date (YYYY-MM-DD) shown in exports; never the clock, so outputs stay reproducible. */
  updated?: string;
  /** Whether omni.yaml exists (false: defaults only). */
  declared: boolean;
  /** Contact-pressure caps, when omni.yaml has any. */
  pressure?: PressureCap[];
  quietHours?: QuietHours;
}

export const SECTION_KINDS = [
  'stages',
  'channels',
  'touchpoints',
  'lifecycle',
  'targets',
  'programs',
  'useCases',
  'scenarios',
  'sources',
  'variables',
  'events',
  'personas',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export interface Sections {
  stages: Stage[];
  channels: Channel[];
  touchpoints: Touchpoint[];
  lifecycle: LifecycleStage[];
  targets: Target[];
  programs: Program[];
  useCases: UseCase[];
  scenarios: Scenario[];
  sources: Source[];
  variables: Variable[];
  events: JourneyEvent[];
  personas: Persona[];
}

/** The resolved journey: every section merged across files, in declaration order. */
export interface Model extends Sections {
  settings: Settings;
  /** True when `lifecycle` came from the defaults, not from the workspace. */
  defaultLifecycle: boolean;
  /** Lookup by id per section (first declaration wins on duplicates). */
  index: { [K in SectionKind]: Map<string, Sections[K][number]> };
  /**
   * Ids declared in entities that failed the schema: they exist for the author, so
   * references to them are not reported a second time as unknown.
   */
  invalidIds: { [K in SectionKind]: Set<string> };
}

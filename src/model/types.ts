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
  /** Offset from the trigger as written: J+1, D+1, 1d, 12h, 30m, 2w, 0. */
  after: string;
  channel: string;
  name?: string;
  subject?: string;
  message?: string;
  description?: string;
  purpose?: Purpose;
  origin: Origin;
}

export interface Scenario extends EntityBase {
  program: string;
  lifecycle: string;
  target: string;
  useCases: string[];
  trigger: Trigger;
  exit: string[];
  goal?: string;
  variables: string[];
  steps: Step[];
  purpose?: Purpose;
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

/** Workspace settings from omni.yaml, with defaults applied. */
export interface Settings {
  name: string;
  locale: Locale;
  include: string[];
  exclude: string[];
  rules: Record<string, 'error' | 'warn' | 'off'>;
  /** Options per rule id (`rules: { id: [severity, { options }] }`), checked against each rule's. */
  ruleOptions?: Record<string, Record<string, unknown>>;
  /** `overrides:` in order: severities for the files their globs match. */
  overrides?: Array<{ files: string[]; severities: Record<string, 'error' | 'warn' | 'off'> }>;
  priorityWeights: PriorityWeights;
  /** Plan date (YYYY-MM-DD) shown in exports; never the clock, so outputs stay reproducible. */
  updated?: string;
  /** Whether omni.yaml exists (false: defaults only). */
  declared: boolean;
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

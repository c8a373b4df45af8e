import type { Locale, TouchpointStatus, TriggerType } from '../model/types.js';
import type { cliEn } from './cli-en.js';

export type { Locale };

/**
 * The words of the method, keyed by domain term. Every view (diagrams, workbook, report,
 * lint) takes its nouns from here, so "programme" is spelt one way everywhere.
 */
export interface Terms {
  status: Record<TouchpointStatus, string>;
  trigger: Record<TriggerType, string>;
  legend: string;
  stage: string;
  channel: string;
  touchpoint: string;
  touchpoints: string;
  lifecycleStage: string;
  target: string;
  program: string;
  scenario: string;
  scenarios: string;
  useCase: string;
  useCases: string;
  variable: string;
  variables: string;
  source: string;
  sources: string;
  category: string;
  objective: string;
  difficulty: string;
  rank: string;
  triggerWord: string;
  goal: string;
  exit: string;
  exitCriteria: string;
  delay: string;
  subject: string;
  message: string;
  description: string;
  personalData: string;
  journey: string;
  error: string;
  warning: string;
  errors: string;
  warnings: string;
  rule: string;
  severity: string;
  count: string;
  noSource: string;
  /** The scenario map's columns when a workspace declares no lifecycle. */
  defaultLifecycle: { welcome: string; activation: string; relationship: string; upsell: string };
  /** The target a hand-filled template's scenario gets when it names none. */
  defaultTarget: string;
  /** How the first day of a month is written in a date ("1er" in French). */
  firstDay: string;
  months: readonly [string, string, string, string, string, string, string, string, string, string, string, string];
  /** Label separator: French puts a space before the colon. */
  colon: string;
}

/** Diagram vocabulary (renderers). */
export interface Words {
  views: Record<'matrix' | 'useCases' | 'scenarioMap' | 'scenarios' | 'programs' | 'dataLineage', string>;
  channelsStages: string;
  targetsLifecycle: string;
  priority: { title: string; easy: string; hard: string; low: string; high: string; quickWins: string; bigBets: string; fillIns: string; moneyPits: string };
  trigger: string;
  goal: string;
  exit: string;
  unnamedStep: string;
  noSource: string;
  program: string;
  scenario: string;
  useCase: string;
  source: string;
  variable: string;
  noScenario: string;
  journey: string;
  generated: string;
  colon: string;
  /** A node standing for what a capped cell or list leaves out; `{count}` is replaced. */
  more: string;
  noProgram: string;
  unserved: string;
  /** How each view is split when it would not fit in one diagram (journey.md says it above the parts). */
  split: Record<'matrix' | 'useCases' | 'scenarioMap' | 'programs' | 'dataLineage', string>;
  /** journey.md: "N parts" and the link to a part's file. */
  parts: string;
  file: string;
}

/** Sheet names and headers of the workbook (the French ones are the template's). */
export interface WorkbookLabels {
  /** The plan's name in a blank workbook (`omni init --xlsx`), and in an imported one whose title names none. */
  blankPlanName: string;
  importedPlanName: string;
  sheets: { readme: string; matrix: string; useCases: string; scenarioMap: string; scenarioSpec: string; data: string };
  readme: {
    title: string;
    workspace: string;
    date: string;
    noDate: string;
    contents: string;
    tabs: Record<'matrix' | 'useCases' | 'scenarioMap' | 'scenarioSpec' | 'data', string>;
    legend: string;
    statusMeaning: Record<'normal' | 'friction' | 'opportunity', string>;
    lint: string;
    lintClean: string;
    errors: string;
    warnings: string;
    rule: string;
    severity: string;
    count: string;
    error: string;
    warn: string;
    dataSheet: string;
    /** The Read me note of the blank template (omni init --xlsx). */
    templateNote: string;
  };
  matrix: { title: string; corner: string };
  useCases: {
    title: string;
    category: string;
    objective: string;
    useCase: string;
    touchpoints: string;
    business: string;
    experience: string;
    difficulty: string;
    score: string;
    rank: string;
    manual: string;
  };
  scenarioMap: { title: string; corner: string };
  scenarioSpec: {
    title: string;
    program: string;
    scenario: string;
    useCases: string;
    target: string;
    triggerType: string;
    triggerEvent: string;
    exit: string;
    goal: string;
    after: string;
    channel: string;
    stepName: string;
    subject: string;
    message: string;
    stepDescription: string;
    unknownProgram: string;
    /** Header of the column that shows a branching scenario's structure (present only when one branches). */
    branch: string;
    /** Words of that column; `{…}` is filled. Read back by the template importer in every locale. */
    flow: {
      wait: string;
      decision: string;
      split: string;
      goto: string;
      end: string;
      /** Between a branch's name and what selects it: `rappel-email : 90 %`. */
      nameSeparator: string;
      onEvent: string;
      timedOut: string;
      otherwise: string;
      target: string;
      condition: string;
      pastEvent: string;
      percent: string;
      control: string;
      fallback: string;
      noConsent: string;
      bounced: string;
      or: string;
    };
  };
  data: {
    title: string;
    scenario: string;
    description: string;
    variable: string;
    sources: string;
    pii: string;
    yes: string;
    no: string;
    noSource: string;
    unused: string;
  };
}

/**
 * Header words a hand-filled template may use besides the workbook's own header (which
 * the importer always accepts): per sheet, per field.
 */
export interface ImportSynonyms {
  useCases: Record<'category' | 'objective' | 'useCase' | 'touchpoints' | 'business' | 'experience' | 'difficulty' | 'score' | 'rank' | 'priority', readonly string[]>;
  scenarioSpec: Record<
    | 'program'
    | 'scenario'
    | 'useCases'
    | 'stepName'
    | 'stepDescription'
    | 'target'
    | 'triggerType'
    | 'trigger'
    | 'exit'
    | 'goal'
    | 'after'
    | 'channel'
    | 'subject'
    | 'message'
    | 'branch',
    readonly string[]
  >;
  data: Record<'scenario' | 'description' | 'variable' | 'sources' | 'pii', readonly string[]>;
  /** Cell values that mean yes (e.g. in the personal-data column), lower case. */
  yes: readonly string[];
  /** Cell values that mean no, lower case. */
  no: readonly string[];
}

/** Words of the report page. */
export interface ReportStrings {
  lang: string;
  title: string;
  updated: string;
  undated: string;
  contents: string;
  overview: string;
  generatedBy: string;
  sections: { matrix: string; useCases: string; scenarioMap: string; scenarios: string; data: string; lint: string };
  intro: { matrix: string; useCases: string; scenarioMap: string; scenarios: string; data: string; lint: string };
  stats: { touchpoints: string; friction: string; opportunity: string; useCases: string; scenarios: string; dataGaps: string; errors: string; warnings: string };
  matrix: { stageChannel: string; unplaced: string; online: string; offline: string; consent: string };
  useCases: {
    rank: string;
    name: string;
    category: string;
    objective: string;
    touchpoints: string;
    business: string;
    experience: string;
    difficulty: string;
    score: string;
    scenarios: string;
    manual: string;
    weights: string;
    chart: string;
    none: string;
  };
  scenarioMap: { targetLifecycle: string; unplaced: string; none: string };
  scenario: {
    program: string;
    lifecycle: string;
    target: string;
    useCases: string;
    trigger: string;
    exit: string;
    goal: string;
    variables: string;
    steps: string;
    after: string;
    channel: string;
    step: string;
    subject: string;
    message: string;
    noSteps: string;
    flow: string;
    owner: string;
  };
  data: {
    variable: string;
    sources: string;
    usedBy: string;
    pii: string;
    consentFor: string;
    noSource: string;
    gapsIntro: string;
    noGaps: string;
    sourcesTitle: string;
    sourceType: string;
    variablesOf: string;
    unused: string;
    lineage: string;
  };
  lint: { clean: string; rule: string; severity: string; count: string; error: string; warn: string; where: string; summary: string };
  diagrams: { skipped: string; unavailable: string; failed: string };
  yes: string;
  none: string;
  /** Branching steps as a nested list (issue 15). */
  flow: ReportFlowWords;
  /** The personas' simulated calendars (issue 15). */
  personas: SimulationWords;
}

// ── Report: branches and personas (issue 15) ──────────────────────────────────────────
/** `{name}` placeholders are filled by the report's view model. */
export interface ReportFlowWords {
  /** `{timeout}`: "Wait up to 8d for an event". */
  wait: string;
  /** `{timeout}`: a wait for no event, a plain delay ("Wait 7d"). */
  delay: string;
  /** `{event}`: the event a wait branch waits for. */
  onEvent: string;
  /** `{timeout}`: the wait's time-out branch. */
  timeout: string;
  decision: string;
  /** `{target}`, `{condition}`, `{event}`: what a decision branch tests. */
  onTarget: string;
  onCondition: string;
  onPastEvent: string;
  otherwise: string;
  split: string;
  /** `{percent}`: a split branch's share. */
  percent: string;
  /** `{percent}`: the control (holdout) group. */
  control: string;
  /** Before the link to the target step. */
  goto: string;
  end: string;
  /** After a branch's last step: before the link to where branches meet again. */
  rejoin: string;
  /** After a branch's last step, at the end of the flow. */
  finish: string;
  emptyBranch: string;
  /** `{channel}`, `{reasons}`: a fallback message. */
  fallback: string;
  reasons: { noConsent: string; bounced: string };
  reentry: string;
  reentryValues: { always: string; unlessGoal: string; never: string };
}

/** The simulation's words: the report's Personas section and `omni simulate`'s text and Markdown. */
export interface SimulationWords {
  section: string;
  intro: string;
  none: string;
  /** Shown when the schema left entities out of the model. */
  incomplete: string;
  pressure: string;
  quietHours: string;
  noPolicy: string;
  /** `{max}`, `{messages}`, `{per}`, and `{channels}` for capOn. */
  capAll: string;
  capOn: string;
  /** [one, many], after a number. */
  messages: readonly [string, string];
  /** `{from}`, `{to}`, and `{channels}` for quietOn. */
  quietAll: string;
  quietOn: string;
  targets: string;
  story: string;
  calendar: string;
  when: string;
  scenario: string;
  step: string;
  channel: string;
  message: string;
  check: string;
  fallback: string;
  overCap: string;
  inQuietHours: string;
  noMessage: string;
  runs: string;
  /** `{when}`, `{trigger}`, `{outcome}`. */
  run: string;
  outcomes: { completed: string; ended: string; control: string; exit: string; goal: string; horizon: string; looped: string };
  notSent: string;
  /** `{channel}`. */
  noConsent: string;
  violations: string;
  noViolation: string;
  /** `{count}`, `{messages}`, `{from}`, `{to}`, `{cap}`, `{scenarios}`. */
  pressureViolation: string;
  /** `{channel}`, `{when}`, `{from}`, `{to}`, `{scenario}`, `{step}`. */
  quietViolation: string;
  /** `omni simulate` only: `{name}` of the workspace, the Markdown title. */
  title: string;
  /** `omni simulate` only: the closing line, `{personas}` and `{violations}` already counted ("2 personas"). */
  summary: string;
  /** [one, many], after a number. */
  /** `omni simulate` only: `{scenario}`, `{step}`, `{when}`, `{reason}` (noConsent filled in). */
  notSentLine: string;
  /** `{event}`, `{when}`: a story event no trigger, exit, goal, wait or decision names. */
  idleUnused: string;
  /** `{event}`, `{when}`, `{scenarios}`: a story event that triggers only scenarios for other targets. */
  idleOtherTargets: string;
  personaCount: readonly [string, string];
  violationCount: readonly [string, string];
  /** `{count}`, `{persona}`: what a long list leaves out. */
  more: string;
}

/**
 * One rule's words: its description (shown by `omni rules` and the report) and its
 * messages, keyed by message id. Messages are templates: `{name}` is replaced by the
 * report's data; `{name:kind}` by the noun of a section kind in this locale.
 */
export interface RuleWords {
  description: string;
  messages: Readonly<Record<string, string>>;
  /** Descriptions of the rule's options (omni rules --format json), by option name. */
  options?: Readonly<Record<string, string>>;
}

/** The grammar tokens of handlebars that template-syntax findings name. */
export type TemplateToken =
  | 'ID'
  | 'STRING'
  | 'NUMBER'
  | 'BOOLEAN'
  | 'DATA'
  | 'CLOSE'
  | 'CLOSE_UNESCAPED'
  | 'CLOSE_RAW_BLOCK'
  | 'OPEN_ENDBLOCK'
  | 'OPEN_BLOCK'
  | 'OPEN_INVERSE'
  | 'OPEN'
  | 'EOF'
  | 'SEP';

export interface LintWords {
  /** Nouns of the model's sections, singular, as they read inside a message. */
  kinds: Record<
    'stages' | 'channels' | 'touchpoints' | 'lifecycle' | 'targets' | 'programs' | 'useCases' | 'sources' | 'variables' | 'scenarios' | 'events' | 'personas',
    string
  >;
  /** Connects the last two items of a list ("a, b or c"). */
  or: string;
  /** How the locale quotes a YAML value a message shows (`{name:word}` given a JSON string): English keeps JSON's quotes. */
  quotes: readonly [open: string, close: string];
  /** Words a message template fills with `{name:word}` (value kinds, types, "the file"). */
  words: Record<'list' | 'mapping' | 'null' | 'number' | 'boolean' | 'string' | 'wholeNumber' | 'trueOrFalse' | 'theFile', string>;
  /** Handlebars' grammar tokens in words a template author knows, filled with `{name:tokens}` (ids joined by "or"). */
  templateTokens: Record<TemplateToken, string>;
  rules: Readonly<Record<string, RuleWords>>;
  /** What a house rule of customRules says failed, as its finding's suggestion (`{field}` as written in the rule). */
  customRule: CustomRuleWords;
  /** The words lint's formats write around the findings (stylish, Markdown, JUnit). */
  output: LintOutputWords;
}

/** `{text}` is the value checked, `{pattern}` the rule's regular expression, `{allowed}` its `enum` as a list. */
export interface CustomRuleWords {
  required: string;
  tooFewItems: string;
  /** minItems: 1, and the list is empty or absent. */
  empty: string;
  noMatch: string;
  forbiddenMatch: string;
  tooLong: string;
  notOneOf: string;
}

/** Counted nouns are [one, many]; `{count}`, `{files}`… are filled by the formatters. */
export interface LintOutputWords {
  problem: readonly [string, string];
  error: readonly [string, string];
  warning: readonly [string, string];
  file: readonly [string, string];
  /** The severity column of stylish and the level of the flat formats. */
  severity: { error: string; warn: string };
  /** `{problems} ({errors}, {warnings})`. */
  summary: string;
  /** Markdown: `No problems in {files}.` and `{summary} in {withProblems} of {files}.` */
  clean: string;
  inFiles: string;
  /** Markdown, past GitHub's 1 MiB: `{more} not shown…`, more = [one, many] after the count. */
  more: readonly [string, string];
  notShown: string;
  /** Markdown headings and table headers. */
  problems: string;
  location: string;
  severityHeader: string;
  message: string;
  rule: string;
  description: string;
  errors: string;
  warnings: string;
  /** JUnit, several findings at one place: `{problems} (first: {first})`. */
  several: string;
}

export interface Vocabulary {
  locale: Locale;
  terms: Terms;
  diagrams: Words;
  workbook: WorkbookLabels;
  importSynonyms: ImportSynonyms;
  report: ReportStrings;
  /** Same object as report.personas: one set of words for every view of a simulation. */
  simulation: SimulationWords;
  lint: LintWords;
  /** Issue 13: the importer's messages. */
  importer: ImporterMessages;
  /** omni's own voice: CLI messages, pipeline summaries, language-server texts (cli-en.ts, cli-fr.ts). */
  cli: CliWords;
  /** `omni diff` in text and Markdown (and the preview of `omni import --into`). */
  diff: DiffWords;
}

/**
 * The words of `omni diff`'s text and Markdown formats. `{kind}` is a section noun
 * (lint.kinds), `{id}`, `{name}`, `{from}`, `{to}` come from the plan; a pair is [one, many]
 * chosen by `{count}`. YAML keys and values (`status`, `opportunity`) are written as they are.
 */
export interface DiffWords {
  /** Section headings, in the order of the method. */
  sections: Record<
    'stages' | 'channels' | 'touchpoints' | 'lifecycle' | 'targets' | 'programs' | 'useCases' | 'scenarios' | 'sources' | 'variables' | 'events' | 'personas',
    string
  >;
  /** A value that is absent, and a matrix cell without a touchpoint. */
  none: string;
  empty: string;
  /** A list whose items only moved: `reordered {value}`. */
  reordered: string;
  /** Changes inside one step: `step {number}`, then `added ({item})` or `removed ({item})`. */
  step: string;
  stepAdded: string;
  stepRemoved: string;
  /**
   * omni.yaml's lists, item by item: a pressure cap by its position (`cap {number}`), an
   * override likewise, a house rule by its id (`house rule {id}`); each with its words for a
   * whole item added or removed (`{item}` describes it).
   */
  cap: string;
  capAdded: string;
  capRemoved: string;
  override: string;
  overrideAdded: string;
  overrideRemoved: string;
  houseRule: string;
  houseRuleAdded: string;
  houseRuleRemoved: string;
  /** omni.yaml's quiet hours set or dropped as a whole: `quiet hours added (21:00–08:00 on sms)`. */
  quietHours: string;
  quietHoursAdded: string;
  quietHoursRemoved: string;
  noChange: string;
  /** The summary line, parts joined by " · ". */
  summary: {
    added: Template;
    removed: Template;
    renamed: Template;
    changed: Template;
    moved: Template;
    settings: string;
    cells: Template;
    ranks: Template;
    introduced: string;
    fixed: string;
    nothing: string;
    /** Gap counts: `{errors}, {warnings}`, or `none`. */
    none: string;
    errors: Template;
    warnings: Template;
  };
  severity: { error: string; warning: string };
  settings: string;
  cells: string;
  ranks: string;
  introducedHeading: string;
  fixedHeading: string;
  /** Text lines. */
  text: { entity: string; renamed: string; changed: string; moved: string };
  /** Markdown comment. */
  markdown: {
    title: string;
    added: string;
    removed: string;
    renamed: string;
    changed: string;
    moved: string;
    review: string;
    count: string;
    cellsRow: string;
    ranksRow: string;
    introducedRow: string;
    fixedRow: string;
    introducesErrors: Template;
    introduced: string;
    fixed: string;
    gapSeverity: string;
    gapRule: string;
    gapEntity: string;
    gapProblem: string;
    gapWhere: string;
    gapsSummary: string;
    changesSummary: string;
    cellsSummary: string;
    ranksSummary: Template;
    flowsSummary: string;
    addedItem: string;
    removedItem: string;
    renamedItem: string;
    changedItem: string;
    movedItem: string;
    stage: string;
    channel: string;
    before: string;
    after: string;
    useCase: string;
  };
}

// --- Issue 13 (spreadsheet bridge): the importer's messages (workbook-edits, apply-edits, import-workbook, read-xlsx, import --into). ---
/** Ids of the importer's messages; `{name}` placeholders are filled by formatMessage (`{kind:kind}`: a section noun). */
export type ImporterMessageId =
  | 'unknownItem'
  | 'cannotBeEmpty'
  | 'aName'
  | 'aTrigger'
  | 'aDelay'
  | 'badScore'
  | 'emptyScore'
  | 'badScoreSetTo3'
  | 'badRank'
  | 'notYesNo'
  | 'unknownTarget'
  | 'badTriggerType'
  | 'unknownChannel'
  | 'cutText'
  | 'unknownFill'
  | 'notYesNoNotPersonal'
  | 'templateNotYesNo'
  | 'delayRead'
  | 'templateDelayRead'
  | 'fillByHue'
  | 'sheetMissing'
  | 'rowDeleted'
  | 'rowsDeleted'
  | 'stepDeleted'
  | 'variableRows'
  | 'newUseCaseWithoutName'
  | 'rowWithoutChannel'
  | 'rowWithoutTarget'
  | 'cellWithoutHeader'
  | 'defaultLifecycle'
  | 'unknownHeader'
  | 'programRowDeleted'
  | 'newScenarioWithoutName'
  | 'newScenarioWithoutProgram'
  | 'newScenarioNeeds'
  | 'stepBeforeScenario'
  | 'newStepIncomplete'
  | 'branchCellNotApplied'
  | 'branchRowsDeleted'
  | 'newBranchRow'
  | 'branchCellUnread'
  | 'branchRowDeleted'
  | 'newRowNoPlace'
  | 'unknownScenario'
  | 'newVariableWithoutName'
  | 'variableBeforeScenario'
  | 'changedSinceExport'
  | 'goneSinceExport'
  | 'addedSinceExport'
  | 'noFileForKind'
  | 'unknownSection'
  | 'visibleNotCompared'
  | 'sheetMissingFromData'
  | 'houseRuleSettingsLeftOut'
  | 'visibleDiffers'
  | 'moreEditedCells'
  | 'danglingRefused'
  | 'danglingHint'
  | 'templateNoStage'
  | 'templateNoStageHeader'
  | 'templateNoChannelRow'
  | 'templateUnknownFill'
  | 'templateFillByHue'
  | 'templateUnknownColumnOne'
  | 'templateUnknownColumn'
  | 'templateNoUseCaseHeader'
  | 'templateEmptyScore'
  | 'templateNoUseCaseName'
  | 'templateUnknownTouchpoint'
  | 'templateBadRank'
  | 'templateNoTargetRow'
  | 'templateNoLifecycleColumn'
  | 'templateNoScenarioHeader'
  | 'templateUnknownUseCase'
  | 'templateStepBeforeScenario'
  | 'templateChannelAdded'
  | 'templateStepWithoutChannel'
  | 'templateStepWithoutDelay'
  | 'templateScenarioOnlyOnMap'
  | 'templateNoProgram'
  | 'templateNotOnMap'
  | 'templateBadTriggerType'
  | 'templateEmptyTriggerType'
  | 'templateNoTrigger'
  | 'templateNoVariableHeader'
  | 'templateVariablesOfUnknownScenario'
  | 'templateDescriptionOfUnknownScenario'
  | 'templateFallbackAlone'
  | 'templateWaitWithoutTimeout'
  | 'templateBranchWithoutStep'
  | 'templateNotABranchOfWait'
  | 'templateNotABranchOfDecision'
  | 'templateNotABranchOfSplit'
  | 'templateSplitOtherwise'
  | 'templateSecondOtherwise'
  | 'templateUnreadBranch'
  | 'templateUnreadBranchAsStep'
  | 'cellCut'
  | 'importedComment';

/** A template, or [one, many] chosen by `data.count` (see fillTemplate). */
export type ImporterMessages = Readonly<Record<ImporterMessageId, Template>>;

// --- CLI, pipeline and LSP words (issue 9, i18n helper) ---------------------------------

/** A message: a template, or [one, many] chosen by `data.count` with the locale's plural rule. */
export type Template = string | readonly [string, string];

type TemplatesOf<T> = { readonly [K in keyof T]: T[K] extends string ? string : T[K] extends readonly string[] ? readonly [string, string] : TemplatesOf<T[K]> };

/** The shape of `cli-en.ts`, which every locale fills (the keys are English's). */
export type CliWords = TemplatesOf<typeof cliEn>;
export type CliMessageId = keyof CliWords['messages'];
export type LspTextId = keyof CliWords['lsp'];
export type PipelineTextId = keyof CliWords['pipeline'];

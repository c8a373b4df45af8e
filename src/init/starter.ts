import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { dump } from 'js-yaml';
import type { Locale } from '../model/types.js';
import { WordedError } from '../i18n/index.js';
import { phrase, STARTER_WORDS, type StarterWord } from '../i18n/starter.js';

/**
 * The starter workspace `omni init` writes: plain data from the answers (starterPlan), laid
 * out by the handlebars templates in templates/init (renderStarter). No process, no prompt,
 * no file written here: the CLI does that.
 */

const TEMPLATES = new URL('../../templates/init/', import.meta.url);

/** Where the docs live for people who have only their own repository. */
export const DOCS_URL = 'https://github.com/omni-journey/omni/blob/main/docs/';

export type StarterChannelType = 'online' | 'offline';

interface ChannelSpec {
  type: StarterChannelType;
  name: StarterWord;
  /** The opt-in variable recording consent for this channel, when sending on it needs one. */
  consent?: { id: string; name: StarterWord };
  touchpoint: { stage: string; name: StarterWord };
  /** The welcome step on this channel: a message, or an action for channels that send nothing. */
  welcome: { subject?: StarterWord; message?: StarterWord; name?: StarterWord };
}

const BUILT_IN: Record<string, ChannelSpec> = {
  web: { type: 'online', name: 'webName', touchpoint: { stage: 'discover', name: 'webTouchpoint' }, welcome: { name: 'webWelcome' } },
  email: {
    type: 'online',
    name: 'emailName',
    consent: { id: 'email_optin', name: 'emailConsent' },
    touchpoint: { stage: 'signup', name: 'emailTouchpoint' },
    welcome: { subject: 'emailWelcomeSubject', message: 'emailWelcomeMessage' },
  },
  sms: {
    type: 'online',
    name: 'smsName',
    consent: { id: 'sms_optin', name: 'smsConsent' },
    touchpoint: { stage: 'buy', name: 'smsTouchpoint' },
    welcome: { message: 'smsWelcome' },
  },
  app: {
    type: 'online',
    name: 'appName',
    consent: { id: 'push_optin', name: 'appConsent' },
    touchpoint: { stage: 'discover', name: 'appTouchpoint' },
    welcome: { message: 'appWelcome' },
  },
  store: { type: 'offline', name: 'storeName', touchpoint: { stage: 'buy', name: 'storeTouchpoint' }, welcome: { name: 'storeWelcome' } },
  'call-center': { type: 'offline', name: 'callCenterName', touchpoint: { stage: 'support', name: 'callCenterTouchpoint' }, welcome: { name: 'callCenterWelcome' } },
};

/** The channels omni has starter content for; any other valid id is accepted too. */
export const BUILT_IN_CHANNELS = Object.keys(BUILT_IN);
export const DEFAULT_CHANNELS = ['web', 'email', 'store'];
export const defaultPlanName = (locale: Locale) => STARTER_WORDS.defaultPlanName[locale];
/** The id pattern of the model schema. */
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
/** Parts of an id that say a channel happens in the physical world (else it is taken as online). */
const OFFLINE_HINTS = [
  'store',
  'shop',
  'boutique',
  'magasin',
  'agency',
  'agence',
  'branch',
  'event',
  'salon',
  'phone',
  'call',
  'postal',
  'courrier',
  'mail-postal',
  'print',
  'kiosk',
  'desk',
];
const WELCOME_OFFSETS = ['0', 'J+1', 'J+3', 'J+7', 'J+14', 'J+30'];

/** A wrong answer or option, with how to fix it; the CLI shows it as a usage error. */
export class StarterInputError extends WordedError {}

/** "whatsapp" → "Whatsapp", "call_back" → "Call back": a readable name for an id omni does not know. */
export function nameFromId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** online, unless a part of the id names something physical (store, agency, phone…). */
export function typeFromId(id: string): StarterChannelType {
  const parts = id.split(/[-_]/);
  return OFFLINE_HINTS.some((hint) => parts.includes(hint) || id === hint) ? 'offline' : 'online';
}

/** Channel ids from "web, email" (order kept, duplicates dropped); any valid id is accepted. */
export function parseChannels(text: string): string[] {
  const ids = [
    ...new Set(
      text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length === 0) throw new StarterInputError('noChannel', { example: DEFAULT_CHANNELS.join(',') }, 'noChannelHint');
  const invalid = ids.filter((id) => !ID_PATTERN.test(id));
  if (invalid.length > 0) {
    throw new StarterInputError('invalidChannelIds', { count: invalid.length, ids: invalid.join(', ') }, 'channelIdRule');
  }
  return ids;
}

export interface StarterAnswers {
  name: string;
  locale: Locale;
  channels: string[];
}

interface ResolvedChannel {
  id: string;
  type: StarterChannelType;
  name: string;
  consent?: { id: string; name: string };
  touchpoint: { stage: string; name: string };
  welcome: { subject?: string; message?: string; name?: string };
}

function resolveChannel(id: string, locale: Locale): ResolvedChannel {
  const spec = BUILT_IN[id];
  const w = (key: StarterWord | undefined) => (key === undefined ? undefined : phrase(key, locale));
  if (spec) {
    return {
      id,
      type: spec.type,
      name: w(spec.name)!,
      consent: spec.consent && { id: spec.consent.id, name: w(spec.consent.name)! },
      touchpoint: { stage: spec.touchpoint.stage, name: w(spec.touchpoint.name)! },
      welcome: { subject: w(spec.welcome.subject), message: w(spec.welcome.message), name: w(spec.welcome.name) },
    };
  }
  // The user's own channel: named after its id, no consent assumed; the welcome is an action.
  const name = nameFromId(id);
  return {
    id,
    type: typeFromId(id),
    name,
    touchpoint: { stage: 'discover', name: phrase('otherTouchpoint', locale, { name }) },
    welcome: { name: phrase('otherWelcome', locale, { name }) },
  };
}

/** The starter plan for the answers: plain data the templates lay out. */
export function starterPlan(answers: StarterAnswers) {
  const { locale } = answers;
  const w = (key: StarterWord) => phrase(key, locale);
  const channels = answers.channels.map((id) => resolveChannel(id, locale));
  const first = channels[0]!;
  const second = channels[1];
  const messaging = channels.find((channel) => channel.consent) ?? first;
  const consentOf = (list: readonly ResolvedChannel[]) => list.flatMap((channel) => (channel.consent ? [channel.consent.id] : []));
  const touchpointId = (channel: ResolvedChannel) => `${channel.id}-${channel.touchpoint.stage}`;
  const welcomeSteps = channels.map((channel, index) => ({
    after: WELCOME_OFFSETS[Math.min(index, WELCOME_OFFSETS.length - 1)]!,
    channel: channel.id,
    ...channel.welcome,
  }));
  const followUpStep = messaging.consent
    ? { after: 'J+7', channel: messaging.id, subject: messaging.id === 'email' ? w('feedbackSubject') : undefined, message: w('feedbackMessage') }
    : { after: 'J+7', channel: messaging.id, name: w('feedbackAction') };

  return {
    name: answers.name,
    locale,
    t: {
      omniComment: phrase('omniComment', locale, { url: `${DOCS_URL}format.md` }),
      matrixComment: w('matrixComment'),
      useCasesComment: w('useCasesComment'),
      programsComment: w('programsComment'),
      dataComment: w('dataComment'),
      scenarioComment: w('scenarioComment'),
      personasComment: w('personasComment'),
      gitignoreComment: w('gitignoreComment'),
      workflowComment: w('workflowComment'),
    },
    stages: [
      { id: 'discover', name: w('stageDiscover') },
      { id: 'signup', name: w('stageSignup') },
      { id: 'buy', name: w('stageBuy') },
      { id: 'support', name: w('stageSupport') },
    ],
    channels: channels.map((channel) => ({ id: channel.id, name: channel.name, type: channel.type, requiresConsent: Boolean(channel.consent) })),
    touchpoints: channels.map((channel) => ({
      id: touchpointId(channel),
      name: channel.touchpoint.name,
      stage: channel.touchpoint.stage,
      channel: channel.id,
      status: channel === first ? 'opportunity' : channel === second ? 'friction' : 'normal',
      description: channel === first ? w('exampleOpportunity') : channel === second ? w('exampleFriction') : undefined,
    })),
    useCases: [
      {
        id: 'welcome-new-customers',
        name: w('welcomeUseCase'),
        category: w('onboardingCategory'),
        objective: w('activation'),
        touchpoints: [touchpointId(first)],
        scores: { business: 4, experience: 4, difficulty: 2 },
      },
      {
        id: 'post-purchase-feedback',
        name: w('feedbackUseCase'),
        category: w('satisfaction'),
        objective: w('retention'),
        touchpoints: second ? [touchpointId(second)] : [],
        scores: { business: 3, experience: 4, difficulty: 2 },
      },
    ],
    lifecycle: [
      { id: 'welcome', name: w('lifecycleWelcome') },
      { id: 'activation', name: w('activation') },
      { id: 'relationship', name: w('lifecycleRelationship') },
      { id: 'upsell', name: w('upsell') },
    ],
    targets: [{ id: 'all', name: w('targetAll'), definition: w('targetAllDefinition') }],
    programs: [
      { id: 'activation', name: w('activation'), objective: w('activationObjective') },
      { id: 'satisfaction', name: w('satisfaction'), objective: w('satisfactionObjective') },
    ],
    sources: [{ id: 'crm', name: 'CRM', type: 'crm' }],
    variables: [
      { id: 'first_name', name: w('firstName'), sources: ['crm'], pii: true },
      ...channels.flatMap((channel) => (channel.consent ? [{ id: channel.consent.id, name: channel.consent.name, sources: ['crm'], consentFor: [channel.id] }] : [])),
    ],
    scenarios: [
      {
        id: 'welcome',
        name: w('lifecycleWelcome'),
        description: w('welcomeDescription'),
        program: 'activation',
        lifecycle: 'welcome',
        target: 'all',
        useCases: ['welcome-new-customers'],
        trigger: { type: 'behavior', event: 'account_created', description: w('welcomeTrigger') },
        exit: ['unsubscribed'],
        goal: 'first_order',
        variables: ['first_name', ...consentOf(channels)],
        steps: welcomeSteps,
      },
      {
        id: 'post-purchase-feedback',
        name: w('feedbackName'),
        description: w('feedbackDescription'),
        program: 'satisfaction',
        lifecycle: 'relationship',
        target: 'all',
        useCases: ['post-purchase-feedback'],
        trigger: { type: 'event', event: 'order_delivered', description: w('feedbackTrigger') },
        exit: ['unsubscribed', 'review_submitted'],
        goal: 'review_submitted',
        variables: ['first_name', ...consentOf([messaging])],
        steps: [followUpStep],
      },
    ],
    // One customer's story, so that `omni simulate` shows both scenarios from the start.
    personas: [
      {
        id: 'new-customer',
        name: w('personaName'),
        description: w('personaDescription'),
        target: 'all',
        events: [
          { event: 'account_created', at: '0 10:00' },
          { event: 'order_delivered', at: 'J+5 14:00' },
        ],
      },
    ],
  };
}

/** Where things are, as the generated files must refer to them. */
export interface StarterLayout {
  /** `$schema` targets relative to the workspace folder (made relative to each file here), or URLs. */
  schema: { model: string; config: string };
  /** Where the workflow goes, relative to the workspace folder (`.github/workflows/omni.yml`, or up to the repository root). */
  workflowPath: string;
  /** The folder the workflow lints, relative to where it runs; '' for the workspace it sits in. */
  workflowLintTarget: string;
  /** The workflow stays in a workspace below the repository root, where GitHub does not run it. */
  workflowBelowRoot: boolean;
  /** omni is a dependency of the project holding the workspace (`npx omni` works there). */
  installedInProject: boolean;
  /** That project is where the workflow runs, so CI installs omni with `npm ci` (else `npx --package`). */
  workflowInstallsProject: boolean;
}

export const WORKFLOW_PATH = '.github/workflows/omni.yml';

/** `$schema` of a file at `file` (workspace-relative) for a schema at `target`: URLs as they are. */
function schemaFor(file: string, target: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return target;
  const depth = file.split('/').length - 1;
  const relative = `${'../'.repeat(depth)}${target}`;
  return relative.startsWith('../') ? relative : `./${relative}`;
}

/** Every file of the starter workspace, path relative to the workspace folder → content. */
export function renderStarter(answers: StarterAnswers, version: string, layout: StarterLayout): Map<string, string> {
  const handlebars = Handlebars.create();
  // A YAML scalar: plain when safe, quoted when needed (templates, colons, "0").
  handlebars.registerHelper('y', (value: unknown) => dump(value, { lineWidth: -1, quotingType: '"' }).trimEnd());
  handlebars.registerHelper('join', (items: unknown) => (Array.isArray(items) ? items.join(', ') : ''));
  const render = (template: string, data: object) => handlebars.compile(readFileSync(new URL(template, TEMPLATES), 'utf8'), { noEscape: true, strict: false })(data);
  const plan = starterPlan(answers);
  const data = (file: string) => ({
    ...plan,
    version,
    docsUrl: DOCS_URL,
    schema: { model: schemaFor(file, layout.schema.model), config: schemaFor(file, layout.schema.config) },
    installedInProject: layout.installedInProject,
    workflowInstallsProject: layout.workflowInstallsProject,
    workflow: { lintArguments: layout.workflowLintTarget === '' ? '' : ` ${layout.workflowLintTarget}`, belowRoot: layout.workflowBelowRoot },
  });
  const files = new Map<string, string>();
  for (const [file, template] of [
    ['omni.yaml', 'omni.yaml.hbs'],
    ['matrix.yaml', 'matrix.yaml.hbs'],
    ['use-cases.yaml', 'use-cases.yaml.hbs'],
    ['programs.yaml', 'programs.yaml.hbs'],
    ['data.yaml', 'data.yaml.hbs'],
  ] as const) {
    files.set(file, render(template, data(file)));
  }
  for (const scenario of plan.scenarios) {
    const file = `scenarios/${scenario.id}.yaml`;
    files.set(file, render('scenario.yaml.hbs', { ...data(file), scenario }));
  }
  files.set('personas.yaml', render('personas.yaml.hbs', data('personas.yaml')));
  files.set('.gitignore', render('gitignore.hbs', data('.gitignore')));
  files.set(layout.workflowPath, render('workflow.yml.hbs', data(layout.workflowPath)));
  files.set('README.md', render(`README.${answers.locale}.md.hbs`, data('README.md')));
  return files;
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import Handlebars from 'handlebars';
import { dump } from 'js-yaml';
import type { Locale } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { CliError } from './errors.js';
import type { InitCommandOptions } from './init.js';

const TEMPLATES = new URL('../../templates/init/', import.meta.url);
const SCHEMAS = new URL('../../schemas/', import.meta.url);

type ChannelId = 'web' | 'email' | 'sms' | 'app' | 'store' | 'call-center';
type Words = Record<Locale, string>;

interface ChannelSpec {
  type: 'online' | 'offline';
  name: Words;
  /** The opt-in variable recording consent for this channel, when sending on it needs one. */
  consent?: { id: string; name: Words };
  touchpoint: { stage: string; name: Words };
  /** The welcome step on this channel: a message, or an action for channels that send nothing. */
  welcome: { subject?: Words; message?: Words; name?: Words };
}

const CHANNELS: Record<ChannelId, ChannelSpec> = {
  web: {
    type: 'online',
    name: { fr: 'Site web', en: 'Website' },
    touchpoint: { stage: 'discover', name: { fr: 'Consultation du catalogue en ligne', en: 'Browsing the online catalogue' } },
    welcome: { name: { fr: 'Bannière de bienvenue personnalisée sur le site', en: 'Personalised welcome banner on the website' } },
  },
  email: {
    type: 'online',
    name: { fr: 'Email', en: 'Email' },
    consent: { id: 'email_optin', name: { fr: 'Consentement email', en: 'Email consent' } },
    touchpoint: { stage: 'signup', name: { fr: "Email de confirmation d'inscription", en: 'Sign-up confirmation email' } },
    welcome: {
      subject: { fr: 'Bienvenue {{first_name}} !', en: 'Welcome, {{first_name}}!' },
      message: { fr: 'Bonjour {{first_name}}, merci pour votre inscription. Voici ce qui vous attend.', en: 'Hello {{first_name}}, thank you for signing up. Here is what comes next.' },
    },
  },
  sms: {
    type: 'online',
    name: { fr: 'SMS', en: 'SMS' },
    consent: { id: 'sms_optin', name: { fr: 'Consentement SMS', en: 'SMS consent' } },
    touchpoint: { stage: 'buy', name: { fr: 'SMS de suivi de commande', en: 'Order tracking text message' } },
    welcome: { message: { fr: '{{first_name}}, bienvenue ! Répondez STOP pour ne plus recevoir de SMS.', en: '{{first_name}}, welcome! Reply STOP to opt out.' } },
  },
  app: {
    type: 'online',
    name: { fr: 'Application mobile', en: 'Mobile app' },
    consent: { id: 'push_optin', name: { fr: 'Consentement notifications push', en: 'Push notification consent' } },
    touchpoint: { stage: 'discover', name: { fr: "Découverte de l'application", en: 'Exploring the app' } },
    welcome: { message: { fr: "{{first_name}}, découvrez les avantages réservés à l'application.", en: '{{first_name}}, discover the perks only the app offers.' } },
  },
  store: {
    type: 'offline',
    name: { fr: 'Magasin', en: 'Store' },
    touchpoint: { stage: 'buy', name: { fr: 'Passage en caisse', en: 'Checkout in store' } },
    welcome: { name: { fr: 'Un vendeur accueille le nouveau client lors de sa prochaine visite', en: 'A sales associate welcomes the new customer on their next visit' } },
  },
  'call-center': {
    type: 'offline',
    name: { fr: 'Service client', en: 'Customer service' },
    touchpoint: { stage: 'support', name: { fr: 'Appel au service client', en: 'Call to customer service' } },
    welcome: { name: { fr: 'Un conseiller appelle le client pour se présenter', en: 'An adviser calls the customer to introduce themselves' } },
  },
};

export const CHANNEL_IDS = Object.keys(CHANNELS) as ChannelId[];
export const DEFAULT_CHANNELS: ChannelId[] = ['web', 'email', 'store'];
export const DEFAULT_NAMES: Words = { fr: 'Plan relationnel omnicanal', en: 'Omnichannel relationship plan' };
const WELCOME_OFFSETS = ['0', 'J+1', 'J+3', 'J+7', 'J+14', 'J+30'];

const TEXT: Record<Locale, Record<string, string>> = {
  fr: {
    omniComment: 'Réglages du plan : nom, langue, sévérité des règles (voir docs/format.md).',
    matrixComment: 'Matrice des points de contact : étapes du parcours (colonnes), canaux (lignes), points de contact (cellules).',
    useCasesComment: "Cas d'usage notés de 1 à 5 ; priorité = business + expérience − difficulté.",
    programsComment: 'Cartographie des scénarios : étapes du cycle de vie (colonnes), cibles (lignes), programmes.',
    dataComment: 'Besoins de données : systèmes sources et variables utilisées par les scénarios.',
    scenarioComment: 'Un scénario par fichier : déclencheur, séquence de messages, données nécessaires.',
    gitignoreComment: 'Sorties générées par omni render, omni export et omni report.',
    workflowComment: 'Vérifie le plan à chaque pull request ; les problèmes apparaissent en annotations.',
  },
  en: {
    omniComment: 'Plan settings: name, language, rule severities (see docs/format.md).',
    matrixComment: 'Touchpoint matrix: journey stages (columns), channels (rows), touchpoints (cells).',
    useCasesComment: 'Use cases scored 1 to 5; priority = business + experience − difficulty.',
    programsComment: 'Scenario map: lifecycle stages (columns), targets (rows), programmes.',
    dataComment: 'Data requirements: source systems and the variables scenarios use.',
    scenarioComment: 'One scenario per file: trigger, sequence of messages, data it needs.',
    gitignoreComment: 'Outputs of omni render, omni export and omni report.',
    workflowComment: 'Checks the plan on every pull request; problems show up as annotations.',
  },
};

export interface InitAnswers {
  name: string;
  locale: Locale;
  channels: ChannelId[];
}

/** The starter plan for the answers: plain data the templates lay out. */
export function starterPlan(answers: InitAnswers) {
  const { locale, channels } = answers;
  const w = (words: Words) => words[locale];
  const first = channels[0]!;
  const second = channels[1];
  const messaging = channels.find((id) => CHANNELS[id].consent) ?? first;
  const consentOf = (ids: readonly ChannelId[]) => ids.flatMap((id) => (CHANNELS[id].consent ? [CHANNELS[id].consent!.id] : []));
  const touchpointId = (id: ChannelId) => `${id}-${CHANNELS[id].touchpoint.stage}`;
  const welcomeSteps = channels.map((id, index) => {
    const spec = CHANNELS[id].welcome;
    return {
      after: WELCOME_OFFSETS[Math.min(index, WELCOME_OFFSETS.length - 1)]!,
      channel: id,
      name: spec.name && w(spec.name),
      subject: spec.subject && w(spec.subject),
      message: spec.message && w(spec.message),
    };
  });
  const followUpStep = CHANNELS[messaging].consent
    ? {
        after: 'J+7',
        channel: messaging,
        subject: messaging === 'email' ? w({ fr: '{{first_name}}, votre avis compte', en: '{{first_name}}, how did it go?' }) : undefined,
        message: w({ fr: '{{first_name}}, votre commande vous convient-elle ? Donnez-nous votre avis en une minute.', en: '{{first_name}}, are you happy with your order? Tell us in one minute.' }),
      }
    : { after: 'J+7', channel: messaging, name: w({ fr: 'Un conseiller recueille l’avis du client sur sa commande', en: 'An adviser asks the customer about their order' }) };

  return {
    name: answers.name,
    locale,
    t: TEXT[locale],
    stages: [
      { id: 'discover', name: w({ fr: 'Je découvre', en: 'I discover' }) },
      { id: 'signup', name: w({ fr: 'Je crée mon compte', en: 'I sign up' }) },
      { id: 'buy', name: w({ fr: "J'achète", en: 'I buy' }) },
      { id: 'support', name: w({ fr: 'Je suis accompagné', en: 'I get support' }) },
    ],
    channels: channels.map((id) => ({ id, name: w(CHANNELS[id].name), type: CHANNELS[id].type, requiresConsent: Boolean(CHANNELS[id].consent) })),
    touchpoints: channels.map((id) => ({
      id: touchpointId(id),
      name: w(CHANNELS[id].touchpoint.name),
      stage: CHANNELS[id].touchpoint.stage,
      channel: id,
      status: id === first ? 'opportunity' : id === second ? 'friction' : 'normal',
      description:
        id === first
          ? w({ fr: "Exemple d'opportunité : remplacez-la par un vrai point de contact de votre parcours.", en: 'An example opportunity: replace it with a real touchpoint of your journey.' })
          : id === second
            ? w({ fr: 'Exemple de point de friction : à remplacer par un vrai.', en: 'An example friction: replace it with a real one.' })
            : undefined,
    })),
    useCases: [
      {
        id: 'welcome-new-customers',
        name: w({ fr: 'Accueillir chaque nouveau client sur tous ses canaux', en: 'Welcome every new customer on all their channels' }),
        category: w({ fr: 'Accueil', en: 'Onboarding' }),
        objective: 'Activation',
        touchpoints: [touchpointId(first)],
        scores: { business: 4, experience: 4, difficulty: 2 },
      },
      {
        id: 'post-purchase-feedback',
        name: w({ fr: "Demander l'avis du client après son achat", en: 'Ask for feedback after a purchase' }),
        category: w({ fr: 'Satisfaction', en: 'Satisfaction' }),
        objective: w({ fr: 'Fidélisation', en: 'Retention' }),
        touchpoints: second ? [touchpointId(second)] : [],
        scores: { business: 3, experience: 4, difficulty: 2 },
      },
    ],
    lifecycle: [
      { id: 'welcome', name: w({ fr: 'Bienvenue', en: 'Welcome' }) },
      { id: 'activation', name: 'Activation' },
      { id: 'relationship', name: w({ fr: 'Relationnel', en: 'Relationship' }) },
      { id: 'upsell', name: 'Upsell' },
    ],
    targets: [{ id: 'all', name: w({ fr: 'Tous les contacts', en: 'All contacts' }), definition: w({ fr: 'Tout contact identifié, client ou non.', en: 'Every known contact, customer or not.' }) }],
    programs: [
      { id: 'activation', name: 'Activation', objective: w({ fr: 'Amener chaque nouveau contact à son premier achat.', en: 'Bring every new contact to a first purchase.' }) },
      { id: 'satisfaction', name: 'Satisfaction', objective: w({ fr: 'Écouter les clients et corriger les points de friction.', en: 'Listen to customers and fix frictions.' }) },
    ],
    sources: [{ id: 'crm', name: 'CRM', type: 'crm' }],
    variables: [
      { id: 'first_name', name: w({ fr: 'Prénom', en: 'First name' }), sources: ['crm'], pii: true },
      ...channels.flatMap((id) => {
        const consent = CHANNELS[id].consent;
        return consent ? [{ id: consent.id, name: w(consent.name), sources: ['crm'], consentFor: [id] }] : [];
      }),
    ],
    scenarios: [
      {
        id: 'welcome',
        name: w({ fr: 'Bienvenue', en: 'Welcome' }),
        description: w({ fr: 'Accueille chaque nouveau compte sur les canaux du plan.', en: 'Welcomes every new account on the channels of the plan.' }),
        program: 'activation',
        lifecycle: 'welcome',
        target: 'all',
        useCases: ['welcome-new-customers'],
        trigger: { type: 'behavior', event: 'account_created', description: w({ fr: 'Le contact crée son compte, en ligne ou en magasin.', en: 'The contact creates an account, online or in store.' }) },
        exit: ['unsubscribed'],
        goal: 'first_order',
        variables: ['first_name', ...consentOf(channels)],
        steps: welcomeSteps,
      },
      {
        id: 'post-purchase-feedback',
        name: w({ fr: 'Avis après achat', en: 'Post-purchase feedback' }),
        description: w({ fr: "Demande l'avis du client une semaine après la livraison.", en: 'Asks for feedback a week after delivery.' }),
        program: 'satisfaction',
        lifecycle: 'relationship',
        target: 'all',
        useCases: ['post-purchase-feedback'],
        trigger: { type: 'event', event: 'order_delivered', description: w({ fr: 'La commande est livrée ou retirée.', en: 'The order is delivered or picked up.' }) },
        exit: ['unsubscribed', 'review_submitted'],
        goal: 'review_submitted',
        variables: ['first_name', ...consentOf([messaging])],
        steps: [followUpStep],
      },
    ],
  };
}

function schemaUrl(kind: 'model' | 'config'): string {
  const schema = JSON.parse(readFileSync(new URL(`${kind}.schema.json`, SCHEMAS), 'utf8')) as { $id: string };
  return schema.$id;
}

/** Every file of the starter workspace, relative path → content, from the handlebars templates. */
export function renderStarter(answers: InitAnswers, version: string): Map<string, string> {
  const handlebars = Handlebars.create();
  // A YAML scalar: plain when safe, quoted when needed (templates, colons, "0").
  handlebars.registerHelper('y', (value: unknown) => dump(value, { lineWidth: -1, quotingType: '"' }).trimEnd());
  handlebars.registerHelper('join', (items: unknown) => (Array.isArray(items) ? items.join(', ') : ''));
  const render = (template: string, data: object) =>
    handlebars.compile(readFileSync(new URL(template, TEMPLATES), 'utf8'), { noEscape: true, strict: false })(data);
  const plan = starterPlan(answers);
  const data = { ...plan, version, schema: { model: schemaUrl('model'), config: schemaUrl('config') } };
  const files = new Map<string, string>([
    ['omni.yaml', render('omni.yaml.hbs', data)],
    ['matrix.yaml', render('matrix.yaml.hbs', data)],
    ['use-cases.yaml', render('use-cases.yaml.hbs', data)],
    ['programs.yaml', render('programs.yaml.hbs', data)],
    ['data.yaml', render('data.yaml.hbs', data)],
  ]);
  for (const scenario of plan.scenarios) files.set(`scenarios/${scenario.id}.yaml`, render('scenario.yaml.hbs', { ...data, scenario }));
  files.set('.gitignore', render('gitignore.hbs', data));
  files.set('.github/workflows/omni.yml', render('workflow.yml.hbs', data));
  files.set('README.md', render(`README.${answers.locale}.md.hbs`, data));
  return files;
}

/** Channel ids from "web, email" (order kept, duplicates dropped), or an error naming the unknown ones. */
export function parseChannels(text: string): ChannelId[] {
  const ids = [...new Set(text.split(',').map((part) => part.trim()).filter(Boolean))];
  const unknown = ids.filter((id) => !(CHANNEL_IDS as string[]).includes(id));
  if (unknown.length > 0) throw new CliError(`unknown channel${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`, `choose among ${CHANNEL_IDS.join(', ')}`);
  if (ids.length === 0) throw new CliError('at least one channel is needed', `choose among ${CHANNEL_IDS.join(', ')}`);
  return ids as ChannelId[];
}

export interface PromptIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/**
 * Asks for what the options did not give, one line each; Enter keeps the default shown in
 * brackets, and an invalid answer is asked again (at most three times).
 */
export async function askAnswers(given: Partial<InitAnswers>, io: PromptIo): Promise<InitAnswers> {
  const rl = createInterface({ input: io.input, terminal: false });
  // The iterator buffers lines, so answers typed (or piped) ahead of a question are kept.
  const lines = rl[Symbol.asyncIterator]();
  const ask = async <T>(question: string, fallback: string, parse: (text: string) => T): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      io.output.write(`${question} [${fallback}]: `);
      const next = await lines.next();
      // End of input answers with the default.
      const answer = next.done ? '' : String(next.value).trim();
      try {
        return parse(answer === '' ? fallback : answer);
      } catch (error) {
        if (!(error instanceof CliError) || attempt === 3 || next.done) throw error;
        io.output.write(`  ${error.message}${error.hint ? ` (${error.hint})` : ''}\n`);
      }
    }
  };
  try {
    const locale =
      given.locale ??
      (await ask('Locale of the starter content (fr/en)', 'fr', (text) => {
        if (text !== 'fr' && text !== 'en') throw new CliError(`unknown locale: ${text}`, 'answer fr or en');
        return text as Locale;
      }));
    const name = given.name ?? (await ask('Name of the plan', DEFAULT_NAMES[locale], (text) => text));
    const channels = given.channels ?? (await ask(`Channels (${CHANNEL_IDS.join(', ')})`, DEFAULT_CHANNELS.join(', '), parseChannels));
    return { name, locale, channels };
  } finally {
    rl.close();
  }
}

export interface InitIo extends PromptIo {
  cwd: string;
  /** Whether to ask: stdin is a terminal. */
  interactive: boolean;
  /** Messages for people (the created files): stderr, like every command's messages. */
  log: (text: string) => void;
}

const defaultIo = (): InitIo => ({
  cwd: process.cwd(),
  input: process.stdin,
  output: process.stderr,
  interactive: process.stdin.isTTY === true,
  log: (text) => process.stderr.write(text),
});

/** Creates the starter workspace; returns the files written (relative to the folder). */
export async function runInit(dir: string | undefined, options: InitCommandOptions, version: string, io: InitIo = defaultIo()): Promise<string[]> {
  const folder = path.resolve(io.cwd, dir ?? '.');
  if (existsSync(folder) && !statSync(folder).isDirectory()) throw new CliError(`not a folder: ${dir}`, 'pass a folder to create the workspace in');
  if (options.name !== undefined && options.name.trim() === '') throw new CliError('--name cannot be empty');
  const given: Partial<InitAnswers> = {
    ...(options.locale && { locale: options.locale }),
    ...(options.name !== undefined && { name: options.name.trim() }),
    ...(options.channels !== undefined && { channels: parseChannels(options.channels) }),
  };
  const answers =
    io.interactive && !options.yes
      ? await askAnswers(given, io)
      : { locale: given.locale ?? 'fr', name: given.name ?? DEFAULT_NAMES[given.locale ?? 'fr'], channels: given.channels ?? DEFAULT_CHANNELS };
  const files = renderStarter(answers, version);
  const existing = [...files.keys()].filter((file) => existsSync(path.join(folder, file)));
  if (existing.length > 0 && !options.force) {
    throw new CliError(`would overwrite ${existing.length} existing file${existing.length > 1 ? 's' : ''} in ${dir ?? '.'}: ${existing.join(', ')}`, 'pass --force to replace them, or choose an empty folder');
  }
  for (const [file, text] of files) writeFileAtomic(path.join(folder, file), text);
  const shown = path.relative(io.cwd, folder) || '.';
  io.log(`Created ${files.size} files in ${shown}:\n${[...files.keys()].map((file) => `  ${file}\n`).join('')}Next: omni lint ${shown === '.' ? '' : shown}`.trimEnd() + '\n');
  return [...files.keys()];
}


#!/usr/bin/env node
// Seeded generator of large, realistic omni workspaces for benchmarks.
//
//   node bench/generate.mjs --out /tmp/ws [--files 1000] [--scenarios 10000] [--channels 50]
//        [--stages 20] [--variables 2000] [--sources 200] [--seed 1] [--errors 10%]
//
// Same options, same bytes: every choice comes from a seeded PRNG (mulberry32), never
// Math.random or the clock. The workspace is valid against schemas/model.schema.json and
// lint-clean: every variable used and sourced, every source used, every channel with a
// touchpoint, every opportunity/friction touchpoint addressed, every use case implemented,
// consent variables declared where a channel requires them, step offsets in order.
// With --errors P% (default 0), P% of the scenario files, picked by the seed, get three
// mistakes a user makes: a misspelled step property (`chanel:`), a reference to an undeclared
// target and an invalid step offset; the other files keep the same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULTS = Object.freeze({ files: 1000, scenarios: 10000, channels: 50, stages: 20, variables: 2000, sources: 200, seed: 1, errors: 0 });

/** mulberry32: small, fast, good enough to pick words; deterministic for a seed. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const sample = (list, count) => {
    const copy = [...list];
    const out = [];
    while (out.length < count && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  return { next, int, pick, sample };
}

const pad = (n, width) => String(n).padStart(width, '0');

/** Quotes a scalar when plain YAML would misread it. */
function q(text) {
  return /^[\w À-ÿ'’.,()&/-]+$/.test(text) && !/^[\d-]/.test(text) && !/: |#/.test(text) ? text : JSON.stringify(text);
}

const STAGE_NAMES = [
  'Je découvre la marque',
  'Je me renseigne',
  'Je compare',
  'Je me crée un compte',
  'Je prépare mon achat',
  'J’achète',
  'Je paie',
  'Je suis livré',
  'Je retire en magasin',
  'Je monte mon meuble',
  'Je demande de l’aide',
  'Je retourne un produit',
  'Je donne mon avis',
  'Je parraine',
  'J’y reviens',
  'Je rejoins le programme',
  'Je prends rendez-vous',
  'Je suis mes commandes',
  'Je personnalise',
  'Je partage mon projet',
];
const CHANNEL_KINDS = [
  { base: 'email', name: 'Email', type: 'online', consent: true },
  { base: 'sms', name: 'SMS', type: 'online', consent: true },
  { base: 'push', name: 'Notification push', type: 'online', consent: true },
  { base: 'site', name: 'Site web', type: 'online', consent: false },
  { base: 'app', name: 'Application mobile', type: 'online', consent: false },
  { base: 'magasin', name: 'Magasin', type: 'offline', consent: false },
  { base: 'service-client', name: 'Service client', type: 'offline', consent: false },
  { base: 'courrier', name: 'Courrier', type: 'offline', consent: true },
  { base: 'social', name: 'Réseaux sociaux', type: 'online', consent: false },
  { base: 'whatsapp', name: 'WhatsApp', type: 'online', consent: true },
];
const LIFECYCLE = [
  ['bienvenue', 'Bienvenue'],
  ['activation', 'Activation'],
  ['relationnel', 'Relationnel'],
  ['upsell', 'Upsell'],
];
const PROGRAMS = [
  ['conversion', 'Conversion', 'Transformer les intentions en commandes'],
  ['activation', 'Activation', 'Faire vivre le premier mois du client'],
  ['fidelisation', 'Fidélisation', 'Faire revenir les clients réguliers'],
  ['upsell', 'Upsell', 'Augmenter le panier moyen'],
  ['satisfaction', 'Satisfaction', 'Résoudre vite et bien les irritants'],
  ['reactivation', 'Réactivation', 'Reconquérir les clients inactifs'],
];
const TARGETS = [
  ['tous', 'Tous les contacts', 'Tout contact joignable'],
  ['nouveaux', 'Nouveaux clients', 'Premier achat il y a moins de 90 jours'],
  ['fideles', 'Clients fidèles', 'Trois commandes ou plus sur 12 mois'],
  ['inactifs', 'Clients inactifs', 'Aucune commande depuis 12 mois'],
  ['premium', 'Membres premium', 'Abonnés au programme Lumen+'],
  ['prospects', 'Prospects', 'Inscrits sans commande'],
];
const SOURCE_KINDS = [
  ['crm', 'CRM'],
  ['ecommerce', 'Plateforme e-commerce'],
  ['caisse', 'Logiciel de caisse'],
  ['app', 'SDK application'],
  ['fidelite', 'Programme de fidélité'],
  ['logistique', 'Suivi des livraisons'],
  ['centre-appels', 'Outil du centre d’appels'],
  ['avis', 'Plateforme d’avis'],
  ['paiement', 'Prestataire de paiement'],
  ['dmp', 'Plateforme de données'],
];
const OWNERS = ['Équipe CRM', 'Équipe e-commerce', 'Direction des magasins', 'Service client', 'Marketing', 'Supply chain'];
/** Variable stems: scalar ones go in {{x}}, list ones in {{#each x}}…{{/each}}. */
const SCALAR_STEMS = [
  ['first_name', 'Prénom'],
  ['last_name', 'Nom'],
  ['cart_total', 'Montant du panier'],
  ['cart_url', 'Lien du panier'],
  ['promo_code', 'Code promo'],
  ['store_name', 'Magasin préféré'],
  ['loyalty_points', 'Points de fidélité'],
  ['order_number', 'Numéro de commande'],
  ['delivery_date', 'Date de livraison'],
  ['tracking_url', 'Lien de suivi'],
  ['birthday', 'Date d’anniversaire'],
  ['advisor_name', 'Conseiller'],
  ['appointment_date', 'Date du rendez-vous'],
  ['ticket_number', 'Numéro de réclamation'],
  ['last_category', 'Dernière catégorie achetée'],
  ['voucher_amount', 'Montant du bon'],
];
const LIST_STEMS = [
  ['cart_items', 'Articles du panier'],
  ['recommended_products', 'Produits recommandés'],
  ['order_lines', 'Lignes de commande'],
  ['wishlist_items', 'Liste d’envies'],
];
const EVENTS = [
  'cart_abandoned',
  'account_created',
  'order_placed',
  'order_shipped',
  'order_ready',
  'product_viewed',
  'back_in_stock',
  'birthday',
  'loyalty_tier_changed',
  'ticket_opened',
  'appointment_booked',
  'store_visit',
  'review_requested',
  'inactive_180_days',
];
const EXITS = ['order_placed', 'unsubscribed', 'cart_emptied', 'ticket_closed', 'appointment_cancelled', 'store_visit'];
const CATEGORIES = ['Web-to-store', 'Conversion en ligne', 'Fidélité', 'Service client', 'Onboarding', 'Personnalisation', 'Réassurance'];
const OBJECTIVES = ['Conversion', 'Activation', 'Fidélisation', 'Satisfaction', 'Upsell'];
const THEMES = [
  'panier abandonné',
  'bienvenue',
  'commande prête',
  'retard de livraison',
  'anniversaire',
  'retour en stock',
  'rendez-vous conseiller',
  'avis client',
  'points de fidélité',
  'relance inactifs',
  'produits complémentaires',
  'réclamation',
  'échantillons de tissu',
  'proximité magasin',
];
const SUBJECTS = [
  (v) => `{{${v}}}, votre sélection vous attend`,
  (v) => `Plus que quelques heures pour {{${v}}}`,
  (v) => `Bonne nouvelle : {{${v}}} est disponible`,
  (v) => `{{${v}}} : on a pensé à vous`,
  (v) => `Votre avis sur {{${v}}} nous intéresse`,
];
const SENTENCES = [
  (v) => `Bonjour {{${v}}},`,
  (v) => `Nous avons mis de côté {{${v}}} pour vous.`,
  (v) => `Retrouvez {{${v}}} dans votre espace client.`,
  (v) => `Votre conseiller vous attend : {{${v}}}.`,
  (v) => `Profitez de {{${v}}} jusqu’à dimanche.`,
  (v) => `Il vous reste {{${v}}} à utiliser avant la fin du mois.`,
  (v) => `{{#if ${v}}}Pensez à {{${v}}}.{{/if}}`,
];
const ACTIONS = [
  'Le conseiller appelle le client',
  'Le magasin prépare la commande',
  'Le service client rappelle sous 24 h',
  'Ajout à l’audience de reciblage',
  'Création d’une tâche dans le CRM',
];

/**
 * Builds the workspace in memory: a Map of workspace-relative file name -> YAML text.
 * Pure and deterministic: same options, same Map.
 */
export function generateWorkspace(options = {}) {
  const o = { ...DEFAULTS, ...options };
  if (o.files < 6) throw new Error('--files must be at least 6 (settings, matrix, use cases, data and scenarios)');
  if (o.scenarios < 1 || o.channels < 1 || o.stages < 1 || o.variables < 1 || o.sources < 1) throw new Error('counts must be at least 1');
  const r = prng(o.seed);
  const files = new Map();
  const header = '# yaml-language-server: $schema=https://raw.githubusercontent.com/omni-journey/omni/main/schemas/model.schema.json\n';

  // Stages and channels.
  const stages = Array.from({ length: o.stages }, (_, i) => ({
    id: `etape-${pad(i + 1, 2)}`,
    name: `${STAGE_NAMES[i % STAGE_NAMES.length]}${i >= STAGE_NAMES.length ? ` (${Math.floor(i / STAGE_NAMES.length) + 1})` : ''}`,
  }));
  const channels = Array.from({ length: o.channels }, (_, i) => {
    const kind = CHANNEL_KINDS[i % CHANNEL_KINDS.length];
    const round = Math.floor(i / CHANNEL_KINDS.length);
    return {
      id: round === 0 ? kind.base : `${kind.base}-${round + 1}`,
      name: round === 0 ? kind.name : `${kind.name} ${round + 1}`,
      type: kind.type,
      consent: kind.consent,
    };
  });

  // Sources, then variables: one consent flag per consent channel, the rest from stems.
  const sources = Array.from({ length: o.sources }, (_, i) => {
    const [base, name] = SOURCE_KINDS[i % SOURCE_KINDS.length];
    const round = Math.floor(i / SOURCE_KINDS.length);
    return { id: round === 0 ? base : `${base}-${pad(round + 1, 3)}`, name: round === 0 ? name : `${name} ${round + 1}`, type: base, owner: r.pick(OWNERS) };
  });
  const consentChannels = channels.filter((channel) => channel.consent);
  const variables = [];
  const consentVariable = new Map();
  for (const channel of consentChannels.slice(0, Math.max(0, o.variables - 1))) {
    const variable = { id: `optin_${channel.id.replace(/-/g, '_')}`, name: `Consentement ${channel.name}`, list: false, consentFor: [channel.id], pii: false };
    consentVariable.set(channel.id, variable.id);
    variables.push(variable);
  }
  const firstOrdinary = variables.length;
  const seen = { scalar: 0, list: 0 };
  for (let i = 0; variables.length < o.variables; i++) {
    const list = i % 5 === 4;
    const stems = list ? LIST_STEMS : SCALAR_STEMS;
    const n = list ? seen.list++ : seen.scalar++;
    const [stem, name] = stems[n % stems.length];
    const round = Math.floor(n / stems.length);
    variables.push({ id: round === 0 ? stem : `${stem}_${pad(round, 3)}`, name: round === 0 ? name : `${name} ${round}`, list, pii: stem.endsWith('name') });
  }
  variables.forEach((variable, i) => {
    const own = sources[i % sources.length].id;
    const extra = r.next() < 0.3 ? r.pick(sources).id : own;
    variable.sources = extra === own ? [own] : [own, extra];
  });
  const ordinary = variables.slice(firstOrdinary);

  // Touchpoints: every channel gets one; opportunity/friction ones are each addressed by a use case.
  const useCaseCount = Math.max(1, Math.round(o.scenarios / 10));
  const touchpointCount = Math.max(o.channels, Math.min(o.stages * o.channels, Math.round(useCaseCount / 2)));
  const touchpoints = Array.from({ length: touchpointCount }, (_, i) => {
    const channel = channels[i % channels.length];
    const stage = i < channels.length ? r.pick(stages) : stages[Math.floor(i / channels.length) % stages.length];
    const roll = r.next();
    const status = roll < 0.5 ? 'normal' : roll < 0.75 ? 'opportunity' : 'friction';
    return { id: `pc-${pad(i + 1, 4)}-${channel.id}`, stage: stage.id, channel: channel.id, status, name: `${stage.name} — ${channel.name}` };
  });
  const needsUseCase = touchpoints.filter((touchpoint) => touchpoint.status !== 'normal');
  const useCases = Array.from({ length: useCaseCount }, (_, i) => {
    const theme = r.pick(THEMES);
    const addressed = needsUseCase.length > 0 ? [needsUseCase[i % needsUseCase.length].id] : [];
    if (r.next() < 0.5) addressed.push(r.pick(touchpoints).id);
    return {
      id: `cu-${pad(i + 1, 4)}`,
      name: `Traiter le parcours ${theme} (${i + 1})`,
      category: r.pick(CATEGORIES),
      objective: r.pick(OBJECTIVES),
      owner: r.pick(OWNERS),
      touchpoints: [...new Set(addressed)],
      scores: { business: r.int(1, 5), experience: r.int(1, 5), difficulty: r.int(1, 5) },
    };
  });
  // A manual override on a few use cases, as real plans have.
  for (let i = 0; i < Math.min(5, useCases.length); i++) useCases[(i * 7) % useCases.length].priority = i + 1;

  // Scenarios.
  const scenarios = Array.from({ length: o.scenarios }, (_, i) => {
    const theme = r.pick(THEMES);
    const used = new Set([ordinary.length > 0 ? ordinary[i % ordinary.length] : variables[i % variables.length]]);
    for (const variable of r.sample(ordinary, r.int(2, 4))) used.add(variable);
    const usedList = [...used];
    const scalars = usedList.filter((variable) => !variable.list);
    const lists = usedList.filter((variable) => variable.list);
    const stepCount = r.int(1, 3);
    let day = 0;
    const steps = [];
    const consents = new Set();
    for (let s = 0; s < stepCount; s++) {
      day += r.int(s === 0 ? 0 : 1, 3);
      const channel = r.pick(channels);
      const after = day === 0 ? '0' : r.next() < 0.8 ? `J+${day}` : `${day}d`;
      if (!['email', 'sms', 'push', 'whatsapp', 'courrier'].includes(channel.id.replace(/-\d+$/, ''))) {
        steps.push({ after, channel: channel.id, name: r.pick(ACTIONS) });
        continue;
      }
      if (consentVariable.has(channel.id)) consents.add(consentVariable.get(channel.id));
      const v = () => (scalars.length > 0 ? r.pick(scalars).id : usedList[0].id);
      const lines = [r.pick(SENTENCES)(v())];
      if (lists.length > 0 && r.next() < 0.4) {
        const list = r.pick(lists).id;
        lines.push(`{{#each ${list}}}`, '- {{name}} : {{quantity}} × {{price}} €', '{{/each}}');
      }
      if (r.next() < 0.5) lines.push(r.pick(SENTENCES)(v()));
      const step = { after, channel: channel.id, message: lines.join('\n') };
      if (!channel.id.startsWith('sms')) step.subject = r.pick(SUBJECTS)(v());
      steps.push(step);
    }
    const event = r.pick(EVENTS);
    return {
      id: `sc-${pad(i + 1, 5)}-${theme
        .normalize('NFD')
        .replace(/[^a-z ]/g, '')
        .trim()
        .replace(/ +/g, '-')}`,
      name: `Scénario ${theme} n° ${i + 1}`,
      description: r.next() < 0.1 ? `Parcours ${theme} déclenché par ${event}.` : undefined,
      owner: r.next() < 0.35 ? r.pick(OWNERS) : undefined,
      program: PROGRAMS[i % PROGRAMS.length][0],
      lifecycle: LIFECYCLE[i % LIFECYCLE.length][0],
      target: TARGETS[i % TARGETS.length][0],
      useCases: [...new Set([useCases[i % useCases.length].id, ...(r.next() < 0.3 ? [r.pick(useCases).id] : [])])],
      trigger: { type: event === 'birthday' ? 'event' : 'behavior', event },
      exit: r.sample(EXITS, r.int(1, 2)),
      goal: r.next() < 0.7 ? 'order_placed' : undefined,
      variables: [...usedList.map((variable) => variable.id), ...consents],
      steps,
    };
  });

  // Files: settings, one matrix file, then use cases, data and scenarios split in chunks.
  files.set(
    'omni.yaml',
    '# yaml-language-server: $schema=https://raw.githubusercontent.com/omni-journey/omni/main/schemas/config.schema.json\nname: Benchmark workspace\nlocale: fr\nupdated: 2026-01-01\n# French SMS are UCS-2 (é is GSM-7, ê and ç are not): the generated ones take up to 3 segments.\nrules:\n  sms-length: [warn, { maxSegments: 4 }]\n',
  );
  const modelFiles = o.files - 1; // omni.yaml counts as one of the files
  const auxiliary = Math.max(1, Math.round(modelFiles * 0.02));
  const scenarioFiles = modelFiles - 1 - 3 * auxiliary > 0 ? modelFiles - 1 - 3 * auxiliary : 1;
  const aux = Math.max(1, Math.floor((modelFiles - 1 - scenarioFiles) / 3));

  files.set(
    'matrix.yaml',
    header +
      [
        section(
          'stages',
          stages.map((stage) => entity(stage, [])),
        ),
        section(
          'channels',
          channels.map((channel) =>
            entity(channel, [
              ['type', channel.type],
              ['requiresConsent', channel.consent],
            ]),
          ),
        ),
        section(
          'lifecycle',
          LIFECYCLE.map(([id, name]) => entity({ id, name }, [])),
        ),
        section(
          'targets',
          TARGETS.map(([id, name, definition]) => entity({ id, name }, [['definition', definition]])),
        ),
        section(
          'programs',
          PROGRAMS.map(([id, name, objective]) => entity({ id, name }, [['objective', objective]])),
        ),
        section(
          'sources',
          sources.map((source) =>
            entity(source, [
              ['type', source.type],
              ['owner', source.owner],
            ]),
          ),
        ),
      ].join('\n'),
  );
  chunks(touchpoints, aux).forEach((chunk, i) => {
    files.set(
      `matrix/points-de-contact-${pad(i + 1, 3)}.yaml`,
      header +
        section(
          'touchpoints',
          chunk.map((tp) =>
            entity(tp, [
              ['stage', tp.stage],
              ['channel', tp.channel],
              ['status', tp.status],
            ]),
          ),
        ),
    );
  });
  chunks(useCases, aux).forEach((chunk, i) => {
    files.set(`cas-usage/cas-usage-${pad(i + 1, 3)}.yaml`, header + section('useCases', chunk.map(useCaseYaml)));
  });
  const dataFiles = Math.max(1, modelFiles - 1 - 2 * aux - scenarioFiles);
  chunks(variables, dataFiles).forEach((chunk, i) => {
    files.set(
      `donnees/variables-${pad(i + 1, 3)}.yaml`,
      header +
        section(
          'variables',
          chunk.map((variable) =>
            entity(variable, [
              ['sources', flow(variable.sources)],
              ['pii', variable.pii || undefined],
              ['consentFor', variable.consentFor ? flow(variable.consentFor) : undefined],
            ]),
          ),
        ),
    );
  });
  chunks(scenarios, scenarioFiles).forEach((chunk, i) => {
    files.set(`scenarios/scenarios-${pad(i + 1, 4)}.yaml`, header + section('scenarios', chunk.map(scenarioYaml)));
  });
  if (o.errors > 0) addErrors(files, o.errors, o.seed);
  return files;
}

/** Puts three mistakes into `percent`% of the scenario files, chosen by their own PRNG (the clean bytes do not move). */
function addErrors(files, percent, seed) {
  if (!(percent > 0 && percent <= 100)) throw new Error('--errors must be a percentage between 0 and 100');
  const r = prng(seed ^ 0x5bd1e995);
  const scenarioFiles = [...files.keys()].filter((name) => name.startsWith('scenarios/'));
  const count = Math.max(1, Math.round((scenarioFiles.length * percent) / 100));
  for (const name of r.sample(scenarioFiles, count)) {
    // One mistake per scenario (a schema error sets its whole scenario aside): the first,
    // the middle and the last one of the file.
    const parts = files.get(name).split('\n  - id: ');
    const last = parts.length - 1;
    const middle = Math.max(1, Math.floor(parts.length / 2));
    parts[1] = parts[1].replace('\n        channel: ', '\n        chanel: ');
    parts[last] = parts[last].replace(/\n {4}target: ([\w-]+)/, '\n    target: $1-inconnu');
    if (middle !== 1 && middle !== last) parts[middle] = parts[middle].replace(/\n( {6}- after: "?)J\+(\d+)/, '\n$1J+$2j');
    files.set(name, parts.join('\n  - id: '));
  }
}

function chunks(list, count) {
  const out = [];
  const size = list.length / count;
  for (let i = 0; i < count; i++) {
    const chunk = list.slice(Math.round(i * size), Math.round((i + 1) * size));
    if (chunk.length > 0) out.push(chunk);
  }
  return out;
}

const flow = (ids) => ({ flow: `[${ids.join(', ')}]` });

function scalar(value) {
  if (typeof value === 'object' && value && 'flow' in value) return value.flow;
  return typeof value === 'string' ? q(value) : String(value);
}

function section(name, items) {
  return `${name}:\n${items.join('')}`;
}

function entity(base, fields) {
  let out = `  - id: ${base.id}\n    name: ${q(base.name)}\n`;
  for (const [key, value] of fields) if (value !== undefined) out += `    ${key}: ${scalar(value)}\n`;
  return out;
}

function useCaseYaml(useCase) {
  let out = entity(useCase, [
    ['category', useCase.category],
    ['objective', useCase.objective],
    ['owner', useCase.owner],
  ]);
  out += `    touchpoints:\n${useCase.touchpoints.map((id) => `      - ${id}\n`).join('')}`;
  out += `    scores: { business: ${useCase.scores.business}, experience: ${useCase.scores.experience}, difficulty: ${useCase.scores.difficulty} }\n`;
  if (useCase.priority !== undefined) out += `    priority: ${useCase.priority}\n`;
  return out;
}

function scenarioYaml(scenario) {
  let out = entity(scenario, [
    ['description', scenario.description],
    ['owner', scenario.owner],
    ['program', scenario.program],
    ['lifecycle', scenario.lifecycle],
    ['target', scenario.target],
    ['useCases', flow(scenario.useCases)],
  ]);
  out += `    trigger:\n      type: ${scenario.trigger.type}\n      event: ${scenario.trigger.event}\n`;
  out += `    exit: ${flow(scenario.exit).flow}\n`;
  if (scenario.goal) out += `    goal: ${scenario.goal}\n`;
  out += `    variables:\n${scenario.variables.map((id) => `      - ${id}\n`).join('')}`;
  out += '    steps:\n';
  for (const step of scenario.steps) {
    out += `      - after: ${q(step.after)}\n        channel: ${step.channel}\n`;
    if (step.name) out += `        name: ${q(step.name)}\n`;
    if (step.subject) out += `        subject: ${JSON.stringify(step.subject)}\n`;
    if (step.message)
      out += `        message: |-\n${step.message
        .split('\n')
        .map((line) => `          ${line}\n`)
        .join('')}`;
  }
  return out;
}

/** Writes the workspace to `out` (emptied first); returns { files, bytes }. */
export function writeWorkspace(out, options = {}) {
  const files = generateWorkspace(options);
  rmSync(out, { recursive: true, force: true });
  let bytes = 0;
  for (const [name, text] of files) {
    const target = path.join(out, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    bytes += Buffer.byteLength(text);
  }
  return { files: files.size, bytes };
}

/** `10%` or `10`: a percentage of files. */
export function parsePercent(value) {
  const number = Number(String(value).replace(/%$/, ''));
  if (!Number.isFinite(number) || number < 0 || number > 100) throw new Error(`--errors needs a percentage from 0 to 100, got ${value}`);
  return number;
}

export function parseGenerateArgs(argv) {
  const options = {};
  let out;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--out') {
      out = value;
      i++;
    } else if (arg === '--errors') {
      options.errors = parsePercent(value);
      i++;
    } else if (arg.startsWith('--') && arg.slice(2) in DEFAULTS) {
      const number = Number(value);
      if (!Number.isInteger(number)) throw new Error(`${arg} needs a whole number, got ${value}`);
      options[arg.slice(2)] = number;
      i++;
    } else {
      throw new Error(`unknown option ${arg}`);
    }
  }
  return { out, options };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { out, options } = parseGenerateArgs(process.argv.slice(2));
    if (!out) throw new Error('--out DIR is required');
    const { files, bytes } = writeWorkspace(out, options);
    process.stdout.write(`wrote ${files} files, ${(bytes / 1e6).toFixed(2)} MB of YAML to ${out}\n`);
  } catch (error) {
    process.stderr.write(`generate: ${error.message}\n`);
    process.exitCode = 2;
  }
}

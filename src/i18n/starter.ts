import type { Locale } from '../model/types.js';

/** A phrase in every locale of the starter content. */
export type Words = Record<Locale, string>;

/**
 * Every word of the starter workspace `omni init` writes, per locale, in one table
 * (src/init/starter.ts builds the files from it). `{name}` and `{url}` are filled in by
 * `phrase`.
 */
export const STARTER_WORDS = {
  defaultPlanName: { fr: 'Plan relationnel omnicanal', en: 'Omnichannel relationship plan' },

  // Comments at the top of each file.
  omniComment: { fr: 'Réglages du plan : nom, langue, sévérité des règles (voir {url}).', en: 'Plan settings: name, language, rule severities (see {url}).' },
  matrixComment: {
    fr: 'Matrice des points de contact : étapes du parcours (colonnes), canaux (lignes), points de contact (cellules).',
    en: 'Touchpoint matrix: journey stages (columns), channels (rows), touchpoints (cells).',
  },
  useCasesComment: {
    fr: "Cas d'usage notés de 1 à 5 ; priorité = business + expérience − difficulté.",
    en: 'Use cases scored 1 to 5; priority = business + experience − difficulty.',
  },
  programsComment: {
    fr: 'Cartographie des scénarios : étapes du cycle de vie (colonnes), cibles (lignes), programmes.',
    en: 'Scenario map: lifecycle stages (columns), targets (rows), programmes.',
  },
  dataComment: {
    fr: 'Besoins de données : systèmes sources et variables utilisées par les scénarios.',
    en: 'Data requirements: source systems and the variables scenarios use.',
  },
  scenarioComment: {
    fr: 'Un scénario par fichier : déclencheur, séquence de messages, données nécessaires.',
    en: 'One scenario per file: trigger, sequence of messages, data it needs.',
  },
  personasComment: {
    fr: 'Histoires de clients pour omni simulate : ce que chacun reçoit, jour par jour, de tous les scénarios.',
    en: 'Customer stories for omni simulate: what each one receives, day by day, from every scenario.',
  },
  gitignoreComment: { fr: 'Sorties générées par omni render, omni export et omni report.', en: 'Outputs of omni render, omni export and omni report.' },
  workflowComment: {
    fr: 'Vérifie le plan à chaque pull request ; les problèmes apparaissent en annotations.',
    en: 'Checks the plan on every pull request; problems show up as annotations.',
  },

  // Built-in channels.
  webName: { fr: 'Site web', en: 'Website' },
  webTouchpoint: { fr: 'Consultation du catalogue en ligne', en: 'Browsing the online catalogue' },
  webWelcome: { fr: 'Bannière de bienvenue personnalisée sur le site', en: 'Personalised welcome banner on the website' },
  emailName: { fr: 'Email', en: 'Email' },
  emailConsent: { fr: 'Consentement email', en: 'Email consent' },
  emailTouchpoint: { fr: "Email de confirmation d'inscription", en: 'Sign-up confirmation email' },
  emailWelcomeSubject: { fr: 'Bienvenue {{first_name}} !', en: 'Welcome, {{first_name}}!' },
  emailWelcomeMessage: {
    fr: 'Bonjour {{first_name}}, merci pour votre inscription. Voici ce qui vous attend.',
    en: 'Hello {{first_name}}, thank you for signing up. Here is what comes next.',
  },
  smsName: { fr: 'SMS', en: 'SMS' },
  smsConsent: { fr: 'Consentement SMS', en: 'SMS consent' },
  smsTouchpoint: { fr: 'SMS de suivi de commande', en: 'Order tracking text message' },
  smsWelcome: { fr: '{{first_name}}, bienvenue ! Répondez STOP pour ne plus recevoir de SMS.', en: '{{first_name}}, welcome! Reply STOP to opt out.' },
  appName: { fr: 'Application mobile', en: 'Mobile app' },
  appConsent: { fr: 'Consentement notifications push', en: 'Push notification consent' },
  appTouchpoint: { fr: "Découverte de l'application", en: 'Exploring the app' },
  appWelcome: { fr: "{{first_name}}, découvrez les avantages réservés à l'application.", en: '{{first_name}}, discover the perks only the app offers.' },
  storeName: { fr: 'Magasin', en: 'Store' },
  storeTouchpoint: { fr: 'Passage en caisse', en: 'Checkout in store' },
  storeWelcome: { fr: 'Un vendeur accueille le nouveau client lors de sa prochaine visite', en: 'A sales associate welcomes the new customer on their next visit' },
  callCenterName: { fr: 'Service client', en: 'Customer service' },
  callCenterTouchpoint: { fr: 'Appel au service client', en: 'Call to customer service' },
  callCenterWelcome: { fr: 'Un conseiller appelle le client pour se présenter', en: 'An adviser calls the customer to introduce themselves' },

  // A channel id omni does not know: the user's own.
  otherTouchpoint: { fr: 'Premier contact via {name}', en: 'First contact through {name}' },
  otherWelcome: { fr: 'Message de bienvenue sur {name}', en: 'Welcome message on {name}' },

  // Journey, use cases, scenario map.
  stageDiscover: { fr: 'Je découvre', en: 'I discover' },
  stageSignup: { fr: 'Je crée mon compte', en: 'I sign up' },
  stageBuy: { fr: "J'achète", en: 'I buy' },
  stageSupport: { fr: 'Je suis accompagné', en: 'I get support' },
  exampleOpportunity: {
    fr: "Exemple d'opportunité : remplacez-la par un vrai point de contact de votre parcours.",
    en: 'An example opportunity: replace it with a real touchpoint of your journey.',
  },
  exampleFriction: { fr: 'Exemple de point de friction : à remplacer par un vrai.', en: 'An example friction: replace it with a real one.' },
  welcomeUseCase: { fr: 'Accueillir chaque nouveau client sur tous ses canaux', en: 'Welcome every new customer on all their channels' },
  onboardingCategory: { fr: 'Accueil', en: 'Onboarding' },
  feedbackUseCase: { fr: "Demander l'avis du client après son achat", en: 'Ask for feedback after a purchase' },
  satisfaction: { fr: 'Satisfaction', en: 'Satisfaction' },
  retention: { fr: 'Fidélisation', en: 'Retention' },
  activation: { fr: 'Activation', en: 'Activation' },
  upsell: { fr: 'Upsell', en: 'Upsell' },
  lifecycleWelcome: { fr: 'Bienvenue', en: 'Welcome' },
  lifecycleRelationship: { fr: 'Relationnel', en: 'Relationship' },
  targetAll: { fr: 'Tous les contacts', en: 'All contacts' },
  targetAllDefinition: { fr: 'Tout contact identifié, client ou non.', en: 'Every known contact, customer or not.' },
  activationObjective: { fr: 'Amener chaque nouveau contact à son premier achat.', en: 'Bring every new contact to a first purchase.' },
  satisfactionObjective: { fr: 'Écouter les clients et corriger les points de friction.', en: 'Listen to customers and fix frictions.' },
  firstName: { fr: 'Prénom', en: 'First name' },

  // Scenarios.
  welcomeDescription: { fr: 'Accueille chaque nouveau compte sur les canaux du plan.', en: 'Welcomes every new account on the channels of the plan.' },
  welcomeTrigger: { fr: 'Le contact crée son compte, en ligne ou en magasin.', en: 'The contact creates an account, online or in store.' },
  feedbackName: { fr: 'Avis après achat', en: 'Post-purchase feedback' },
  feedbackDescription: { fr: "Demande l'avis du client une semaine après la livraison.", en: 'Asks for feedback a week after delivery.' },
  feedbackTrigger: { fr: 'La commande est livrée ou retirée.', en: 'The order is delivered or picked up.' },
  feedbackSubject: { fr: '{{first_name}}, votre avis compte', en: '{{first_name}}, how did it go?' },
  feedbackMessage: {
    fr: '{{first_name}}, votre commande vous convient-elle ? Donnez-nous votre avis en une minute.',
    en: '{{first_name}}, are you happy with your order? Tell us in one minute.',
  },
  personaName: { fr: 'Un nouveau client', en: 'A new customer' },
  personaDescription: {
    fr: 'Crée son compte un matin, puis reçoit sa première commande cinq jours plus tard.',
    en: 'Creates an account one morning, then gets a first order delivered five days later.',
  },
  feedbackAction: { fr: 'Un conseiller recueille l’avis du client sur sa commande', en: 'An adviser asks the customer about their order' },
} as const satisfies Record<string, Words>;

export type StarterWord = keyof typeof STARTER_WORDS;

/** The phrase in `locale`, `{name}`-style placeholders filled from `values`. */
export function phrase(key: StarterWord, locale: Locale, values: Record<string, string> = {}): string {
  return STARTER_WORDS[key][locale].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

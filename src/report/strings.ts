import type { Locale } from '../model/types.js';

/** Words of the report page in each locale (the method's own words come from model/labels.ts). */
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
  stats: {
    touchpoints: string;
    friction: string;
    opportunity: string;
    useCases: string;
    scenarios: string;
    dataGaps: string;
    errors: string;
    warnings: string;
  };
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
  lint: {
    clean: string;
    rule: string;
    severity: string;
    count: string;
    error: string;
    warn: string;
    where: string;
    summary: string;
  };
  diagrams: { skipped: string; unavailable: string; failed: string };
  yes: string;
  none: string;
}

export const REPORT_STRINGS: Record<Locale, ReportStrings> = {
  fr: {
    lang: 'fr',
    title: 'Plan relationnel omnicanal',
    updated: 'Mis à jour le',
    undated: 'Non daté',
    contents: 'Sommaire',
    overview: 'En bref',
    generatedBy: 'Rapport généré par omni à partir des fichiers YAML du plan.',
    sections: {
      matrix: 'Matrice des points de contact',
      useCases: 'Cas d’usage par priorité',
      scenarioMap: 'Cartographie des scénarios',
      scenarios: 'Spécifications des scénarios',
      data: 'Besoins en données',
      lint: 'Contrôles du plan',
    },
    intro: {
      matrix: 'Les étapes du parcours en colonnes, les canaux en lignes ; chaque point de contact est coloré selon l’expérience vécue.',
      useCases: 'Classés par score de priorité (impact business + impact expérience − difficulté), du premier à déployer au dernier.',
      scenarioMap: 'Qui (cible) et quand (étape de la relation) : chaque scénario à sa place, avec ses canaux.',
      scenarios: 'Déclencheur, séquence de messages, critères de sortie et objectif de chaque scénario.',
      data: 'Les variables dont les scénarios ont besoin et les sources où les trouver. Les variables sans source sont des manques à combler.',
      lint: 'Les manques et incohérences relevés par omni lint, règle par règle.',
    },
    stats: {
      touchpoints: 'points de contact',
      friction: 'points de friction',
      opportunity: 'opportunités',
      useCases: 'cas d’usage',
      scenarios: 'scénarios',
      dataGaps: 'variables sans source',
      errors: 'erreurs',
      warnings: 'avertissements',
    },
    matrix: {
      stageChannel: 'Canal \\ Étape',
      unplaced: 'Points de contact hors matrice (étape ou canal inconnu)',
      online: 'en ligne',
      offline: 'hors ligne',
      consent: 'consentement requis',
    },
    useCases: {
      rank: 'Rang',
      name: 'Cas d’usage',
      category: 'Catégorie',
      objective: 'Objectif',
      touchpoints: 'Points de contact',
      business: 'Business',
      experience: 'Expérience',
      difficulty: 'Difficulté',
      score: 'Score',
      scenarios: 'Scénarios',
      manual: 'rang fixé à la main',
      weights: 'Pondération :',
      chart: 'Matrice de priorisation',
      none: 'Aucun cas d’usage.',
    },
    scenarioMap: { targetLifecycle: 'Cible \\ Étape', unplaced: 'Scénarios hors carte (étape ou cible inconnue)', none: 'Aucun scénario.' },
    scenario: {
      program: 'Programme',
      lifecycle: 'Étape de la relation',
      target: 'Cible',
      useCases: 'Cas d’usage',
      trigger: 'Déclencheur',
      exit: 'Critères de sortie',
      goal: 'Objectif',
      variables: 'Variables',
      steps: 'Séquence',
      after: 'Délai',
      channel: 'Canal',
      step: 'Action',
      subject: 'Objet',
      message: 'Message',
      noSteps: 'Aucune étape dans la séquence.',
      flow: 'Déroulé',
      owner: 'Responsable',
    },
    data: {
      variable: 'Variable',
      sources: 'Sources',
      usedBy: 'Utilisée par',
      pii: 'Donnée personnelle',
      consentFor: 'Consentement pour',
      noSource: 'sans source',
      gapsIntro: 'variable(s) sans source',
      noGaps: 'Chaque variable a au moins une source.',
      sourcesTitle: 'Sources de données',
      sourceType: 'Type',
      variablesOf: 'Variables fournies',
      unused: 'non utilisée',
      lineage: 'Lignage des données',
    },
    lint: {
      clean: 'Aucun problème : le plan est cohérent.',
      rule: 'Règle',
      severity: 'Gravité',
      count: 'Nombre',
      error: 'erreur',
      warn: 'avertissement',
      where: 'Emplacement',
      summary: 'Détail par règle',
    },
    diagrams: {
      skipped: 'Diagramme non inclus (rapport généré avec --no-diagrams).',
      unavailable: 'Diagramme non disponible : aucun navigateur Chromium trouvé lors de la génération.',
      failed: 'Diagramme non disponible : le rendu a échoué.',
    },
    yes: 'oui',
    none: '—',
  },
  en: {
    lang: 'en',
    title: 'Omnichannel relationship plan',
    updated: 'Updated',
    undated: 'Undated',
    contents: 'Contents',
    overview: 'At a glance',
    generatedBy: 'Report generated by omni from the plan’s YAML files.',
    sections: {
      matrix: 'Touchpoint matrix',
      useCases: 'Use cases by priority',
      scenarioMap: 'Scenario map',
      scenarios: 'Scenario specifications',
      data: 'Data requirements',
      lint: 'Plan checks',
    },
    intro: {
      matrix: 'Journey stages as columns, channels as rows; each touchpoint is coloured by the experience it gives.',
      useCases: 'Ranked by priority score (business impact + experience impact − difficulty), first to deploy at the top.',
      scenarioMap: 'Who (target) and when (relationship stage): each scenario in its place, with its channels.',
      scenarios: 'Trigger, message sequence, exit criteria and goal of each scenario.',
      data: 'The variables the scenarios need and the sources that hold them. Variables without a source are gaps to close.',
      lint: 'Gaps and inconsistencies found by omni lint, rule by rule.',
    },
    stats: {
      touchpoints: 'touchpoints',
      friction: 'friction points',
      opportunity: 'opportunities',
      useCases: 'use cases',
      scenarios: 'scenarios',
      dataGaps: 'variables without source',
      errors: 'errors',
      warnings: 'warnings',
    },
    matrix: {
      stageChannel: 'Channel \\ Stage',
      unplaced: 'Touchpoints outside the matrix (unknown stage or channel)',
      online: 'online',
      offline: 'offline',
      consent: 'consent required',
    },
    useCases: {
      rank: 'Rank',
      name: 'Use case',
      category: 'Category',
      objective: 'Objective',
      touchpoints: 'Touchpoints',
      business: 'Business',
      experience: 'Experience',
      difficulty: 'Difficulty',
      score: 'Score',
      scenarios: 'Scenarios',
      manual: 'rank set by hand',
      weights: 'Weights:',
      chart: 'Priority chart',
      none: 'No use case.',
    },
    scenarioMap: { targetLifecycle: 'Target \\ Stage', unplaced: 'Scenarios outside the map (unknown stage or target)', none: 'No scenario.' },
    scenario: {
      program: 'Program',
      lifecycle: 'Relationship stage',
      target: 'Target',
      useCases: 'Use cases',
      trigger: 'Trigger',
      exit: 'Exit criteria',
      goal: 'Goal',
      variables: 'Variables',
      steps: 'Sequence',
      after: 'After',
      channel: 'Channel',
      step: 'Action',
      subject: 'Subject',
      message: 'Message',
      noSteps: 'No step in the sequence.',
      flow: 'Flow',
      owner: 'Owner',
    },
    data: {
      variable: 'Variable',
      sources: 'Sources',
      usedBy: 'Used by',
      pii: 'Personal data',
      consentFor: 'Consent for',
      noSource: 'no source',
      gapsIntro: 'variable(s) without source',
      noGaps: 'Every variable has at least one source.',
      sourcesTitle: 'Data sources',
      sourceType: 'Type',
      variablesOf: 'Variables provided',
      unused: 'unused',
      lineage: 'Data lineage',
    },
    lint: {
      clean: 'No problem: the plan is consistent.',
      rule: 'Rule',
      severity: 'Severity',
      count: 'Count',
      error: 'error',
      warn: 'warning',
      where: 'Location',
      summary: 'Details by rule',
    },
    diagrams: {
      skipped: 'Diagram not included (report built with --no-diagrams).',
      unavailable: 'Diagram not available: no Chromium browser was found when the report was built.',
      failed: 'Diagram not available: rendering failed.',
    },
    yes: 'yes',
    none: '—',
  },
};

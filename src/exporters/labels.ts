import type { Locale } from '../model/types.js';

/** Sheet names and headers of the workbook in each locale (the French ones are the template's). */
export interface WorkbookLabels {
  sheets: {
    readme: string;
    matrix: string;
    useCases: string;
    scenarioMap: string;
    scenarioSpec: string;
    data: string;
  };
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

export const WORKBOOK_LABELS: Record<Locale, WorkbookLabels> = {
  fr: {
    sheets: {
      readme: 'Lisez-moi',
      matrix: 'Parcours client',
      useCases: "Cas d'usage",
      scenarioMap: 'Cartographie des scénarios',
      scenarioSpec: 'Spécification des scénarios',
      data: 'Besoins en données',
    },
    readme: {
      title: 'Plan relationnel omnicanal',
      workspace: 'Espace de travail',
      date: 'Date du plan',
      noDate: 'non renseignée (champ updated de omni.yaml)',
      contents: 'Onglets',
      tabs: {
        matrix: 'Matrice des points de contact : étapes du parcours en colonnes, canaux en lignes, couleur selon la légende.',
        useCases: "Cas d'usage qualifiés (impact business, impact expérience, difficulté) et classés par score de priorité.",
        scenarioMap: 'Scénarios par étape de la relation (colonnes) et par cible (lignes), avec leurs canaux.',
        scenarioSpec: 'Mécanique de chaque scénario par programme : déclencheur, critères de sortie, objectif, séquence de messages.',
        data: 'Variables nécessaires à chaque scénario, leurs sources et le caractère personnel de la donnée.',
      },
      legend: 'Légende des couleurs',
      statusMeaning: {
        normal: 'le point de contact fonctionne bien',
        friction: 'irritant à corriger',
        opportunity: 'point de contact à développer pour relier les canaux',
      },
      lint: 'Contrôles (omni lint)',
      lintClean: 'Aucun problème détecté.',
      errors: 'Erreurs',
      warnings: 'Avertissements',
      rule: 'Règle',
      severity: 'Gravité',
      count: 'Nombre',
      error: 'erreur',
      warn: 'avertissement',
      dataSheet:
        "La feuille masquée « omni » contient les identifiants et tous les champs du modèle : elle permet de réimporter ce classeur sans perte (omni import). Ne la modifiez pas.",
      templateNote:
        "Modèle vierge : remplissez les cinq onglets (une étape par colonne, un canal par ligne, la couleur de chaque point de contact selon la légende ; une ligne par cas d'usage, par étape de scénario, par variable ; plusieurs valeurs dans une cellule : une par ligne), puis omni import --xlsx ce-fichier.xlsx --out mon-plan.",
    },
    matrix: { title: 'Parcours client', corner: 'Canal \\ Étape' },
    useCases: {
      title: "Cas d'usage",
      category: 'Catégorie',
      objective: 'Objectif',
      useCase: "Cas d'usage",
      touchpoints: 'Points de contact',
      business: 'Impact business',
      experience: 'Impact expérience client',
      difficulty: 'Difficulté',
      score: 'Score de priorité',
      rank: 'Rang',
      manual: 'Rang fixé',
    },
    scenarioMap: { title: 'Cartographie des scénarios', corner: 'Cible \\ Étape' },
    scenarioSpec: {
      title: 'Spécification des scénarios',
      program: 'Programme',
      scenario: 'Scénario',
      useCases: "Cas d'usage",
      target: 'Cible',
      triggerType: 'Type de déclencheur',
      triggerEvent: 'Déclencheur',
      exit: 'Critères de sortie',
      goal: 'Objectif',
      after: 'Délai',
      channel: 'Canal',
      stepName: 'Action',
      subject: 'Objet',
      message: 'Message',
      stepDescription: "Détail de l'action",
      unknownProgram: 'Programme inconnu',
    },
    data: {
      title: 'Besoins en données',
      scenario: 'Scénario',
      description: 'Description',
      variable: 'Variable',
      sources: 'Sources',
      pii: 'Donnée personnelle',
      yes: 'Oui',
      no: 'Non',
      noSource: 'Aucune source',
      unused: 'Variables sans scénario',
    },
  },
  en: {
    sheets: {
      readme: 'Read me',
      matrix: 'Customer journey',
      useCases: 'Use cases',
      scenarioMap: 'Scenario map',
      scenarioSpec: 'Scenario specification',
      data: 'Data requirements',
    },
    readme: {
      title: 'Omnichannel relationship plan',
      workspace: 'Workspace',
      date: 'Plan date',
      noDate: 'not set (updated field of omni.yaml)',
      contents: 'Tabs',
      tabs: {
        matrix: 'Touchpoint matrix: journey stages as columns, channels as rows, coloured as in the legend.',
        useCases: 'Use cases rated (business impact, experience impact, difficulty) and ranked by priority score.',
        scenarioMap: 'Scenarios per lifecycle stage (columns) and target (rows), with their channels.',
        scenarioSpec: 'How each scenario works, by programme: trigger, exit criteria, goal, message sequence.',
        data: 'Variables each scenario needs, their sources and whether they are personal data.',
      },
      legend: 'Colour legend',
      statusMeaning: {
        normal: 'the touchpoint works well',
        friction: 'an irritant to fix',
        opportunity: 'a touchpoint to develop to connect channels',
      },
      lint: 'Checks (omni lint)',
      lintClean: 'No problem found.',
      errors: 'Errors',
      warnings: 'Warnings',
      rule: 'Rule',
      severity: 'Severity',
      count: 'Count',
      error: 'error',
      warn: 'warning',
      dataSheet:
        'The hidden sheet "omni" holds the ids and every field of the model, so that this workbook re-imports losslessly (omni import). Do not edit it.',
      templateNote:
        'Blank template: fill in the five tabs (one stage per column, one channel per row, each touchpoint coloured as in the legend; one row per use case, per scenario step, per variable; several values in a cell: one per line), then omni import --xlsx this-file.xlsx --out my-plan.',
    },
    matrix: { title: 'Customer journey', corner: 'Channel \\ Stage' },
    useCases: {
      title: 'Use cases',
      category: 'Category',
      objective: 'Objective',
      useCase: 'Use case',
      touchpoints: 'Touchpoints',
      business: 'Business impact',
      experience: 'Customer-experience impact',
      difficulty: 'Difficulty',
      score: 'Priority score',
      rank: 'Rank',
      manual: 'Fixed rank',
    },
    scenarioMap: { title: 'Scenario map', corner: 'Target \\ Stage' },
    scenarioSpec: {
      title: 'Scenario specification',
      program: 'Programme',
      scenario: 'Scenario',
      useCases: 'Use cases',
      target: 'Target',
      triggerType: 'Trigger type',
      triggerEvent: 'Trigger',
      exit: 'Exit criteria',
      goal: 'Goal',
      after: 'Delay',
      channel: 'Channel',
      stepName: 'Action',
      subject: 'Subject',
      message: 'Message',
      stepDescription: 'Action details',
      unknownProgram: 'Unknown programme',
    },
    data: {
      title: 'Data requirements',
      scenario: 'Scenario',
      description: 'Description',
      variable: 'Variable',
      sources: 'Sources',
      pii: 'Personal data',
      yes: 'Yes',
      no: 'No',
      noSource: 'No source',
      unused: 'Variables not used by a scenario',
    },
  },
};

/** Name of the hidden sheet that carries ids and every field, for a lossless re-import. */
export const DATA_SHEET = 'omni';
/** First cell of the data sheet: identifies an omni workbook and its layout version. */
export const DATA_MARKER = 'omni-workbook/1';

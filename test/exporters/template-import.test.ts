import { describe, expect, test } from 'vitest';
import { importWorkbook, WorkbookError } from '../../src/exporters/import-workbook.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { slugify } from '../../src/exporters/template-import.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { handFilledTemplate } from '../fixtures/xlsx/hand-filled.js';
import { importToFolder } from './helpers.js';
import ExcelJS from 'exceljs';

describe('import of a hand-filled template (no ids, no data sheet)', () => {
  test('imports every entity, with ids derived from names, and warns with sheet and cell', async () => {
    const { dir, result } = await importToFolder(await handFilledTemplate());
    expect(result.from).toBe('template');
    expect(result.warnings).toEqual([
      'Parcours client!C9: fill colour 7030A0 is not in the legend; status set to normal',
      'Cas d\'usage!H3: unknown column "Budget"; its 1 value is not imported',
      'Cas d\'usage!D5: touchpoint "Programme VIP" is not in the matrix; link not imported',
      'Cas d\'usage!G5: difficulty score "difficile" is not a whole number from 1 to 5; set to 3',
      'Spécification des scénarios!I4: channel "SMS" is not a row of the matrix; added as a channel',
      'Cartographie des scénarios!D5: scenario "Anniversaire" is on the map but not in Spécification des scénarios; imported without a specification',
      'Cartographie des scénarios!D5: scenario "Anniversaire" has no programme; put in "Programme inconnu"',
      'Cartographie des scénarios!D5: trigger type is empty; set to behavior',
      'Cartographie des scénarios!D5: scenario "Anniversaire" has no trigger; event set to "anniversaire"',
    ]);
    // In French (the run's language: --locale fr or a French workspace), the same warnings, same places.
    expect(importWorkbook(await readXlsx(await handFilledTemplate()), { locale: 'fr' }).warnings).toEqual([
      'Parcours client!C9: la couleur de fond 7030A0 n’est pas dans la légende ; statut mis à normal',
      "Cas d'usage!H3: colonne inconnue « Budget » ; sa valeur (1) n’est pas importée",
      "Cas d'usage!D5: le point de contact « Programme VIP » n’est pas dans la matrice ; lien non importé",
      "Cas d'usage!G5: la note difficulty « difficile » n’est pas un nombre entier de 1 à 5 ; mise à 3",
      'Spécification des scénarios!I4: le canal « SMS » n’est pas une ligne de la matrice ; ajouté comme canal',
      'Cartographie des scénarios!D5: le scénario « Anniversaire » est sur la cartographie mais pas dans Spécification des scénarios ; importé sans spécification',
      'Cartographie des scénarios!D5: le scénario « Anniversaire » n’a pas de programme ; placé dans « Programme inconnu »',
      'Cartographie des scénarios!D5: le type de déclencheur est vide ; mis à behavior',
      'Cartographie des scénarios!D5: le scénario « Anniversaire » n’a pas de déclencheur ; événement mis à « anniversaire »',
    ]);
    const { sections, settings } = result;
    expect(settings).toEqual({ name: 'Boutique Dupont', locale: 'fr' });
    expect(sections.stages.map((s) => s.id)).toEqual(['je-me-renseigne', 'j-achete', 'je-reviens']);
    expect(sections.channels.map((c) => c.id)).toEqual(['site-web', 'email', 'magasin', 'sms']);
    // The merged channel cell covers both rows of Site web; the empty row 7 is skipped.
    expect(sections.touchpoints.map((t) => [t.name, t.channel, t.stage, t.status])).toEqual([
      ['Fiches produits', 'site-web', 'je-me-renseigne', 'normal'],
      ['Tunnel de paiement', 'site-web', 'j-achete', 'friction'],
      ['Guide des tailles', 'site-web', 'je-me-renseigne', 'opportunity'],
      ['Confirmation de commande', 'email', 'j-achete', 'normal'],
      ['Relance panier', 'email', 'je-reviens', 'opportunity'],
      ['Vitrine', 'magasin', 'je-me-renseigne', 'normal'],
      ['Caisse', 'magasin', 'j-achete', 'normal'],
      ['Carte fidélité', 'magasin', 'je-reviens', 'opportunity'],
    ]);
    // The merged category cell gives both use cases their category.
    expect(sections.useCases).toEqual([
      {
        id: 'relancer-les-paniers-abandonnes',
        name: 'Relancer les paniers abandonnés',
        category: 'Conversion',
        objective: 'Relancer',
        touchpoints: ['relance-panier'],
        scores: { business: 5, experience: 4, difficulty: 2 },
      },
      {
        id: 'carte-fidelite-dematerialisee',
        name: 'Carte fidélité dématérialisée',
        category: 'Conversion',
        objective: 'Fidéliser',
        touchpoints: ['carte-fidelite'],
        scores: { business: 3, experience: 4, difficulty: 3 },
      },
      {
        id: 'simplifier-le-paiement',
        name: 'Simplifier le paiement',
        category: 'Service',
        objective: 'Satisfaction',
        touchpoints: ['tunnel-de-paiement'],
        scores: { business: 4, experience: 5, difficulty: 3 },
      },
    ]);
    const cart = sections.scenarios.find((s) => s.id === 'relance-panier-abandonne')!;
    expect(cart).toMatchObject({
      program: 'conversion',
      lifecycle: 'activation',
      target: 'tous-les-contacts',
      trigger: { type: 'behavior', event: 'cart_abandoned' },
      exit: ['order_placed'],
      goal: 'Commande',
      description: 'Relance après un panier abandonné',
      variables: ['prenom', 'articles-du-panier'],
      steps: [
        { after: 'J+1', channel: 'email', subject: 'Votre panier vous attend', message: 'Bonjour {{first_name}}' },
        { after: 'J+3', channel: 'sms', message: '-10 % avec le code RELANCE' },
      ],
    });
    const welcome = sections.scenarios.find((s) => s.id === 'bienvenue')!;
    expect(welcome).toMatchObject({
      program: 'activation',
      lifecycle: 'bienvenue',
      trigger: { type: 'event', event: 'account_created' },
      variables: ['prenom', 'magasin-prefere'],
    });
    expect(welcome.steps).toEqual([{ after: '0', channel: 'email', subject: 'Bienvenue !', message: '=HYPERLINK("http://evil")' }]);
    expect(sections.variables).toEqual([
      { id: 'prenom', name: 'Prénom', sources: ['crm'], pii: true },
      { id: 'articles-du-panier', name: 'Articles du panier', sources: ['e-commerce', 'crm'] },
      { id: 'magasin-prefere', name: 'Magasin préféré', sources: [] },
    ]);
    // The files load without a YAML or schema problem.
    const workspace = await loadWorkspace(dir);
    expect(workspace.diagnostics).toEqual([]);
    expect(workspace.model.scenarios).toHaveLength(3);
  });

  test('a workbook without the template sheets is refused, naming what is missing', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Parcours client');
    workbook.addWorksheet('Feuille 2');
    const read = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(() => importWorkbook(read)).toThrow(WorkbookError);
    expect(() => importWorkbook(read)).toThrow(
      'sheets "Cas d\'usage" (or "Use cases"), "Cartographie des scénarios" (or "Scenario map"), "Spécification des scénarios" (or "Scenario specification"), "Besoins en données" (or "Data requirements") not found in the workbook (its sheets: "Parcours client", "Feuille 2")',
    );
  });

  test('a note under no header is reported, unless its column is hidden (omni’s row keys, a helper someone hid)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await handFilledTemplate()) as unknown as ArrayBuffer);
    const useCases = workbook.getWorksheet("Cas d'usage")!;
    useCases.getCell('J4').value = 'à revoir';
    useCases.getCell('K4').value = 'relance-panier';
    useCases.getColumn(11).hidden = true;
    const result = importWorkbook(await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer())));
    const underNoHeader = result.warnings.filter((warning) => warning.includes('without a header'));
    expect(underNoHeader).toEqual(['Cas d\'usage!J4: "à revoir" is in a column without a header; not imported']);
  });

  test('a plan whose title names none is named in the workbook’s language', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await handFilledTemplate()) as unknown as ArrayBuffer);
    workbook.getWorksheet('Parcours client')!.getCell('A1').value = 'Parcours';
    const read = await readXlsx(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(importWorkbook(read).settings).toEqual({ name: 'Classeur importé', locale: 'fr' });
  });

  test('ids are ASCII slugs of names', () => {
    expect(slugify("J'achète en magasin")).toBe('j-achete-en-magasin');
    expect(slugify('  Œuvre — Été 2026 ')).toBe('uvre-ete-2026');
  });
});

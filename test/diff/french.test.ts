import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { omniInItsLanguage } from '../cli/helpers.js';

/**
 * Issue 9: `omni diff` speaks the workspace's language in every format. Two copies of
 * examples/maison-lumen (locale: fr), the second with a stage added, a touchpoint turned
 * into an opportunity (a matrix cell and a warning) and a scenario step edited with an
 * unknown variable (an error): French in text and Markdown, English with --locale en.
 */
describe('omni diff on a French workspace', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'omni-diff-fr-'));
    const example = path.join(import.meta.dirname, '../../examples/maison-lumen');
    cpSync(example, path.join(dir, 'a'), { recursive: true });
    cpSync(example, path.join(dir, 'b'), { recursive: true });
    const edit = (file: string, from: string, to: string) => {
      const text = readFileSync(path.join(dir, 'b', file), 'utf8');
      expect(text).toContain(from);
      writeFileSync(path.join(dir, 'b', file), text.replace(from, to));
    };
    edit('scenarios/alerte-stock.yaml', '      - preferred_store\n', '      - preferred_store\n      - gift_wrap\n');
    edit('scenarios/alerte-stock.yaml', '      - after: 12h\n        channel: push', '      - after: 6h\n        channel: push');
    edit(
      'matrix.yaml',
      '    description: Montage, pièce manquante, casse, retard, retour produit.\n',
      '    description: Montage, pièce manquante, casse, retard, retour produit.\n  - id: conseil\n    name: Je demande conseil\n',
    );
    edit('matrix.yaml', '    stage: renseignement\n    channel: site\n    status: normal', '    stage: renseignement\n    channel: site\n    status: opportunity');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const omni = async (args: string[]) => {
    const { code: status, stdout, stderr } = await omniInItsLanguage(args, dir);
    return { stdout, stderr, status };
  };

  it('text: every heading, summary and change reads in French', async () => {
    const result = await omni(['diff', '--from', 'a', '--to', 'b']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      [
        'omni diff a → b',
        '1 ajout · 2 modifications · 1 case de la matrice · problèmes introduits : 1 erreur, 1 avertissement',
        '',
        'Étapes',
        '  + étape conseil (Je demande conseil)',
        '',
        'Points de contact',
        '  ~ point de contact site-inspiration : status normal → opportunity',
        '',
        'Scénarios',
        '  ~ scénario alerte-stock : variables +gift_wrap; étape 2 after 12h → 6h',
        '',
        'Cases de la matrice',
        '  Je me renseigne × Site web : normal + opportunity → opportunity',
        '',
        'Problèmes introduits',
        '  ✖ avertissement point de contact site-inspiration : l’opportunité « site-inspiration » n’est traitée par aucun cas d’usage opportunity-without-use-case',
        '  ✖ erreur scénario alerte-stock : référence inconnue : variable « gift_wrap » unknown-reference',
      ].join('\n') + '\n',
    );
  });

  it('Markdown: the tables, the summaries of each fold and the items read in French', async () => {
    const result = await omni(['diff', '--from', 'a', '--to', 'b', '--format', 'markdown']);
    expect(result.status).toBe(0);
    const [reviewed, flows] = result.stdout.split('<details>\n<summary>Déroulés des scénarios : 1</summary>');
    expect(reviewed).toBe(
      [
        '### omni diff : a → b',
        '',
        '| | Ajouts | Suppressions | Renommages | Modifications |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| Étapes | 1 | 0 | 0 | 0 |',
        '| Points de contact | 0 | 0 | 0 | 1 |',
        '| Scénarios | 0 | 0 | 0 | 1 |',
        '',
        '| À revoir | Nombre |',
        '| --- | ---: |',
        '| Cases de la matrice dont le statut change | 1 |',
        '| Cas d’usage dont le rang de priorité change | 0 |',
        '| Problèmes introduits (erreurs / avertissements) | 1 / 1 |',
        '| Problèmes corrigés (erreurs / avertissements) | 0 / 0 |',
        '',
        '**Ce changement introduit 1 erreur de lint.**',
        '',
        '<details>',
        '<summary>Problèmes : introduits 2, corrigés 0</summary>',
        '',
        '**Introduits**',
        '',
        '| Gravité | Règle | Élément | Problème | Où |',
        '| --- | --- | --- | --- | --- |',
        '| avertissement | `opportunity-without-use-case` | point de contact site-inspiration | l’opportunité « site-inspiration » n’est traitée par aucun cas d’usage | matrix.yaml:77 |',
        '| erreur | `unknown-reference` | scénario alerte-stock | référence inconnue : variable « gift\\_wrap » | scenarios/alerte-stock.yaml:24 |',
        '',
        '</details>',
        '',
        '<details>',
        '<summary>Changements du parcours : 3</summary>',
        '',
        '**Étapes**',
        '',
        '- ajout : étape `conseil` Je demande conseil',
        '',
        '**Points de contact**',
        '',
        '- modification : point de contact `site-inspiration` : status `normal` → `opportunity`',
        '',
        '**Scénarios**',
        '',
        '- modification : scénario `alerte-stock` : variables +`gift_wrap`; étape 2 after `12h` → `6h`',
        '',
        '</details>',
        '',
        '<details>',
        '<summary>Cases de la matrice : 1</summary>',
        '',
        '| Étape | Canal | Avant | Après |',
        '| --- | --- | --- | --- |',
        '| Je me renseigne | Site web | normal + opportunity | opportunity |',
        '',
        '</details>',
      ].join('\n') + '\n\n',
    );
    expect(flows).toContain('**`alerte-stock` Alerte retour en stock**');
  });

  it('--locale en: the same diff in English, the findings of the plan in its own language', async () => {
    const result = await omni(['diff', '--from', 'a', '--to', 'b', '--locale', 'en']);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual(['omni diff a → b', '1 added · 2 changed · 1 matrix cell · gaps introduced: 1 error, 1 warning']);
    expect(result.stdout).toContain('\nStages\n  + stage conseil (Je demande conseil)\n');
    expect(result.stdout).toContain('  ~ scenario alerte-stock: variables +gift_wrap; step 2 after 12h → 6h\n');
    const markdown = await omni(['diff', '--from', 'a', '--to', 'b', '--format', 'markdown', '--locale', 'en']);
    expect(markdown.stdout).toContain('| | Added | Removed | Renamed | Changed |\n');
    expect(markdown.stdout).toContain('**This change introduces 1 lint error.**');
  });

  it('no change: one French sentence', async () => {
    const result = await omni(['diff', '--from', 'a', '--to', 'a', '--format', 'markdown']);
    expect(result.stdout).toBe('### omni diff : a → a\nAucun changement du parcours.\n');
  });
});

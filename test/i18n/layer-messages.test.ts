import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { omniInItsLanguage } from '../cli/helpers.js';
import { WorkbookError } from '../../src/exporters/import-workbook.js';
import { ZipLimitError } from '../../src/exporters/zip-budget.js';
import { DiagramLimitError } from '../../src/renderers/limits.js';
import { handFilledTemplate } from '../fixtures/xlsx/hand-filled.js';

/**
 * The layers below the CLI name their errors (a WordedError: a message id and data, or a
 * finding's messageId); the CLI words them in the run's language. A French workspace gets
 * French, `--locale en` the English that other tests assert byte for byte.
 */
describe('errors and findings of every layer follow the language of messages', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'omni-layer-locale-'));
    mkdirSync(path.join(dir, 'ws'));
    writeFileSync(path.join(dir, 'ws/omni.yaml'), 'locale: fr\n');
    writeFileSync(path.join(dir, 'ws/plan.yaml'), 'stages:\n  - { id: discover, name: Découvrir }\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const omni = async (args: string[]) => {
    const { code: status, stdout, stderr } = await omniInItsLanguage(args, dir);
    return { stdout, stderr, status };
  };

  it('a rule option that is wrong, and a YAML syntax error (lint, in the workspace language)', async () => {
    writeFileSync(path.join(dir, 'ws/omni.yaml'), 'locale: fr\nrules:\n  email-subject-length: [warn, { maxLength: 0 }]\n');
    writeFileSync(path.join(dir, 'ws/bad.yaml'), 'stages:\n  - id: a\n   name: b\n');
    const french = (await omni(['lint', 'ws'])).stdout.split('\n');
    expect(french).toContain('  3:4  erreur  mauvaise indentation d’une entrée de liste (indentez name: de 4 espaces, comme id: ligne 2)  yaml-syntax');
    expect(french).toContain(
      '  3:45  erreur  option « maxLength » de la règle « email-subject-length » : doit valoir au moins 1 (voir docs/rules/email-subject-length.md)  schema',
    );
    const english = (await omni(['lint', 'ws', '--locale', 'en'])).stdout.split('\n');
    expect(english).toContain('  3:4  error  bad indentation of a sequence entry (indent name: by 4 spaces, like id: on line 2)  yaml-syntax');
    expect(english).toContain('  3:45  error  option "maxLength" of rule "email-subject-length" must be at least 1 (see docs/rules/email-subject-length.md)  schema');
  });

  it('omni rules lists the built-in rules in the workspace language, or --locale', async () => {
    const french = await omni(['rules', 'ws']);
    expect(french.stdout.split('\n')[0]).toBe(
      'yaml-syntax                   error  Un fichier n’est pas du YAML valide (ou pas en UTF-8, trop gros, ou une bombe d’alias).',
    );
    const english = await omni(['rules', 'ws', '--locale', 'en']);
    expect(english.stdout.split('\n')[0]).toBe('yaml-syntax                   error  A file is not valid YAML (or not UTF-8, too large, or an alias bomb).');
    type Listed = { id: string; description: string; options?: Record<string, { description: string }> };
    const json = JSON.parse((await omni(['rules', 'ws', '--format', 'json'])).stdout) as Listed[];
    expect(json.find((rule) => rule.id === 'empty-sequence')?.description).toBe('Un scénario n’a aucune étape.');
    // Option descriptions too, the list of sections filled in.
    expect(json.find((rule) => rule.id === 'sms-length')?.options?.maxSegments?.description).toBe('Nombre maximal de segments d’un SMS.');
    expect(json.find((rule) => rule.id === 'missing-owner')?.options?.sections?.description).toMatch(
      /^Sections dont les entités doivent avoir un responsable, parmi stages, channels, .*, personas\.$/,
    );
    const inEnglish = JSON.parse((await omni(['rules', 'ws', '--format', 'json', '--locale', 'en'])).stdout) as Listed[];
    expect(inEnglish.find((rule) => rule.id === 'sms-length')?.options?.maxSegments?.description).toBe('Most segments an SMS may take.');
  });

  it('git errors (omni diff outside a repository)', async () => {
    expect(await omni(['diff', '--workspace', 'ws'])).toEqual({
      status: 2,
      stdout: '',
      stderr: `omni: pas un dépôt git : ${path.join(dir, 'ws')}\n  lancez omni diff dans un dépôt git, ou comparez deux dossiers avec --from DIR --to DIR\n`,
    });
    expect((await omni(['diff', '--workspace', 'ws', '--locale', 'en'])).stderr).toBe(
      `omni: not a git repository: ${path.join(dir, 'ws')}\n  run omni diff inside a git repository, or compare two folders with --from DIR --to DIR\n`,
    );
  });

  it('the diff names the working tree in the workspace language', async () => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'plan');
    const french = await omni(['diff', '--workspace', 'ws']);
    expect(french.stdout.split('\n')[0]).toMatch(/^omni diff merge-base\(main, HEAD\) \([0-9a-f]{7}\) → arbre de travail$/);
    const english = await omni(['diff', '--workspace', 'ws', '--locale', 'en']);
    expect(english.stdout.split('\n')[0]).toMatch(/^omni diff merge-base\(main, HEAD\) \([0-9a-f]{7}\) → working tree$/);
  });

  it('a browser that is not there (omni render --format svg)', async () => {
    const french = await omni(['render', 'ws', '--out', 'out', '--format', 'svg', '--browser', '/nope']);
    expect(french).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'omni: --browser /nope : aucun exécutable à cet endroit\n' +
        '  installez-en un (Debian/Ubuntu : `apt-get install chromium` ; macOS : installez Google Chrome) ou passez --browser CHEMIN / définissez PUPPETEER_EXECUTABLE_PATH\n',
    });
    expect((await omni(['render', 'ws', '--out', 'out', '--format', 'svg', '--browser', '/nope', '--locale', 'en'])).stderr).toBe(
      'omni: --browser /nope: no executable there\n' +
        '  install one (Debian/Ubuntu: `apt-get install chromium`; macOS: install Google Chrome) or pass --browser PATH / set PUPPETEER_EXECUTABLE_PATH\n',
    );
  });

  it('a file that is no workbook (omni import), and a channel id omni init refuses', async () => {
    expect((await omni(['import', '--xlsx', 'ws/plan.yaml', '--out', 'new', '--locale', 'fr'])).stderr).toBe(
      'omni: impossible de lire ws/plan.yaml comme un classeur .xlsx (pas une archive zip : fin du répertoire central introuvable)\n' +
        '  enregistrez-le au format .xlsx depuis Excel, LibreOffice ou Google Sheets\n',
    );
    expect((await omni(['import', '--xlsx', 'ws/plan.yaml', '--out', 'new'])).stderr).toBe(
      'omni: cannot read ws/plan.yaml as an .xlsx workbook (not a zip archive: end of central directory not found)\n' +
        '  save it from Excel, LibreOffice or Google Sheets as .xlsx\n',
    );
    expect(await omni(['init', 'starter', '--yes', '--channels', 'email,Fax', '--locale', 'fr'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'omni: identifiant de canal invalide : Fax\n  les identifiants sont faits de minuscules, chiffres, - et _ (par ex. whatsapp, call-center)\n',
    });
  });

  it('the warnings of a hand-filled template import (omni import), in the language asked for', async () => {
    writeFileSync(path.join(dir, 'template.xlsx'), await handFilledTemplate());
    const french = await omni(['import', '--xlsx', 'template.xlsx', '--out', 'fr', '--locale', 'fr']);
    expect(french.status).toBe(0);
    expect(french.stderr).toContain('Parcours client!C9: la couleur de fond 7030A0 n’est pas dans la légende ; statut mis à normal\n');
    const english = await omni(['import', '--xlsx', 'template.xlsx', '--out', 'en']);
    expect(english.stderr).toContain('Parcours client!C9: fill colour 7030A0 is not in the legend; status set to normal\n');
  });

  it('worded errors hold their English message and word themselves in French, nested reasons and sizes too', () => {
    const limit = new DiagramLimitError('programs.mmd', { messageId: 'tooManyLinks', data: { count: 401, budget: 400, max: 500 } });
    expect(limit.message).toBe("programs.mmd: the generated diagram is too large for Mermaid: 401 links, over omni's budget of 400 (Mermaid's maxEdges is 500)");
    expect(limit.messageIn('fr')).toBe(
      'programs.mmd : le diagramme produit est trop grand pour Mermaid : 401 liens, au-delà du budget d’omni de 400 (le maxEdges de Mermaid est 500)',
    );
    const zip = new ZipLimitError('zipPartTooLarge', {
      name: 'xl/sharedStrings.xml',
      size: { messageId: 'sizeMiB', data: { count: 500 } },
      max: { messageId: 'sizeMiB', data: { count: 384 } },
    });
    expect(zip.message).toBe('xl/sharedStrings.xml is 500 MiB uncompressed, over the 384 MiB a part may have');
    expect(zip.messageIn('fr')).toBe('xl/sharedStrings.xml fait 500 Mio décompressé, au-delà des 384 Mio permis à une partie');
    const sheets = new WorkbookError('sheetsNotFound', {
      count: 2,
      sheets: [
        { messageId: 'sheetEitherName', data: { first: 'Matrice', second: 'Matrix' } },
        { messageId: 'sheetEitherName', data: { first: 'Cas d’usage', second: 'Use cases' } },
      ],
      present: { messageId: 'noSheet' },
    });
    expect(sheets.message).toBe('sheets "Matrice" (or "Matrix"), "Cas d’usage" (or "Use cases") not found in the workbook (its sheets: none)');
    expect(sheets.messageIn('fr')).toBe('feuilles « Matrice » (ou « Matrix »), « Cas d’usage » (ou « Use cases ») introuvables dans le classeur (ses feuilles : aucune)');
  });
});

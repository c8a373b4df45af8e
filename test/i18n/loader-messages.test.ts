import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { omniInItsLanguage } from '../cli/helpers.js';

/**
 * src/loader says why it left a file out, or why it cannot read one, as data; the CLI words
 * it in the run's language (src/i18n/cli-*.ts, `loader`): a French workspace gets French
 * notices, `--locale en` the English ones, byte for byte those of test/cli/hostile-files.
 */
describe('loader notices and read errors follow the language of messages', () => {
  let dir: string;
  let ws: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'omni-loader-locale-'));
    ws = path.join(dir, 'ws');
    mkdirSync(ws);
    writeFileSync(path.join(dir, 'outside.yaml'), 'stages: []\n');
    writeFileSync(path.join(ws, 'plan.yaml'), 'stages:\n  - { id: discover, name: Découvrir }\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const omni = async (args: string[]) => {
    const { code: status, stdout, stderr } = await omniInItsLanguage(args, dir);
    return { stdout, stderr, status };
  };

  // FIFOs are test/cli/hostile-files.e2e's (spawned with a timeout): here, links, folders and patterns.
  it('notices: a link out of the workspace, a model-like file no include pattern matches', async () => {
    writeFileSync(path.join(ws, 'omni.yaml'), 'locale: fr\ninclude: ["plan.yaml"]\n');
    symlinkSync(path.join(dir, 'outside.yaml'), path.join(ws, 'linked.yaml'));
    writeFileSync(path.join(ws, 'extra.yml'), 'channels:\n  - id: web\n    name: Web\n');
    const french = await omni(['lint', 'ws']);
    expect(french.stderr).toBe(
      [
        'omni: remarque : ws/extra.yml : ressemble à un fichier du modèle mais ne correspond à aucun motif include d’omni.yaml : non lu',
        'omni: remarque : ws/linked.yaml : non suivi : un lien symbolique vers l’extérieur de l’espace de travail',
        '',
      ].join('\n'),
    );
    const english = await omni(['lint', 'ws', '--locale', 'en']);
    expect(english.stderr).toBe(
      [
        'omni: notice: ws/extra.yml: looks like a model file but matches no include pattern of omni.yaml: not read',
        'omni: notice: ws/linked.yaml: not followed: a symbolic link to outside the workspace',
        '',
      ].join('\n'),
    );
    expect([french.status, english.status]).toEqual([0, 0]);
  });

  it('notices: a folder with an omni.yaml of its own is another workspace (lint lints it on its own, without the notice)', async () => {
    writeFileSync(path.join(ws, 'omni.yaml'), 'locale: fr\n');
    mkdirSync(path.join(ws, 'team-b'));
    writeFileSync(path.join(ws, 'team-b/omni.yaml'), 'locale: fr\n');
    writeFileSync(path.join(ws, 'team-b/plan.yaml'), 'stages:\n  - { id: discover, name: Découvrir }\n');
    const out = path.join(dir, 'out');
    const french = await omni(['render', 'ws', '--out', out]);
    expect(french.stderr).toBe(
      [
        'omni: remarque : ws/team-b : un autre espace de travail (il a son propre omni.yaml) : ses fichiers ne sont pas lus avec celui-ci',
        `omni: 5 diagrammes et journey.md écrits dans ${out}`,
        '',
      ].join('\n'),
    );
    const english = await omni(['render', 'ws', '--out', out, '--locale', 'en']);
    expect(english.stderr.split('\n')[0]).toBe('omni: notice: ws/team-b: another workspace (it has an omni.yaml of its own): its files are not read as part of this one');
    // The two stages with one id: each workspace has its own, so no duplicate-id finding.
    expect(await omni(['lint', 'ws'])).toEqual({ status: 0, stdout: '', stderr: '' });
    // Linting one file of the outer workspace: the other workspace is not its business.
    expect(await omni(['lint', 'ws/plan.yaml'])).toEqual({ status: 0, stdout: '', stderr: '' });
    // A baseline belongs to one workspace: the nested one is named, not linted.
    const baseline = path.join(dir, 'baseline.json');
    expect(await omni(['lint', 'ws', '--update-baseline', baseline, '--locale', 'en'])).toEqual({
      status: 0,
      stdout: '',
      stderr: `${english.stderr.split('\n')[0]}\nomni: recorded 0 findings in ${baseline}; later runs with --baseline ${baseline} report only new ones\n`,
    });
  });

  it('read errors: omni.yaml as a folder', async () => {
    mkdirSync(path.join(ws, 'omni.yaml'));
    expect(await omni(['lint', 'ws', '--locale', 'fr'])).toEqual({
      status: 2,
      stdout: '',
      stderr: 'omni: impossible de lire ws/omni.yaml : c’est un dossier, pas un fichier ordinaire\n',
    });
    expect((await omni(['lint', 'ws'])).stderr).toBe('omni: cannot read ws/omni.yaml: it is a folder, not a regular file\n');
  });
});

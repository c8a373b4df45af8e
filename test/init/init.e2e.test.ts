import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { load } from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/errors.js';
import type { InitCommandOptions } from '../../src/cli/init.js';
import { projectInstall, runInit, type InitIo } from '../../src/cli/init-run.js';
import { BUILT_IN_CHANNELS as CHANNEL_IDS } from '../../src/init/starter.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';

const FILES = [
  'omni.yaml',
  'matrix.yaml',
  'use-cases.yaml',
  'programs.yaml',
  'data.yaml',
  'scenarios/welcome.yaml',
  'scenarios/post-purchase-feedback.yaml',
  'personas.yaml',
  '.gitignore',
  '.github/workflows/omni.yml',
  'README.md',
  // omni is not installed in these temporary folders: editors get a local copy of the schemas.
  '.omni/schemas/model.schema.json',
  '.omni/schemas/config.schema.json',
];
const bin = path.resolve('bin/omni.js');

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function temporaryFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'omni-init-'));
  folders.push(folder);
  return folder;
}

function quietIo(cwd: string, interactive = false): InitIo & { logged: () => string } {
  let logged = '';
  return { cwd, input: new PassThrough(), output: new PassThrough(), interactive, log: (text) => (logged += text), logged: () => logged };
}

async function init(dir: string, options: InitCommandOptions, io = quietIo(path.dirname(dir))) {
  return runInit(dir, options, '0.1.0', io);
}

async function lintDiagnostics(folder: string) {
  return (await lintWorkspace(await loadWorkspace(folder))).diagnostics;
}

const read = (folder: string, file: string) => readFileSync(path.join(folder, file), 'utf8');

describe('omni init --yes', () => {
  // Found by probing: `omni init /abs/plan` from elsewhere said "Created 13 files in ../../abs/plan".
  it('names a folder outside the current one by its absolute path', async () => {
    const root = temporaryFolder();
    const folder = path.join(root, 'elsewhere', 'plan');
    const io = quietIo(path.join(root, 'here'));
    mkdirSync(path.join(root, 'here'));
    await init(folder, { yes: true, locale: 'en' }, io);
    const shown = folder.split(path.sep).join('/');
    expect(io.logged().split('\n')[0]).toBe(`Created 13 files in ${shown}:`);
    expect(io.logged()).toContain(`Next: omni lint ${shown}\n`);
  });

  it.each(['fr', 'en'] as const)('creates a %s starter workspace with the recommended layout', async (locale) => {
    const folder = path.join(temporaryFolder(), 'plan');
    const io = quietIo(path.dirname(folder));
    expect(await init(folder, { yes: true, locale }, io)).toEqual(FILES);
    for (const file of FILES) expect(existsSync(path.join(folder, file))).toBe(true);
    expect(io.logged()).toBe(`Created 13 files in plan:\n${FILES.map((file) => `  ${file}\n`).join('')}Next: omni lint plan\n`);

    // Every workspace YAML file starts with a schema line that resolves to the local copy,
    // relative to the file itself, and the copy is the shipped schema.
    expect(read(folder, 'omni.yaml').split('\n')[0]).toBe('# yaml-language-server: $schema=./.omni/schemas/config.schema.json');
    for (const file of FILES.filter((name) => name.endsWith('.yaml') && name !== 'omni.yaml')) {
      const target = file.includes('/') ? '../.omni/schemas/model.schema.json' : './.omni/schemas/model.schema.json';
      expect(read(folder, file).split('\n')[0]).toBe(`# yaml-language-server: $schema=${target}`);
      expect(existsSync(path.resolve(folder, path.dirname(file), target))).toBe(true);
    }
    for (const kind of ['model', 'config']) {
      expect(JSON.parse(read(folder, `.omni/schemas/${kind}.schema.json`))).toEqual(JSON.parse(readFileSync(`schemas/${kind}.schema.json`, 'utf8')));
    }
    // No pointer to a file the user does not have: the docs are linked by URL.
    expect(read(folder, 'omni.yaml').split('\n')[1]).toMatch(/\((see|voir) https:\/\/github\.com\/omni-journey\/omni\/blob\/main\/docs\/format\.md\)\.$/);
    const settings = load(read(folder, 'omni.yaml')) as Record<string, unknown>;
    expect(settings).toEqual({ name: locale === 'fr' ? 'Plan relationnel omnicanal' : 'Omnichannel relationship plan', locale });
    const matrix = load(read(folder, 'matrix.yaml')) as { stages: { name: string }[]; channels: { id: string }[] };
    expect(matrix.stages[0]!.name).toBe(locale === 'fr' ? 'Je découvre' : 'I discover');
    expect(matrix.channels.map((channel) => channel.id)).toEqual(['web', 'email', 'store']);
    expect(read(folder, 'README.md')).toContain(locale === 'fr' ? 'Les fichiers de départ sont des exemples' : 'The starter files are examples');
    expect(read(folder, '.gitignore')).toMatch(/^out\/$/m);

    const workflow = load(read(folder, '.github/workflows/omni.yml')) as { jobs: { lint: { steps: { run?: string }[] } } };
    // The job installs nothing but omni (no browser): checkout, node, then omni lint.
    expect(workflow.jobs.lint.steps.map((step) => step.run ?? (step as { uses?: string }).uses)).toEqual([
      'actions/checkout@v6',
      'actions/setup-node@v6',
      'npx --yes --package=omni-journey@0.1.0 omni lint --format github',
    ]);

    expect(await lintDiagnostics(folder)).toEqual([]);
  });

  it('lints clean for every choice of channels', async () => {
    const choices = [...CHANNEL_IDS.map((id) => id), CHANNEL_IDS.join(','), 'store,call-center', 'sms,app', [...CHANNEL_IDS].reverse().join(',')];
    for (const channels of choices) {
      for (const locale of ['fr', 'en'] as const) {
        const folder = path.join(temporaryFolder(), 'plan');
        await init(folder, { yes: true, locale, channels });
        expect({ channels, locale, diagnostics: await lintDiagnostics(folder) }).toEqual({ channels, locale, diagnostics: [] });
      }
    }
  });

  it('asks nothing when stdin is no terminal, even without --yes', async () => {
    const folder = path.join(temporaryFolder(), 'plan');
    const io = quietIo(path.dirname(folder), false);
    await init(folder, {}, io);
    expect((io.output as PassThrough).read()).toBeNull();
    expect(load(read(folder, 'omni.yaml'))).toEqual({ name: 'Plan relationnel omnicanal', locale: 'fr' });
  });

  it('quotes names YAML would misread', async () => {
    const folder = path.join(temporaryFolder(), 'plan');
    await init(folder, { yes: true, name: 'Plan : 2027 # v2 {{x}}' });
    expect((load(read(folder, 'omni.yaml')) as { name: string }).name).toBe('Plan : 2027 # v2 {{x}}');
    expect(await lintDiagnostics(folder)).toEqual([]);
  });
});

describe('omni init on existing files', () => {
  it('refuses to overwrite, lists the files, and changes nothing', async () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'omni.yaml'), 'name: Ours\n');
    writeFileSync(path.join(folder, 'README.md'), '# Ours\n');
    const error = await init(folder, { yes: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe(`would overwrite 2 existing files in ${folder}: omni.yaml, README.md`);
    expect((error as CliError).hint).toBe('pass --force to replace them, or choose an empty folder');
    expect(read(folder, 'omni.yaml')).toBe('name: Ours\n');
    expect(existsSync(path.join(folder, 'matrix.yaml'))).toBe(false);
  });

  it('overwrites with --force', async () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'omni.yaml'), 'name: Ours\n');
    await init(folder, { yes: true, force: true, locale: 'en' });
    expect(load(read(folder, 'omni.yaml'))).toEqual({ name: 'Omnichannel relationship plan', locale: 'en' });
  });

  it('rejects invalid channel ids and a file given as folder', async () => {
    const folder = temporaryFolder();
    const error = await init(path.join(folder, 'plan'), { yes: true, channels: 'email,Fax,pigeon voyageur' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toBe('invalid channel ids: Fax, pigeon voyageur');
    expect((error as CliError).hint).toBe('ids are lower-case letters, digits, - and _ (e.g. whatsapp, call-center)');
    expect(existsSync(path.join(folder, 'plan'))).toBe(false);
    writeFileSync(path.join(folder, 'file'), '');
    await expect(init(path.join(folder, 'file'), { yes: true })).rejects.toThrow('not a folder');
  });
});

describe('omni init prompts on a terminal', () => {
  it('asks for locale, name and channels, and asks again after a wrong answer', async () => {
    const folder = path.join(temporaryFolder(), 'plan');
    const io = quietIo(path.dirname(folder), true);
    // Answers typed ahead of the questions are kept.
    (io.input as PassThrough).end('en\nRelationship plan 2027\nsms, Fax\nsms, email\n');
    await init(folder, {}, io);
    expect((io.output as PassThrough).read().toString()).toBe(
      'Locale of the starter content (fr/en) [fr]: ' +
        'Name of the plan [Omnichannel relationship plan]: ' +
        'Channels (web, email, sms, app, store, call-center, or your own ids) [web, email, store]: ' +
        '  invalid channel id: Fax (ids are lower-case letters, digits, - and _ (e.g. whatsapp, call-center))\n' +
        'Channels (web, email, sms, app, store, call-center, or your own ids) [web, email, store]: ',
    );
    expect(load(read(folder, 'omni.yaml'))).toEqual({ name: 'Relationship plan 2027', locale: 'en' });
    expect((load(read(folder, 'matrix.yaml')) as { channels: { id: string }[] }).channels.map((channel) => channel.id)).toEqual(['sms', 'email']);
    expect(await lintDiagnostics(folder)).toEqual([]);
  });

  it('keeps the defaults on Enter, and skips what the options gave', async () => {
    const folder = path.join(temporaryFolder(), 'plan');
    const io = quietIo(path.dirname(folder), true);
    (io.input as PassThrough).end('\n\n');
    await init(folder, { channels: 'store' }, io);
    expect((io.output as PassThrough).read().toString()).toBe('Locale of the starter content (fr/en) [fr]: Name of the plan [Plan relationnel omnicanal]: ');
    expect(load(read(folder, 'omni.yaml'))).toEqual({ name: 'Plan relationnel omnicanal', locale: 'fr' });
  });

  it('asks nothing with --yes on a terminal', async () => {
    const folder = path.join(temporaryFolder(), 'plan');
    const io = quietIo(path.dirname(folder), true);
    await init(folder, { yes: true, locale: 'en' }, io);
    expect((io.output as PassThrough).read()).toBeNull();
  });
});

describe('omni init through the built CLI', () => {
  it.each(['fr', 'en'])('creates a workspace that omni lint passes silently and omni render draws (%s)', (locale) => {
    const folder = path.join(temporaryFolder(), 'plan');
    const created = spawnSync('node', [bin, 'init', folder, '--yes', '--locale', locale], { encoding: 'utf8' });
    expect(created.stdout).toBe('');
    // init's messages speak the language of the workspace it creates (--locale).
    expect(created.stderr).toContain(locale === 'fr' ? '13 fichiers créés dans' : 'Created 13 files in');
    expect(created.status).toBe(0);
    const lint = spawnSync('node', [bin, 'lint', folder], { encoding: 'utf8' });
    expect({ status: lint.status, stdout: lint.stdout, stderr: lint.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    const render = spawnSync('node', [bin, 'render', folder, '--out', path.join(folder, 'out')], { encoding: 'utf8' });
    expect(render.status).toBe(0);
    expect(readFileSync(path.join(folder, 'out/scenarios/welcome.mmd'), 'utf8')).toMatch(/^flowchart LR\n/);
    expect(existsSync(path.join(folder, 'out/scenarios/post-purchase-feedback.mmd'))).toBe(true);
  });

  it('exits 2 with one line when files exist', () => {
    const folder = temporaryFolder();
    writeFileSync(path.join(folder, 'omni.yaml'), 'name: Ours\n');
    const result = spawnSync('node', [bin, 'init', folder, '--yes'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`omni: would overwrite 1 existing file in ${folder}: omni.yaml\n  pass --force to replace them, or choose an empty folder\n`);
  });
});

describe("omni init with channels of the team's own", () => {
  it('accepts any valid id, with a name from the id and a type from its words', async () => {
    const folder = path.join(temporaryFolder(), 'plan');
    await init(folder, { yes: true, locale: 'en', channels: 'whatsapp,email,boutique-paris,call_back' });
    const matrix = load(read(folder, 'matrix.yaml')) as { channels: unknown[]; touchpoints: { id: string; name: string }[] };
    expect(matrix.channels).toEqual([
      { id: 'whatsapp', name: 'Whatsapp', type: 'online' },
      { id: 'email', name: 'Email', type: 'online', requiresConsent: true },
      { id: 'boutique-paris', name: 'Boutique paris', type: 'offline' },
      { id: 'call_back', name: 'Call back', type: 'offline' },
    ]);
    expect(matrix.touchpoints.map((touchpoint) => `${touchpoint.id}: ${touchpoint.name}`)).toEqual([
      'whatsapp-discover: First contact through Whatsapp',
      'email-signup: Sign-up confirmation email',
      'boutique-paris-discover: First contact through Boutique paris',
      'call_back-discover: First contact through Call back',
    ]);
    expect(await lintDiagnostics(folder)).toEqual([]);
  });

  it('lints clean in French with only unknown channels', async () => {
    const folder = path.join(temporaryFolder(), 'plan');
    await init(folder, { yes: true, locale: 'fr', channels: 'whatsapp' });
    const welcome = load(read(folder, 'scenarios/welcome.yaml')) as { scenarios: { steps: unknown[] }[] };
    expect(welcome.scenarios[0]!.steps).toEqual([{ after: '0', channel: 'whatsapp', name: 'Message de bienvenue sur Whatsapp' }]);
    expect(await lintDiagnostics(folder)).toEqual([]);
  });
});

describe('omni init inside a git repository', () => {
  function repository(): string {
    const root = temporaryFolder();
    const git = spawnSync('git', ['init', '--quiet', root], { encoding: 'utf8' });
    expect(git.status, git.stderr).toBe(0);
    return root;
  }

  it('without a terminal, writes the workflow at the repository root, linting the workspace folder', async () => {
    const root = repository();
    const io = quietIo(root);
    const files = await init(path.join(root, 'plans/crm'), { yes: true, locale: 'en' }, io);
    expect(files).toContain('../../.github/workflows/omni.yml');
    expect(existsSync(path.join(root, 'plans/crm/.github'))).toBe(false);
    const workflow = load(read(root, '.github/workflows/omni.yml')) as { jobs: { lint: { steps: { run?: string }[] } } };
    expect(workflow.jobs.lint.steps.at(-1)!.run).toBe('npx --yes --package=omni-journey@0.1.0 omni lint plans/crm --format github');
    expect(io.logged()).toContain('\nThe CI workflow lints plans/crm from the repository root (GitHub runs workflows only from there).\nNext: omni lint plans/crm\n');
    expect(read(root, 'plans/crm/README.md')).toContain('Every pull request is checked by the `.github/workflows/omni.yml` workflow at the root of\nthe repository');
  });

  it('on a terminal, asks; "n" keeps the workflow in the workspace with a warning', async () => {
    const root = repository();
    const io = quietIo(root, true);
    (io.input as PassThrough).end('en\n\n\nn\n');
    await init(path.join(root, 'plan'), {}, io);
    expect((io.output as PassThrough).read().toString()).toMatch(
      /The workspace is in plan\/ of a git repository; GitHub runs workflows only from the root\. Write the CI workflow to \.github\/workflows\/omni\.yml at the root of the repository \[y\]: $/,
    );
    expect(existsSync(path.join(root, '.github'))).toBe(false);
    expect(existsSync(path.join(root, 'plan/.github/workflows/omni.yml'))).toBe(true);
    expect(io.logged()).toContain('warning: plan/.github/workflows/omni.yml is below the repository root: GitHub will not run it until it moves to the root.\n');
    expect(read(root, 'plan/README.md')).toContain('workflow in this folder checks every pull request once it\nis moved to the root of the repository');
    expect(read(root, 'plan/README.md')).not.toContain('at the root of\nthe repository: problems show up');
  });

  it('on a terminal, Enter writes it at the root; an existing root workflow is not overwritten', async () => {
    const root = repository();
    const io = quietIo(root, true);
    (io.input as PassThrough).end('en\n\n\n\n');
    await init(path.join(root, 'plan'), {}, io);
    expect(existsSync(path.join(root, '.github/workflows/omni.yml'))).toBe(true);
    const again = await init(path.join(root, 'other'), { yes: true }, quietIo(root)).catch((caught: unknown) => caught);
    expect((again as CliError).message).toBe(`would overwrite 1 existing file in ${path.join(root, 'other')}: ../.github/workflows/omni.yml`);
  });

  it('at the root of the repository, changes nothing about the workflow', async () => {
    const root = repository();
    const io = quietIo(root);
    await init(root, { yes: true }, io);
    expect(read(root, '.github/workflows/omni.yml')).toContain('omni lint --format github');
    expect(io.logged()).not.toContain('repository root');
  });
});

describe('where the schema line points', () => {
  it('into node_modules when omni is installed in a project holding the workspace', () => {
    const install = path.join('/work', 'team', 'node_modules', 'omni-journey');
    expect(projectInstall('/work/team/plan', install)).toBe(install);
    expect(projectInstall('/work/team', install)).toBe(install);
    // Not for another project, npx's cache, a global install or a clone of omni.
    expect(projectInstall('/work/other/plan', install)).toBeUndefined();
    expect(projectInstall('/work/team/plan', '/root/.npm/_npx/0a1b/node_modules/omni-journey')).toBeUndefined();
    expect(projectInstall('/work/team/plan', '/usr/lib/node_modules/omni-journey')).toBeUndefined();
    expect(projectInstall('/work/team/plan', '/work/team/omni')).toBeUndefined();
  });
});

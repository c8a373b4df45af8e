import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffCommandOptions } from '../../src/cli/diff.js';
import { runDiff } from '../../src/cli/diff-run.js';
import { CliError } from '../../src/cli/errors.js';
import { buildRepo, edit, git, GIT_ENV, type TestRepo } from './repo.js';

const goldenFile = (name: string) => path.join(import.meta.dirname, 'golden', name);
const golden = (name: string) => readFileSync(goldenFile(name), 'utf8');
/** The golden output; UPDATE_GOLDEN=1 rewrites it from the actual one (review the git diff). */
function expectGolden(output: string, name: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenFile(name), output);
  expect(output).toBe(golden(name));
}

async function diff(cwd: string, base: string | undefined, head: string | undefined, options: Partial<DiffCommandOptions> = {}) {
  let output = '';
  const exitCode = await runDiff(base, head, { format: 'json', ...options }, { cwd, write: (text) => (output += text), color: false });
  return { exitCode, output };
}

async function diffError(cwd: string, base: string | undefined, head: string | undefined, options: Partial<DiffCommandOptions> = {}): Promise<CliError> {
  try {
    await diff(cwd, base, head, options);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
}

let repo: TestRepo;
const temporary: string[] = [];
beforeAll(() => {
  repo = buildRepo();
  temporary.push(repo.top);
});
afterAll(() => {
  for (const folder of temporary) rmSync(folder, { recursive: true, force: true });
});

describe('omni diff between two revisions', () => {
  it('writes the pull-request comment in Markdown', async () => {
    const { output } = await diff(repo.plan, 'main', 'feature', { format: 'markdown' });
    expectGolden(output, 'feature.md');
  });

  it('writes the documented JSON', async () => {
    const { output } = await diff(repo.plan, 'main', 'feature', { format: 'json' });
    expectGolden(output, 'feature.json');
    expect(JSON.parse(output).version).toBe(1);
  });

  it('writes one line per change in the terminal', async () => {
    const { output } = await diff(repo.plan, 'main', 'feature', { format: 'text' });
    expectGolden(output, 'feature.txt');
  });

  it('colours the terminal text only when asked', async () => {
    let output = '';
    await runDiff('main', 'feature', { format: 'text' }, { cwd: repo.plan, write: (text) => (output += text), color: true });
    expect(output).toContain('\u001b[31mopportunity\u001b[39m → \u001b[32mnormal\u001b[39m');
    expect((await diff(repo.plan, 'main', 'feature', { format: 'text' })).output).not.toContain('\u001b[');
  });

  it('reports nothing between a revision and itself', async () => {
    const { output, exitCode } = await diff(repo.plan, 'feature', 'feature', { format: 'text', exitCode: true });
    expect(output).toBe('omni diff feature (6152d2c) → feature (6152d2c)\nNo change to the journey.\n');
    expect(exitCode).toBe(0);
  });

  it('matches gaps by rule, entity and message, not by line', async () => {
    const top = mkdtempSync(path.join(tmpdir(), 'omni-diff-lines-'));
    temporary.push(top);
    cpSync(path.resolve('examples/gaps'), top, { recursive: true });
    git(top, 'init', '-q', '-b', 'main');
    git(top, 'add', '.');
    git(top, 'commit', '-q', '-m', 'gaps');
    for (const file of ['data.yaml', 'matrix.yaml', 'plan.yaml', 'scenarios.yaml']) {
      writeFileSync(path.join(top, file), `# moved down\n\n\n${readFileSync(path.join(top, file), 'utf8')}`);
    }
    const { output } = await diff(top, 'main', undefined, { format: 'json' });
    const result = JSON.parse(output);
    expect(result.gaps).toEqual({ introduced: [], fixed: [] });
    expect(result.sections).toEqual([]);
  });
});

describe('omni diff defaults', () => {
  it('compares the merge-base with main against the working tree, without touching it', async () => {
    const file = path.join(repo.plan, 'matrix.yaml');
    const committed = readFileSync(file, 'utf8');
    try {
      edit(
        file,
        '    channel: reseaux-sociaux\n    status: opportunity\n  - id: magasin-showroom',
        '    channel: reseaux-sociaux\n    status: friction\n  - id: magasin-showroom',
      );
      const edited = readFileSync(file, 'utf8');
      const statusBefore = git(repo.top, 'status', '--porcelain');
      const headBefore = git(repo.top, 'rev-parse', 'HEAD');
      const { output } = await diff(repo.plan, undefined, undefined, { format: 'text' });
      expect(output.split('\n')[0]).toBe('omni diff merge-base(main, HEAD) (1314003) → working tree');
      expect(output).toContain('  ~ touchpoint reseaux-inspiration: status opportunity → friction\n');
      expect(output).toContain('  ~ touchpoint site-dispo-magasin: status opportunity → normal\n');
      expect(readFileSync(file, 'utf8')).toBe(edited);
      expect(git(repo.top, 'status', '--porcelain')).toBe(statusBefore);
      expect(git(repo.top, 'rev-parse', 'HEAD')).toBe(headBefore);
    } finally {
      writeFileSync(file, committed);
    }
  });

  it("runs the working tree's plugins on both sides: an unchanged workspace with a plugin has no change", async () => {
    const top = mkdtempSync(path.join(tmpdir(), 'omni-diff-plugin-'));
    temporary.push(top);
    const plan = path.join(top, 'plan');
    cpSync(path.resolve('examples/maison-lumen'), plan, { recursive: true });
    // A plugin without imports (omni-journey does not resolve from a temporary folder).
    writeFileSync(
      path.join(plan, 'house.mjs'),
      `export const rules = [{
  id: 'house-short-scenarios',
  description: 'A scenario sends more than two messages.',
  defaultSeverity: 'warn',
  check({ model, report }) {
    for (const scenario of model.scenarios)
      if (scenario.steps.length > 2)
        report({ message: \`scenario "\${scenario.id}" sends \${scenario.steps.length} messages\`, location: { file: scenario.origin.file, path: scenario.origin.path }, entity: { kind: 'scenario', id: scenario.id } });
  },
}];
`,
    );
    writeFileSync(path.join(plan, 'omni.yaml'), `${readFileSync(path.join(plan, 'omni.yaml'), 'utf8')}plugins: [./house.mjs]\nrules:\n  house-short-scenarios: error\n`);
    git(top, 'init', '-q', '-b', 'main');
    git(top, 'add', '-A');
    git(top, 'commit', '-q', '-m', 'plan with a plugin');
    const unchanged = JSON.parse((await diff(plan, undefined, undefined)).output) as { summary: Record<string, unknown>; settings: unknown[] };
    expect({ summary: unchanged.summary, settings: unchanged.settings }).toEqual({
      summary: { added: 0, removed: 0, renamed: 0, changed: 0, moved: 0, cells: 0, ranks: 0, introduced: { errors: 0, warnings: 0 }, fixed: { errors: 0, warnings: 0 } },
      settings: [],
    });
    // A third step in the working tree: the plugin's new finding is the one gap introduced.
    edit(
      path.join(plan, 'scenarios/produits-complementaires.yaml'),
      '      - after: J+21\n',
      '      - { after: J+14, channel: push, message: "Toujours là ?" }\n      - after: J+21\n',
    );
    const { output, exitCode } = await diff(plan, undefined, undefined, { format: 'text', exitCode: true });
    expect(output.split('\n').filter((line) => line.startsWith('  ✖') || line.startsWith('  ✔'))).toEqual([
      '  ✖ error scenario produits-complementaires: scenario "produits-complementaires" sends 3 messages house-short-scenarios',
    ]);
    expect(exitCode).toBe(1);
  });

  it('prefers origin/HEAD as the default branch', async () => {
    const clone = mkdtempSync(path.join(tmpdir(), 'omni-diff-clone-'));
    temporary.push(clone);
    git(clone, 'clone', '-q', '--branch', 'feature', repo.top, 'work');
    const work = path.join(clone, 'work');
    git(work, 'remote', 'set-head', 'origin', 'main');
    const { output } = await diff(path.join(work, 'plan'), undefined, undefined, { format: 'text' });
    expect(output.split('\n')[0]).toBe('omni diff merge-base(origin/main, HEAD) (1314003) → working tree');
  });
});

describe('omni diff --from --to', () => {
  it('compares two folders', async () => {
    const to = mkdtempSync(path.join(tmpdir(), 'omni-diff-to-'));
    temporary.push(to);
    cpSync(path.resolve('examples/maison-lumen'), to, { recursive: true });
    edit(path.join(to, 'data.yaml'), '    sources: [crm, caisse]', '    sources: [crm]');
    const { output, exitCode } = await diff(process.cwd(), undefined, undefined, { format: 'text', from: 'examples/maison-lumen', to, exitCode: true });
    expect(output).toBe(`omni diff examples/maison-lumen → ${to}\n1 changed\n\nVariables\n  ~ variable preferred_store: sources [crm, caisse] → [crm]\n`);
    expect(exitCode).toBe(0);
  });

  it('reports entities moved in an ordered section (matrix rows), and nothing for a new entity', async () => {
    const to = mkdtempSync(path.join(tmpdir(), 'omni-diff-to-'));
    temporary.push(to);
    cpSync(path.resolve('examples/maison-lumen'), to, { recursive: true });
    const email = '  - id: email\n    name: Email\n    type: online\n    requiresConsent: true\n    owner: Équipe CRM\n';
    edit(path.join(to, 'matrix.yaml'), email, '');
    edit(path.join(to, 'matrix.yaml'), 'channels:\n', `channels:\n${email}  - id: kiosque\n    name: Borne\n    type: offline\n`);
    const text = await diff(process.cwd(), undefined, undefined, { format: 'text', from: 'examples/maison-lumen', to });
    // The new channel takes a place too, but only email changed order among the channels both sides have.
    expect(text.output).toBe(`omni diff examples/maison-lumen → ${to}\n1 added · 1 moved\n\nChannels\n  + channel kiosque (Borne)\n  ↕ channel email moved: #4 → #1\n`);
    const json = JSON.parse((await diff(process.cwd(), undefined, undefined, { format: 'json', from: 'examples/maison-lumen', to })).output);
    expect(json.summary.moved).toBe(1);
    expect(json.sections[0].reordered).toEqual({
      before: ['site', 'app', 'push', 'email', 'sms', 'service-client', 'magasin', 'reseaux-sociaux'],
      after: ['email', 'site', 'app', 'push', 'sms', 'service-client', 'magasin', 'reseaux-sociaux'],
      moved: [{ id: 'email', name: 'Email', before: 4, after: 1 }],
    });
    const markdown = (await diff(process.cwd(), undefined, undefined, { format: 'markdown', from: 'examples/maison-lumen', to })).output;
    expect(markdown).toContain('| | Added | Removed | Renamed | Changed | Moved |\n| --- | ---: | ---: | ---: | ---: | ---: |\n| Channels | 1 | 0 | 0 | 0 | 1 |');
    expect(markdown).toContain('- moved channel `email` Email: #4 → #1');
  });

  it('escapes hostile names in the Markdown comment', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'omni-diff-empty-'));
    temporary.push(empty);
    const { output } = await diff(process.cwd(), undefined, undefined, { format: 'markdown', from: empty, to: 'test/fixtures/hostile' });
    // Outside code spans (which GitHub shows as text), only the tags this formatter writes.
    const safe = /<\/?(details|summary)>|<br>|`[^`\n]*`/g;
    expect(output).toContain('&lt;');
    const blocks = [...output.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    const prose = output.replace(/^```mermaid\n[\s\S]*?^```$/gm, '');
    for (const line of prose.split('\n')) expect(line.replace(safe, '')).not.toMatch(/[<>]/);
    // In diagrams (drawn by the renderer of omni render): only its own <br> and <b> markup, no fence.
    for (const block of blocks) expect(block.replace(/<br>|<\/?b>| -->| -\.->/g, '')).not.toMatch(/[<>]|```/);
    expect(blocks.join('')).toContain('#quot;');
  });
});

describe('omni diff --output-file and --workspace', () => {
  it('writes the chosen format to the file, uncoloured, and nothing to stdout', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'omni-diff-out-'));
    temporary.push(out);
    const file = path.join(out, 'diff.md');
    const { output } = await diff(repo.top, 'main', 'feature', { format: 'markdown', workspace: 'plan', outputFile: file });
    expect(output).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(golden('feature.md'));
  });
});

describe('omni diff --exit-code', () => {
  it('exits 1 when the head introduces an error', async () => {
    expect((await diff(repo.plan, 'main', 'feature', { exitCode: true })).exitCode).toBe(1);
  });
  it('exits 0 without --exit-code, and when no error is new', async () => {
    expect((await diff(repo.plan, 'main', 'feature')).exitCode).toBe(0);
    expect((await diff(repo.plan, 'main', 'main', { exitCode: true })).exitCode).toBe(0);
  });
});

describe('omni diff errors', () => {
  it('says when the folder is not in a git repository', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'omni-diff-nogit-'));
    temporary.push(outside);
    const error = await diffError(outside, 'main', undefined);
    expect(error.message).toBe(`not a git repository: ${outside}`);
    expect(error.hint).toContain('--from DIR --to DIR');
  });
  it('names an unknown revision', async () => {
    expect((await diffError(repo.plan, 'nope', undefined)).message).toBe('unknown revision: nope');
    expect((await diffError(repo.plan, 'main', 'nope~3')).message).toBe('unknown revision: nope~3');
    expect((await diffError(repo.plan, '--output=x', undefined)).message).toBe('unknown revision: --output=x');
  });
  it('refuses half of --from/--to, or both with revisions', async () => {
    expect((await diffError(repo.plan, undefined, undefined, { from: '.' })).message).toBe('--from and --to go together');
    expect((await diffError(repo.plan, 'main', undefined, { from: '.', to: '.' })).message).toBe('pass either revisions or --from/--to, not both');
    expect((await diffError(repo.plan, undefined, undefined, { from: 'missing', to: '.' })).message).toBe('--from missing: folder not found');
  });
  it('says when no default branch exists', async () => {
    const top = mkdtempSync(path.join(tmpdir(), 'omni-diff-trunk-'));
    temporary.push(top);
    git(top, 'init', '-q', '-b', 'trunk');
    expect((await diffError(top, undefined, undefined)).message).toBe('the repository has no commit yet');
    writeFileSync(path.join(top, 'omni.yaml'), 'name: T\n');
    git(top, 'add', '.');
    git(top, 'commit', '-q', '-m', 'one');
    expect((await diffError(top, undefined, undefined)).message).toBe('cannot find the default branch (no origin/HEAD, main or master)');
  });
});

describe('omni diff through the built CLI', () => {
  const bin = path.resolve('bin/omni.js');
  it('prints the JSON on stdout and exits 1 with --exit-code', () => {
    const result = spawnSync('node', [bin, 'diff', 'main', 'feature', '--format', 'json', '--exit-code'], { cwd: repo.plan, encoding: 'utf8', env: GIT_ENV });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(golden('feature.json'));
    expect(result.status).toBe(1);
  });
  it('prints one line and exits 2 on an unknown revision', () => {
    const result = spawnSync('node', [bin, 'diff', 'nope', '--locale', 'en'], { cwd: repo.plan, encoding: 'utf8', env: GIT_ENV });
    expect(result.stderr).toBe('omni: unknown revision: nope\n  pass a branch, tag or commit that exists here (git fetch first in a shallow CI clone)\n');
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
  });
});

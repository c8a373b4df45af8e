import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { omni, tempDir } from './helpers.js';

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim();

/** A repository with one commit holding a small workspace; returns it and the blob of matrix.yaml. */
function repository(dir: string): { repo: string; blob: string } {
  const repo = path.join(dir, 'repo');
  mkdirSync(repo);
  git(repo, 'init', '-q', '-b', 'main');
  writeFileSync(path.join(repo, 'omni.yaml'), 'name: Plan\nlocale: en\n');
  writeFileSync(path.join(repo, 'matrix.yaml'), 'stages:\n  - id: discover\n    name: Discover\n');
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'first');
  return { repo, blob: git(repo, 'rev-parse', 'HEAD:matrix.yaml') };
}

describe('diff on a damaged repository (issue #11): a fatal error naming the object, never a wrong answer', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('omni-diff-git-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing blob ("missing" from cat-file --batch) is exit 2 naming file and object', async () => {
    const { repo, blob } = repository(dir);
    rmSync(path.join(repo, '.git/objects', blob.slice(0, 2), blob.slice(2)));
    const result = await omni(['diff', 'HEAD'], repo, GIT_ENV);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^omni: git object missing: matrix\\.yaml \\(object ${blob}\\) at [0-9a-f]{12}\\n  the clone may be shallow or partial`));
    expect(result.code).toBe(2);
  });

  it("a missing tree (ls-tree fails) is exit 2 with git's own words", async () => {
    const { repo } = repository(dir);
    const tree = git(repo, 'rev-parse', 'HEAD^{tree}');
    rmSync(path.join(repo, '.git/objects', tree.slice(0, 2), tree.slice(2)));
    const result = await omni(['diff', 'HEAD'], repo, GIT_ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^omni: git ls-tree .* failed: (fatal|error): .+\n {2}check the repository with `git fsck`/);
    expect(result.stderr).not.toContain('unexpected error');
  });

  it('an intact repository still diffs (the checks do not cost the normal path)', async () => {
    const { repo } = repository(dir);
    writeFileSync(path.join(repo, 'matrix.yaml'), 'stages:\n  - id: discover\n    name: Discover\n  - id: buy\n    name: Buy\n');
    const result = await omni(['diff', 'HEAD', '-f', 'json'], repo, GIT_ENV);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(result.stdout))).toContain('"buy"');
  });
});

describe('folders where revisions go: the hint says how to compare folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('omni-diff-folders-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('`omni diff old new` (two folders) names --from and --to with them; one folder, or a folder next to a revision, too', async () => {
    const { repo } = repository(dir);
    mkdirSync(path.join(repo, 'old'));
    mkdirSync(path.join(repo, 'new'));
    const both = await omni(['diff', 'old', 'new'], repo, GIT_ENV);
    expect(both.stderr).toBe('omni: unknown revision: old\n  old is a folder: to compare two folders, omni diff --from old --to new\n');
    expect(both.code).toBe(2);
    const one = await omni(['diff', 'old'], repo, GIT_ENV);
    expect(one.stderr).toBe('omni: unknown revision: old\n  old is a folder: to compare two folders, omni diff --from old --to NEW_DIR\n');
    const mixed = await omni(['diff', 'HEAD', 'new'], repo, GIT_ENV);
    expect(mixed.stderr).toBe('omni: unknown revision: new\n  new is a folder, not a revision: two folders are compared with omni diff --from OLD_DIR --to NEW_DIR\n');
    const neither = await omni(['diff', 'nope'], repo, GIT_ENV);
    expect(neither.stderr).toBe('omni: unknown revision: nope\n  pass a branch, tag or commit that exists here (git fetch first in a shallow CI clone)\n');
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, copyExample, omni, tempDir } from '../cli/helpers.js';
import { mulberry32 } from '../setup/seeded-random.js';

/**
 * Seeded fuzzing of output targets and hostile workspace files (issue #11). Each run picks a
 * command, a target (model files, omni.yaml, .git, folders, read-only files, FIFOs, links,
 * missing or impossible folders), an extension and --force at random, then checks:
 * exit code in {0, 1, 2}; no stack trace and no "unexpected error"; every file that existed
 * before is untouched, or (only when it was the target of a successful run) completely
 * rewritten; protected files (model files, omni.yaml, anything under .git) never change;
 * no temporary file is left. Reproduce a failure with OMNI_FUZZ_SEED=<seed>.
 */
const SEED = Number(process.env.OMNI_FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.OMNI_FUZZ_RUNS ?? 40);

interface FileState {
  bytes: string;
  protected: boolean;
}

/** Regular files under the fuzz folder (links and FIFOs are not followed), with their bytes. */
function snapshot(root: string): Map<string, FileState> {
  const files = new Map<string, FileState>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) {
        const relative = path.relative(root, file);
        const isProtected = /(^|\/)\.git\//.test(relative) || /\.ya?ml$/i.test(relative);
        files.set(relative, { bytes: readFileSync(file, 'latin1'), protected: isProtected });
      }
    }
  };
  walk(root);
  return files;
}

/** Whether a file is a complete output of its kind, read back independently of omni. */
function isComplete(file: string): boolean {
  const bytes = readFileSync(file);
  const text = bytes.toString('utf8');
  if (text.startsWith('PK')) return bytes.subarray(-22).readUInt32LE(0) === 0x06054b50; // zip end record
  if (text.startsWith('{')) {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }
  if (text.startsWith('<!doctype html') || text.startsWith('<!DOCTYPE html')) return text.trimEnd().endsWith('</html>');
  if (text.startsWith('<?xml')) return text.trimEnd().endsWith('>');
  // Text formats (stylish, diff text, Markdown) have no end marker; a clean stylish run is empty.
  return true;
}

describe(`seeded fuzz of output paths and hostile files (seed ${SEED}, ${RUNS} runs)`, () => {
  let dir: string;
  const pick = mulberry32(SEED);
  const choose = <T>(items: readonly T[]): T => items[Math.floor(pick() * items.length)]!;

  beforeAll(async () => {
    dir = tempDir('omni-fuzz-');
    copyExample(dir, 'ws');
    copyExample(dir, 'a', 'gaps');
    mkdirSync(path.join(dir, 'repo'));
    execFileSync('git', ['init', '-q'], { cwd: path.join(dir, 'repo') });
    mkdirSync(path.join(dir, 'folder'));
    writeFileSync(path.join(dir, 'locked.json'), 'locked');
    chmodSync(path.join(dir, 'locked.json'), 0o444);
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    symlinkSync(path.join(dir, 'ws/matrix.yaml'), path.join(dir, 'link-to-model.json'));
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.json'));
    writeFileSync(path.join(dir, 'previous.json'), '{"previous": true}\n');
    writeFileSync(path.join(dir, 'previous.html'), '<!doctype html><p>previous</p></html>\n');
    expect((await omni(['export', 'ws', '--xlsx', 'plan.xlsx'], dir)).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const TARGETS = [
    'ws/matrix.yaml',
    'ws/omni.yaml',
    'ws/new.yaml',
    'ws/scenarios/welcome.yml',
    'a/data.yaml',
    'omni.yaml',
    'repo/.git/HEAD',
    'repo/.git/config',
    'repo/.git/objects/x',
    'repo/.git',
    'folder',
    'ws',
    'locked.json',
    'pipe.json',
    'link-to-model.json',
    'dangling.json',
    'previous.json',
    'previous.html',
    'new/deeper/out',
    'fresh',
    'plan.xlsx',
    '/proc/omni-fuzz/x',
    'locked.json/x',
    'ws/matrix.yaml/x',
    // Size extremes of paths: a name over NAME_MAX (ENAMETOOLONG), a very deep new folder.
    `${'n'.repeat(300)}`,
    `${'deep/'.repeat(60)}out`,
  ];
  const EXTENSIONS = ['', '.json', '.sarif', '.xml', '.txt', '.md', '.xlsx', '.html', '.yaml'];

  function command(target: string): string[] {
    const force = pick() < 0.4 ? ['--force'] : [];
    switch (choose(['lint', 'export', 'report', 'diff', 'render', 'import', 'init'] as const)) {
      case 'lint':
        return ['lint', choose(['ws', 'a']), '-f', choose(['json', 'sarif', 'junit', 'stylish']), '-o', target, ...force];
      case 'export':
        return ['export', 'ws', '--xlsx', target, ...force];
      case 'report':
        return ['report', 'ws', '--no-diagrams', '-o', target, ...force];
      case 'diff':
        return ['diff', '--from', 'a', '--to', 'ws', '-f', choose(['json', 'text', 'markdown']), '-o', target, ...force];
      case 'render':
        return ['render', 'ws', '--out', target, '--view', 'matrix', ...(pick() < 0.5 ? ['--force'] : [])];
      case 'import':
        return ['import', '--xlsx', 'plan.xlsx', '--out', target, ...force];
      case 'init':
        return ['init', target, '--yes', ...force];
    }
  }

  it('never crashes, never clobbers, never leaves a partial or temporary file', async () => {
    const started = Date.now();
    let before = snapshot(dir);
    const outcomes = new Map<number, number>();
    for (let i = 0; i < RUNS; i++) {
      const base = choose(TARGETS);
      const target = path.extname(base) || base.startsWith('/') || base.includes('.git') ? base : `${base}${choose(EXTENSIONS)}`;
      const args = command(target);
      const result = await omni(args, dir);
      const label = `run ${i} (seed ${SEED}): omni ${args.join(' ')}\n${result.stderr}`;
      outcomes.set(result.code, (outcomes.get(result.code) ?? 0) + 1);
      expect([0, 1, 2], label).toContain(result.code);
      expect(result.stderr, label).not.toMatch(/unexpected error|\n\s+at .+:\d+:\d+/);
      if (result.code === 2) expect(result.stderr.trim().split('\n').length, label).toBeLessThanOrEqual(2);

      const after = snapshot(dir);
      const written = path.resolve(dir, target);
      for (const [file, state] of before) {
        const now = after.get(file);
        if (now?.bytes === state.bytes) continue;
        // Changed or gone: only allowed for the unprotected target of a run that succeeded.
        const absolute = path.join(dir, file);
        const wasTarget = absolute === written || absolute.startsWith(`${written}${path.sep}`);
        // import and init exist to write YAML, and replace existing files only with --force.
        const mayWriteYaml = (args[0] === 'import' || args[0] === 'init') && args.includes('--force') && !/(^|\/)\.git\//.test(file);
        const isProtected = state.protected && !mayWriteYaml;
        expect({ file, protected: isProtected, succeeded: result.code !== 2, wasTarget }, label).toEqual({ file, protected: false, succeeded: true, wasTarget: true });
        expect(now !== undefined && isComplete(absolute), `${label}\n${file} is not a complete output`).toBe(true);
      }
      expect(
        [...after.keys()].filter((file) => file.includes('.omni-tmp-')),
        label,
      ).toEqual([]);
      // A refused run writes nothing new either.
      if (result.code === 2)
        expect(
          [...after.keys()].filter((file) => !before.has(file)),
          label,
        ).toEqual([]);
      before = after;
    }
    // The fuzz must exercise both sides of the policy, or it proves nothing.
    expect(outcomes.get(2) ?? 0).toBeGreaterThan(RUNS / 4);
    expect((outcomes.get(0) ?? 0) + (outcomes.get(1) ?? 0)).toBeGreaterThan(3);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it('hostile workspace files (FIFOs, links out, folders named *.yaml, empty and oversized files, long names) never hang the real binary', () => {
    const ws = path.join(dir, 'hostile');
    copyExample(dir, 'hostile', 'gaps');
    const hazards: Array<() => void> = [
      () => execFileSync('mkfifo', [path.join(ws, `fifo-${Math.floor(pick() * 1e6)}.yaml`)]),
      () => symlinkSync('/etc/passwd', path.join(ws, `passwd-${Math.floor(pick() * 1e6)}.yaml`)),
      () => symlinkSync('/etc', path.join(ws, `etc-${Math.floor(pick() * 1e6)}`)),
      () => symlinkSync(path.join(ws, 'missing'), path.join(ws, `dangling-${Math.floor(pick() * 1e6)}.yml`)),
      () => writeFileSync(path.join(ws, `${'n'.repeat(200)}.yaml`), 'stages: []\n'),
      () => mkdirSync(path.join(ws, `folder-${Math.floor(pick() * 1e6)}.yaml`)),
      // Size extremes: an empty model file, one over the default size limit (16 MiB), which
      // must be refused from its size alone, without being read.
      () => writeFileSync(path.join(ws, `empty-${Math.floor(pick() * 1e6)}.yaml`), ''),
      () => writeFileSync(path.join(ws, `big-${Math.floor(pick() * 1e6)}.yaml`), Buffer.alloc(17 * 1024 * 1024, 0x20)),
    ];
    const started = Date.now();
    for (let i = 0; i < 4; i++) {
      choose(hazards)();
      choose(hazards)();
      const args = choose([
        ['lint', 'hostile', '--max-file-size', '1'],
        ['lint', 'hostile', '-f', 'json', '--max-file-size', '1'],
        ['report', 'hostile', '--no-diagrams', '-o', path.join(dir, `h${i}.html`)],
        ['export', 'hostile', '--xlsx', path.join(dir, `h${i}.xlsx`)],
      ]);
      const result = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 15_000, env: { ...process.env, NO_COLOR: '1' } });
      const label = `hostile ${i} (seed ${SEED}): omni ${args.join(' ')}\n${result.stderr}`;
      expect(result.error, label).toBeUndefined();
      expect([0, 1, 2], label).toContain(result.status);
      expect(result.stderr, label).not.toMatch(/unexpected error|\n\s+at .+:\d+:\d+|root:x:0/);
      expect(result.stdout, label).not.toContain('root:x:0');
    }
    // The links and FIFOs are still what they were: omni followed or opened none of them for writing.
    for (const name of readdirSync(ws)) if (name.startsWith('passwd-')) expect(lstatSync(path.join(ws, name)).isSymbolicLink()).toBe(true);
    expect(existsSync(path.join(ws, 'omni.yaml'))).toBe(true);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});

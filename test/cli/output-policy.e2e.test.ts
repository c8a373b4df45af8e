import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyExample, omni, tempDir } from './helpers.js';

/** Every file under a folder with its bytes, to prove a refused run touched nothing. */
function snapshot(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = path.join(entry.parentPath, entry.name);
      files.set(path.relative(folder, file), readFileSync(file, 'latin1'));
    }
  }
  return files;
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, stdio: 'pipe' });

describe('output policy: omni never overwrites what it reads (issue #11, data loss)', () => {
  let dir: string;
  let ws: string;
  let before: Map<string, string>;
  beforeEach(() => {
    dir = tempDir('omni-output-');
    ws = copyExample(dir, 'ws');
    copyExample(dir, 'a', 'gaps');
    mkdirSync(path.join(dir, 'repo'));
    git(path.join(dir, 'repo'), 'init', '-q');
    before = snapshot(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [
      ['lint', 'ws', '-f', 'json', '-o', 'ws/matrix.yaml'],
      'omni: --output-file ws/matrix.yaml would replace a model file of the workspace ws: omni never writes YAML into a workspace\n',
    ],
    [
      ['lint', 'ws', '-f', 'json', '-o', 'ws/matrix.yaml', '--force'],
      'omni: --output-file ws/matrix.yaml would replace a model file of the workspace ws: omni never writes YAML into a workspace\n',
    ],
    [['export', 'ws', '--xlsx', 'ws/omni.yaml'], 'omni: --xlsx ws/omni.yaml is a workspace settings file (omni.yaml): omni never overwrites it\n'],
    [['export', 'ws', '--xlsx', 'ws/omni.yaml', '--force'], 'omni: --xlsx ws/omni.yaml is a workspace settings file (omni.yaml): omni never overwrites it\n'],
    [
      ['report', 'ws', '--no-diagrams', '-o', 'ws/data.yaml'],
      'omni: --out ws/data.yaml would replace a model file of the workspace ws: omni never writes YAML into a workspace\n',
    ],
    [
      ['diff', '--from', 'a', '--to', 'ws', '-o', 'ws/programs.yaml'],
      'omni: --output-file ws/programs.yaml would replace a model file of the workspace ws: omni never writes YAML into a workspace\n',
    ],
    [
      ['diff', '--from', 'a', '--to', 'ws', '-o', 'ws/new.yml', '--force'],
      'omni: --output-file ws/new.yml would add a model file to the workspace ws: omni never writes YAML into a workspace\n',
    ],
    [['diff', '--from', 'a', '--to', 'ws', '-o', 'repo/.git/HEAD'], 'omni: --output-file repo/.git/HEAD is inside the git folder repo/.git: omni never writes there\n'],
    [
      ['diff', '--from', 'a', '--to', 'ws', '-o', 'repo/.git/HEAD', '--force'],
      'omni: --output-file repo/.git/HEAD is inside the git folder repo/.git: omni never writes there\n',
    ],
    [
      ['lint', 'ws', '-f', 'json', '-o', 'repo/.git/hooks/pre-commit.json'],
      'omni: --output-file repo/.git/hooks/pre-commit.json is inside the git folder repo/.git: omni never writes there\n',
    ],
    [['render', 'ws', '--out', 'repo/.git/diagrams'], 'omni: --out repo/.git/diagrams is inside the git folder repo/.git: omni never writes there\n'],
    [['init', 'repo/.git/new', '--yes'], 'omni: omni init repo/.git/new is inside the git folder repo/.git: omni never writes there\n'],
    [['lint', 'ws', '-o', 'ws'], 'omni: --output-file ws is a folder: pass the file to write, e.g. ws/report.txt\n'],
    [['report', 'ws', '--no-diagrams', '-o', 'ws'], 'omni: --out ws is a folder: pass the file to write, e.g. ws/report.html\n'],
    [['export', 'ws', '--xlsx', 'plan.xls'], 'omni: --xlsx plan.xls: a workbook file should end in .xlsx (pass --force to write it anyway)\n'],
    [['report', 'ws', '--no-diagrams', '-o', 'report.txt'], 'omni: --out report.txt: a HTML file should end in .html or .htm (pass --force to write it anyway)\n'],
    [['lint', 'ws', '-f', 'sarif', '-o', 'lint.txt'], 'omni: --output-file lint.txt: a SARIF file should end in .sarif or .json (pass --force to write it anyway)\n'],
    [
      ['diff', '--from', 'a', '--to', 'ws', '-f', 'markdown', '-o', 'diff.json'],
      'omni: --output-file diff.json: a Markdown file should end in .md or .markdown (pass --force to write it anyway)\n',
    ],
  ])('%j: one line, exit 2, nothing written', async (args, stderr) => {
    const result = await omni(args, dir);
    expect(result).toEqual({ code: 2, stdout: '', stderr });
    expect(snapshot(dir)).toEqual(before);
  });

  it('a workspace without omni.yaml is protected too (the folder it reads)', async () => {
    rmSync(path.join(ws, 'omni.yaml'));
    before = snapshot(dir);
    const result = await omni(['lint', 'ws', '-f', 'json', '-o', 'ws/matrix.yaml', '--force'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('would replace a model file of the workspace ws');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a link cannot get around it: -o link.json pointing at a model file is refused', async () => {
    symlinkSync(path.join(ws, 'matrix.yaml'), path.join(dir, 'link.json'));
    const result = await omni(['lint', 'ws', '-f', 'json', '-o', 'link.json'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('omni: --output-file link.json would replace a model file of the workspace ws: omni never writes YAML into a workspace\n');
    expect(snapshot(dir)).toEqual(before);
  });

  it('a bare or separate git folder (HEAD, objects/, refs/) is refused as well', async () => {
    git(dir, 'init', '-q', '--bare', 'bare.git');
    git(dir, 'init', '-q', '--separate-git-dir', path.join(dir, 'gitdir'), 'worktree');
    for (const target of ['bare.git/config.json', 'gitdir/x.json']) {
      const result = await omni(['lint', 'ws', '-f', 'json', '-o', target], dir);
      expect(result.code, target).toBe(2);
      expect(result.stderr).toMatch(/is inside the git folder (bare\.git|gitdir): omni never writes there\n$/);
    }
    expect(existsSync(path.join(dir, 'gitdir/x.json'))).toBe(false);
  });

  it('--force accepts an unusual extension, nothing else', async () => {
    const result = await omni(['export', 'ws', '--xlsx', 'plan.bin', '--force'], dir);
    expect(result.code).toBe(0);
    expect(readFileSync(path.join(dir, 'plan.bin')).subarray(0, 2).toString()).toBe('PK');
  });

  it('a read-only file, a FIFO or a device is never a target', async () => {
    writeFileSync(path.join(dir, 'locked.json'), 'keep me');
    chmodSync(path.join(dir, 'locked.json'), 0o444);
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    const locked = await omni(['lint', 'ws', '-f', 'json', '-o', 'locked.json'], dir);
    expect(locked).toEqual({ code: 2, stdout: '', stderr: 'omni: --output-file locked.json is read-only: make it writable or choose another path\n' });
    expect(readFileSync(path.join(dir, 'locked.json'), 'utf8')).toBe('keep me');
    const fifo = await omni(['lint', 'ws', '-f', 'json', '-o', 'pipe.json'], dir);
    expect(fifo).toEqual({ code: 2, stdout: '', stderr: 'omni: --output-file pipe.json is not a regular file (a FIFO): omni writes regular files only\n' });
    const device = await omni(['lint', 'ws', '-f', 'json', '-o', '/dev/null', '--force'], dir);
    expect(device.stderr).toBe('omni: --output-file /dev/null is not a regular file (a device): omni writes regular files only\n');
  });

  it('an unwritable place is one line, quickly (mkdir under /proc used to spin forever)', async () => {
    const started = Date.now();
    const lint = await omni(['lint', 'ws', '-f', 'json', '-o', '/proc/omni-x/lint.json'], dir);
    expect(lint).toEqual({ code: 2, stdout: '', stderr: 'omni: cannot create /proc/omni-x: no such file or folder (ENOENT)\n' });
    expect((await omni(['export', 'ws', '--xlsx', 'plan.xlsx'], dir)).code).toBe(0);
    const imported = await omni(['import', '--xlsx', 'plan.xlsx', '--out', '/proc/omni-x'], dir);
    expect(imported).toEqual({ code: 2, stdout: '', stderr: 'omni: cannot create /proc/omni-x: no such file or folder (ENOENT)\n' });
    const notFolder = await omni(['lint', 'ws', '-f', 'json', '-o', 'ws/matrix.yaml/x.json'], dir);
    expect(notFolder.stderr).toBe('omni: cannot create ws/matrix.yaml: ws/matrix.yaml is not a folder\n');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('replacing an output keeps its permissions and leaves no temporary file', async () => {
    writeFileSync(path.join(dir, 'lint.json'), 'old');
    chmodSync(path.join(dir, 'lint.json'), 0o600);
    const result = await omni(['lint', 'ws', '-f', 'json', '-o', 'lint.json'], dir);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(JSON.parse(readFileSync(path.join(dir, 'lint.json'), 'utf8')).version).toBe(1);
    expect(statSync(path.join(dir, 'lint.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).filter((name) => name.includes('omni-tmp'))).toEqual([]);
  });
});

describe('one output convention: data on stdout, messages (and "written to") on stderr', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('omni-convention-');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('export and import say what they wrote on stderr, print nothing on stdout', async () => {
    const exported = await omni(['export', 'examples/maison-lumen', '--xlsx', path.join(dir, 'plan.xlsx')]);
    expect(exported).toEqual({ code: 0, stdout: '', stderr: `omni: workbook written to ${path.join(dir, 'plan.xlsx')}\n` });
    const imported = await omni(['import', '--xlsx', 'plan.xlsx', '-d', 'ws'], dir);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('');
    expect(imported.stderr.split('\n').filter((line) => line.startsWith('omni: wrote '))).toEqual([
      'omni: wrote ws/omni.yaml',
      'omni: wrote ws/matrix.yaml',
      'omni: wrote ws/use-cases.yaml',
      'omni: wrote ws/programs.yaml',
      'omni: wrote ws/scenarios.yaml',
      'omni: wrote ws/data.yaml',
    ]);
  });

  it('import keeps -o as an alias of --out (its old meaning: a folder)', async () => {
    await omni(['export', 'examples/maison-lumen', '--xlsx', path.join(dir, 'plan.xlsx')]);
    const imported = await omni(['import', '--xlsx', 'plan.xlsx', '-o', 'old'], dir);
    expect(imported.code).toBe(0);
    expect(existsSync(path.join(dir, 'old/omni.yaml'))).toBe(true);
    expect(await omni(['import', '--xlsx', 'plan.xlsx'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'omni: nowhere to import to: pass --out DIR or --into WORKSPACE\n',
    });
  });

  it('render takes -d DIR, and -o DIR as the old alias', async () => {
    for (const flag of ['-d', '-o']) {
      const result = await omni(['render', 'examples/maison-lumen', flag, path.join(dir, flag), '--view', 'matrix']);
      expect(result.code, result.stderr).toBe(0);
      expect(readdirSync(path.join(dir, flag))).toEqual(['matrix.mmd']);
    }
  });

  it('run() resolves to the exit code and leaves the process alone', async () => {
    const previous = process.exitCode;
    const result = await omni(['lint', 'examples/gaps', '-f', 'json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).version).toBe(1);
    expect(process.exitCode).toBe(previous);
    expect((await omni(['--version'])).code).toBe(0);
    expect((await omni(['nope'])).code).toBe(2);
  });
});

describe('file-system failures that reach the top are one line naming the path', () => {
  it('an unwritable GITHUB_STEP_SUMMARY', async () => {
    const result = await omni(['lint', 'examples/gaps', '-f', 'github'], undefined, { GITHUB_STEP_SUMMARY: '/proc/omni-nope/summary.md' });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('omni: cannot open /proc/omni-nope/summary.md: no such file or folder (ENOENT)\n');
  });
});

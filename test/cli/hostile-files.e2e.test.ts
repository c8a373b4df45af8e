import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, copyExample, omni, REPO, tempDir } from './helpers.js';

/**
 * Files that are not what they seem (issue #11): FIFOs and sockets named like model files,
 * omni.yaml as a folder, unreadable files, links out of the workspace, include patterns that
 * match nothing. Each is one line naming the path (exit 2) or a notice, never a hang.
 */

/** Spawned with a timeout: a FIFO read used to block forever, which would hang an in-process run. */
function spawned(args: string[], cwd: string, prefix: string[] = []) {
  const command = prefix.length > 0 ? prefix[0]! : process.execPath;
  const result = spawnSync(command, [...prefix.slice(1), ...(prefix.length > 0 ? [process.execPath] : []), BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined };
}

/**
 * The EACCES case runs omni as `nobody`, from this checkout: root only, and only when nobody
 * can reach bin/omni.js (a clone inside a private folder such as `mktemp -d` is not; skipped
 * there with a reason, as tests skip when a program they drive is absent).
 */
const nobodyRunsOmni =
  process.getuid?.() === 0 &&
  // In CI the case always runs: a checkout nobody cannot reach fails there, visibly.
  (process.env.CI === 'true' || spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'test', '-r', BIN]).status === 0);
if (process.getuid?.() === 0 && !nobodyRunsOmni) console.warn(`skipped: the EACCES case needs ${BIN} readable by nobody (clone into a folder others can enter)`);

describe('files that are not regular files never block and are named', () => {
  let dir: string;
  let ws: string;
  beforeEach(() => {
    dir = tempDir('omni-hostile-');
    ws = copyExample(dir, 'ws');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a FIFO named *.yaml is skipped with a notice; lint goes on (spawned, bounded)', () => {
    spawnSync('mkfifo', [path.join(ws, 'pipe.yaml')]);
    const result = spawned(['lint', 'ws', '--locale', 'en'], dir);
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toBe('omni: notice: ws/pipe.yaml: skipped: a FIFO, not a regular file\n');
    expect(result.code).toBe(0);
  });

  it('omni.yaml as a FIFO is refused in one line, exit 2, quickly', () => {
    rmSync(path.join(ws, 'omni.yaml'));
    spawnSync('mkfifo', [path.join(ws, 'omni.yaml')]);
    const result = spawned(['lint', 'ws'], dir);
    expect(result.timedOut).toBe(false);
    expect(result).toMatchObject({ code: 2, stdout: '', stderr: 'omni: cannot read ws/omni.yaml: it is a FIFO, not a regular file\n' });
  });

  it('a socket named *.yaml is skipped; omni.yaml as a socket is refused (ENXIO)', async () => {
    const servers: net.Server[] = [];
    const listen = (file: string) =>
      new Promise<void>((resolve) => {
        const server = net.createServer();
        servers.push(server);
        server.listen(file, resolve);
      });
    try {
      await listen(path.join(ws, 'sock.yaml'));
      const skipped = await omni(['lint', 'ws'], dir);
      expect(skipped).toEqual({ code: 0, stdout: '', stderr: 'omni: notice: ws/sock.yaml: skipped: a socket, not a regular file\n' });
      rmSync(path.join(ws, 'omni.yaml'));
      await listen(path.join(ws, 'omni.yaml'));
      const refused = await omni(['export', 'ws', '--xlsx', path.join(dir, 'plan.xlsx')], dir);
      expect(refused).toEqual({ code: 2, stdout: '', stderr: 'omni: cannot read ws/omni.yaml: it is a socket or a device, not a regular file (ENXIO)\n' });
    } finally {
      for (const server of servers) server.close();
    }
  });

  it('omni.yaml as a folder (EISDIR) is one line in every command, never "unexpected error"', async () => {
    rmSync(path.join(ws, 'omni.yaml'));
    mkdirSync(path.join(ws, 'omni.yaml'));
    for (const args of [
      ['lint', 'ws'],
      ['report', 'ws', '--no-diagrams', '-o', path.join(dir, 'r.html')],
      ['export', 'ws', '--xlsx', path.join(dir, 'p.xlsx')],
      ['render', 'ws', '--out', path.join(dir, 'd')],
    ]) {
      expect(await omni(args, dir), args.join(' ')).toEqual({ code: 2, stdout: '', stderr: 'omni: cannot read ws/omni.yaml: it is a folder, not a regular file\n' });
    }
  });

  it.skipIf(!nobodyRunsOmni)('an unreadable model file (EACCES, run as nobody) is one line naming it, exit 2', () => {
    // The copy must be reachable by nobody; the one file is not.
    const shared = tempDir('omni-eacces-');
    try {
      chmodSync(shared, 0o755);
      cpSync(ws, path.join(shared, 'ws'), { recursive: true });
      chmodSync(path.join(shared, 'ws/data.yaml'), 0o000);
      const result = spawned(['lint', 'ws', '--locale', 'en'], shared, ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups']);
      expect(result).toMatchObject({ code: 2, stdout: '', stderr: 'omni: cannot read ws/data.yaml: permission denied (EACCES)\n' });
      const report = spawned(['report', 'ws', '--no-diagrams', '-o', '/report.html'], shared, ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups']);
      expect(report.code).toBe(2);
      chmodSync(path.join(shared, 'ws/data.yaml'), 0o644);
      // Unwritable output folder: one line, never "unexpected error … please report it".
      const unwritable = spawned(['report', 'ws', '--no-diagrams', '--locale', 'en', '-o', '/root-owned/report.html'], shared, [
        'setpriv',
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
      ]);
      expect(unwritable).toMatchObject({ code: 2, stdout: '', stderr: 'omni: cannot create /root-owned: permission denied (EACCES)\n' });
      // A folder that exists but is not the user's (root's /usr): the temporary file cannot be made.
      const exported = spawned(['export', 'ws', '--locale', 'en', '--xlsx', '/usr/plan.xlsx'], shared, [
        'setpriv',
        '--reuid=nobody',
        '--regid=nogroup',
        '--clear-groups',
      ]);
      expect(exported).toMatchObject({ code: 2, stdout: '', stderr: 'omni: cannot write /usr/plan.xlsx: permission denied (EACCES)\n' });
    } finally {
      rmSync(shared, { recursive: true, force: true });
    }
  });
});

describe('links out of the workspace are not followed (issue #11)', () => {
  let dir: string;
  let ws: string;
  beforeEach(() => {
    dir = tempDir('omni-links-');
    ws = copyExample(dir, 'ws');
    writeFileSync(path.join(dir, 'secret.yaml'), 'stages: [ {{ "the secret first line" }}\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a link to a file outside is a notice, and its content is never echoed', async () => {
    symlinkSync(path.join(dir, 'secret.yaml'), path.join(ws, 'passwd.yaml'));
    symlinkSync('/etc/passwd', path.join(ws, 'etc.yaml'));
    const result = await omni(['lint', 'ws'], dir);
    expect(result).toEqual({
      code: 0,
      stdout: '',
      stderr:
        'omni: notice: ws/etc.yaml: not followed: a symbolic link to outside the workspace\nomni: notice: ws/passwd.yaml: not followed: a symbolic link to outside the workspace\n',
    });
  });

  it('a link to a folder outside is a notice; a link to a file inside is read', async () => {
    mkdirSync(path.join(dir, 'elsewhere'));
    writeFileSync(path.join(dir, 'elsewhere/x.yaml'), 'stages: [oops\n');
    symlinkSync(path.join(dir, 'elsewhere'), path.join(ws, 'more'));
    mkdirSync(path.join(ws, 'parts'));
    writeFileSync(path.join(ws, 'parts/broken.yaml'), 'stages: [oops\n');
    symlinkSync(path.join(ws, 'parts/broken.yaml'), path.join(ws, 'inside.yaml'));
    const result = await omni(['lint', 'ws', '-f', 'json'], dir);
    expect(result.stderr).toBe('omni: notice: ws/more: not followed: a symbolic link to outside the workspace\n');
    const files = (JSON.parse(result.stdout) as { diagnostics: { file: string; ruleId: string }[] }).diagnostics
      .filter((d) => d.ruleId === 'yaml-syntax')
      .map((d) => d.file);
    // Both broken files are read: the real one and the link to it inside; the one outside is not.
    expect(files.sort()).toEqual(['inside.yaml', 'parts/broken.yaml']);
  });

  it('omni.yaml linked to outside the workspace is refused, its content unread', async () => {
    rmSync(path.join(ws, 'omni.yaml'));
    symlinkSync(path.join(dir, 'secret.yaml'), path.join(ws, 'omni.yaml'));
    const result = await omni(['lint', 'ws'], dir);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: 'omni: cannot read ws/omni.yaml: it is a symbolic link to outside the workspace, which omni does not follow\n',
    });
  });
});

describe('honest results: patterns that match no model file are a usage error (issue #11)', () => {
  let dir: string;
  let ws: string;
  beforeEach(() => {
    dir = tempDir('omni-include-');
    ws = copyExample(dir, 'ws', 'gaps');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const settings = (include: string) => writeFileSync(path.join(ws, 'omni.yaml'), `name: Gaps\nlocale: en\ninclude: ${include}\n`);

  it('include: ["*.yml"] (a typo) is exit 2 naming the patterns, with a notice per file it missed', async () => {
    settings('["*.yml"]');
    for (const command of [
      ['lint', 'ws'],
      ['export', 'ws', '--xlsx', path.join(dir, 'p.xlsx')],
      ['report', 'ws', '--no-diagrams', '-o', path.join(dir, 'r.html')],
    ]) {
      const result = await omni(command, dir);
      expect(result.code, command[0]).toBe(2);
      expect(result.stderr.split('\n').slice(-3)).toEqual([
        'omni: no model file matches include ["*.yml"] of ws/omni.yaml',
        '  fix include/exclude in omni.yaml (default ["**/*.yaml", "**/*.yml"])',
        '',
      ]);
      expect(result.stderr).toContain('omni: notice: ws/data.yaml: looks like a model file but matches no include pattern of omni.yaml: not read\n');
    }
  });

  it('include: [] and a workspace with only omni.yaml are exit 2 too', async () => {
    settings('[]');
    expect((await omni(['lint', 'ws'], dir)).stderr).toContain('omni: no model file matches include [] of ws/omni.yaml: it includes nothing\n');
    const only = path.join(dir, 'only');
    mkdirSync(only);
    writeFileSync(path.join(only, 'omni.yaml'), 'name: Empty\n');
    expect(await omni(['lint', 'only'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'omni: no model file in only\n  model files are the .yaml/.yml files the workspace includes (see include/exclude in omni.yaml)\n',
    });
  });

  it('a YAML file outside the patterns that starts like a model file gets a notice; excluded files do not', async () => {
    settings('["*.yaml"]\nexclude: ["journey.yaml"]');
    writeFileSync(path.join(ws, 'extra.YML'), 'channels:\n  - id: web\n    name: Web\n');
    writeFileSync(path.join(ws, 'ci.yml'), 'jobs: {}\n');
    const result = await omni(['lint', 'ws', '-f', 'json'], dir);
    expect(result.stderr).toBe('omni: notice: ws/extra.YML: looks like a model file but matches no include pattern of omni.yaml: not read\n');
  });
});

// The files this suite copies must stay as they are in the repository.
it('leaves the examples alone', () => {
  expect(readFileSync(path.join(REPO, 'examples/gaps/omni.yaml'), 'utf8')).not.toContain('include');
});

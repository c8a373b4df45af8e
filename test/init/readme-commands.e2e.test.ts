import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeCommands } from '../adoption/helpers.js';

// The README `omni init` writes tells the team what to type: every command of its `sh`
// block must run as written, from the workspace folder, in a fresh repository.
const bin = path.resolve('bin/omni.js');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function sh(command: string, args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.GITHUB_STEP_SUMMARY;
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.each(['en', 'fr'])('the commands of the generated README (%s)', (locale) => {
  it('all run as written and do what they say', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'omni-readme-'));
    folders.push(root);
    for (const args of [
      ['init', '--quiet', '--initial-branch=main'],
      ['config', 'user.email', 'team@example.com'],
      ['config', 'user.name', 'Team'],
    ]) {
      expect(sh('git', args, root).status).toBe(0);
    }
    expect(sh('node', [bin, 'init', '--yes', '--locale', locale], root).status).toBe(0);
    expect(sh('git', ['add', '-A'], root).status).toBe(0);
    expect(sh('git', ['commit', '--quiet', '-m', 'plan'], root).status).toBe(0);

    const commands = readmeCommands(readFileSync(path.join(root, 'README.md'), 'utf8'));
    expect(commands.map((command) => command.slice(0, 3).join(' '))).toEqual([
      'npx omni lint',
      'npx omni render',
      'npx omni simulate',
      'npx omni export',
      'npx omni report',
      'npx omni diff',
    ]);
    for (const command of commands) {
      // `npx omni` is omni's bin; here the built one of this checkout.
      expect(command.slice(0, 2)).toEqual(['npx', 'omni']);
      const result = sh('node', [bin, ...command.slice(2)], root);
      // The starter's persona gets both scenarios: four messages, no violation.
      if (command[2] === 'simulate') expect(result.stdout.trimEnd().split('\n').at(-1)).toBe(locale === 'fr' ? '1 persona, 0 dépassement' : '1 persona, 0 violations');
      if (command[2] === 'simulate') expect(result.stdout).toContain('post-purchase-feedback');
      expect({ command: command.join(' '), status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
        command: command.join(' '),
        status: 0,
        stderr: '',
      });
    }
    expect(existsSync(path.join(root, 'out/diagrams/journey.md'))).toBe(true);
    expect(readFileSync(path.join(root, 'out/plan.xlsx')).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(path.join(root, 'out/report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    // The outputs are ignored, so the tree is as committed.
    expect(sh('git', ['status', '--porcelain'], root).stdout).toBe('');
  }, 180_000);
});

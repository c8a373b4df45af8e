import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli/main.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const BIN = path.join(REPO, 'bin/omni.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Commands that speak the workspace's language: these tests read their English words (test/i18n checks the French). */
const SPEAKING = new Set(['lint', 'render', 'export', 'import', 'report', 'diff', 'simulate']);

/** `args` with `--locale en`, for a command that would otherwise follow a French example's locale. */
export function inEnglish(args: readonly string[]): string[] {
  return SPEAKING.has(args[0] ?? '') && !args.some((arg) => arg.startsWith('--locale')) ? [...args, '--locale', 'en'] : [...args];
}

/** Runs the CLI in-process through `run(argv, io)`, capturing both streams (in English, see inEnglish). */
export async function omni(args: readonly string[], cwd: string = REPO, env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return capture(inEnglish(args), cwd, { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, GITHUB_STEP_SUMMARY: undefined, ...env });
}

/** The CLI in process in the language the workspace or `--locale` asks for (no `--locale en` added): for tests of French output. */
export function omniInItsLanguage(args: readonly string[], cwd: string): Promise<RunResult> {
  return capture([...args], cwd, { NO_COLOR: '1', PATH: process.env.PATH });
}

async function capture(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd,
    env,
  });
  return { code, stdout, stderr };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'omni-cli-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A copy of an example workspace in `dir/name`. */
export function copyExample(dir: string, name: string, example = 'maison-lumen'): string {
  const target = path.join(dir, name);
  cpSync(path.join(REPO, 'examples', example), target, { recursive: true });
  return target;
}

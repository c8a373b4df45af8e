import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const OMNI_BIN = path.join(REPO_ROOT, 'bin/omni.js');

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}): Ran {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 240_000, ...options });
  if (result.error) throw result.error;
  return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** The environment of a user's shell: none of this repository's CI switches for Puppeteer. */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of Object.keys(env)) if (key.startsWith('PUPPETEER_') || key.startsWith('npm_')) delete env[key];
  delete env.FORCE_COLOR;
  return env;
}

/**
 * npm settings for the installs these tests make: packages from the npm cache when it has
 * them (CI's `npm ci` fills it), else the registry, and no audit or funding request. What
 * the tests prove is the install; without these, most of their time was npm revalidating
 * every package with the registry (a user's .npmrc may say the same).
 */
export const NPM_FROM_CACHE: Readonly<Record<string, string>> = {
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};

/** Hashes, in a stable order, what `npm pack` may put in the tarball (a little more is fine). */
function hashPackedFiles(hash: ReturnType<typeof createHash>, relative: string): void {
  const full = path.join(REPO_ROOT, relative);
  if (!existsSync(full)) return;
  const stat = lstatSync(full);
  if (stat.isDirectory()) {
    for (const name of readdirSync(full).sort()) hashPackedFiles(hash, path.join(relative, name));
  } else if (stat.isFile()) {
    hash.update(`${relative}\0${stat.mode}\0`);
    hash.update(readFileSync(full));
  }
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The tarball `npm pack --ignore-scripts` makes of this checkout (dist/ as built), packed once
 * for all the test files that install it, again only when a packed file changes: it is cached
 * in .omni-tmp-pack/<hash of the packed files>/. Files running at once wait for the one packing.
 */
export function packedTarball(): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { files: string[] };
  const hash = createHash('sha256');
  for (const name of readdirSync(REPO_ROOT).sort()) if (statSync(path.join(REPO_ROOT, name)).isFile()) hashPackedFiles(hash, name);
  for (const entry of manifest.files) hashPackedFiles(hash, entry);
  const key = hash.digest('hex').slice(0, 20);
  const cache = path.join(REPO_ROOT, '.omni-tmp-pack');
  const folder = path.join(cache, key);
  const find = () => (existsSync(folder) ? readdirSync(folder).find((name) => name.endsWith('.tgz')) : undefined);
  mkdirSync(cache, { recursive: true });
  const lock = path.join(cache, `${key}.lock`);
  for (const deadline = Date.now() + 120_000; find() === undefined && Date.now() < deadline; sleepSync(200)) {
    try {
      mkdirSync(lock);
    } catch {
      continue; // another test file is packing
    }
    try {
      const staging = mkdtempSync(path.join(cache, 'staging-'));
      const packed = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', staging], { cwd: REPO_ROOT, env: userEnv() });
      if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
      renameSync(staging, folder);
      // Tarballs of older builds of this checkout.
      for (const name of readdirSync(cache))
        if (name !== key && !name.endsWith('.lock') && !name.startsWith('staging-')) rmSync(path.join(cache, name), { recursive: true, force: true });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  const tarball = find();
  if (tarball === undefined) throw new Error(`no tarball in ${folder} after 120 s (a stale ${lock}?)`);
  return path.join(folder, tarball);
}

/** Bytes under a folder, symlinks not followed (what `du` counts, near enough). */
export function folderBytes(folder: string): number {
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else total += lstatSync(full).size;
  }
  return total;
}

/** The first executable of the given names on PATH, or undefined. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The commands of the README's first `sh` block, comments dropped. */
export function readmeCommands(readme: string): string[][] {
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('no sh block in the README');
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter(Boolean)
    .map((line) => line.split(/\s+/));
}

import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRunning } from './processes.js';

/**
 * One temporary folder per test run, set as TMPDIR before the workers start (they and every
 * process they spawn inherit it): each `mkdtemp(os.tmpdir())` of a test, Chromium's profiles
 * and LibreOffice's user installations land under it, and it is removed when the run ends,
 * whatever a test forgot to remove or an interrupted test left behind.
 */
const GIB = 1024 ** 3;

/**
 * Where the run's folder goes: a RAM file system (/dev/shm) when it has room, else the
 * system's temporary folder. The suite writes a great deal (npm installs of the tarball,
 * Chromium and LibreOffice profiles, hundreds of workspaces): on the 2-core host's ext4 an
 * `npm install` of omni spends 5 s of system time writing, 1.9 s on tmpfs. A container's
 * /dev/shm is often 64 MB: too small, so it is skipped; so is one mounted noexec (tests run
 * the stand-in programs they write there).
 */
function scratchParent(): string {
  try {
    const shm = statfsSync('/dev/shm');
    if (shm.bavail * shm.bsize >= 2 * GIB && os.freemem() >= 4 * GIB && canExecuteIn('/dev/shm')) return '/dev/shm';
  } catch {
    // no /dev/shm (macOS, Windows)
  }
  return os.tmpdir();
}

function canExecuteIn(parent: string): boolean {
  const probe = mkdtempSync(path.join(parent, 'omni-exec-probe-'));
  try {
    const program = path.join(probe, 'true');
    writeFileSync(program, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    return spawnSync(program).status === 0;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** The pid of the run that made a scratch folder, inside it. */
const OWNER_FILE = '.omni-run-pid';

/**
 * Scratch folders of runs that were killed (their teardown never ran, and on /dev/shm they
 * hold memory): those whose owner's process is gone.
 */
function removeLeftovers(parent: string): void {
  for (const name of readdirSync(parent)) {
    if (!name.startsWith('omni-test-run-')) continue;
    const folder = path.join(parent, name);
    let owner: number;
    try {
      owner = Number(readFileSync(path.join(folder, OWNER_FILE), 'utf8'));
    } catch {
      continue; // not ours to judge
    }
    if (Number.isInteger(owner) && owner > 0 && !isRunning(owner)) rmSync(folder, { recursive: true, force: true });
  }
}

export default function setup(): () => void {
  // Vitest runs a global setup once per project too: the first call makes the folder, the others keep it.
  if (process.env.OMNI_TEST_TMPDIR !== undefined && process.env.TMPDIR === process.env.OMNI_TEST_TMPDIR) return () => {};
  const previous = process.env.TMPDIR;
  const parent = scratchParent();
  removeLeftovers(parent);
  // Short: Chromium puts a socket in it, and a socket's path has at most 107 bytes.
  const scratch = mkdtempSync(path.join(parent, 'omni-test-run-'));
  writeFileSync(path.join(scratch, OWNER_FILE), String(process.pid));
  process.env.OMNI_TEST_TMPDIR = scratch;
  // Like /tmp: a test that runs a command as another user (nobody) can make its folders there too.
  chmodSync(scratch, 0o1777);
  process.env.TMPDIR = scratch;
  return () => {
    delete process.env.OMNI_TEST_TMPDIR;
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(scratch, { recursive: true, force: true });
  };
}

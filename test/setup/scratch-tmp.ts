import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One temporary folder per test run, set as TMPDIR before the workers start (they and every
 * process they spawn inherit it): each `mkdtemp(os.tmpdir())` of a test, Chromium's profiles
 * and LibreOffice's user installations land under it, and it is removed when the run ends,
 * whatever a test forgot to remove or an interrupted test left behind.
 */
export default function setup(): () => void {
  // Vitest runs a global setup once per project too: the first call makes the folder, the others keep it.
  if (process.env.OMNI_TEST_TMPDIR !== undefined && process.env.TMPDIR === process.env.OMNI_TEST_TMPDIR) return () => {};
  const previous = process.env.TMPDIR;
  // Short: Chromium puts a socket in it, and a socket's path has at most 107 bytes.
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'omni-test-run-'));
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

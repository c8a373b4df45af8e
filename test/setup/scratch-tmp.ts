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
  const previous = process.env.TMPDIR;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'omni-test-run-'));
  // Like /tmp: a test that runs a command as another user (nobody) can make its folders there too.
  chmodSync(scratch, 0o1777);
  process.env.TMPDIR = scratch;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(scratch, { recursive: true, force: true });
  };
}

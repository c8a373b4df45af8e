import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeValidators } from '../../scripts/build-validators.mjs';
import { AJV_OPTIONS } from '../../src/schema/validate.js';
import { VALIDATORS_DIR } from './paths.js';
import { isRunning } from './processes.js';

/**
 * Compiles both schemas once for the whole run, as the build does; every worker loads the
 * result (src/schema/validate.ts reads OMNI_VALIDATORS_DIR) instead of compiling with ajv.
 */
export default function setup(): () => void {
  removeLeftovers();
  writeValidators(pathToFileURL(`${VALIDATORS_DIR}/`), AJV_OPTIONS);
  return () => rmSync(VALIDATORS_DIR, { recursive: true, force: true });
}

/**
 * The folders of runs that were killed (their teardown never ran): `.omni-tmp-validators-PID`
 * beside this run's, whose process is gone.
 */
function removeLeftovers(): void {
  const parent = path.dirname(VALIDATORS_DIR);
  for (const name of readdirSync(parent)) {
    const pid = /^\.omni-tmp-validators-(\d+)$/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isRunning(Number(pid))) continue;
    rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

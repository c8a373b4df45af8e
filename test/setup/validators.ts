import { rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { writeValidators } from '../../scripts/build-validators.mjs';
import { AJV_OPTIONS } from '../../src/schema/validate.js';
import { VALIDATORS_DIR } from './paths.js';

/**
 * Compiles both schemas once for the whole run, as the build does; every worker loads the
 * result (src/schema/validate.ts reads OMNI_VALIDATORS_DIR) instead of compiling with ajv.
 */
export default function setup(): () => void {
  writeValidators(pathToFileURL(`${VALIDATORS_DIR}/`), AJV_OPTIONS);
  return () => rmSync(VALIDATORS_DIR, { recursive: true, force: true });
}

import path from 'node:path';

/** Inside the repository (so the generated code resolves ajv's runtime), ignored by git (.omni-tmp-*). */
export const VALIDATORS_DIR = path.resolve(import.meta.dirname, `../../.omni-tmp-validators-${process.pid}`);

import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

it('the run compiled the validators once, where src/schema/validate.ts loads them from', () => {
  const folder = process.env.OMNI_VALIDATORS_DIR;
  expect(folder).toBeTruthy();
  expect(existsSync(path.join(folder!, 'model-validator.generated.js'))).toBe(true);
  expect(existsSync(path.join(folder!, 'config-validator.generated.js'))).toBe(true);
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OMNI_BIN, run } from './helpers.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'omni-schema-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('omni schema --write', () => {
  it('writes both schemas, byte for byte what omni schema prints, and names them on stderr', () => {
    const written = run(process.execPath, [OMNI_BIN, 'schema', '--write', '.omni/schemas/'], { cwd: scratch });
    expect(written).toEqual({ status: 0, stdout: '', stderr: 'omni: wrote .omni/schemas/model.schema.json\nomni: wrote .omni/schemas/config.schema.json\n' });
    const model = run(process.execPath, [OMNI_BIN, 'schema'], { cwd: scratch }).stdout;
    const config = run(process.execPath, [OMNI_BIN, 'schema', '--config'], { cwd: scratch }).stdout;
    expect(readFileSync(path.join(scratch, '.omni/schemas/model.schema.json'), 'utf8')).toBe(model);
    expect(readFileSync(path.join(scratch, '.omni/schemas/config.schema.json'), 'utf8')).toBe(config);
    expect(JSON.parse(model).$id).toMatch(/model\.schema\.json$/);
  });
});

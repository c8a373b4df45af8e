import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Load workers exist only in the built CLI (they start dist/pipeline/load-worker.js), so
// this compares the built CLI's output with and without them.
const ROOT = path.resolve(import.meta.dirname, '../..');

function lint(target: string, workers: number): { stdout: string; status: number | null } {
  const result = spawnSync(process.execPath, ['bin/omni.js', 'lint', target, '--format', 'json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, OMNI_LOAD_WORKERS: String(workers), NO_COLOR: '1' },
  });
  return { stdout: result.stdout, status: result.status };
}

describe('load workers', () => {
  for (const target of ['examples/gaps', 'examples/maison-lumen', 'test/fixtures/broken', 'test/fixtures/hostile']) {
    it(`give the same report as loading in process: ${target}`, () => {
      const inProcess = lint(target, 0);
      expect(inProcess.stdout).toContain('"version": 1');
      for (const workers of [1, 3]) expect(lint(target, workers)).toEqual(inProcess);
    });
  }
});

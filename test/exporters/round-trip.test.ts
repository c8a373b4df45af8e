import { describe, expect, test } from 'vitest';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { comparable, exportFolder, importToFolder } from './helpers.js';

describe('import(export(W)) equals W', () => {
  for (const folder of ['examples/maison-lumen', 'examples/gaps', 'test/fixtures/hostile']) {
    test(folder, async () => {
      const { model, bytes } = await exportFolder(folder);
      const { dir, result } = await importToFolder(bytes);
      expect(result.from).toBe('data-sheet');
      expect(result.warnings).toEqual([]);
      const reimported = await loadWorkspace(dir);
      expect(reimported.diagnostics).toEqual([]);
      expect(comparable(reimported.model)).toEqual(comparable(model));
    });
  }
});

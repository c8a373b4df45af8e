import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverModelFiles, selectModelFiles, type WorkspaceSource } from '../../src/loader/discover.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';

/** Every file under a folder, relative with forward slashes, as a git tree would list them. */
function listAll(root: string, relative = ''): string[] {
  return readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const child = relative ? `${relative}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listAll(root, child) : [child];
  });
}

function memorySource(root: string): WorkspaceSource {
  return { listFiles: () => listAll(root).reverse(), readFile: (file) => readFileSync(path.join(root, file)) };
}

const temporary = mkdtempSync(path.join(tmpdir(), 'omni-source-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

describe('selectModelFiles', () => {
  it('picks and orders the same files as the directory walk', () => {
    for (const file of ['a.yaml', 'a/b.yaml', 'a-b.yml', '.github/ci.yaml', 'out/x.yaml', 'node_modules/p/q.yaml', 'notes.md', 'omni.yaml', 'z/.hidden.yaml']) {
      mkdirSync(path.dirname(path.join(temporary, file)), { recursive: true });
      writeFileSync(path.join(temporary, file), '{}\n');
    }
    const walked = discoverModelFiles(temporary, ['**/*.yaml', '**/*.yml'], []);
    expect(walked).toEqual(['a/b.yaml', 'a-b.yml', 'a.yaml']);
    expect(selectModelFiles(listAll(temporary).reverse(), ['**/*.yaml', '**/*.yml'], [])).toEqual(walked);
    expect(selectModelFiles(listAll(temporary), ['**/*.yaml'], ['a/**'])).toEqual(['a.yaml']);
  });
});

describe('loadWorkspace with a source', () => {
  it('loads the same model and lint result as from the file system', async () => {
    for (const example of ['examples/maison-lumen', 'examples/gaps']) {
      const root = path.resolve(example);
      const fromDisk = await loadWorkspace(root);
      const fromSource = await loadWorkspace(root, { source: memorySource(root) });
      expect(fromSource.files).toEqual(fromDisk.files);
      expect(fromSource.model.scenarios).toEqual(fromDisk.model.scenarios);
      expect((await lintWorkspace(fromSource)).diagnostics).toEqual((await lintWorkspace(fromDisk)).diagnostics);
    }
  });

  it('never touches the file system under root when given a source', async () => {
    const source: WorkspaceSource = {
      listFiles: () => ['omni.yaml', 'm.yaml'],
      readFile: (file) => Buffer.from(file === 'omni.yaml' ? 'name: In memory\n' : 'stages:\n  - id: s\n    name: S\n'),
    };
    const workspace = await loadWorkspace('/nonexistent/omni-root', { source });
    expect(workspace.settings.name).toBe('In memory');
    expect(workspace.model.stages.map((stage) => stage.id)).toEqual(['s']);
  });
});

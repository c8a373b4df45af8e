import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';

const broken = path.resolve(import.meta.dirname, '../fixtures/broken');
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'omni-loader-'));
  folders.push(folder);
  return folder;
}

/** Lints one fixture alone in a fresh workspace; returns `rule line:col message` lines and the time taken. */
async function lintFixture(name: string) {
  const root = tempFolder();
  copyFileSync(path.join(broken, name), path.join(root, name));
  const started = performance.now();
  const workspace = await loadWorkspace(root);
  const result = await lintWorkspace(workspace);
  const elapsed = performance.now() - started;
  return {
    workspace,
    elapsed,
    lines: result.diagnostics.map((d) => `${d.ruleId} ${d.file}:${d.range.start.line}:${d.range.start.column} ${d.message}`),
  };
}

describe('test/fixtures/broken, each alone in a workspace', () => {
  const expected: Record<string, string[]> = {
    'alias-bomb.yaml': ['yaml-syntax alias-bomb.yaml:4:8 aliases expand to more than 1,000,000 nodes (an alias bomb?)'],
    'bad-types.yaml': [
      'schema bad-types.yaml:8:13 "great" is not a valid status',
      'schema bad-types.yaml:13:17 business must be between 1 and 5, not 7',
      'schema bad-types.yaml:16:5 missing required property "name"',
    ],
    'empty.yaml': [],
    'non-utf8.yaml': ['yaml-syntax non-utf8.yaml:5:22 invalid UTF-8 byte 0xff'],
    'proto.yaml': ['schema proto.yaml:3:1 unknown section "__proto__"', 'schema proto.yaml:8:5 unknown property "__proto__"'],
    'syntax-error.yaml': ['yaml-syntax syntax-error.yaml:6:15 bad indentation of a mapping entry'],
    'unknown-section.yaml': ['schema unknown-section.yaml:3:1 unknown section "scenarioss"'],
  };
  for (const [name, lines] of Object.entries(expected)) {
    // Bounded time: the alias bomb included, each is refused or read in well under a second.
    it(`${name}: ${lines.length === 0 ? 'no diagnostic' : lines.map((line) => line.split(' ')[0]).join(', ')}`, async () => {
      const result = await lintFixture(name);
      expect(result.lines).toEqual(lines);
      expect(result.elapsed).toBeLessThan(5000);
    });
  }

  it('__proto__ keys do not pollute Object.prototype nor reach the model', async () => {
    const { workspace } = await lintFixture('proto.yaml');
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    // The stage carrying a __proto__ key fails the schema, so it is left out of the model.
    expect(workspace.model.stages).toEqual([]);
    expect(workspace.model.invalidIds.stages).toEqual(new Set(['discover']));
  });

  it('an empty file is an empty model file: no diagnostic, nothing in the model', async () => {
    const { workspace, lines } = await lintFixture('empty.yaml');
    expect(lines).toEqual([]);
    expect(workspace.files).toEqual(['empty.yaml']);
    expect(workspace.model.scenarios).toEqual([]);
  });
});

describe('deep nesting', () => {
  it('100,000 nested flow sequences give a yaml-syntax diagnostic, not a stack overflow', async () => {
    const root = tempFolder();
    const depth = 100_000;
    writeFileSync(path.join(root, 'deep.yaml'), `stages:\n  - id: a\n    name: A\n    description: ${'['.repeat(depth)}${']'.repeat(depth)}\n`);
    const result = await lintWorkspace(await loadWorkspace(root));
    expect(result.diagnostics.map((d) => `${d.ruleId} ${d.range.start.line}:${d.range.start.column} ${d.message}`)).toEqual([
      'yaml-syntax 4:115 nesting exceeded maxDepth (100)',
    ]);
  });
});

describe('size limit', () => {
  it('a 50 MiB file is refused with a yaml-syntax diagnostic, without reading it', async () => {
    const root = tempFolder();
    // Generated at test time, never committed: 50 MiB of valid-looking YAML.
    const line = '  - { id: stage-x, name: Padding stage for the size-limit test }\n';
    const chunk = line.repeat(Math.ceil((1024 * 1024) / line.length)).slice(0, 1024 * 1024);
    writeFileSync(path.join(root, 'huge.yaml'), `stages:\n${chunk.repeat(50).slice(8)}`);
    writeFileSync(path.join(root, 'small.yaml'), 'stages:\n  - { id: discover, name: I discover }\n');
    const workspace = await loadWorkspace(root);
    const result = await lintWorkspace(workspace);
    expect(result.diagnostics.map((d) => [d.ruleId, d.file, d.range.start.line, d.range.start.column, d.message, d.suggestion])).toEqual([
      ['yaml-syntax', 'huge.yaml', 1, 1, 'file is 50.0 MiB, over the 16.0 MiB limit for a model file', 'split it into smaller files, or raise --max-file-size'],
    ]);
    // The other files are still read.
    expect(workspace.model.stages.map((stage) => stage.id)).toEqual(['discover']);
    // Not read, not even for a code frame.
    expect(workspace.textOf('huge.yaml')).toBeUndefined();
  });

  it('the limit is an option (--max-file-size)', async () => {
    const root = tempFolder();
    writeFileSync(path.join(root, 'a.yaml'), `stages:\n${'  - { id: a, name: A }\n'.repeat(100_000)}`);
    const workspace = await loadWorkspace(root, { maxFileBytes: 1024 * 1024 });
    expect(workspace.diagnostics.map((d) => d.message)).toEqual(['file is 2.2 MiB, over the 1.0 MiB limit for a model file']);
  });
});

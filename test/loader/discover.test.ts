import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCLUDE, discoverModelFiles, discoverWorkspaceFiles, MODEL_KEY_LINE, selectModelFiles } from '../../src/loader/discover.js';
import { SECTION_KINDS } from '../../src/model/types.js';

const FILES = [
  'omni.yaml',
  'a.yaml',
  'b.yml',
  'c.json',
  'd.YAML',
  '.hidden.yaml',
  'notes.yaml.txt',
  'matrix/stages.yaml',
  'matrix/deep/channels.yml',
  'matrix/.cache/x.yaml',
  '.git/config.yaml',
  'node_modules/pkg/x.yaml',
  'out/generated.yaml',
  'scenarios/out/kept.yaml',
  'scenarios/welcome.yaml',
];

function tree(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'omni-discover-'));
  for (const file of FILES) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), 'stages: []\n');
  }
  return root;
}

describe('model file discovery', () => {
  it('finds .yaml and .yml files outside dot-folders, node_modules and out, in walk order', () => {
    expect(discoverModelFiles(tree(), DEFAULT_INCLUDE, [])).toEqual(['a.yaml', 'b.yml', 'matrix/deep/channels.yml', 'matrix/stages.yaml', 'scenarios/welcome.yaml']);
  });

  it('gives with the default include exactly what the same globs give through picomatch', () => {
    const root = tree();
    // An equivalent but non-default pattern list takes the picomatch path.
    const viaGlobs = discoverModelFiles(root, ['**/*.yaml', '**/*.yml', '**/*.never-matches'], []);
    expect(discoverModelFiles(root, DEFAULT_INCLUDE, [])).toEqual(viaGlobs);
    expect(selectModelFiles(FILES, DEFAULT_INCLUDE, [])).toEqual(selectModelFiles(FILES, ['**/*.yaml', '**/*.yml', '**/*.never-matches'], []));
  });

  it('applies custom include and exclude globs', () => {
    const root = tree();
    expect(discoverModelFiles(root, ['matrix/**/*.yaml', 'matrix/**/*.yml'], ['**/deep/**'])).toEqual(['matrix/stages.yaml']);
    expect(selectModelFiles(FILES, DEFAULT_INCLUDE, ['scenarios/**'])).toEqual(['a.yaml', 'b.yml', 'matrix/deep/channels.yml', 'matrix/stages.yaml']);
  });

  it('stops at a folder with an omni.yaml of its own: another workspace, named in a notice', () => {
    const root = tree();
    for (const file of ['team-b/omni.yaml', 'team-b/plan.yaml', 'team-b/deep/omni.yaml', 'team-b/deep/x.yaml', 'matrix/sub/omni.yaml', 'matrix/sub/y.yaml']) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), 'stages: []\n');
    }
    expect(discoverWorkspaceFiles(root, DEFAULT_INCLUDE, [])).toEqual({
      files: ['a.yaml', 'b.yml', 'matrix/deep/channels.yml', 'matrix/stages.yaml', 'scenarios/welcome.yaml'],
      notices: [
        { file: 'd.YAML', reason: 'notIncluded' },
        { file: 'matrix/sub/', reason: 'nestedWorkspace' },
        { file: 'team-b/', reason: 'nestedWorkspace' },
      ],
    });
    // One whose omni.yaml the exclude patterns leave out is not named (lint does not lint it).
    expect(discoverWorkspaceFiles(root, DEFAULT_INCLUDE, ['team-b/**']).notices.map((notice) => notice.file)).toEqual(['d.YAML', 'matrix/sub/']);
    // The same files from a flat list (a git revision).
    const listed = [
      ...FILES,
      'team-b/omni.yaml',
      'team-b/plan.yaml',
      'team-b/deep/omni.yaml',
      'team-b/deep/x.yaml',
      'matrix/sub/omni.yaml',
      'matrix/sub/y.yaml',
      'team-bb/z.yaml',
    ];
    expect(selectModelFiles(listed, DEFAULT_INCLUDE, [])).toEqual([
      'a.yaml',
      'b.yml',
      'matrix/deep/channels.yml',
      'matrix/stages.yaml',
      'scenarios/welcome.yaml',
      'team-bb/z.yaml',
    ]);
  });

  it('sniffs a model-like YAML file by every top-level section of the model', () => {
    expect(MODEL_KEY_LINE.source).toBe(`^(${SECTION_KINDS.join('|')})[ \\t]*:`);
  });
});

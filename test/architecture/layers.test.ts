import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { SRC, sourceFiles } from '../i18n/french-outside.js';
import { HEAVY_PACKAGES, LAYERS } from './layers.js';

interface ImportEdge {
  from: string;
  line: number;
  specifier: string;
  typeOnly: boolean;
}

/** Every import, re-export and dynamic import() with a literal specifier in a file. */
function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const edges: ImportEdge[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      edges.push({ from: file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, specifier: specifier.text, typeOnly });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly === true);
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const layerOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;

describe('layers (ARCHITECTURE.md)', () => {
  const files = sourceFiles();
  const edges = files.flatMap(importsOf);

  it('every folder of src/ is a declared layer', () => {
    expect([...new Set(files.map(layerOf))].filter((layer) => !(layer in LAYERS))).toEqual([]);
  });

  it('sees the imports it checks', () => {
    expect(edges.filter((edge) => edge.specifier.startsWith('../')).length).toBeGreaterThan(100);
  });

  it('each layer imports only the layers below it', () => {
    const violations: string[] = [];
    for (const edge of edges) {
      if (!edge.specifier.startsWith('.')) continue;
      const from = layerOf(edge.from);
      const target = path.relative(SRC, path.resolve(path.dirname(edge.from), edge.specifier)).replace(/\.js$/, '');
      const to = target.split(path.sep)[0]!;
      if (to === from) continue;
      const allowed = LAYERS[from] ?? [];
      // An entry "layer/module" allows that module only, and only as types.
      const ok = allowed.includes(to) || (allowed.includes(target.split(path.sep).join('/')) && edge.typeOnly);
      if (!ok) violations.push(`src/${path.relative(SRC, edge.from)}:${edge.line} (${from}) imports ${edge.specifier} (${to})`);
    }
    expect(violations).toEqual([]);
  });

  it('the layers form a stack: no layer reaches back to itself through the others', () => {
    const cycles: string[] = [];
    const layerNames = Object.keys(LAYERS);
    // A "layer/module" entry allows types only: erased at build, it cannot make a cycle of modules.
    const below = (layer: string) => (LAYERS[layer] ?? []).filter((name) => name !== layer && name in LAYERS);
    for (const start of layerNames) {
      // Depth-first from each layer: reaching it again is a cycle, named by its path.
      const stack: string[][] = below(start).map((next) => [start, next]);
      const seen = new Set<string>();
      while (stack.length > 0) {
        const trail = stack.pop()!;
        const at = trail.at(-1)!;
        if (at === start) {
          cycles.push(trail.join(' → '));
          continue;
        }
        if (seen.has(at)) continue;
        seen.add(at);
        for (const next of below(at)) stack.push([...trail, next]);
      }
    }
    expect(cycles).toEqual([]);
  });

  it("ARCHITECTURE.md's table lists what test/architecture/layers.ts allows", () => {
    const page = readFileSync(path.join(SRC, '..', 'ARCHITECTURE.md'), 'utf8');
    const documented: Record<string, string[]> = {};
    for (const row of page.matchAll(/^\| `([\w.]+)` \|.*\| ([^|]+) \|$/gm)) {
      const allowed = row[2]!.trim();
      documented[row[1]!] = allowed === '—' || allowed === 'everything' ? [allowed] : allowed.split(', ').map((entry) => entry.replace(/ \(types only\)$/, ''));
    }
    const expected = Object.fromEntries(
      Object.entries(LAYERS)
        .filter(([layer]) => layer in documented)
        .map(([layer, allowed]) => [layer, layer === 'cli' ? ['everything'] : allowed.length === 0 ? ['—'] : [...allowed].sort()]),
    );
    expect(Object.keys(documented).sort()).toEqual(
      Object.keys(LAYERS)
        .filter((layer) => !['plugin.ts', 'types'].includes(layer))
        .sort(),
    );
    expect(Object.fromEntries(Object.entries(documented).map(([layer, allowed]) => [layer, [...allowed].sort()]))).toEqual(expected);
  });

  it('heavy packages are imported only by the layers that need them (the lint path stays light)', () => {
    const violations = edges
      .filter((edge) => edge.specifier in HEAVY_PACKAGES || Object.keys(HEAVY_PACKAGES).some((name) => edge.specifier.startsWith(`${name}/`)))
      .filter((edge) => !edge.typeOnly)
      .filter((edge) => !(HEAVY_PACKAGES[edge.specifier.split('/')[0]!] ?? []).includes(layerOf(edge.from)) && layerOf(edge.from) !== 'cli')
      .map((edge) => `src/${path.relative(SRC, edge.from)}:${edge.line} imports ${edge.specifier}`);
    expect(violations).toEqual([]);
  });

  it('only the front ends (src/cli, src/lsp) touch the process: exit codes, argv, stdout and stderr', () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      if (layer === 'cli' || layer === 'lsp' || path.relative(SRC, file) === path.join('util', 'process-cleanup.ts')) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (/\bprocess\.(exit|exitCode|argv|stdout|stderr|stdin)\b/.test(line)) violations.push(`src/${path.relative(SRC, file)}:${index + 1}`);
        });
    }
    expect(violations).toEqual([]);
  });
});

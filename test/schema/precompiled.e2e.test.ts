import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS } from '../../src/schema/validate.js';

// The build compiles the schemas to standalone code and rewrites ajv's uniqueItems index
// (scripts/build-validators.mjs). That code must judge every document exactly as ajv does.
// An e2e test: it reads the build's output in dist/ (`npm run test:e2e` builds first).
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; schemaPath: string; keyword: string; params: unknown; message?: string }[] | null };

const compiled = new Map<string, Promise<[Validate, Validate]>>();

/** The built validator and ajv's own, compiled once per file (ajv takes a second for the model schema). */
function validators(name: 'model' | 'config'): Promise<[Validate, Validate]> {
  if (!compiled.has(name)) compiled.set(name, compile(name));
  return compiled.get(name)!;
}

async function compile(name: 'model' | 'config'): Promise<[Validate, Validate]> {
  const file = path.join(ROOT, `dist/schema/${name}-validator.generated.js`);
  expect(existsSync(file), `${file} is missing: run npm run build`).toBe(true);
  const built = ((await import(file)) as { default: Validate }).default;
  const schema = JSON.parse(readFileSync(path.join(ROOT, `schemas/${name}.schema.json`), 'utf8')) as object;
  const reference = new Ajv.default(AJV_OPTIONS).compile(schema) as Validate;
  return [built, reference];
}

const summary = (validate: Validate, data: unknown) => ({
  valid: validate(data),
  errors: (validate.errors ?? []).map(({ instancePath, schemaPath, keyword, params, message }) => ({ instancePath, schemaPath, keyword, params, message })),
});

function documents(): unknown[] {
  const out: unknown[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.ya?ml$/.test(entry.name) && entry.name !== 'omni.yaml') {
        const text = readFileSync(full, 'utf8');
        if (/[&*]\w/.test(text) && text.includes('*')) continue; // the alias bomb: copies would expand it
        try {
          out.push(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }));
        } catch {
          // not YAML: nothing to validate
        }
      }
    }
  };
  walk(path.join(ROOT, 'examples'));
  walk(path.join(ROOT, 'test/fixtures'));
  return out;
}

/** Every array in a document, with a way to change it in a copy. */
function mutants(document: unknown, random: () => number): unknown[] {
  const out: unknown[] = [];
  const edits: ((node: unknown[] | Record<string, unknown>) => void)[] = [
    (node) => Array.isArray(node) && node.length > 0 && node.push(node[Math.floor(random() * node.length)]), // duplicate an item
    (node) => Array.isArray(node) && node.length > 1 && node.splice(1, 0, node[0]),
    (node) => Array.isArray(node) && node.push(42),
    (node) => !Array.isArray(node) && delete node[Object.keys(node)[0]!],
    (node) => !Array.isArray(node) && (node.unknownKey = true),
    (node) => !Array.isArray(node) && (node[Object.keys(node)[0]!] = ''),
    (node) => !Array.isArray(node) && (node[Object.keys(node).at(-1)!] = [null]),
  ];
  for (let k = 0; k < 12; k++) {
    const copy = structuredClone(document) as unknown;
    const nodes: (unknown[] | Record<string, unknown>)[] = [];
    const collect = (node: unknown) => {
      if (node === null || typeof node !== 'object') return;
      nodes.push(node as Record<string, unknown>);
      for (const child of Object.values(node)) collect(child);
    };
    collect(copy);
    if (nodes.length === 0) continue;
    edits[Math.floor(random() * edits.length)]!(nodes[Math.floor(random() * nodes.length)]!);
    out.push(copy);
  }
  return out;
}

describe('precompiled validators', () => {
  it('judge every example, fixture and thousands of mutants exactly as ajv does', async () => {
    const [built, reference] = await validators('model');
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let invalid = 0;
    let duplicates = 0;
    for (const document of documents()) {
      for (const data of [document, ...Array.from({ length: 20 }, () => mutants(document, random)).flat()]) {
        const expected = summary(reference, data);
        expect(summary(built, data)).toStrictEqual(expected);
        if (!expected.valid) invalid++;
        if (expected.errors.some((error) => error.keyword === 'uniqueItems')) duplicates++;
      }
    }
    expect(invalid).toBeGreaterThan(100);
    expect(duplicates).toBeGreaterThan(50);
  });

  it('catch a repeated "__proto__" in a list, which ajv’s own index misses', async () => {
    const [built, reference] = await validators('model');
    const data = { stages: [{ id: 'a', name: 'A', tags: ['__proto__', '__proto__'] }] };
    expect(reference(data)).toBe(true);
    expect(summary(built, data)).toStrictEqual({
      valid: false,
      errors: [
        {
          instancePath: '/stages/0/tags',
          schemaPath: '#/definitions/stage/properties/tags/uniqueItems',
          keyword: 'uniqueItems',
          params: { i: 0, j: 1 },
          message: 'must NOT have duplicate items (items ## 1 and 0 are identical)',
        },
      ],
    });
  });

  it('judge settings files as ajv does', async () => {
    const [built, reference] = await validators('config');
    for (const data of [{}, { name: 'x', locale: 'fr', include: ['a', 'a'] }, { rules: { 'unused-source': 'off' } }, { locale: 'de' }, { exclude: [1] }]) {
      expect(summary(built, data)).toStrictEqual(summary(reference, data));
    }
  });
});

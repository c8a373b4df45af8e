import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without type declarations
import { generateWorkspace } from '../../bench/generate.mjs';
import { readSimpleYaml, UNSUPPORTED } from '../../src/loader/fast-yaml.js';
import { tierCount } from '../setup/tiers.js';
import { mulberry32 } from '../setup/seeded-random.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { merge } = (jsYaml as unknown as { types: { merge: jsYaml.Type } }).types;
const SCHEMA = jsYaml.CORE_SCHEMA.extend({ implicit: [merge] });

type Reference = { ok: true; data: unknown } | { ok: false };

function reference(text: string): Reference {
  try {
    return { ok: true, data: jsYaml.load(text, { schema: SCHEMA }) };
  } catch {
    return { ok: false };
  }
}

/** The fast reader either declines or agrees with js-yaml exactly (values, types, key order). */
function expectAgreement(text: string, label = text): 'read' | 'declined' {
  const fast = readSimpleYaml(text);
  if (fast === UNSUPPORTED) return 'declined';
  const expected = reference(text);
  expect(expected.ok, `js-yaml rejects what the fast reader accepted: ${label}`).toBe(true);
  if (expected.ok) {
    expect(fast, label).toStrictEqual(expected.data);
    expect(JSON.stringify(fast), label).toBe(JSON.stringify(expected.data));
  }
  return 'read';
}

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

describe('fast YAML reader', () => {
  it('reads every example and fixture as js-yaml does, and reads the examples itself', () => {
    const files = ['examples', 'test/fixtures', 'templates'].flatMap((dir) => yamlFilesUnder(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(20);
    const outcomes = new Map(files.map((file) => [path.relative(ROOT, file), expectAgreement(readFileSync(file, 'utf8'), file)]));
    for (const [file, outcome] of outcomes) if (file.startsWith('examples/')) expect(outcome, file).toBe('read');
  });

  it('reads a generated workspace (the benchmark’s shape) entirely by itself', () => {
    const files: Map<string, string> = generateWorkspace({ files: 40, scenarios: 400, channels: 12, stages: 6, variables: 120, sources: 15, seed: 7 });
    for (const [name, text] of files) expect(expectAgreement(text, name), name).toBe('read');
  });

  const read: [string, string][] = [
    [
      'plain scalars and core types',
      'a: hello world\nb: 12\nc: -3\nd: 1.5\ne: .inf\nf: true\ng: False\nh: ~\ni: null\nj: 0x1F\nk: 0o17\nl: 1e3\nm: +1\nn: 07\no: 12abc\n',
    ],
    ['colons, hashes and brackets inside plain scalars', 'a: a:b\nb: C# and F#\nc: x, y [z] {w}\nd: http://example.com/a#b\ne: 10:30\n'],
    ['comments and blank lines anywhere', '# head\n\na: 1 # trailing\n   # indented comment\n\nb:\n  # inside\n  c: 2\n'],
    ['quoted scalars and escapes', 'a: "x \\"y\\" \\\\ \\n \\t \\u00e9 \\x41 \\U0001F600 \\/"\nb: \'it\'\'s\'\nc: "12"\nd: \'true\'\ne: "# not a comment"\n'],
    ['quoted keys', '"a b": 1\n\'c\': 2\n'],
    ['nested mappings and sequences', 'a:\n  b:\n    c: 1\n  d:\n    - x\n    - y\n'],
    ['sequences of compact mappings', 'items:\n  - id: a\n    name: A\n  - id: b\n    tags: [x, y]\n    nested:\n      - 1\n'],
    ['indentless sequences', 'a:\n- 1\n- 2\nb: 3\nc:\n- id: x\n  d:\n  - y\n'],
    ['empty values', 'a:\nb: # comment\nc:\n  d:\ne: 1\n'],

    ['flow collections', 'a: [1, two, "3", [4, 5], {x: 1}]\nb: { id: x, n: 2, q: "a, b" }\nc: []\nd: {}\ne: [ spaced ,  out ]\n'],
    ['literal block scalars', 'a: |\n  line 1\n    indented\n\n  line 3\nb: |-\n  stripped\n\n\nc: |+\n  kept\n\n\nd: 1\n'],
    ['folded block scalars', 'a: >\n  one\n  two\n\n  three\n    more\n  back\nb: >-\n  x\n  y\nc: 2\n'],
    ['block scalars with comments and blank lines', 'a: | # note\n  # not a comment\n\n  text\n# a real comment\nb: |\n\n  after blank\nc: x\n'],
    ['block scalar at the end of the text', 'a: |\n  last\n'],
    ['empty block scalar', 'a: |\nb: 1\n'],
    ['keys that look like identifiers', 'camelCase: 1\nsnake_case: 2\nkebab-case: 3\n_x: 4\nnullable: 5\ntrueish: 6\n'],
    ['no final line break', 'a: 1\nb: [x]'],
    ['CRLF line breaks', 'a: 1\r\nb: |\r\n  one\r\n\r\n  two\r\nc: >-\r\n  x\r\n  y\r\n# c\r\nd:\r\n  - "q"\r\n'],
    ['unicode text', 'a: Je me crée un compte — « ici »\nb: "naïve café"\n'],
    ['characters outside the BMP', 'a: 🎁 Offre\nb: "🛒 panier"\nc: |\n  Votre colis 📦 arrive\nd: [🎉, x]\n'],
  ];
  it.each(read)('reads %s', (_, text) => {
    expect(expectAgreement(text)).toBe('read');
  });

  const declined: [string, string][] = [
    ['empty documents', ''],
    ['comment-only documents', '# nothing\n'],
    ['top-level sequences', '- a\n- b\n'],
    ['top-level scalars', 'hello\n'],
    ['document markers', '---\na: 1\n'],
    ['anchors and aliases', 'a: &x 1\nb: *x\n'],
    ['tags', 'a: !!str 1\n'],
    ['merge keys', 'base: {x: 1}\nc:\n  <<: {x: 2}\n'],
    ['duplicate keys', 'a: 1\na: 2\n'],
    ['__proto__ keys', '__proto__: {polluted: true}\n'],
    ['keys js-yaml resolves to another string', 'True: 1\n'],
    ['numeric keys', '1: a\n'],
    ['keys with spaces', 'a b: 1\n'],
    ['multi-line plain scalars', 'a: one\n  two\n'],
    ['multi-line quoted scalars', 'a: "one\n  two"\n'],
    ['multi-line flow collections', 'a: [1,\n  2]\n'],
    ['tabs', 'a:\t1\n'],
    ['carriage returns that are not CRLF line breaks', 'a: 1\rb: 2\n'],
    ['byte-order marks', '\uFEFFa: 1\n'],
    ['lone surrogates', 'a: \uD83C x\n'],
    ['non-printable characters', 'a: \u0007\n'],
    ['mapping values inside plain scalars', 'a: b: c\n'],
    ['a sequence where a value belongs', 'a: - b\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['trailing commas in flow collections', 'a: [1, 2, ]\n'],
    ['explicit block indentation', 'a: |2\n   x\n'],
    ['block scalars as sequence items', 'a:\n  - |\n    x\n'],
    ['nested compact sequences', 'a:\n  - - x\n'],
    ['empty sequence entries', 'a:\n  -\n  - x\n'],
    ['unterminated quotes', 'a: "x\n'],
    ['unknown escapes', 'a: "\\q"\n'],
    ['text after a quoted scalar', 'a: "x" y\n'],
    ['keys without a space after the colon', 'a:1\n'],
  ];
  it.each(declined)('declines %s', (_, text) => {
    expect(readSimpleYaml(text)).toBe(UNSUPPORTED);
  });

  it('agrees with js-yaml on thousands of dumped and mutated documents', () => {
    const random = mulberry32(Number(process.env.FUZZ_SEED ?? 2026));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    let readCount = 0;
    let total = 0;
    for (let i = 0; i < tierCount(1500, 150); i++) {
      const value = { root: randomValue(random, 0), [pick(KEYS)]: randomValue(random, 1) };
      const dumped = jsYaml.dump(value, {
        flowLevel: pick([-1, -1, 1, 2, 3]),
        lineWidth: pick([-1, 20, 80]),
        quotingType: pick(["'", '"'] as const),
        forceQuotes: random() < 0.15,
        noCompatMode: random() < 0.5,
        indent: pick([2, 2, 4]),
        noArrayIndent: random() < 0.3,
      });
      for (const text of [dumped, dumped.replaceAll('\n', '\r\n'), ...mutations(dumped, random)]) {
        total++;
        if (expectAgreement(text, JSON.stringify(text)) === 'read') readCount++;
      }
    }
    // The fast path must actually be exercised, not decline everything.
    expect(readCount).toBeGreaterThan(total / 4);
  });

  it('agrees with js-yaml on mutated model files (comments, block scalars, flow lists)', () => {
    const random = mulberry32(Number(process.env.FUZZ_SEED ?? 7));
    const files: Map<string, string> = generateWorkspace({ files: 8, scenarios: 16, channels: 6, stages: 4, variables: 20, sources: 4, seed: 3 });
    const examples = yamlFilesUnder(path.join(ROOT, 'examples')).map((file) => readFileSync(file, 'utf8'));
    const texts = [...files.values(), ...examples];
    let readCount = 0;
    let total = 0;
    for (let i = 0; i < tierCount(1500, 150) / 5; i++) {
      const text = texts[i % texts.length]!;
      for (const mutated of [...mutations(text, random), ...mutations(text.replaceAll('\n', '\r\n'), random)]) {
        total++;
        if (expectAgreement(mutated, JSON.stringify(mutated.slice(0, 200))) === 'read') readCount++;
      }
    }
    expect(readCount).toBeGreaterThan(total / 4);
  });
});

const KEYS = ['id', 'name', 'a-b', 'snake_key', 'camelKey', 'null', 'yes', 'on', 'x1', 'message'] as const;
const STRINGS = [
  'plain',
  'Je me renseigne',
  'yes',
  'no',
  'on',
  'true',
  'False',
  'null',
  '~',
  '',
  ' ',
  ' lead',
  'trail ',
  '12',
  '-3',
  '1.5',
  '1e3',
  '.inf',
  '-.INF',
  '.nan',
  '0x1F',
  '0o17',
  '1_000',
  '+12',
  '07',
  'a: b',
  'a:b',
  'a #b',
  'a# b',
  '#x',
  '- x',
  '-x',
  '[x]',
  '{x}',
  'x, y',
  '"q"',
  "'q'",
  'a\nb',
  'a\n\nb\n',
  'line\n  more\nback',
  'trailing\n',
  '\ttab',
  '{{first_name}}, votre panier',
  'café — « ici »',
  '🎁 Offre',
  'x 📦',
  '\\',
  'é',
  '::',
  '?',
  '? x',
  '|',
  '>',
  '&a',
  '*a',
  '!t',
  '%',
  '@x',
  '`x',
  'J+1',
  '2024-01-01',
  '10:30',
  '<<',
  '=SUM(A1)',
] as const;

function randomValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth < 4 && roll < 0.25) {
    const object: Record<string, unknown> = {};
    const size = Math.floor(random() * 4);
    for (let i = 0; i < size; i++) object[KEYS[Math.floor(random() * KEYS.length)]!] = randomValue(random, depth + 1);
    return object;
  }
  if (depth < 4 && roll < 0.45) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  if (roll < 0.52) return Math.floor(random() * 2000) - 1000;
  if (roll < 0.56) return random() * 100;
  if (roll < 0.6) return random() < 0.5;
  if (roll < 0.63) return null;
  return STRINGS[Math.floor(random() * STRINGS.length)];
}

/** Small edits of a valid document: most give other valid documents or errors. */
function mutations(text: string, random: () => number): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  const at = () => Math.floor(random() * text.length);
  const line = () => Math.floor(random() * lines.length);
  const chars = [' ', ':', '-', '#', '"', "'", '|', '>', '[', ']', '{', '}', ',', '\n', '\r', 'x', '&', '*', '!', '  '];
  for (let k = 0; k < 3; k++) {
    const position = at();
    out.push(text.slice(0, position) + chars[Math.floor(random() * chars.length)] + text.slice(position));
    const cut = at();
    out.push(text.slice(0, cut) + text.slice(cut + 1));
    const copy = [...lines];
    const index = line();
    copy[index] = `  ${copy[index]}`;
    out.push(copy.join('\n'));
    const dedent = [...lines];
    const other = line();
    dedent[other] = dedent[other]!.replace(/^ {1,2}/, '');
    out.push(dedent.join('\n'));
    const duplicated = [...lines];
    const twice = line();
    duplicated.splice(twice, 0, duplicated[twice]!);
    out.push(duplicated.join('\n'));
  }
  return out;
}

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsYaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without type declarations
import { generateWorkspace } from '../../bench/generate.mjs';
import type { JsonPath, Location } from '../../src/diagnostics/types.js';
import { indexTopLevelSequences, readEntrySpans, readSimpleYaml, readSimpleYamlSpans, UNSUPPORTED } from '../../src/loader/fast-yaml.js';
import { createPositionResolver, createYamlPositionResolver, entryResolver } from '../../src/loader/positions.js';
import { tierCount } from '../setup/tiers.js';
import { mulberry32 } from '../setup/seeded-random.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFilesUnder(full));
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Every node's path, plus a missing child under each, as locations of each kind. */
function locationsOf(data: unknown): Omit<Location, 'file'>[] {
  const out: Omit<Location, 'file'>[] = [];
  const walk = (node: unknown, at: JsonPath) => {
    out.push({ path: at }, { path: at, target: 'key' }, { path: [...at, 'missing'] }, { path: [...at, 0] });
    if (typeof node === 'string' && node.length > 2) out.push({ path: at, needle: node.slice(1, 3) });
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, [...at, index]));
    else if (node !== null && typeof node === 'object') for (const [key, value] of Object.entries(node)) walk(value, [...at, key]);
  };
  walk(data, []);
  return out;
}

/** The fast resolver, where it applies, gives exactly the ranges of the `yaml`-based one. */
async function expectSameRanges(text: string, label: string): Promise<boolean> {
  const data = readSimpleYaml(text);
  if (data === UNSUPPORTED) {
    expect(readSimpleYamlSpans(text), label).toBe(UNSUPPORTED);
    return false;
  }
  expect(readSimpleYamlSpans(text), `${label}: read but not located by the fast reader`).not.toBe(UNSUPPORTED);
  const fast = await createPositionResolver(text);
  const reference = await createYamlPositionResolver(text);
  const locations = locationsOf(data).map((location) => ({ file: 'x.yaml', ...location }));
  for (const where of locations) {
    expect(fast.resolve(where), `${label} at ${JSON.stringify(where)}`).toEqual(reference.resolve(where));
  }
  // Located entry by entry (only the entries of top-level lists holding the locations are read again): the same ranges.
  const inEntries = locations.filter(({ path }) => {
    const list = (data as Record<string, unknown>)[String(path[0])];
    return path.length >= 2 && Object.hasOwn(data as object, String(path[0])) && Array.isArray(list) && typeof path[1] === 'number' && path[1] < list.length;
  });
  const entries = entryResolver(text, inEntries);
  if (entries) {
    entryFiles++;
    for (const where of inEntries) expect(entries.resolve(where), `${label} by entry at ${JSON.stringify(where)}`).toEqual(reference.resolve(where));
  }
  return true;
}

/** How many documents were located entry by entry (each test checks that this path ran). */
let entryFiles = 0;

describe('positions from the fast reader', () => {
  it('equal the yaml package’s on every example, fixture and template', async () => {
    let read = 0;
    for (const file of ['examples', 'test/fixtures', 'templates'].flatMap((dir) => yamlFilesUnder(path.join(ROOT, dir)))) {
      if (await expectSameRanges(readFileSync(file, 'utf8'), file)) read++;
    }
    expect(read).toBeGreaterThan(15);
    expect(entryFiles).toBeGreaterThan(15);
  });

  it('equal them on a generated workspace, LF and CRLF', async () => {
    const files: Map<string, string> = generateWorkspace({ files: 12, scenarios: 60, channels: 8, stages: 4, variables: 30, sources: 5, seed: 11 });
    const before = entryFiles;
    for (const [name, text] of files) {
      expect(await expectSameRanges(text, name), name).toBe(true);
      expect(await expectSameRanges(text.replaceAll('\n', '\r\n'), `${name} (CRLF)`), name).toBe(true);
    }
    expect(entryFiles - before).toBeGreaterThanOrEqual(2 * files.size - 2);
  });

  it('equal them on dumped and mutated documents (seeded)', async () => {
    const random = mulberry32(Number(process.env.FUZZ_SEED ?? 41));
    const keys = ['id', 'name', 'a-b', 'message', 'x1', '"q k"'];
    const strings = [
      'plain',
      'Je me renseigne',
      '',
      ' lead',
      'a #b',
      'x, y',
      'a\nb',
      'a\n\nb\n',
      'trailing\n',
      'kept\n\n',
      '{{first_name}}',
      '🎁 Offre',
      'J+1',
      '12',
      'true',
    ];
    const value = (depth: number): unknown => {
      const roll = random();
      if (depth < 4 && roll < 0.3)
        return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, () => [keys[Math.floor(random() * keys.length)]!, value(depth + 1)]));
      if (depth < 4 && roll < 0.5) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      if (roll < 0.6) return Math.floor(random() * 100);
      if (roll < 0.65) return null;
      return strings[Math.floor(random() * strings.length)];
    };
    const edits = [' ', '#', '\n', '  ', 'x', ': '];
    let read = 0;
    const before = entryFiles;
    const cases = tierCount(300, 40);
    for (let i = 0; i < cases; i++) {
      const dumped = jsYaml.dump(
        { root: value(0), other: value(1) },
        { flowLevel: [-1, 1, 2][i % 3]!, indent: [2, 4][i % 2]!, noArrayIndent: i % 5 === 0, lineWidth: -1 },
      );
      const position = Math.floor(random() * dumped.length);
      const edited = dumped.slice(0, position) + edits[Math.floor(random() * edits.length)] + dumped.slice(position);
      for (const text of [dumped, edited, `# comment\n${dumped}\n\n# end\n`]) if (await expectSameRanges(text, JSON.stringify(text))) read++;
    }
    expect(read).toBeGreaterThan(cases);
    expect(entryFiles - before).toBeGreaterThan(cases / 2);
  });

  it('read only the innermost list entry holding a finding, found by indentation, with the same ranges', async () => {
    const text = [
      '# header',
      'description: |',
      '  - not an entry',
      '  steps:',
      'scenarios:',
      '  - id: a',
      '    steps:',
      '      - after: J+1',
      '        message: |-',
      '          - steps: in a message',
      '          steps:',
      '',
      '        # a comment',
      '      - { after: J+2, channel: sms }',
      '      -   after: J+3',
      '          channel: email',
      '    tags: [x, y]',
      '  - id: b',
      '    steps:',
      '    - after: "J+4"',
      '      channel: push',
      '    - after: J+5',
      '    name: B',
      'targets:',
      '- id: t',
      '  name: T',
      '',
    ].join('\n');
    for (const source of [text, text.replaceAll('\n', '\r\n')]) {
      const data = readSimpleYaml(source);
      expect(data).not.toBe(UNSUPPORTED);
      const reference = await createYamlPositionResolver(source);
      const locations = locationsOf(data)
        .filter(({ path }) => path.length >= 2 && (path[0] === 'scenarios' || path[0] === 'targets') && typeof path[1] === 'number' && path[1] < 2)
        .map((location) => ({ file: 'x.yaml', ...location }));
      const entries = entryResolver(source, locations)!;
      expect(entries).toBeDefined();
      for (const where of locations) expect(entries.resolve(where), JSON.stringify(where)).toEqual(reference.resolve(where));
    }
    const index = indexTopLevelSequences(text);
    const depthOf = (path: Array<string | number>) => {
      const read = readEntrySpans(text, index, path);
      return read === UNSUPPORTED ? undefined : read.depth;
    };
    expect(depthOf(['scenarios', 0, 'steps', 0, 'message'])).toBe(4);
    expect(depthOf(['scenarios', 0, 'steps', 2, 'channel'])).toBe(4);
    expect(depthOf(['scenarios', 1, 'steps', 1])).toBe(4); // an indentless list
    expect(depthOf(['scenarios', 0, 'steps', 1, 'after'])).toBe(4); // a `- { … }` entry, read alone too
    expect(depthOf(['scenarios', 0, 'tags', 1])).toBe(2); // a flow list is not a block one
    expect(depthOf(['targets', 0, 'name'])).toBe(2);
    expect(depthOf(['description', 0])).toBeUndefined();
  });

  // A block collection ends after the line of its last content, in both resolvers: not over
  // the comment lines after it (commented-out steps), nor mid-line after an empty last value.
  it.each([
    ['a comment line more indented than the mapping, after its last value', 'a: 1\nb:\n  c: 1\n    # d: 2\ne: 3\n', ['b'], '3:3-4:1'],
    ['a commented-out key of the last list entry', 'a: 1\nb:\n  - c: 1\n    # d: 2\ne: 3\n', ['b'], '3:3-4:1'],
    ['an empty last value, then a comment', 'a: 1\nb:\n  c:\n# d\ne: 3\n', ['b'], '3:3-4:1'],
    ['an empty last value with a trailing space', 'a: 1\nb:\n  c: \ne: 3\n', ['b'], '3:3-4:1'],
    ['the document, ending on an empty value', 'a: 1\nb:\n', [], '1:1-3:1'],
    ['the document, ending on an empty value and a comment', 'a: 1\nb:\n# end\n', [], '1:1-3:1'],
    ['a kept block scalar: its line breaks are its value', 'a: 1\nb:\n  c: |+\n    x\n\n\ne: 3\n', ['b', 'c'], '3:6-7:1'],
    ['the mapping ending on a kept block scalar', 'a: 1\nb:\n  c: >+\n    x\n\n  # d\ne: 3\n', ['b'], '3:3-6:1'],
  ])('%s', async (_, text, at, expected) => {
    const where = { file: 'x.yaml', path: at as JsonPath };
    const written = ({ start, end }: { start: { line: number; column: number }; end: { line: number; column: number } }) =>
      `${start.line}:${start.column}-${end.line}:${end.column}`;
    expect(readSimpleYamlSpans(text)).not.toBe(UNSUPPORTED);
    expect(written((await createPositionResolver(text)).resolve(where))).toBe(expected);
    expect(written((await createYamlPositionResolver(text)).resolve(where))).toBe(expected);
  });
});

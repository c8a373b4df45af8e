import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Ways hostile or damaged input breaks a file (alias bombs and cycles, deep nesting, huge
 * lines, invalid UTF-8, `__proto__`, tabs, BOMs, CRLF and lone CR, byte flips, truncation,
 * floods of keys, YAML punctuation), for the seeded mutation campaigns of test/fuzz/.
 */
export function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

export type Random = () => number;
type Mutation = (text: Buffer, random: Random) => Buffer;

export const int = (random: Random, max: number) => Math.floor(random() * max);
const insertAt = (bytes: Buffer, at: number, extra: Buffer | string) => Buffer.concat([bytes.subarray(0, at), Buffer.from(extra), bytes.subarray(at)]);
/** An offset at the start of a line, so insertions make (mostly) well-formed lines. */
function lineStart(bytes: Buffer, random: Random): number {
  const at = int(random, bytes.length + 1);
  const previous = bytes.lastIndexOf(0x0a, at - 1);
  return previous < 0 ? 0 : previous + 1;
}
const lines = (bytes: Buffer) => bytes.toString('latin1').split('\n');
const fromLines = (list: string[]) => Buffer.from(list.join('\n'), 'latin1');

export const MUTATIONS: Record<string, Mutation> = {
  'alias bomb': (bytes) => {
    let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 8; i++)
      bomb += `a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(', ')}]\n`;
    return Buffer.concat([bytes, Buffer.from(`\n${bomb}`)]);
  },
  'alias inside its anchor': (bytes, random) => {
    const forms = ['loop: &l [ *l ]\n', 'loop: &l { self: *l }\n', 'loop: &l\n  again:\n    - *l\n', 'stages: &s\n  - *s\n'];
    return insertAt(bytes, lineStart(bytes, random), forms[int(random, forms.length)]!);
  },
  'alias to a missing anchor': (bytes, random) => insertAt(bytes, lineStart(bytes, random), 'ghost: *nowhere\n'),
  'deep flow nesting': (bytes, random) => {
    const depth = [100, 5_000, 60_000][int(random, 3)]!;
    return Buffer.concat([bytes, Buffer.from(`\ndeep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`)]);
  },
  'deep block nesting': (bytes, random) => {
    const depth = [50, 1_000][int(random, 2)]!;
    let text = '\ndeep:\n';
    for (let i = 1; i <= depth; i++) text += `${' '.repeat(i)}k${i}:\n`;
    return Buffer.concat([bytes, Buffer.from(text)]);
  },
  'huge line': (bytes, random) => {
    const size = [100_000, 2_000_000][int(random, 2)]!;
    const forms = [
      `huge: ${'x'.repeat(size)}\n`,
      `${'k'.repeat(size)}: 1\n`,
      `stages: [{ id: a, name: A, ${'k'.repeat(size)}: 1 }]\n`,
      `note: "${'é'.repeat(size / 2)}\n`,
    ];
    return insertAt(bytes, lineStart(bytes, random), forms[int(random, forms.length)]!);
  },
  'invalid UTF-8': (bytes, random) => {
    const sequences = [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0x80]];
    return insertAt(bytes, int(random, bytes.length + 1), Buffer.from(sequences[int(random, sequences.length)]!));
  },
  'prototype keys': (bytes, random) => {
    const forms = [
      '__proto__: { polluted: true }\n',
      'constructor: { prototype: { polluted: true } }\n',
      'stages:\n  - id: p\n    name: P\n    __proto__: { polluted: true }\n',
      '"__proto__": [1]\n',
      'toString: 1\nhasOwnProperty: 2\n',
    ];
    return insertAt(bytes, lineStart(bytes, random), forms[int(random, forms.length)]!);
  },
  tabs: (bytes, random) => {
    const list = lines(bytes);
    for (let k = 0; k < 3; k++) {
      const index = int(random, list.length);
      list[index] = list[index]!.replace(/^ {2}/, '\t');
    }
    return fromLines(list);
  },
  'byte-order marks': (bytes, random) => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    return random() < 0.5 ? Buffer.concat([bom, bom, bytes]) : insertAt(bytes, lineStart(bytes, random), bom);
  },
  'CRLF and lone CR': (bytes, random) => {
    const crlf = Buffer.from(bytes.toString('latin1').replaceAll('\n', '\r\n'), 'latin1');
    return random() < 0.5 ? crlf : insertAt(crlf, int(random, crlf.length), '\r');
  },
  'byte flips': (bytes, random) => {
    const copy = Buffer.from(bytes);
    for (let k = 0; k < 1 + int(random, 6); k++) if (copy.length > 0) copy[int(random, copy.length)] = int(random, 256);
    return copy;
  },
  truncation: (bytes, random) => bytes.subarray(0, int(random, bytes.length + 1)),
  'lines duplicated, swapped or re-indented': (bytes, random) => {
    const list = lines(bytes);
    for (let k = 0; k < 4; k++) {
      const a = int(random, list.length);
      const b = int(random, list.length);
      const roll = random();
      if (roll < 0.3) list.splice(a, 0, list[a]!);
      else if (roll < 0.6) [list[a], list[b]] = [list[b]!, list[a]!];
      else list[a] = `${' '.repeat(int(random, 5))}${list[a]!.trimStart()}`;
    }
    return fromLines(list);
  },
  'flood of keys': (bytes, random) => {
    const count = [2_000, 20_000][int(random, 2)]!;
    return Buffer.concat([bytes, Buffer.from(Array.from({ length: count }, (_, i) => `k${i}: ${i}\n`).join(''))]);
  },
  'YAML punctuation': (bytes, random) => {
    const chars = [':', '- ', '#', '"', "'", '|', '>', '[', ']', '{', '}', ',', '&', '*', '!', '%', '@', '`', '? ', '---\n', '...\n', '{{'];
    let out = bytes;
    for (let k = 0; k < 3; k++) out = insertAt(out, int(random, out.length + 1), chars[int(random, chars.length)]!);
    return out;
  },
};

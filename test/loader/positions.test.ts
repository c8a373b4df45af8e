import { describe, expect, it } from 'vitest';
import type { Location } from '../../src/diagnostics/types.js';
import { createPositionResolver } from '../../src/loader/positions.js';

const text = `# a comment line
stages:
  - id: discover
    name: I discover
  - { id: buy, name: "I buy" }
channels: [{ id: web, name: Web }, { id: email, name: Email }]
defaults: &defaults
  type: online
copy:
  <<: *defaults
  alias: *defaults
empty:
message: |
  Hello {{first_name}},
  your {{cart}} is waiting.
`;

async function at(location: Omit<Location, 'file'>): Promise<string> {
  const resolver = await createPositionResolver(text);
  const { start, end } = resolver.resolve({ file: 'a.yaml', ...location });
  return `${start.line}:${start.column}-${end.line}:${end.column}`;
}

describe('positions: JSON path to 1-based line:col', () => {
  it('a block-style value', async () => {
    expect(await at({ path: ['stages', 0, 'id'] })).toBe('3:9-3:17');
  });

  it('a key rather than its value (target: key)', async () => {
    expect(await at({ path: ['stages', 0, 'name'], target: 'key' })).toBe('4:5-4:9');
  });

  it('flow-style mappings and sequences, quoted scalars included', async () => {
    expect(await at({ path: ['stages', 1, 'id'] })).toBe('5:11-5:14');
    expect(await at({ path: ['stages', 1, 'name'] })).toBe('5:22-5:29');
    expect(await at({ path: ['channels', 1, 'name'] })).toBe('6:55-6:60');
  });

  it('a whole entity spans from its first key to its end', async () => {
    expect(await at({ path: ['stages', 1] })).toBe('5:5-5:31');
  });

  it('a path through an alias follows it to the anchored node', async () => {
    expect(await at({ path: ['copy', 'alias', 'type'] })).toBe('8:9-8:15');
  });

  it('a key with no value points at the key', async () => {
    expect(await at({ path: ['empty'] })).toBe('12:1-12:6');
  });

  it('a path that goes further than the file stops at the deepest node found', async () => {
    expect(await at({ path: ['stages', 0, 'missing'] })).toBe('3:5-5:1');
    expect(await at({ path: ['stages', 9, 'id'] })).toBe('3:3-6:1');
  });

  it('the root of the file', async () => {
    expect(await at({ path: [] })).toMatch(/^2:1-/);
  });

  it('a needle narrows the range to its first occurrence inside the node, on any line of a block scalar', async () => {
    expect(await at({ path: ['message'], needle: 'cart' })).toBe('15:10-15:14');
    expect(await at({ path: ['message'], needle: 'first_name' })).toBe('14:11-14:21');
  });

  it('a needle not in the node leaves the whole node', async () => {
    expect(await at({ path: ['stages', 0, 'id'], needle: 'nowhere' })).toBe('3:9-3:17');
  });

  it('a known range is returned as is', async () => {
    const range = { start: { line: 7, column: 3 }, end: { line: 7, column: 9 } };
    const resolver = await createPositionResolver(text);
    expect(resolver.resolve({ file: 'a.yaml', path: ['stages'], range })).toBe(range);
  });

  it('columns count characters (UTF-16 units), not bytes', async () => {
    const resolver = await createPositionResolver('stages:\n  - { name: "Été", id: ééé }\n');
    expect(resolver.resolve({ file: 'a.yaml', path: ['stages', 0, 'id'] })).toEqual({ start: { line: 2, column: 24 }, end: { line: 2, column: 27 } });
  });

  it('an empty file maps everything to 1:1', async () => {
    const resolver = await createPositionResolver('');
    expect(resolver.resolve({ file: 'a.yaml', path: ['stages', 0] })).toEqual({ start: { line: 1, column: 1 }, end: { line: 1, column: 1 } });
  });
});

describe('positions: a needle prefers its occurrence inside a mustache', () => {
  const resolve = async (source: string, needle: string) => {
    const resolver = await createPositionResolver(source);
    const { start, end } = resolver.resolve({ file: 'a.yaml', path: ['subject'], needle });
    return `${start.line}:${start.column}-${end.line}:${end.column}`;
  };

  it('skips the same word in the prose before it', async () => {
    expect(await resolve('subject: "Your cart: {{cart}}"\n', 'cart')).toBe('1:24-1:28');
  });

  it('skips a longer name that starts with the needle', async () => {
    expect(await resolve('subject: "{{cart_items}} {{cart}}"\n', 'cart')).toBe('1:28-1:32');
  });

  it('finds a path inside a block or helper call', async () => {
    expect(await resolve('subject: "name {{#each cart}}{{name}}{{/each}} {{upper name}}"\n', 'name')).toBe('1:32-1:36');
  });

  it('falls back to the first occurrence when no mustache holds it', async () => {
    expect(await resolve('subject: "cart cart"\n', 'cart')).toBe('1:11-1:15');
  });
});

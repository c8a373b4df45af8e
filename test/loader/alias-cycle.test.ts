import { describe, expect, it } from 'vitest';
import { inspectAliases } from '../../src/loader/parse-yaml.js';
import { lintMemory, summarize } from './lint-memory.js';

const CYCLE =
  'this alias refers to a node that contains it, so the document has no end (an alias may only name a node that does not enclose it: copy the values instead)';

describe('an alias inside its own anchor', () => {
  it('`a: &a [ *a ]` is a yaml-syntax finding at the alias, not a stack overflow', async () => {
    expect(summarize(await lintMemory({ 'x.yaml': 'a: &a [ *a ]\n' }))).toEqual([`x.yaml:1:9 yaml-syntax ${CYCLE}`]);
  });

  it('in a block mapping, deeper down, under a real section', async () => {
    const text = 'stages:\n  - id: s\n    name: S\n    extra: &loop\n      again:\n        - *loop\n';
    expect(summarize(await lintMemory({ 'x.yaml': text }))).toEqual([`x.yaml:6:11 yaml-syntax ${CYCLE}`]);
  });

  it('in omni.yaml too, and the other files still lint', async () => {
    const diagnostics = await lintMemory({ 'omni.yaml': 'name: &n { self: *n }\n', 'm.yaml': 'stages:\n  - { id: s, name: S }\n' });
    expect(summarize(diagnostics)).toEqual([`omni.yaml:1:18 yaml-syntax ${CYCLE}`]);
  });

  it('an alias reused after its anchor closes is fine, and counted once per use', () => {
    const shared = { k: 1 };
    expect(inspectAliases({ a: shared, b: shared, c: [shared, shared] }, 100)).toEqual({ expanded: 10 });
  });

  it('a 100,000-deep nesting is walked without exhausting the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspectAliases(deep, 1_000_000).expanded).toBe(100_001);
  });
});

import { describe, expect, it } from 'vitest';
import { lintMemory, summarize } from './lint-memory.js';

describe('lint of a file that is not UTF-8', () => {
  it('names the real bytes at their real place', async () => {
    const file = Buffer.concat([Buffer.from('stages:\n  - id: a\n    name: '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')]);
    expect(summarize(await lintMemory({ 'x.yaml': file }))).toEqual(['x.yaml:3:11 yaml-syntax invalid UTF-8 sequence 0xed 0xa0 0x80 (save the file as UTF-8)']);
  });

  it('a lone invalid byte is still one byte', async () => {
    expect(summarize(await lintMemory({ 'x.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]) }))).toEqual([
      'x.yaml:1:4 yaml-syntax invalid UTF-8 byte 0xff (save the file as UTF-8)',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/loader/decode.js';

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'utf8')] : part)));

describe('decodeUtf8', () => {
  it('decodes valid UTF-8, accents and emoji included', () => {
    expect(decodeUtf8(bytes('name: Été 🎉\n'))).toEqual({ ok: true, text: 'name: Été 🎉\n' });
  });

  it('drops a byte-order mark, so that line 1 column 1 is the first key', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'a: 1'))).toEqual({ ok: true, text: 'a: 1' });
  });

  it('locates an invalid byte at its 1-based line and character column', () => {
    expect(decodeUtf8(bytes('a: 1\nname: x', [0xff]))).toEqual({ ok: false, position: { line: 2, column: 8 }, byte: 0xff, sequence: [0xff] });
  });

  it('counts characters before the bad byte in UTF-16 units, as every other column: one each, two for an emoji', () => {
    expect(decodeUtf8(bytes('stages:\n  né: é€🎉', [0xfe]))).toEqual({ ok: false, position: { line: 2, column: 11 }, byte: 0xfe, sequence: [0xfe] });
  });

  it('a lead byte followed by a non-continuation byte is the error, at the lead byte', () => {
    expect(decodeUtf8(bytes('ab', [0xc3, 0x41]))).toEqual({ ok: false, position: { line: 1, column: 3 }, byte: 0xc3, sequence: [0xc3] });
  });

  it('a sequence truncated by the end of the file', () => {
    expect(decodeUtf8(bytes('x\ny', [0xe2, 0x82]))).toEqual({ ok: false, position: { line: 2, column: 2 }, byte: 0xe2, sequence: [0xe2, 0x82] });
  });

  it('overlong encodings (0xC0, 0xC1) are invalid lead bytes', () => {
    expect(decodeUtf8(bytes([0xc0, 0xaf]))).toEqual({ ok: false, position: { line: 1, column: 1 }, byte: 0xc0, sequence: [0xc0] });
  });

  it('a Latin-1 file (é as 0xE9) is reported at the é', () => {
    expect(decodeUtf8(bytes('name: caf', [0xe9], '\n'))).toEqual({ ok: false, position: { line: 1, column: 10 }, byte: 0xe9, sequence: [0xe9] });
  });
});

describe('decodeUtf8: sequences Node rejects that look well-formed byte by byte', () => {
  it('an encoded UTF-16 surrogate (ED A0 80) is reported whole, where it starts', () => {
    // The case: line 3, column 11; it used to say "byte 0x00" at 4:1.
    expect(decodeUtf8(bytes('a: 1\nb: 2\nname: abcd', [0xed, 0xa0, 0x80], '\nc: 3\n'))).toEqual({
      ok: false,
      position: { line: 3, column: 11 },
      byte: 0xed,
      sequence: [0xed, 0xa0, 0x80],
    });
  });

  it('overlong three- and four-byte forms and code points past U+10FFFF', () => {
    expect(decodeUtf8(bytes('x', [0xe0, 0x80, 0xaf]))).toMatchObject({ position: { line: 1, column: 2 }, sequence: [0xe0, 0x80, 0xaf] });
    expect(decodeUtf8(bytes([0xf0, 0x80, 0x80, 0xaf]))).toMatchObject({ position: { line: 1, column: 1 }, sequence: [0xf0, 0x80, 0x80, 0xaf] });
    expect(decodeUtf8(bytes([0xf4, 0x90, 0x80, 0x80]))).toMatchObject({ sequence: [0xf4, 0x90, 0x80, 0x80] });
  });

  it('a valid four-byte character before the bad byte counts as two UTF-16 units', () => {
    expect(decodeUtf8(bytes('🎉', [0xed, 0xbf, 0xbf]))).toMatchObject({ position: { line: 1, column: 3 }, byte: 0xed });
  });
});

import { Buffer, isUtf8 } from 'node:buffer';
import type { Position } from '../diagnostics/types.js';

/**
 * On failure: where the first invalid byte is, that byte, and the bytes of the sequence it
 * starts (one byte when it cannot start one), to be shown as they are in the file.
 */
export type DecodeResult = { ok: true; text: string } | { ok: false; position: Position; byte: number; sequence: number[] };

/**
 * Decodes UTF-8 strictly, without a leading byte-order mark; on failure, says where the
 * first invalid byte is. Node's SIMD validator and decoder are several times
 * faster than a fatal TextDecoder, which matters on thousands of files.
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  const { offset, length } = firstInvalidSequence(bytes);
  const sequence = [...bytes.subarray(offset, offset + length)];
  return { ok: false, position: positionOfByte(bytes, offset), byte: sequence[0]!, sequence };
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Allowed range of the byte after a lead byte (Unicode 15, table 3-7): E0 and F0 exclude
 * overlong forms, ED excludes the UTF-16 surrogates D800–DFFF, F4 stops at U+10FFFF.
 */
function secondByteRange(lead: number): [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/** Offset and length (as far as it went) of the first ill-formed sequence; only called when there is one. */
function firstInvalidSequence(bytes: Uint8Array): { offset: number; length: number } {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length = sequenceLength(lead);
    if (length === 0) return { offset: i, length: 1 };
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const [low, high] = k === 1 ? secondByteRange(lead) : [0x80, 0xbf];
      if (next === undefined || next < low || next > high) {
        // Show the sequence as far as its bytes look like one (ED A0 80, a surrogate, whole).
        let shown = k;
        while (shown < length && i + shown < bytes.length && (bytes[i + shown]! & 0xc0) === 0x80) shown++;
        return { offset: i, length: shown };
      }
    }
    i += length;
  }
  // isUtf8 and this scan disagree (should not happen): point past the last byte.
  return { offset: Math.max(0, bytes.length - 1), length: 1 };
}

function positionOfByte(bytes: Uint8Array, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  // Columns count UTF-16 units, as every other position (and SARIF, and editors) does: one
  // per UTF-8 lead byte, two for a four-byte sequence (an astral character).
  let column = 1;
  for (let i = lineStart; i < offset; i++) {
    const byte = bytes[i]!;
    if ((byte & 0xc0) !== 0x80) column += byte >= 0xf0 ? 2 : 1;
  }
  return { line, column };
}

import { Buffer, isUtf8 } from 'node:buffer';
import type { Position } from '../diagnostics/types.js';

export type DecodeResult = { ok: true; text: string } | { ok: false; position: Position; byte: number };

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
  const offset = firstInvalidUtf8Offset(bytes);
  return { ok: false, position: positionOfByte(bytes, offset), byte: bytes[offset] ?? 0 };
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i]!);
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return bytes.length;
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
  // Columns count characters, so count UTF-8 lead bytes on the line before the bad byte.
  let column = 1;
  for (let i = lineStart; i < offset; i++) if ((bytes[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}

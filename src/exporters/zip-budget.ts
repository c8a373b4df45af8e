import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { WordedError, type WordedMessage } from '../i18n/index.js';

/**
 * Reading a zip that may be hostile: every size is checked against a budget before a
 * byte is inflated, and inflation itself stops at the budget (a central directory can
 * lie about sizes). Only the parts omni asks for are ever inflated: a 2 GiB image in
 * xl/media costs nothing.
 */
export interface ZipBudget {
  /** Entries in the central directory. */
  entries: number;
  /** Uncompressed bytes of one part. */
  partBytes: number;
  /** Uncompressed bytes of all the parts read. */
  totalBytes: number;
  /** Uncompressed ÷ compressed size, checked for parts over `ratioFloorBytes`. */
  ratio: number;
  ratioFloorBytes: number;
}

/** Sized for a 50,000-scenario workbook (parts of ~100 MB) with room to spare. */
export const DEFAULT_ZIP_BUDGET: ZipBudget = {
  entries: 10_000,
  partBytes: 384 * 1024 * 1024,
  totalBytes: 1024 * 1024 * 1024,
  ratio: 1_000,
  ratioFloorBytes: 16 * 1024 * 1024,
};

/** A budget the workbook goes over: it is refused with this message (worded in src/i18n, `zip…`). */
export class ZipLimitError extends WordedError {}

/** A damaged archive, or one that is no zip (worded in src/i18n, `zip…`). */
export class ZipFormatError extends WordedError {}

export interface ZipDirectoryEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  dataStart: number;
}

const mib = (bytes: number): WordedMessage =>
  bytes < 1024 * 1024 ? { messageId: 'sizeBytes', data: { count: bytes } } : { messageId: 'sizeMiB', data: { count: Math.round((bytes / 1024 / 1024) * 10) / 10 } };

/** The central directory, checked for count, bounds and methods; nothing inflated. */
export function zipDirectory(zip: Buffer, budget: ZipBudget = DEFAULT_ZIP_BUDGET): Map<string, ZipDirectoryEntry> {
  // The end record sits in the last 64 KiB + 22 bytes (its comment is at most 65,535 bytes).
  const searchFrom = Math.max(0, zip.length - 65_557);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < searchFrom || end < 0 || end + 22 > zip.length) throw new ZipFormatError('zipNoEnd');
  const count = zip.readUInt16LE(end + 10);
  if (count === 0xffff || zip.readUInt32LE(end + 16) === 0xffffffff) throw new ZipFormatError('zip64');
  if (count > budget.entries) throw new ZipLimitError('zipTooManyEntries', { count, max: budget.entries });
  let offset = zip.readUInt32LE(end + 16);
  const entries = new Map<string, ZipDirectoryEntry>();
  for (let index = 0; index < count; index++) {
    if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) throw new ZipFormatError('zipBadRecord', { index });
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const local = zip.readUInt32LE(offset + 42);
    if (offset + 46 + nameLength > zip.length || local + 30 > zip.length) throw new ZipFormatError('zipRecordOutside', { index });
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength).replace(/^\//, '');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (dataStart + compressedSize > zip.length) throw new ZipFormatError('zipPastEnd', { name });
    entries.set(name, { name, method, compressedSize, size, dataStart });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Tracks what has been inflated so far against the total budget. */
export class ZipReader {
  private inflated = 0;
  readonly entries: Map<string, ZipDirectoryEntry>;

  constructor(
    private readonly zip: Buffer,
    private readonly budget: ZipBudget = DEFAULT_ZIP_BUDGET,
  ) {
    this.entries = zipDirectory(zip, budget);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Checks the declared sizes of a part before inflating it. */
  private check(entry: ZipDirectoryEntry): void {
    const { budget } = this;
    if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError('zipMethod', { method: entry.method, name: entry.name });
    if (entry.size > budget.partBytes) throw new ZipLimitError('zipPartTooLarge', { name: entry.name, size: mib(entry.size), max: mib(budget.partBytes) });
    if (this.inflated + entry.size > budget.totalBytes)
      throw new ZipLimitError('zipTotalTooLarge', { size: mib(this.inflated + entry.size), max: mib(budget.totalBytes) });
    if (entry.size > budget.ratioFloorBytes && entry.size > entry.compressedSize * budget.ratio) {
      throw new ZipLimitError('zipBomb', { name: entry.name, ratio: Math.round(entry.size / Math.max(1, entry.compressedSize)), size: mib(entry.size) });
    }
  }

  private limit(entry: ZipDirectoryEntry): number {
    // The declared size may lie: inflation stops one byte past it (or past the budget).
    return Math.min(entry.size, this.budget.partBytes, this.budget.totalBytes - this.inflated);
  }

  private overrun(entry: ZipDirectoryEntry): ZipLimitError {
    return new ZipLimitError('zipOverrun', { name: entry.name, size: mib(entry.size) });
  }

  /** The whole part (for small parts: workbook, relationships, styles). */
  read(name: string): Buffer | undefined {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    this.check(entry);
    const raw = this.zip.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let data: Buffer;
    if (entry.method === 0) data = Buffer.from(raw);
    else {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, this.limit(entry) + 1) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) throw this.overrun(entry);
        throw Object.assign(new ZipFormatError('zipCannotInflate', { name: entry.name, reason: (error as Error).message }), { cause: error });
      }
    }
    if (data.length > this.limit(entry)) throw this.overrun(entry);
    this.inflated += data.length;
    return data;
  }

  /** The part in chunks as it inflates (sheets, shared strings): memory stays at a chunk. */
  async *stream(name: string): AsyncGenerator<Buffer> {
    const entry = this.entries.get(name);
    if (!entry) return;
    this.check(entry);
    const raw = this.zip.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    const limit = this.limit(entry);
    let produced = 0;
    if (entry.method === 0) {
      for (let start = 0; start < raw.length; start += 1 << 20) {
        const chunk = raw.subarray(start, start + (1 << 20));
        produced += chunk.length;
        this.inflated += chunk.length;
        yield chunk;
      }
      return;
    }
    const inflate = createInflateRaw({ chunkSize: 1 << 20 });
    inflate.end(raw);
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        produced += chunk.length;
        if (produced > limit) throw this.overrun(entry);
        this.inflated += chunk.length;
        yield chunk;
      }
    } catch (error) {
      if (error instanceof ZipLimitError) throw error;
      throw Object.assign(new ZipFormatError('zipCannotInflate', { name: entry.name, reason: (error as Error).message }), { cause: error });
    } finally {
      inflate.destroy();
    }
  }
}

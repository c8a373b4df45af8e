import * as zlib from 'node:zlib';
import { createDeflateRaw, deflateRawSync, type DeflateRaw } from 'node:zlib';
import { DEFAULT_ZIP_BUDGET, ZipReader, type ZipBudget } from './zip-budget.js';

/**
 * The zip writer of the xlsx package: each part is deflated once with Node's zlib as it is
 * written (ZipStreamWriter), with every entry dated from the plan (never the clock), so
 * output is reproducible. Reading goes through zip-budget.ts's bounded reader.
 */
export interface ZipEntry {
  name: string;
  data: Buffer;
}

const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * Every entry in central-directory order, read through the bounded reader (zip-budget.ts):
 * one zip reader in omni, for the importer and for tools and tests alike.
 */
export function readZip(zip: Buffer, budget: ZipBudget = DEFAULT_ZIP_BUDGET): ZipEntry[] {
  const reader = new ZipReader(zip, budget);
  return [...reader.entries.keys()].map((name) => ({ name, data: reader.read(name)! }));
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** Node's own CRC-32 when it has one (20.15+), else a table-driven one. */
const nativeCrc32 = (zlib as unknown as { crc32?: (data: Buffer, value?: number) => number }).crc32;

/** CRC-32 of `data`, continued from `previous` (the CRC of what came before it). */
function crc32(data: Buffer, previous = 0): number {
  if (nativeCrc32) return nativeCrc32(data, previous) >>> 0;
  let crc = (previous ^ -1) | 0;
  for (let i = 0; i < data.length; i++) crc = CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** One entry, already deflated: what the archive's headers need to know about it. */
interface PackedEntry {
  name: string;
  crc: number;
  size: number;
  compressed: readonly Buffer[];
}

/** The archive around deflated entries, in the given order, all dated `when`. */
function pack(entries: readonly PackedEntry[], when: Date): Buffer {
  const { time, date } = dosDateTime(when);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressedSize = entry.compressed.reduce((sum, chunk) => sum + chunk.length, 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(CENTRAL_HEADER, 0);
    record.writeUInt16LE(20, 4); // made by
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(8, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(entry.crc, 16);
    record.writeUInt32LE(compressedSize, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    parts.push(local, name, ...entry.compressed);
    central.push(record, name);
    offset += local.length + name.length + compressedSize;
  }
  const centralSize = central.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/** Deflated entries in the given order, all dated `when`: same entries, same bytes. */
export function writeZip(entries: readonly ZipEntry[], when: Date): Buffer {
  return pack(
    entries.map((entry) => ({ name: entry.name, crc: crc32(entry.data), size: entry.data.length, compressed: [deflateRawSync(entry.data, { level: 6 })] })),
    when,
  );
}

/** Input held by a part's deflater before the writer waits for it to catch up. */
const HIGH_WATER = 1 << 20;

/**
 * One entry of a {@link ZipStreamWriter}: text goes into the deflater as it is written, so
 * only the compressed bytes are kept. Same bytes as {@link writeZip} would give for the
 * whole text: deflate's output does not depend on how its input was cut.
 */
export class ZipPartWriter {
  crc = 0;
  size = 0;
  readonly compressed: Buffer[] = [];
  private readonly deflate: DeflateRaw = createDeflateRaw({ level: 6 });
  private readonly finished: Promise<void>;

  constructor(readonly name: string) {
    this.deflate.on('data', (chunk: Buffer) => this.compressed.push(chunk));
    this.finished = new Promise((resolve, reject) => {
      this.deflate.on('end', resolve);
      this.deflate.on('error', reject);
    });
  }

  /** Queues `data`; false when the caller should `await drained()` before writing more. */
  write(data: string | Buffer): boolean {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (bytes.length === 0) return this.deflate.writableLength < HIGH_WATER;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    this.deflate.write(bytes);
    return this.deflate.writableLength < HIGH_WATER;
  }

  /** Resolves once the deflater has taken in what was queued. */
  drained(): Promise<void> {
    if (this.deflate.writableLength < HIGH_WATER) return Promise.resolve();
    return new Promise((resolve) => this.deflate.once('drain', resolve));
  }

  end(): Promise<void> {
    this.deflate.end();
    return this.finished;
  }

  /** Resolves once every byte is deflated (after {@link end}). */
  done(): Promise<void> {
    return this.finished;
  }
}

/**
 * A zip written part by part, each part deflated as it is written (never held whole
 * uncompressed): memory is the compressed archive plus a part's deflate window.
 */
export class ZipStreamWriter {
  private readonly parts: ZipPartWriter[] = [];

  constructor(private readonly when: Date) {}

  /** A new part, placed after the parts opened before it. */
  part(name: string): ZipPartWriter {
    const part = new ZipPartWriter(name);
    this.parts.push(part);
    return part;
  }

  /** The archive, once every part has ended; `first` names a part to put before the others. */
  async finish(first?: string): Promise<Buffer> {
    await Promise.all(this.parts.map((part) => part.done()));
    const ordered = first === undefined ? this.parts : [...this.parts.filter((part) => part.name === first), ...this.parts.filter((part) => part.name !== first)];
    return pack(ordered, this.when);
  }
}

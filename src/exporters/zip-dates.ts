/**
 * exceljs zips with JSZip, which stamps every entry with the current time. The DOS
 * time and date fields sit at fixed offsets in each local file header and central
 * directory record and are not covered by the CRC, so they are rewritten in place:
 * the archive stays valid and becomes reproducible.
 */
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

export function pinZipDates(zip: Buffer, when: Date): Buffer {
  const { time, date } = dosDateTime(when);
  const endOffset = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOffset < 0 || zip.readUInt32LE(endOffset) !== END_OF_CENTRAL_DIRECTORY) throw new Error('not a zip archive: end of central directory not found');
  const entries = zip.readUInt16LE(endOffset + 10);
  let offset = zip.readUInt32LE(endOffset + 16);
  for (let index = 0; index < entries; index++) {
    if (zip.readUInt32LE(offset) !== CENTRAL_HEADER) throw new Error(`not a zip archive: bad central directory record ${index}`);
    zip.writeUInt16LE(time, offset + 12);
    zip.writeUInt16LE(date, offset + 14);
    const local = zip.readUInt32LE(offset + 42);
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`not a zip archive: bad local header for entry ${index}`);
    zip.writeUInt16LE(time, local + 10);
    zip.writeUInt16LE(date, local + 12);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return zip;
}

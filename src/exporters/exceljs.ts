// The parts of exceljs that omni's workbook writer uses: its streaming workbook writer (styles,
// shared strings, theme, relationships, workbook and document parts) and its XML escaping.
// omni zips and writes the sheets' cells itself (write-xlsx.ts, zip.ts), so exceljs's
// reader, archiver and CSV support are never needed. scripts/bundle.mjs replaces the file tsc
// writes here (dist/exporters/exceljs.js) with these parts and their dependencies inlined, and
// their licences in dist/exporters/exceljs.LICENSES.txt: an install of omni then brings none of
// exceljs's ~150 packages. Tests import this file as it is, from the devDependency.
import WorkbookWriterClass from 'exceljs/lib/stream/xlsx/workbook-writer.js';
import utils from 'exceljs/lib/utils/utils.js';

export type WorkbookWriter = import('exceljs').stream.xlsx.WorkbookWriter;
export type WorkbookWriterOptions = ConstructorParameters<typeof import('exceljs').stream.xlsx.WorkbookWriter>[0];

export const WorkbookWriter: new (options: Partial<WorkbookWriterOptions>) => WorkbookWriter = WorkbookWriterClass;
export const xmlEncode: (text: string) => string = utils.xmlEncode;

// exceljs ships types for its package entry only; these are the two inner modules
// src/exporters/exceljs.ts imports (exceljs 4.4, pinned by the golden workbook tests).
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  const WorkbookWriter: typeof import('exceljs').stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}
declare module 'exceljs/lib/utils/utils.js' {
  const utils: { xmlEncode(text: string): string };
  export default utils;
}

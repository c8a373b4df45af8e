import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { importWorkbook, toWorkspaceFiles, WorkbookError } from '../exporters/import-workbook.js';
import { readXlsx, type ReadWorkbook } from '../exporters/read-xlsx.js';
import { checkOutputFolder, currentIo, displayPath, writeMessage, writeOutputFile } from './output.js';
import { CliError, EXIT } from './errors.js';
import type { ImportCommandOptions } from './import.js';

export async function runImport(options: ImportCommandOptions): Promise<number> {
  const file = options.xlsx;
  if (!file) throw new CliError('nothing to import: pass --xlsx FILE');
  const workbookPath = path.resolve(currentIo().cwd, file);
  if (!existsSync(workbookPath)) throw new CliError(`workbook not found: ${file}`);
  if (!statSync(workbookPath).isFile()) throw new CliError(`not a file: ${file}`, 'pass an .xlsx workbook');
  // Before reading the workbook: a wrong --out (inside .git, a file) fails fast.
  const out = checkOutputFolder(options.out, { flag: '--out', allowModelFiles: true });
  let workbook: ReadWorkbook;
  try {
    workbook = await readXlsx(readFileSync(workbookPath));
  } catch (error) {
    throw new CliError(`cannot read ${file} as an .xlsx workbook (${(error as Error).message})`, 'save it from Excel, LibreOffice or Google Sheets as .xlsx');
  }
  let result;
  try {
    result = importWorkbook(workbook);
  } catch (error) {
    if (error instanceof WorkbookError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
  const files = toWorkspaceFiles(result);
  const existing = [...files.keys()].filter((name) => existsSync(path.join(out, name)));
  if (existing.length > 0 && !options.force) {
    throw new CliError(`${existing.map((name) => path.join(options.out, name)).join(', ')} already exist${existing.length === 1 ? 's' : ''}`, 'pass --force to replace them, or choose another --out folder');
  }
  for (const warning of result.warnings) writeMessage(`warning: ${warning}`);
  for (const [name, text] of files) {
    writeOutputFile(path.join(out, name), text, { allowModelFiles: true });
    writeMessage(`wrote ${displayPath(path.join(out, name))}`);
  }
  const source = result.from === 'data-sheet' ? "omni's data sheet" : 'the visible tabs (hand-filled template)';
  writeMessage(`imported from ${source}${result.warnings.length > 0 ? ` with ${result.warnings.length} warning(s)` : ''}; run \`omni lint ${options.out}\` next`);
  return EXIT.ok;
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { importWorkbook, toWorkspaceFiles, WorkbookError } from '../exporters/import-workbook.js';
import { readXlsx, type ReadWorkbook } from '../exporters/read-xlsx.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { CliError, EXIT } from './errors.js';
import type { ImportCommandOptions } from './import.js';

export async function runImport(options: ImportCommandOptions): Promise<number> {
  const file = options.xlsx;
  if (!file) throw new CliError('nothing to import: pass --xlsx FILE');
  if (!existsSync(file)) throw new CliError(`workbook not found: ${file}`);
  if (!statSync(file).isFile()) throw new CliError(`not a file: ${file}`, 'pass an .xlsx workbook');
  let workbook: ReadWorkbook;
  try {
    workbook = await readXlsx(readFileSync(file));
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
  const out = path.resolve(options.out);
  if (existsSync(out) && !statSync(out).isDirectory()) throw new CliError(`--out is not a folder: ${options.out}`);
  const existing = [...files.keys()].filter((name) => existsSync(path.join(out, name)));
  if (existing.length > 0 && !options.force) {
    throw new CliError(`${existing.map((name) => path.join(options.out, name)).join(', ')} already exist${existing.length === 1 ? 's' : ''}`, 'pass --force to replace them, or choose another --out folder');
  }
  for (const warning of result.warnings) process.stderr.write(`omni: warning: ${warning}\n`);
  for (const [name, text] of files) {
    writeFileAtomic(path.join(out, name), text);
    process.stdout.write(`${path.join(options.out, name)}\n`);
  }
  const source = result.from === 'data-sheet' ? "omni's data sheet" : 'the visible tabs (hand-filled template)';
  process.stderr.write(`omni: imported from ${source}${result.warnings.length > 0 ? ` with ${result.warnings.length} warning(s)` : ''}; run \`omni lint ${options.out}\` next\n`);
  return EXIT.ok;
}

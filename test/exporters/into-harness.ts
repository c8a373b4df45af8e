/**
 * Shared harness of the `import --into` tests: a copy of the example in a git repository
 * of its own, an openpyxl editor driven by JSON ops, the in-process --into pipeline and a
 * plain line diff.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { applyEdits, refusedCells } from '../../src/exporters/apply-edits.js';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { dataSheetModel, importWorkbook } from '../../src/exporters/import-workbook.js';
import { readXlsx, type ReadSheet, type ReadWorkbook } from '../../src/exporters/read-xlsx.js';
import { workbookEdits } from '../../src/exporters/workbook-edits.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { selectModelFiles } from '../../src/loader/discover.js';
import { SECTION_KINDS } from '../../src/model/types.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';
import { repo } from './helpers.js';

export const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { encoding: 'utf8', cwd });

/** A copy of a workspace in a git repository of its own, and its exported workbook. */
export async function workspaceCopy(folder = 'examples/maison-lumen', prepare?: (ws: string) => void): Promise<{ dir: string; xlsx: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'omni-into-'));
  cpSync(path.join(repo, folder), path.join(dir, 'ws'), { recursive: true });
  const ws = path.join(dir, 'ws');
  prepare?.(ws);
  git(ws, 'init', '-q');
  git(ws, 'add', '-A');
  git(ws, 'commit', '-qm', 'init');
  const workspace = await loadWorkspace(ws);
  const lint = await lintWorkspace(workspace);
  const xlsx = path.join(dir, 'plan.xlsx');
  writeFileSync(xlsx, await writeXlsx(buildWorkbook(workspace.model, summariseLint(lint.diagnostics))));
  return { dir: ws, xlsx };
}

/**
 * Edits a workbook with openpyxl, one output per case. Ops on `sheet`: {key, col, value}
 * sets the cell of the row whose hidden key is `key`; {cell, value} (and `fill`, RRGGBB);
 * {deleteKey}; {insertAfterKey, values: {col: value}, outline?} (the new row's outline level); {append: {col: value}};
 * {unmerge: true} (openpyxl does not move merged ranges when rows move); {insertRow: r,
 * values}; {deleteRows: r, count}; {insertCol: c}; {deleteCol: c}; {moveKeys: [key…], beforeKey}
 * (cut those rows and insert them above another).
 */
export const EDIT = `
import json, sys, openpyxl
from openpyxl.styles import PatternFill
source, ops_path = sys.argv[1], sys.argv[2]
KEYS = {"Cas d'usage": 11, 'Spécification des scénarios': 15, 'Besoins en données': 6, 'Use cases': 11, 'Scenario specification': 15, 'Data requirements': 6}
for case in json.load(open(ops_path)):
    book = openpyxl.load_workbook(source)
    for op in case['ops']:
        ws = book[op['sheet']]
        key_col = KEYS.get(op['sheet'])
        # A plan that branches has a Branch column in its specification tab: the key moves one right.
        if key_col == 15 and any(ws.cell(row=3, column=c).value in ('Branche', 'Branch') for c in range(1, 17)):
            key_col = 16
        def row_of(key):
            for r in range(1, ws.max_row + 1):
                if ws.cell(row=r, column=key_col).value == key:
                    return r
            raise SystemExit('no row with key ' + key)
        def put(r, values):
            for col, value in values.items():
                ws.cell(row=r, column=int(col)).value = value
        if 'key' in op:
            ws.cell(row=row_of(op['key']), column=op['col']).value = op['value']
        elif 'cell' in op:
            if 'value' in op:
                ws[op['cell']] = op['value']
            if 'fill' in op:
                ws[op['cell']].fill = PatternFill('solid', fgColor='FF' + op['fill'])
        elif 'deleteKey' in op:
            ws.delete_rows(row_of(op['deleteKey']))
        elif 'insertAfterKey' in op:
            r = row_of(op['insertAfterKey']) + 1
            ws.insert_rows(r)
            put(r, op['values'])
            if 'outline' in op:
                ws.row_dimensions[r].outline_level = op['outline']
        elif 'append' in op:
            put(ws.max_row + 1, op['append'])
        elif 'unmerge' in op:
            for merged in list(ws.merged_cells.ranges):
                ws.unmerge_cells(str(merged))
        elif 'insertRow' in op:
            ws.insert_rows(op['insertRow'])
            put(op['insertRow'], op.get('values', {}))
        elif 'deleteRows' in op:
            ws.delete_rows(op['deleteRows'], op.get('count', 1))
        elif 'insertCol' in op:
            ws.insert_cols(op['insertCol'])
        elif 'deleteCol' in op:
            ws.delete_cols(op['deleteCol'])
        elif 'moveKeys' in op:
            rows = [[ws.cell(row=row_of(key), column=c).value for c in range(1, key_col + 1)] for key in op['moveKeys']]
            for key in op['moveKeys']:
                ws.delete_rows(row_of(key))
            at = row_of(op['beforeKey'])
            for offset, values in enumerate(rows):
                ws.insert_rows(at + offset)
                for c, value in enumerate(values):
                    ws.cell(row=at + offset, column=c + 1).value = value
    book.save(case['out'])
`;

/** Lines removed and added per file, in file order (a plain LCS line diff); `context` also gives the unchanged line before each change, as " line". */
export function lineDiff(before: string, after: string, context = false): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let changing = false;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
      changing = false;
      continue;
    }
    if (context && !changing && i > 0) out.push(` ${a[i - 1]}`);
    changing = true;
    if (j < b.length && (i === a.length || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) out.push(`+${b[j++]}`);
    else out.push(`-${a[i++]}`);
  }
  return out;
}

/** Runs the --into pipeline in process: file → removed/added lines (a new file: all "+"; a removed file: null), plus warnings and conflicts. */
export async function applied(ws: string, xlsx: string, options: { context?: boolean } = {}) {
  const workbook = await readXlsx(readFileSync(xlsx));
  const result = importWorkbook(workbook);
  const base = dataSheetModel(result.settings, result.sections, result.defaultLifecycle === true);
  const current = await loadWorkspace(ws);
  const taken = Object.fromEntries(SECTION_KINDS.map((kind) => [kind, current.model[kind].map((entity) => entity.id)]));
  const edits = workbookEdits(workbook, buildWorkbook(base, { errors: 0, warnings: 0, rules: [] }, { editTargets: true }), base, taken);
  const { include, exclude } = current.model.settings;
  const { files, removed, conflicts, warnings } = applyEdits(current.model, result.records!, edits, (name) => readFileSync(path.join(ws, name), 'utf8'), {
    files: current.files,
    isModelFile: (name) => selectModelFiles([name], include, exclude).length === 1,
  });
  const diff: Record<string, string[] | null> = {};
  for (const [name, text] of files)
    diff[name] = existsSync(path.join(ws, name))
      ? lineDiff(readFileSync(path.join(ws, name), 'utf8'), text, options.context !== false)
      : text.split('\n').map((line) => `+${line}`);
  for (const name of removed) diff[name] = null;
  return { diff, conflicts: conflicts.map((c) => c.message), warnings: [...edits.warnings, ...warnings], files, removed };
}

/** The sheet with one cell's value replaced. */
export function typedOver(sheet: ReadSheet, row: number, column: number, value: string | number): ReadSheet {
  return {
    name: sheet.name,
    hidden: sheet.hidden,
    rowCount: sheet.rowCount,
    columnCount: sheet.columnCount,
    cell: (r, c) => (r === row && c === column ? { ...sheet.cell(r, c), value } : sheet.cell(r, c)),
    rowNumbers: () => sheet.rowNumbers(),
    columnsOf: (r) => sheet.columnsOf(r),
    ...(sheet.outlineLevel ? { outlineLevel: (r: number) => sheet.outlineLevel!(r) } : {}),
  };
}

/**
 * An example exported and read back in memory, ready for the `--into` pipeline to take
 * edited copies of its workbook: what the seeded cell and row campaigns share.
 */
export async function intoInMemory(root: string) {
  const before = await loadWorkspace(root);
  const spec = buildWorkbook(before.model, summariseLint((await lintWorkspace(before)).diagnostics));
  const workbook = await readXlsx(await writeXlsx(spec));
  const result = importWorkbook(workbook, { reportVisibleEdits: false });
  const base = dataSheetModel(result.settings, result.sections, result.defaultLifecycle === true);
  const expected = buildWorkbook(base, { errors: 0, warnings: 0, rules: [] }, { editTargets: true });
  const taken = Object.fromEntries(SECTION_KINDS.map((kind) => [kind, before.model[kind].map((entity) => entity.id)]));
  const { include, exclude } = before.model.settings;

  /**
   * What `--into` makes of an edited copy: no edit, warnings only, edits the YAML cannot take
   * (every schema or YAML finding must be one of the cells refusedCells names), or edits that
   * load cleanly, with the new workbook's tab of that name. Conflicts fail the test.
   */
  async function apply(edited: ReadWorkbook, label: string, sheetName: string) {
    let edits: ReturnType<typeof workbookEdits>;
    let outcome: ReturnType<typeof applyEdits>;
    try {
      edits = workbookEdits(edited, expected, base, taken);
      outcome = applyEdits(before.model, result.records!, edits, (file) => readFileSync(path.join(root, file), 'utf8'), {
        files: before.files,
        isModelFile: (file) => selectModelFiles([file], include, exclude).length === 1,
      });
    } catch (error) {
      // Never an exception: name the case that threw.
      throw new Error(`${label}: ${(error as Error).stack ?? String(error)}`, { cause: error });
    }
    expect(outcome.conflicts, label).toEqual([]);
    if (outcome.files.size === 0 && outcome.removed.length === 0) return { kind: edits.warnings.length > 0 ? ('warned' as const) : ('none' as const), edits };
    const after = await loadWorkspace(root, {
      source: {
        listFiles: () => [...new Set([...before.files, ...outcome.files.keys()])].filter((file) => !outcome.removed.includes(file)),
        readFile: (file) => Buffer.from(outcome.files.get(file) ?? readFileSync(path.join(root, file), 'utf8'), 'utf8'),
      },
    });
    const unreadable = after.diagnostics.filter((diagnostic) => diagnostic.ruleId === 'yaml-syntax' || diagnostic.ruleId === 'schema');
    if (unreadable.length > 0) {
      // What the CLI reports at the cell: every finding is the edit's.
      expect(refusedCells(after.diagnostics, edits.edits, before.model).length, `${label}: ${unreadable.map((diagnostic) => diagnostic.message).join('; ')}`).toBe(
        unreadable.length,
      );
      return { kind: 'refused' as const, edits };
    }
    const again = buildWorkbook(after.model, summariseLint((await lintWorkspace(after)).diagnostics)).sheets.find((candidate) => candidate.name === sheetName)!;
    return { kind: 'applied' as const, edits, again };
  }

  return { before, spec, workbook, apply };
}

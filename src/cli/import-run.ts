import { WordedError } from '../i18n/index.js';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyEdits, refusedCells } from '../exporters/apply-edits.js';
import { buildWorkbook } from '../exporters/build-workbook.js';
import { dataSheetModel, importWorkbook, toWorkspaceFiles, WorkbookError, workbookLocale, type ImportResult } from '../exporters/import-workbook.js';
import { readXlsx, WorkbookLimitError, type ReadWorkbook } from '../exporters/read-xlsx.js';
import { workbookEdits } from '../exporters/workbook-edits.js';
import { onInterrupt } from '../util/process-cleanup.js';
import {
  checkOutputFile,
  checkOutputFolder,
  currentIo,
  displayPath,
  messageLocale,
  say,
  useWorkspaceLocale,
  writeData,
  writeMessage,
  writeOutputFile,
} from './output.js';
import { CliError, EXIT } from './errors.js';
import type { ImportCommandOptions } from './import.js';
import { peekWorkspaceLocale } from './workspace.js';

/** Findings that name something missing: an import --into must not leave any it did not find. */
const DANGLING = new Set(['unknown-reference', 'undeclared-template-variable']);
const referenceKey = (diagnostic: { ruleId: string; message: string; entity?: { kind: string; id: string } }) =>
  `${diagnostic.ruleId}\u0000${diagnostic.entity?.kind ?? ''}/${diagnostic.entity?.id ?? ''}\u0000${diagnostic.message}`;

/** Rules whose errors mean a file was not read: an import --into must not write over what it cannot see. */
const UNREADABLE = new Set(['yaml-syntax', 'schema']);

export async function runImport(options: ImportCommandOptions): Promise<number> {
  const file = options.xlsx;
  if (!file) throw new CliError(say('nothingToImport'));
  if (options.into !== undefined && options.out !== undefined) throw new CliError(say('outOrInto'));
  if (options.into === undefined && options.out === undefined) throw new CliError(say('nowhereToImport'));
  if (options.dryRun && options.into === undefined) throw new CliError(say('dryRunWithInto'));
  const workbookPath = path.resolve(currentIo().cwd, file);
  if (!existsSync(workbookPath)) throw new CliError(say('workbookNotFound', { file }));
  if (!statSync(workbookPath).isFile()) throw new CliError(say('notAFile', { file }), say('passWorkbook'));
  // Before reading the workbook: a wrong --out (inside .git, a file) fails fast.
  const out = options.out === undefined ? undefined : checkOutputFolder(options.out, { flag: '--out', allowModelFiles: true });
  let workbook: ReadWorkbook;
  try {
    workbook = await readXlsx(readFileSync(workbookPath));
  } catch (error) {
    if (error instanceof WorkbookLimitError) throw new CliError(say('workbookRefused', { file, reason: error.messageIn(messageLocale()) }), say('workbookBudgets'));
    const reason = error instanceof WordedError ? error.messageIn(messageLocale()) : (error as Error).message;
    throw new CliError(say('notAWorkbook', { file, reason }), say('saveAsXlsx'));
  }
  // One language for the whole run: --locale, else the workspace's (--into) or the workbook's (--out).
  if (options.into !== undefined) peekWorkspaceLocale(path.resolve(currentIo().cwd, options.into));
  else useWorkspaceLocale(workbookLocale(workbook));
  let result: ImportResult;
  try {
    // A new workspace has omni's own rules: the settings of house rules cannot go with it.
    const knownRules = options.into === undefined ? (await import('../rules/index.js')).RULES_BY_ID : undefined;
    result = importWorkbook(workbook, { reportVisibleEdits: options.into === undefined, locale: messageLocale(), ...(knownRules ? { knownRules } : {}) });
  } catch (error) {
    if (error instanceof WorkbookError) throw new CliError(say('workbookProblem', { file, problem: error.messageIn(messageLocale()) }));
    throw error;
  }
  if (options.into !== undefined) return importInto(file, workbook, result, options.into, options.dryRun === true);
  const files = toWorkspaceFiles(result);
  const existing = [...files.keys()].filter((name) => existsSync(path.join(out!, name)));
  if (existing.length > 0 && !options.force) {
    throw new CliError(say('alreadyExist', { count: existing.length, files: existing.map((name) => path.join(options.out!, name)).join(', ') }), say('alreadyExistHint'));
  }
  for (const warning of result.warnings) writeMessage(say('warning', { text: warning }));
  for (const [name, text] of files) {
    writeOutputFile(path.join(out!, name), text, { allowModelFiles: true });
    writeMessage(say('wrote', { file: displayPath(path.join(out!, name)) }));
  }
  const source = result.from === 'data-sheet' ? say('fromDataSheet') : say('fromVisibleTabs');
  writeMessage(say(result.warnings.length > 0 ? 'importedWithWarnings' : 'imported', { source, count: result.warnings.length, out: options.out! }));
  return EXIT.ok;
}

async function importInto(file: string, workbook: ReadWorkbook, result: ImportResult, into: string, dryRun: boolean): Promise<number> {
  if (result.from !== 'data-sheet' || !result.records) {
    throw new CliError(say('noDataSheet', { file }), say('noDataSheetHint'));
  }
  const { loadWorkspace } = await import('../pipeline/load.js');
  const { lintWorkspace } = await import('../pipeline/lint.js');
  const root = path.resolve(currentIo().cwd, into);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new CliError(say('intoNotWorkspace', { path: into }));
  const before = await loadWorkspace(root);
  useWorkspaceLocale(before.declaredLocale);
  const beforeLint = await lintWorkspace(before, { locale: messageLocale() });
  const unreadable = beforeLint.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && UNREADABLE.has(diagnostic.ruleId));
  if (unreadable.length > 0) {
    const first = unreadable[0]!;
    throw new CliError(`${into}: ${first.file}:${first.range.start.line}:${first.range.start.column} ${first.message}`, say('intoUnreadableHint'));
  }
  const base = dataSheetModel(result.settings, result.sections, result.defaultLifecycle === true);
  const expected = buildWorkbook(base, { errors: 0, warnings: 0, rules: [] }, { editTargets: true });
  const { selectModelFiles } = await import('../loader/discover.js');
  const { SECTION_KINDS } = await import('../model/types.js');
  // Ids in use in the YAML as it is now, so that the ids of new rows never collide with them.
  const taken = Object.fromEntries(SECTION_KINDS.map((kind) => [kind, before.model[kind].map((entity) => entity.id)]));
  const edits = workbookEdits(workbook, expected, base, taken, messageLocale());
  const { include, exclude } = before.model.settings;
  const applied = applyEdits(before.model, result.records, edits, (name) => readFileSync(path.join(root, name), 'utf8'), {
    files: before.files,
    isModelFile: (name) => selectModelFiles([name], include, exclude).length === 1,
    locale: messageLocale(),
  });
  for (const warning of [...edits.warnings, ...applied.warnings]) writeMessage(say('warning', { text: warning }));
  if (applied.conflicts.length > 0) {
    for (const conflict of applied.conflicts) writeMessage(say('conflict', { message: conflict.message }));
    writeMessage(say('conflicts', { count: applied.conflicts.length }));
    return EXIT.problems;
  }
  if (applied.files.size === 0 && applied.removed.length === 0) {
    writeMessage(say('noEdit'));
    return EXIT.ok;
  }
  // The workspace as it would be, read from memory: it must still load cleanly.
  const overlay = {
    listFiles: () => [...new Set([...before.files, ...applied.files.keys()])].filter((name) => !applied.removed.includes(name)),
    readFile: (name: string) => {
      const text = applied.files.get(name);
      return text !== undefined ? Buffer.from(text, 'utf8') : readFileSync(path.join(root, name));
    },
  };
  const after = await loadWorkspace(root, { source: overlay });
  // A value typed in the workbook that the schema refuses is the workbook's to fix, named at its cell (not "a bug in omni").
  const refused = refusedCells(after.diagnostics, edits.edits, before.model, messageLocale());
  if (refused.length > 0) {
    for (const { where, message } of refused) writeMessage(say('cellRefused', { where, message }));
    writeMessage(say('cellsRefused', { count: refused.length }));
    return EXIT.problems;
  }
  const afterLint = await lintWorkspace(after, { locale: messageLocale() });
  const broken = afterLint.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && UNREADABLE.has(diagnostic.ruleId));
  if (broken.length > 0) {
    const first = broken[0]!;
    throw new CliError(
      say('editsUnreadable', { where: `${first.file}:${first.range.start.line}:${first.range.start.column}`, message: first.message }),
      say('workbookBug'),
    );
  }
  // A deleted row must not leave references to what it deleted: refused, with each reference, before anything is written.
  const { importerMessage } = await import('../exporters/messages.js');
  const known = new Set(beforeLint.diagnostics.map(referenceKey));
  const dangling = afterLint.diagnostics.filter(
    (diagnostic) => diagnostic.severity === 'error' && DANGLING.has(diagnostic.ruleId) && !known.has(referenceKey(diagnostic)),
  );
  if (dangling.length > 0) {
    const locale = messageLocale();
    for (const diagnostic of dangling)
      writeMessage(`${path.join(into, diagnostic.file)}:${diagnostic.range.start.line}:${diagnostic.range.start.column}: ${diagnostic.message} (${diagnostic.ruleId})`);
    writeMessage(importerMessage(locale, 'danglingRefused', { count: dangling.length }));
    writeMessage(importerMessage(locale, 'danglingHint'));
    return EXIT.problems;
  }
  if (dryRun) {
    const { diffWorkspaces } = await import('../diff/diff.js');
    const { formatDiffText } = await import('../diff/format-text.js');
    const diff = diffWorkspaces(
      { label: into, model: before.model, lint: beforeLint },
      { label: `${into} + ${path.basename(file)}`, model: after.model, lint: afterLint },
    );
    writeData(formatDiffText(diff, { color: false, locale: messageLocale() }));
    writeMessage(say('dryRun', { count: applied.files.size + applied.removed.length }));
    return EXIT.ok;
  }
  writeAll(root, applied.files, applied.removed);
  // The data of an --into run: the files it changed, one per line (like git diff --name-only).
  for (const name of [...applied.files.keys(), ...applied.removed].sort()) writeData(`${path.join(into, name)}\n`);
  writeMessage(say('applied', { count: edits.edits.length + edits.added.length + edits.deleted.length, file }));
  return EXIT.ok;
}

/** All files or none: every temporary file is written first, then each is renamed over its target; removed files go last. */
function writeAll(root: string, files: Map<string, string>, removed: readonly string[] = []): void {
  const temporaries: [string, string][] = [];
  const cleanup = () => {
    for (const [temporary] of temporaries) rmSync(temporary, { force: true });
  };
  const unregister = onInterrupt(cleanup);
  try {
    for (const [name, text] of files) {
      const target = path.join(root, name);
      const temporary = path.join(path.dirname(target), `.${path.basename(target)}.omni-tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
      temporaries.push([temporary, target]);
      writeFileSync(temporary, text);
    }
  } catch (error) {
    cleanup();
    unregister();
    throw new CliError(say('cannotWriteNothing', { file: (error as NodeJS.ErrnoException).path ?? root, reason: (error as Error).message }));
  }
  for (const [temporary, target] of temporaries) renameSync(temporary, target);
  for (const name of removed) rmSync(path.join(root, name), { force: true });
  unregister();
}

/** `omni init --xlsx FILE`: the blank template workbook, in the locale asked for. */
export async function runInitTemplate(file: string, locale: 'fr' | 'en', force: boolean): Promise<void> {
  // The same output policy as every command: an .xlsx, never a model file or inside .git.
  const target = checkOutputFile(file, { flag: '--xlsx', kind: 'xlsx', workspaces: [], force: false });
  if (existsSync(target) && !force) throw new CliError(say('fileExists', { file }), say('fileExistsHint'));
  const { buildTemplateWorkbook } = await import('../exporters/template-workbook.js');
  const { writeXlsx } = await import('../exporters/write-xlsx.js');
  writeOutputFile(target, await writeXlsx(buildTemplateWorkbook(locale)));
  writeMessage(say('templateWritten', { file: displayPath(target), name: file }));
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildWorkbook, summariseLint } from '../../src/exporters/build-workbook.js';
import { importWorkbook, toWorkspaceFiles, type ImportResult } from '../../src/exporters/import-workbook.js';
import { RULES_BY_ID } from '../../src/rules/index.js';
import { readXlsx } from '../../src/exporters/read-xlsx.js';
import { omniInItsLanguage } from '../cli/helpers.js';
import { writeXlsx } from '../../src/exporters/write-xlsx.js';
import { SECTION_KINDS, type Model } from '../../src/model/types.js';
import { lintWorkspace } from '../../src/pipeline/lint.js';
import { loadWorkspace } from '../../src/pipeline/load.js';

export const repo = path.resolve(import.meta.dirname, '../..');

/** Exports a workspace folder (relative to the repository) as omni export does. */
export async function exportFolder(folder: string): Promise<{ model: Model; bytes: Buffer }> {
  const workspace = await loadWorkspace(path.join(repo, folder));
  const lint = await lintWorkspace(workspace);
  return { model: workspace.model, bytes: await writeXlsx(buildWorkbook(workspace.model, summariseLint(lint.diagnostics))) };
}

/** Imports workbook bytes and writes the workspace to a new temporary folder. */
export async function importToFolder(bytes: Buffer): Promise<{ dir: string; result: ImportResult }> {
  // As `omni import --out` reads it: a new workspace has omni's own rules.
  const result = importWorkbook(await readXlsx(bytes), { knownRules: RULES_BY_ID });
  const dir = mkdtempSync(path.join(tmpdir(), 'omni-import-'));
  for (const [name, text] of toWorkspaceFiles(result)) writeFileSync(path.join(dir, name), text);
  return { dir, result };
}

function stripOrigins(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripOrigins);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'origin')
        .map(([key, item]) => [key, stripOrigins(item)]),
    );
  }
  return value;
}

/** What a round trip must keep: every section (entities, fields, order) and the settings that are data. */
export function comparable(model: Model): unknown {
  const { name, locale, updated, priorityWeights, rules } = model.settings;
  return {
    settings: { name, locale, updated, priorityWeights, rules },
    defaultLifecycle: model.defaultLifecycle,
    ...Object.fromEntries(SECTION_KINDS.map((kind) => [kind, stripOrigins(model[kind])])),
  };
}

/**
 * The CLI through `run(argv, io)` in this process, answering as spawnSync would (status,
 * stdout, stderr), in the language the arguments ask for: the command the binary runs,
 * without a Node start-up per call. Files that need the binary itself spawn it.
 */
export async function omniIn(cwd: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await omniInItsLanguage(args, cwd);
  return { status: code, stdout, stderr };
}

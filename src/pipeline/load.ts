import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { JsonPath, PendingDiagnostic } from '../diagnostics/types.js';
import { decodeUtf8 } from '../loader/decode.js';
import { CONFIG_FILE, DEFAULT_INCLUDE, discoverModelFiles, selectModelFiles, type WorkspaceSource } from '../loader/discover.js';
import { parseYaml } from '../loader/parse-yaml.js';
import { DEFAULT_PRIORITY_WEIGHTS } from '../model/defaults.js';
import { resolveModel, type ParsedDocument } from '../model/resolve.js';
import type { Locale, Model, Settings } from '../model/types.js';
import { RULES_BY_ID } from '../rules/index.js';
import { validateDocument } from '../schema/validate.js';
import { closestMatch } from '../util/closest-match.js';

/** Larger model files are refused rather than parsed: a plan is kilobytes, not megabytes. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface LoadOptions {
  maxFileBytes?: number;
  /** Read files from here instead of the file system under root (e.g. a git revision). */
  source?: WorkspaceSource;
}

export interface LoadedWorkspace {
  root: string;
  settings: Settings;
  /** omni.yaml (when present) and every model file, relative to root, sorted. */
  files: string[];
  model: Model;
  /** Problems found while loading (yaml-syntax, schema), not yet located. */
  diagnostics: PendingDiagnostic[];
  /** Source text of every file that was read, for positions and code frames. */
  texts: Map<string, string>;
}

type ReadResult = { ok: true; data: unknown } | { ok: false };

/** Load → validate → resolve: the model every command works from. */
export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const absoluteRoot = path.resolve(root);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const diagnostics: PendingDiagnostic[] = [];
  const texts = new Map<string, string>();

  const source = options.source;
  const listed = source ? new Set(source.listFiles()) : undefined;
  const readBytes = (file: string): Uint8Array | number => {
    if (source) return source.readFile(file);
    const absolute = path.join(absoluteRoot, file);
    const size = statSync(absolute).size;
    return size > maxFileBytes ? size : readFileSync(absolute);
  };

  const read = (file: string): ReadResult => {
    const bytes = readBytes(file);
    const size = typeof bytes === 'number' ? bytes : bytes.length;
    if (size > maxFileBytes) {
      const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
      diagnostics.push(syntaxDiagnostic(file, `file is ${mib(size)}, over the ${mib(maxFileBytes)} limit for a model file`, 'split it into smaller files, or raise --max-file-size'));
      return { ok: false };
    }
    const decoded = decodeUtf8(bytes as Uint8Array);
    if (!decoded.ok) {
      const hex = decoded.byte.toString(16).padStart(2, '0');
      diagnostics.push(syntaxDiagnostic(file, `invalid UTF-8 byte 0x${hex}`, 'save the file as UTF-8', decoded.position));
      return { ok: false };
    }
    const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
    texts.set(file, text);
    const parsed = parseYaml(text, file);
    if (!parsed.ok) {
      diagnostics.push({ ruleId: 'yaml-syntax', message: parsed.message, location: { file, path: [], range: parsed.range } });
      return { ok: false };
    }
    return { ok: true, data: parsed.data ?? {} };
  };

  const hasConfig = listed ? listed.has(CONFIG_FILE) : existsSync(path.join(absoluteRoot, CONFIG_FILE));
  const configFile = hasConfig ? CONFIG_FILE : undefined;
  let rawSettings: Record<string, unknown> = {};
  if (configFile) {
    const result = read(configFile);
    if (result.ok) {
      const problems = await validateDocument('config', result.data, configFile);
      diagnostics.push(...problems);
      if (problems.length === 0) {
        rawSettings = result.data as Record<string, unknown>;
        diagnostics.push(...unknownRuleIds(rawSettings, configFile));
      }
    }
  }
  const settings = toSettings(rawSettings, configFile !== undefined, absoluteRoot);

  const modelFiles = listed
    ? selectModelFiles([...listed], settings.include, settings.exclude)
    : discoverModelFiles(absoluteRoot, settings.include, settings.exclude);
  const documents: ParsedDocument[] = [];
  for (const file of modelFiles) {
    const result = read(file);
    if (!result.ok) continue;
    const problems = await validateDocument('model', result.data, file);
    diagnostics.push(...problems);
    documents.push({ file, data: result.data, invalidPaths: problems.map((problem) => invalidEntityPath(problem.location.path)) });
  }

  return {
    root: absoluteRoot,
    settings,
    files: configFile ? [configFile, ...modelFiles] : modelFiles,
    model: resolveModel(settings, documents),
    diagnostics,
    texts,
  };
}

/** A schema problem under `key` taints the entity it is in, not just the key. */
function invalidEntityPath(path: JsonPath): JsonPath {
  return path.slice(0, 2);
}

function syntaxDiagnostic(file: string, message: string, suggestion: string, position = { line: 1, column: 1 }): PendingDiagnostic {
  return { ruleId: 'yaml-syntax', message, suggestion, location: { file, path: [], range: { start: position, end: position } } };
}

function unknownRuleIds(settings: Record<string, unknown>, file: string): PendingDiagnostic[] {
  const rules = (settings.rules ?? {}) as Record<string, unknown>;
  return Object.keys(rules)
    .filter((id) => !RULES_BY_ID.has(id))
    .map((id) => {
      const closest = closestMatch(id, RULES_BY_ID.keys());
      return {
        ruleId: 'schema',
        message: `unknown rule "${id}"`,
        suggestion: closest ? `did you mean "${closest}"?` : 'see `omni rules` for the list',
        location: { file, path: ['rules', id], target: 'key' as const },
      };
    });
}

function toSettings(raw: Record<string, unknown>, declared: boolean, root: string): Settings {
  const weights = (raw.priority ?? {}) as Partial<Settings['priorityWeights']>;
  const settings: Settings = {
    name: typeof raw.name === 'string' ? raw.name : path.basename(root),
    locale: (raw.locale as Locale | undefined) ?? 'fr',
    include: (raw.include as string[] | undefined) ?? DEFAULT_INCLUDE,
    exclude: (raw.exclude as string[] | undefined) ?? [],
    rules: Object.fromEntries(
      Object.entries((raw.rules ?? {}) as Settings['rules']).filter(([id]) => RULES_BY_ID.has(id)),
    ),
    priorityWeights: { ...DEFAULT_PRIORITY_WEIGHTS, ...weights },
    declared,
  };
  if (typeof raw.updated === 'string') settings.updated = raw.updated;
  return settings;
}

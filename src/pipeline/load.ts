import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PendingDiagnostic } from '../diagnostics/types.js';
import { decodeUtf8 } from '../loader/decode.js';
import {
  CONFIG_FILE,
  DEFAULT_INCLUDE,
  discoverModelFiles,
  fileSystemSource,
  selectModelFiles,
  type FileReader,
  type WorkspaceSource,
} from '../loader/discover.js';
import { DEFAULT_PRIORITY_WEIGHTS } from '../model/defaults.js';
import { ModelBuilder } from '../model/resolve.js';
import type { Locale, Model, Settings } from '../model/types.js';
import { RULES_BY_ID } from '../rules/index.js';
import { getValidator } from '../schema/validate.js';
import { closestMatch } from '../util/closest-match.js';
import { readModelFile } from './read-model-file.js';

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
  /** The locale omni.yaml writes, if it writes one (settings.locale defaults to fr). */
  declaredLocale?: Locale;
  /** Problems found while loading (yaml-syntax, schema), not yet located. */
  diagnostics: PendingDiagnostic[];
  /** Source text of a workspace file, for positions and code frames (read on demand). */
  textOf(file: string): string | undefined;
}

/** Load → validate → resolve: the model every command works from. */
export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<LoadedWorkspace> {
  const absoluteRoot = path.resolve(root);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const listed = options.source ? new Set(options.source.listFiles()) : undefined;
  const reader: FileReader = options.source ?? fileSystemSource(absoluteRoot, maxFileBytes);
  const diagnostics: PendingDiagnostic[] = [];
  const texts = new Map<string, string>();

  const hasConfig = listed ? listed.has(CONFIG_FILE) : existsSync(path.join(absoluteRoot, CONFIG_FILE));
  const configFile = hasConfig ? CONFIG_FILE : undefined;
  let rawSettings: Record<string, unknown> = {};
  if (configFile) {
    const outcome = readModelFile(configFile, reader.readFile(configFile), maxFileBytes, await getValidator('config'), 'config');
    if (outcome.text !== undefined) texts.set(configFile, outcome.text);
    diagnostics.push(...outcome.diagnostics);
    if (outcome.data !== undefined && outcome.diagnostics.length === 0) {
      rawSettings = outcome.data as Record<string, unknown>;
      diagnostics.push(...unknownRuleIds(rawSettings, configFile));
    }
  }
  const settings = toSettings(rawSettings, configFile !== undefined, absoluteRoot);

  const modelFiles = listed
    ? selectModelFiles([...listed], settings.include, settings.exclude)
    : discoverModelFiles(absoluteRoot, settings.include, settings.exclude);
  // One file at a time, each handed to the model builder as soon as it is read: the
  // parser's objects then die young. Texts of files with problems are kept for positions;
  // the others are read again on demand (textOf).
  const builder = new ModelBuilder();
  const validator = await getValidator('model');
  for (const file of modelFiles) {
    const outcome = readModelFile(file, reader.readFile(file), maxFileBytes, validator);
    if (outcome.diagnostics.length > 0) {
      diagnostics.push(...outcome.diagnostics);
      if (outcome.text !== undefined) texts.set(outcome.file, outcome.text);
    }
    if (outcome.data !== undefined) builder.add({ file: outcome.file, data: outcome.data, invalidPaths: outcome.invalidPaths });
  }

  return {
    root: absoluteRoot,
    settings,
    files: configFile ? [configFile, ...modelFiles] : modelFiles,
    model: builder.finish(settings),
    ...(rawSettings.locale === 'en' || rawSettings.locale === 'fr' ? { declaredLocale: rawSettings.locale } : {}),
    diagnostics,
    textOf(file) {
      let text = texts.get(file);
      if (text === undefined) {
        const content = reader.readFile(file);
        if (content instanceof Uint8Array) {
          const decoded = decodeUtf8(content);
          if (decoded.ok) text = decoded.text;
        }
        if (text !== undefined) texts.set(file, text);
      }
      return text;
    },
  };
}

export function unknownRuleIds(settings: Record<string, unknown>, file: string): PendingDiagnostic[] {
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

export function toSettings(raw: Record<string, unknown>, declared: boolean, root: string): Settings {
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
  if (Array.isArray(raw.pressure)) settings.pressure = raw.pressure as Settings['pressure'];
  if (raw.quietHours !== undefined) settings.quietHours = raw.quietHours as Settings['quietHours'];
  return settings;
}

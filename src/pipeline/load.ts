import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PendingDiagnostic } from '../diagnostics/types.js';
import { decodeUtf8 } from '../loader/decode.js';
import {
  CONFIG_FILE,
  DEFAULT_INCLUDE,
  discoverWorkspaceFiles,
  fileSystemSource,
  type DiscoveryNotice,
  selectModelFiles,
  type FileReader,
  type WorkspaceSource,
} from '../loader/discover.js';
import { ruleMessage } from '../i18n/index.js';
import { DEFAULT_PRIORITY_WEIGHTS } from '../model/defaults.js';
import { ModelBuilder } from '../model/resolve.js';
import type { Locale, Model, RuleSettings, Settings } from '../model/types.js';
import { resolveConfig } from '../config/resolve-config.js';
import { buildRuleSet } from '../config/rule-set.js';
import type { Rule } from '../rules/create-rule.js';
import { RULES, RULES_BY_ID } from '../rules/index.js';
import { parseDirectives, type Directive } from '../suppressions/directives.js';
import { yamlCommentTest } from '../loader/yaml-comments.js';
import { getValidator } from '../schema/validate.js';
import { closestMatch } from '../util/closest-match.js';
import { readConfigFile, readModelFile } from './read-model-file.js';
import type { WorkspaceReuse } from './reuse.js';

/** Texts of files without problems kept after loading, in characters (16 MiB: a 10,000-scenario plan is 8.6 MB). */
export const KEPT_TEXT_CHARACTERS = 16 * 1024 * 1024;

/** Larger model files are refused rather than parsed: a plan is kilobytes, not megabytes. */
export const DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024;

export interface LoadOptions {
  maxFileBytes?: number;
  /** Read files from here instead of the file system under root (e.g. a git revision). */
  source?: WorkspaceSource;
  /** Work shared with another load of the same process for identical files (`omni diff`'s two sides). */
  reuse?: WorkspaceReuse;
  /**
   * Whether to import the plugins omni.yaml lists. They are always imported from the file
   * system, never read from `source`; by default only a load of the file system imports them.
   */
  plugins?: boolean;
}

export interface LoadedWorkspace {
  root: string;
  settings: Settings;
  /** omni.yaml (when present) and every model file, relative to root, sorted. */
  files: string[];
  model: Model;
  /** The locale omni.yaml writes, if it writes one (settings.locale defaults to fr). */
  declaredLocale?: Locale;
  /** Files left out that the user should hear about (not regular, links out, unmatched). */
  notices?: DiscoveryNotice[];
  /** Problems found while loading (yaml-syntax, schema), not yet located. */
  diagnostics: PendingDiagnostic[];
  /** Every rule of this workspace: built-in, then customRules:, then plugins' rules. */
  rules?: readonly Rule[];
  /** Suppression comments (`# omni-disable…`) per file that has some. */
  directives?: Map<string, Directive[]>;
  /** Model files the fast YAML reader read whole: their findings are located entry by entry. */
  simpleFiles?: ReadonlySet<string>;
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
  // Read even from an omni.yaml with other problems: its findings then read in its language.
  let declaredLocale: Locale | undefined;
  const directives = new Map<string, Directive[]>();
  let rules: readonly Rule[] = RULES;
  let ruleSettings: RuleSettings | undefined;
  if (configFile) {
    const outcome = readModelFile(configFile, reader.readFile(configFile), maxFileBytes, await getValidator('config'), 'config');
    if (outcome.text !== undefined) texts.set(configFile, outcome.text);
    if (outcome.text?.includes('omni-disable')) directives.set(configFile, parseDirectives(outcome.text, yamlCommentTest(outcome.text, outcome.simple)));
    diagnostics.push(...outcome.diagnostics);
    const written = (outcome.data as { locale?: unknown } | null | undefined)?.locale;
    if (written === 'en' || written === 'fr') declaredLocale = written;
    if (outcome.data !== undefined && outcome.diagnostics.length === 0) {
      rawSettings = outcome.data as Record<string, unknown>;
      // Plugins run code: imported from the file system (the working tree), never from a git revision.
      const team = await readRuleSettings(rawSettings, { root: absoluteRoot, configFile, reader, maxFileBytes, allowPlugins: options.plugins ?? !options.source });
      diagnostics.push(...team.diagnostics);
      rules = team.rules;
      ruleSettings = team.ruleSettings;
    }
  }
  const settings = toSettings(rawSettings, configFile !== undefined, absoluteRoot);
  if (ruleSettings) Object.assign(settings, ruleSettings);

  const discovery = listed
    ? { files: selectModelFiles([...listed], settings.include, settings.exclude), notices: [] }
    : discoverWorkspaceFiles(absoluteRoot, settings.include, settings.exclude);
  const modelFiles = discovery.files;
  // One file at a time, each handed to the model builder as soon as it is read: the
  // parser's objects then die young. Texts of files with problems are kept for positions,
  // and so are the others up to KEPT_TEXT_CHARACTERS in all (a rule may report in any file:
  // reading hundreds of files again costs more than keeping them); past that budget, they
  // are read again on demand (textOf).
  const builder = new ModelBuilder();
  const validator = await getValidator('model');
  const simpleFiles = new Set<string>();
  let kept = 0;
  const reuse = options.reuse?.start(rules);
  for (const file of modelFiles) {
    const outcome = reuse
      ? reuse.read(file, reader, (content) => readModelFile(file, content, maxFileBytes, validator))
      : readModelFile(file, reader.readFile(file), maxFileBytes, validator);
    if (outcome.simple) simpleFiles.add(outcome.file);
    if (outcome.text?.includes('omni-disable')) directives.set(outcome.file, parseDirectives(outcome.text, yamlCommentTest(outcome.text, outcome.simple)));
    if (outcome.diagnostics.length > 0) {
      for (const diagnostic of outcome.diagnostics) diagnostics.push(diagnostic); // not push(...): a file can hold 400,000 findings
      if (outcome.text !== undefined) texts.set(outcome.file, outcome.text);
    } else if (outcome.text !== undefined && kept + outcome.text.length <= KEPT_TEXT_CHARACTERS) {
      kept += outcome.text.length;
      texts.set(outcome.file, outcome.text);
    }
    if (reuse) reuse.build(outcome, builder);
    else if (outcome.data !== undefined) builder.add({ file: outcome.file, data: outcome.data, invalidPaths: outcome.invalidPaths });
  }

  return {
    root: absoluteRoot,
    settings,
    files: configFile ? [configFile, ...modelFiles] : modelFiles,
    model: builder.finish(settings),
    ...(declaredLocale ? { declaredLocale } : {}),
    notices: discovery.notices,
    diagnostics,
    rules,
    directives,
    simpleFiles,
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

/**
 * The rules a workspace runs and their settings, from omni.yaml's raw settings: the built-in
 * rules and plain severities, or, with extends:, customRules:, plugins:, overrides: or rule
 * options, the complete (slower) resolution. Shared by `loadWorkspace` and the LSP session.
 */
export async function readRuleSettings(
  rawSettings: Record<string, unknown>,
  context: { root: string; configFile: string; reader: FileReader; maxFileBytes: number; allowPlugins: boolean },
): Promise<{ rules: readonly Rule[]; ruleSettings?: RuleSettings; diagnostics: PendingDiagnostic[] }> {
  if (!hasTeamSettings(rawSettings)) return { rules: RULES, diagnostics: unknownRuleIds(rawSettings, context.configFile) };
  const { config, diagnostics } = await resolveConfig(rawSettings, {
    root: context.root,
    configFile: context.configFile,
    reader: context.reader,
    maxFileBytes: context.maxFileBytes,
    readConfigFile: (name, content) => readConfigFile(name, content, context.maxFileBytes),
  });
  if (!context.allowPlugins) config.plugins = [];
  const ruleSet = await buildRuleSet(config);
  return {
    rules: ruleSet.rules,
    ruleSettings: {
      rules: ruleSet.severities,
      ruleOptions: ruleSet.options,
      overrides: ruleSet.overrides,
      ...(config.customRules.length > 0 ? { customRules: Object.fromEntries(config.customRules.map(({ rule }) => [rule.id, { ...rule }])) } : {}),
      ...(ruleSet.optionMentions.length > 0 ? { ruleOptionMentions: ruleSet.optionMentions } : {}),
    },
    diagnostics: [...diagnostics, ...ruleSet.diagnostics],
  };
}

/** Whether omni.yaml uses any setting beyond plain severities of built-in rules. */
function hasTeamSettings(raw: Record<string, unknown>): boolean {
  if (raw.extends !== undefined || raw.customRules !== undefined || raw.plugins !== undefined || raw.overrides !== undefined) return true;
  return Object.values((raw.rules ?? {}) as Record<string, unknown>).some((value) => Array.isArray(value));
}

export function unknownRuleIds(settings: Record<string, unknown>, file: string): PendingDiagnostic[] {
  const rules = (settings.rules ?? {}) as Record<string, unknown>;
  return Object.keys(rules)
    .filter((id) => !RULES_BY_ID.has(id))
    .map((id) => {
      const closest = closestMatch(id, RULES_BY_ID.keys());
      const data = { rule: id, closest: closest ?? '' };
      const suggestionId = closest ? 'didYouMean' : 'seeRules';
      return {
        ruleId: 'schema',
        message: ruleMessage('schema', 'unknownRule', data, 'en'),
        suggestion: ruleMessage('schema', suggestionId, data, 'en'),
        messageId: 'unknownRule',
        suggestionId,
        data,
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
    rules: Object.fromEntries(Object.entries((raw.rules ?? {}) as Settings['rules']).filter(([id]) => RULES_BY_ID.has(id))),
    priorityWeights: { ...DEFAULT_PRIORITY_WEIGHTS, ...weights },
    declared,
  };
  if (typeof raw.updated === 'string') settings.updated = raw.updated;
  if (Array.isArray(raw.pressure)) settings.pressure = raw.pressure as Settings['pressure'];
  if (raw.quietHours !== undefined) settings.quietHours = raw.quietHours as Settings['quietHours'];
  return settings;
}

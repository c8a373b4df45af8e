import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { JsonPath, PendingDiagnostic, SeverityOrOff } from '../diagnostics/types.js';
import type { FileReader } from '../loader/discover.js';
import type { ConfigOrigin, CustomRuleConfig, OverrideConfig, ResolvedConfig, RuleSetting } from './types.js';
import { wordedFinding, type Worded } from './worded.js';

/** Shared configs may extend others; past this depth it is surely a mistake. */
const MAX_EXTENDS_DEPTH = 10;

export interface ResolveConfigOptions {
  /** Absolute workspace root (the folder of omni.yaml). */
  root: string;
  /** omni.yaml's workspace-relative name, for locations. */
  configFile: string;
  /** Reads files inside the workspace (the file system or a git revision). */
  reader: FileReader;
  maxFileBytes: number;
  /**
   * Reads a shared config file's bytes as YAML checked against the config schema: the
   * pipeline's own file reader, passed in so that config stays below the pipeline.
   */
  readConfigFile(name: string, content: Uint8Array): Promise<{ data?: unknown; diagnostics: readonly { message: string }[] }>;
}

/** A rule value as written: `warn` or `[warn, { maxSegments: 2 }]`. */
export function parseRuleSetting(value: unknown): RuleSetting {
  if (Array.isArray(value)) {
    const setting: RuleSetting = { severity: value[0] as SeverityOrOff };
    if (value[1] !== undefined) setting.options = value[1] as Record<string, unknown>;
    return setting;
  }
  return { severity: value as SeverityOrOff };
}

function parseRuleSettings(value: unknown): Record<string, RuleSetting> {
  const settings: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries((value ?? {}) as Record<string, unknown>)) settings[id] = parseRuleSetting(setting);
  return settings;
}

const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string]);

/**
 * Applies `extends:` (files and npm packages, depth first, later wins) under omni.yaml's own
 * settings. Problems in a shared config are reported at its `extends:` entry in omni.yaml.
 */
export async function resolveConfig(raw: Record<string, unknown>, options: ResolveConfigOptions): Promise<{ config: ResolvedConfig; diagnostics: PendingDiagnostic[] }> {
  const config: ResolvedConfig = { rules: {}, ruleOrigins: {}, optionOrigins: {}, customRules: [], plugins: [], overrides: [] };
  const diagnostics: PendingDiagnostic[] = [];
  const at = (path: JsonPath): ConfigOrigin => ({ location: { file: options.configFile, path } });

  const apply = async (data: Record<string, unknown>, from: string, origin: (path: JsonPath) => ConfigOrigin, chain: string[], via?: string) => {
    const extendsList = asList(data.extends);
    for (let index = 0; index < extendsList.length; index++) {
      const name = extendsList[index]!;
      const entryOrigin = via ? origin([]) : at(Array.isArray(data.extends) ? ['extends', index] : ['extends']);
      const fail = (problem: Worded) => diagnostics.push({ ...wordedFinding(problem, `extends "${via ?? name}": `), location: entryOrigin.location });
      if (chain.length >= MAX_EXTENDS_DEPTH) {
        fail({ messageId: 'extendsTooDeep', suggestionId: 'checkExtendsCycle', data: { depth: MAX_EXTENDS_DEPTH } });
        continue;
      }
      const loaded = await loadShared(name, from, options);
      if ('error' in loaded) {
        fail(loaded.error);
        continue;
      }
      if (chain.includes(loaded.file)) {
        fail({ messageId: 'extendsItself', suggestionId: 'removeExtendsCycle', data: { name, count: chain.length } });
        continue;
      }
      const problems = await validateShared(loaded.data, loaded.file);
      if (problems) {
        fail({ messageId: 'sharedInvalid', suggestionId: 'fixShared', data: { problem: problems } });
        continue;
      }
      const sharedOrigin: ConfigOrigin = { ...entryOrigin, via: via ?? name };
      await apply(loaded.data as Record<string, unknown>, path.dirname(loaded.file), () => sharedOrigin, [...chain, loaded.file], via ?? name);
    }

    for (const [id, setting] of Object.entries(parseRuleSettings(data.rules))) {
      const earlier = config.rules[id];
      // Like ESLint: a later severity alone keeps the options set earlier.
      config.rules[id] = setting.options === undefined && earlier?.options ? { ...setting, options: earlier.options } : setting;
      config.ruleOrigins[id] = origin(['rules', id]);
      if (setting.options !== undefined) config.optionOrigins[id] = origin(['rules', id]);
    }
    const customRules = (data.customRules ?? []) as CustomRuleConfig[];
    customRules.forEach((rule, index) => {
      const entry = { rule, origin: origin(['customRules', index]) };
      const existing = config.customRules.findIndex((known) => known.rule.id === rule.id);
      if (existing >= 0) config.customRules[existing] = entry;
      else config.customRules.push(entry);
    });
    asList(data.plugins).forEach((specifier, index) => {
      if (!config.plugins.some((plugin) => plugin.specifier === specifier && plugin.from === from))
        config.plugins.push({ specifier, from, origin: origin(['plugins', index]) });
    });
    ((data.overrides ?? []) as Array<{ files: string[]; rules: unknown }>).forEach((override, index) => {
      const parsed: OverrideConfig = { files: override.files, rules: parseRuleSettings(override.rules) };
      config.overrides.push({ override: parsed, origin: origin(['overrides', index]) });
    });
  };

  await apply(raw, options.root, at, [path.join(options.root, options.configFile)]);
  return { config, diagnostics };
}

type Shared = { file: string; data: unknown } | { error: Worded };

/** Reads a shared config: a YAML/JSON file by path, or an npm package's main export. */
async function loadShared(name: string, from: string, options: ResolveConfigOptions): Promise<Shared> {
  const isPath = name.startsWith('.') || path.isAbsolute(name);
  let file: string;
  if (isPath) {
    file = path.resolve(from, name);
  } else {
    try {
      file = createRequire(path.join(from, 'omni.yaml')).resolve(name);
    } catch {
      return { error: { messageId: 'noPackage', suggestionId: 'installPackage', data: { name } } };
    }
  }
  if (/\.(?:c|m)?js$/.test(file)) {
    try {
      const module = (await import(pathToFileURL(file).href)) as { default?: unknown; config?: unknown };
      const data = module.default ?? module.config;
      if (!data || typeof data !== 'object') return { error: { messageId: 'noConfigObject', suggestionId: 'exportConfig', data: { name } } };
      return { file, data };
    } catch (error) {
      return { error: { messageId: 'sharedNotLoaded', suggestionId: 'reinstallPackage', data: { name, reason: (error as Error).message.split('\n')[0]! } } };
    }
  }
  let content: Uint8Array;
  const relative = path.relative(options.root, file);
  const inside = !relative.startsWith('..') && !path.isAbsolute(relative);
  try {
    if (inside) {
      const read = options.reader.readFile(relative.split(path.sep).join('/'));
      if (!(read instanceof Uint8Array)) return { error: { messageId: 'sharedTooLarge', suggestionId: 'sharedIsSmall', data: { name } } };
      content = read;
    } else {
      if (statSync(file).size > options.maxFileBytes) return { error: { messageId: 'sharedTooLarge', suggestionId: 'sharedIsSmall', data: { name } } };
      content = readFileSync(file);
    }
  } catch {
    return { error: { messageId: 'sharedNotFound', suggestionId: 'sharedPaths', data: { name } } };
  }
  const outcome = await options.readConfigFile(name, content);
  if (outcome.data === undefined) {
    const first = outcome.diagnostics[0];
    return first
      ? { error: { messageId: 'sharedUnreadable', suggestionId: 'fixSharedYaml', data: { reason: first.message } } }
      : { error: { messageId: 'sharedNotReadable', suggestionId: 'fixSharedYaml' } };
  }
  return { file, data: outcome.data };
}

/** The first schema problem of a shared config, as one line, or undefined when it is valid. */
async function validateShared(data: unknown, file: string): Promise<string | undefined> {
  const { validateDocument } = await import('../schema/validate.js');
  const problems = await validateDocument('config', data, path.basename(file));
  if (problems.length === 0) return undefined;
  const first = problems[0]!;
  return `${first.location.path.join('.') || '(root)'}: ${first.message}`;
}

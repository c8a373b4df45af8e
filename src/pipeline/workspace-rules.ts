import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Rule } from '../rules/create-rule.js';
import { RULES } from '../rules/index.js';
import { CONFIG_FILE, fileSystemSource } from '../loader/discover.js';
import { resolveConfig } from '../config/resolve-config.js';
import { buildRuleSet } from '../config/rule-set.js';
import { getValidator } from '../schema/validate.js';
import { DEFAULT_MAX_FILE_BYTES } from './load.js';
import { readConfigFile, readModelFile } from './read-model-file.js';

/** The rules a workspace has (built-in, customRules:, plugins), from its omni.yaml alone, for `omni rules`. */
export async function loadWorkspaceRules(root: string): Promise<readonly Rule[]> {
  if (!existsSync(path.join(root, CONFIG_FILE))) return RULES;
  const reader = fileSystemSource(root, DEFAULT_MAX_FILE_BYTES);
  const outcome = readModelFile(CONFIG_FILE, reader.readFile(CONFIG_FILE), DEFAULT_MAX_FILE_BYTES, await getValidator('config'), 'config');
  if (outcome.data === undefined || outcome.diagnostics.length > 0) return RULES;
  const { config } = await resolveConfig(outcome.data as Record<string, unknown>, {
    root,
    configFile: CONFIG_FILE,
    reader,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    readConfigFile: (name, content) => readConfigFile(name, content, DEFAULT_MAX_FILE_BYTES),
  });
  return (await buildRuleSet(config)).rules;
}

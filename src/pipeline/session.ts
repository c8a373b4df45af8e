import { Buffer } from 'node:buffer';
import { ownValue } from '../util/own-value.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LintResult, PendingDiagnostic } from '../diagnostics/types.js';
import { decodeUtf8 } from '../loader/decode.js';
import { CONFIG_FILE, discoverModelFiles, fileSystemSource, selectModelFiles, type FileContent, type FileReader } from '../loader/discover.js';
import { createPositionResolver, type PositionResolver } from '../loader/positions.js';
import { defaultLifecycle } from '../model/defaults.js';
import { relationsOf, seedRelations, type Relations } from '../model/relations.js';
import { ModelBuilder } from '../model/resolve.js';
import { SECTION_KINDS, type EntityBase, type Model, type Scenario, type SectionKind, type Sections, type RuleSettings, type Settings } from '../model/types.js';
import { defaultOptions, type Rule, type RuleContext, type RuleReport } from '../rules/create-rule.js';
import { getValidator, type Validator } from '../schema/validate.js';
import { lintWorkspace, type LintOptions } from './lint.js';
import { isReplayablePerFile, RULES } from '../rules/index.js';
import { parseDirectives, type Directive } from '../suppressions/directives.js';
import { yamlCommentTest } from '../loader/yaml-comments.js';
import { DEFAULT_MAX_FILE_BYTES, readRuleSettings, toSettings, type LoadedWorkspace } from './load.js';
import { readModelFile } from './read-model-file.js';

/** What one file adds to the model: its entities per section, the ids of its invalid entities, its loader problems. */
interface FileState {
  /** omni-disable comments of the file, when it has any. */
  directives?: Directive[];
  sections: Partial<Sections>;
  invalidIds: Partial<Record<SectionKind, string[]>>;
  diagnostics: PendingDiagnostic[];
  /** Kept while the file has loader problems (their positions need it). */
  text?: string;
  /** What the file declares that rules read about other files' entities (see `declarationSignature`). */
  signature: string;
}

/**
 * What the rules of `locality: 'scenario'` (see RuleMeta) may read of a file other than
 * their scenario's own: everything it declares (every section but scenarios) and the ids
 * the schema set aside, but for the prose those rules never read (`name`, `description`),
 * so that typing a name in a data file does not re-run them on 10,000 scenarios. After an
 * edit that leaves it unchanged, those rules re-run on the edited files' scenarios alone and
 * the other files' findings are replayed; any other change re-runs them on the whole model.
 * The other rules run on the whole model every time.
 */
function declarationSignature(sections: Partial<Sections>, invalidIds: Partial<Record<SectionKind, string[]>>): string {
  const parts: unknown[] = [];
  for (const kind of SECTION_KINDS) if (kind !== 'scenarios') parts.push(sections[kind] ?? [], invalidIds[kind] ?? []);
  return JSON.stringify(parts, (key, value: unknown) => (key === 'name' || key === 'description' ? undefined : value));
}

export interface SessionOptions {
  maxFileBytes?: number;
}

/**
 * A workspace kept in memory between checks, for long-lived front ends (the language
 * server). It holds what each file contributes to the model, so that after an edit of one
 * file only that file is read, parsed and validated again; the model is then merged from
 * the per-file contributions and every rule runs on it, through the same `lintWorkspace`
 * as `omni lint` (same ids, severities, messages and ranges). Open buffers (overlays) win
 * over the disk.
 */
export class WorkspaceSession {
  readonly root: string;
  settings!: Settings;
  /** Built-in, house and plugin rules, as omni.yaml configures them (see readRuleSettings). */
  private rules: readonly Rule[] = RULES;
  private configDirectives: Directive[] | undefined;
  /** The locale omni.yaml names, if it names one: lint messages follow it, as in `omni lint`. */
  private declaredLocale: 'en' | 'fr' | undefined;
  /** The language of the workspace's messages (its lint findings, and the language server's own words). */
  get locale(): 'en' | 'fr' {
    return this.declaredLocale ?? 'en';
  }
  /** What the options marked `names:` of the configured rules name, by option key (a plugin's `sendVia: [sms]`). */
  namingOption(key: string): SectionKind | undefined {
    for (const rule of this.rules) {
      const names = ownValue(rule.options, key)?.names;
      if (names) return names;
    }
    return undefined;
  }
  /** omni.yaml (when present) and every model file, relative to root, sorted as `omni lint` lists them. */
  files: string[] = [];
  private modelFiles: string[] = [];
  private hasConfig = false;
  /** Files of the workspace that omni.yaml's settings were read from besides it (`extends:` chains). */
  private configSources = new Set<string>();
  private configDiagnostics: PendingDiagnostic[] = [];
  private readonly states = new Map<string, FileState>();
  private readonly overlays = new Map<string, string>();
  private readonly uris = new Map<string, string>();
  private readonly resolvers = new Map<string, Promise<PositionResolver>>();
  private readonly maxFileBytes: number;
  private readonly disk: FileReader;
  private validator!: Validator;
  private currentModel: Model | undefined;
  /** Findings of the local rules per rule and file, from the last check; `dirtyFiles` changed since. */
  private readonly localFindings = new Map<string, Map<string, RuleReport[]>>();
  private dirtyFiles = new Set<string>();
  private allDirty = true;
  /** Scenarios per variable and per use case, in model order, kept up to date across edits (the costly relations). */
  private scenarioUsers: Pick<Relations, 'scenariosByUseCase' | 'scenariosByVariable'> | undefined;
  /** Scenarios of dirty files as they were at the last check. */
  private readonly previousScenarios = new Map<string, Scenario[]>();
  /** Texts of files that are not open, kept while they have findings (code frames, positions). */
  private readonly texts = new Map<string, string>();
  private needsReload = true;

  private constructor(root: string, options: SessionOptions) {
    this.root = path.resolve(root);
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.disk = fileSystemSource(this.root, this.maxFileBytes);
  }

  static async open(root: string, options: SessionOptions = {}): Promise<WorkspaceSession> {
    const session = new WorkspaceSession(root, options);
    await session.reload();
    return session;
  }

  /** Workspace-relative path (forward slashes) of an absolute one, or undefined when it lies outside. */
  relative(absolute: string): string | undefined {
    const relative = path.relative(this.root, absolute);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  /** The URI an editor knows a file by (as it sent it when opening the file), else its file: URL. */
  uriOf(file: string): string {
    return this.uris.get(file) ?? pathToFileURL(path.join(this.root, file)).href;
  }

  rememberUri(file: string, uri: string): void {
    this.uris.set(file, uri);
  }

  isWorkspaceFile(file: string): boolean {
    return this.states.has(file) || (file === CONFIG_FILE && this.hasConfig);
  }

  /** Whether a workspace-relative path would be a model file under the current include/exclude (and not another workspace's). */
  wouldInclude(file: string): boolean {
    return file !== CONFIG_FILE && selectModelFiles([file], this.settings.include, this.settings.exclude).length === 1 && !this.inNestedWorkspace(file);
  }

  /** Whether a folder between the root and the file holds an omni.yaml of its own: the file is that workspace's, as discovery says. */
  private inNestedWorkspace(file: string): boolean {
    const segments = file.split('/');
    for (let depth = 1; depth < segments.length; depth++) if (existsSync(path.join(this.root, ...segments.slice(0, depth), CONFIG_FILE))) return true;
    return false;
  }

  /** Reads everything again: at start, and when omni.yaml changes (include, exclude and locale change what the files mean). */
  async reload(): Promise<void> {
    this.needsReload = false;
    this.states.clear();
    this.resolvers.clear();
    this.texts.clear();
    this.allDirty = true;
    this.scenarioUsers = undefined;
    this.previousScenarios.clear();
    this.currentModel = undefined;
    this.validator = await getValidator('model');
    this.hasConfig = this.overlays.has(CONFIG_FILE) || existsSync(path.join(this.root, CONFIG_FILE));
    this.configDiagnostics = [];
    this.rules = RULES;
    this.configDirectives = undefined;
    const configSources = new Set<string>();
    this.configSources = configSources;
    let rawSettings: Record<string, unknown> = {};
    let ruleSettings: RuleSettings | undefined;
    // As `omni lint` does: read even from an omni.yaml with other problems, whose findings then read in its language.
    let writtenLocale: unknown;
    if (this.hasConfig) {
      const outcome = readModelFile(CONFIG_FILE, this.read(CONFIG_FILE), this.maxFileBytes, await getValidator('config'), 'config');
      writtenLocale = (outcome.data as { locale?: unknown } | null | undefined)?.locale;
      this.configDiagnostics.push(...outcome.diagnostics);
      this.configDirectives = outcome.text?.includes('omni-disable') ? parseDirectives(outcome.text, yamlCommentTest(outcome.text, outcome.simple)) : undefined;
      if (outcome.data !== undefined && outcome.diagnostics.length === 0) {
        rawSettings = outcome.data as Record<string, unknown>;
        const team = await readRuleSettings(rawSettings, {
          root: this.root,
          configFile: CONFIG_FILE,
          reader: {
            readFile: (file) => {
              configSources.add(file);
              return this.read(file);
            },
          },
          maxFileBytes: this.maxFileBytes,
          allowPlugins: true,
        });
        this.configDiagnostics.push(...team.diagnostics);
        this.rules = team.rules;
        ruleSettings = team.ruleSettings;
      }
    }
    this.settings = toSettings(rawSettings, this.hasConfig, this.root);
    if (ruleSettings) Object.assign(this.settings, ruleSettings);
    this.declaredLocale = writtenLocale === 'en' || writtenLocale === 'fr' ? writtenLocale : undefined;
    const discovered = existsSync(this.root) ? discoverModelFiles(this.root, this.settings.include, this.settings.exclude) : [];
    // Open buffers of files not yet saved to disk are part of the workspace too.
    const unsaved = [...this.overlays.keys()].filter((file) => this.wouldInclude(file));
    this.modelFiles = selectModelFiles([...new Set([...discovered, ...unsaved])], this.settings.include, this.settings.exclude);
    for (const file of this.modelFiles) this.readFile(file);
    this.listFiles();
  }

  /** An editor buffer for a file (open or changed); undefined when it is closed (the disk counts again). */
  /** Returns false when nothing changed (the same text again). */
  setOverlay(file: string, text: string | undefined): boolean {
    if (text === undefined ? !this.overlays.has(file) : this.overlays.get(file) === text) return false;
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
    this.fileChanged(file);
    return true;
  }

  hasOverlay(file: string): boolean {
    return this.overlays.has(file);
  }

  /** A file changed (buffer or disk), appeared or disappeared: re-read only it, unless it is omni.yaml. */
  fileChanged(file: string): void {
    this.resolvers.delete(file);
    this.texts.delete(file);
    // omni.yaml, and the shared settings it extends, change what the files mean; one appearing
    // or going in a sub-folder moves a nested workspace's files out or in.
    if (file === CONFIG_FILE || file.endsWith(`/${CONFIG_FILE}`) || this.configSources.has(file)) {
      this.needsReload = true;
      return;
    }
    const present = this.overlays.has(file) || existsSync(path.join(this.root, file));
    const known = this.states.has(file);
    if (present && (known || this.wouldInclude(file))) {
      if (!known) this.modelFiles = selectModelFiles([...this.modelFiles, file], this.settings.include, this.settings.exclude);
      const before = this.states.get(file)?.signature;
      if (known && !this.previousScenarios.has(file)) this.previousScenarios.set(file, this.states.get(file)!.sections.scenarios ?? []);
      this.readFile(file);
      if (before !== this.states.get(file)!.signature) this.allDirty = true;
      else this.dirtyFiles.add(file);
    } else if (!present && known) {
      this.states.delete(file);
      this.modelFiles = this.modelFiles.filter((other) => other !== file);
      this.allDirty = true;
    } else {
      return;
    }
    this.currentModel = undefined;
    this.listFiles();
  }

  /** omni-disable comments per file, as `omni lint` finds them. */
  private directives(): Map<string, Directive[]> {
    const directives = new Map<string, Directive[]>();
    if (this.configDirectives) directives.set(CONFIG_FILE, this.configDirectives);
    for (const file of this.modelFiles) {
      const list = this.states.get(file)?.directives;
      if (list) directives.set(file, list);
    }
    return directives;
  }

  /** The model as of the latest changes, merged from every file's contribution in file order. */
  async model(): Promise<Model> {
    if (this.needsReload) await this.reload();
    this.currentModel ??= this.mergeModel();
    return this.currentModel;
  }

  /** Every rule on the current model, located: what `omni lint` would print for the same files. */
  async check(options: Omit<LintOptions, 'positionResolver' | 'checkRule'> = {}): Promise<LintResult> {
    const model = await this.model();
    const diagnostics = [...this.configDiagnostics];
    for (const file of this.modelFiles) for (const diagnostic of this.states.get(file)!.diagnostics) diagnostics.push(diagnostic);
    const workspace: LoadedWorkspace = {
      root: this.root,
      settings: this.settings,
      files: this.files,
      model,
      diagnostics,
      textOf: (file) => this.textOf(file),
      ...(this.declaredLocale ? { declaredLocale: this.declaredLocale } : {}),
      rules: this.rules,
      directives: this.directives(),
    };
    const dirty = this.allDirty ? undefined : this.dirtyFiles;
    this.allDirty = false;
    this.dirtyFiles = new Set();
    this.seedRelations(model, dirty);
    this.previousScenarios.clear();
    const changedScenarios = dirty ? this.modelFiles.filter((file) => dirty.has(file)).flatMap((file) => this.states.get(file)!.sections.scenarios ?? []) : [];
    const partialModel: Model | undefined = dirty ? { ...model, scenarios: changedScenarios } : undefined;
    if (partialModel) seedRelations(partialModel, relationsOf(model));
    const checkRule = (rule: Rule, context: RuleContext) => {
      if (!isReplayablePerFile(rule)) return rule.check(context);
      let byFile = this.localFindings.get(rule.id);
      if (!byFile || !dirty) {
        byFile = new Map();
        this.localFindings.set(rule.id, byFile);
        this.collect(rule, model, byFile, undefined);
      } else {
        for (const file of dirty) byFile.delete(file);
        this.collect(rule, partialModel!, byFile, dirty);
      }
      for (const [file, reports] of byFile) {
        // omni.yaml's findings (unknown-reference's pressure channels) come from full runs: any change to it reloads.
        if (!this.states.has(file) && file !== CONFIG_FILE) continue;
        for (const report of reports) context.report(report);
      }
    };
    const result = await lintWorkspace(workspace, { ...options, positionResolver: (file) => this.positions(file), checkRule });
    return result;
  }

  /**
   * The model's relations, with the scenario-derived ones (10,000 scenarios) updated for the
   * dirty files only: their old scenarios leave each list, their new ones enter it at their file's place.
   */
  private seedRelations(model: Model, dirty: ReadonlySet<string> | undefined): void {
    const usersOf = (scenarios: readonly Scenario[]) => {
      const byUseCase = new Map<string, Scenario[]>();
      const byVariable = new Map<string, Scenario[]>();
      const push = (map: Map<string, Scenario[]>, id: string, scenario: Scenario) => {
        const list = map.get(id);
        if (!list) map.set(id, [scenario]);
        else if (list[list.length - 1] !== scenario) list.push(scenario);
      };
      for (const scenario of scenarios) {
        for (const id of scenario.useCases) push(byUseCase, id, scenario);
        for (const id of scenario.variables) push(byVariable, id, scenario);
      }
      return { scenariosByUseCase: byUseCase, scenariosByVariable: byVariable };
    };
    if (!dirty || !this.scenarioUsers) {
      this.scenarioUsers = usersOf(model.scenarios);
    } else {
      const order = new Map(this.modelFiles.map((file, index) => [file, index]));
      for (const file of dirty) {
        const fresh = usersOf(this.states.get(file)?.sections.scenarios ?? []);
        const stale = usersOf(this.previousScenarios.get(file) ?? []);
        const position = order.get(file) ?? Number.MAX_SAFE_INTEGER;
        for (const key of ['scenariosByUseCase', 'scenariosByVariable'] as const) {
          const lists = this.scenarioUsers[key];
          for (const id of new Set([...stale[key].keys(), ...fresh[key].keys()])) {
            const kept = (lists.get(id) ?? []).filter((scenario) => scenario.origin.file !== file);
            const at = kept.findIndex((scenario) => (order.get(scenario.origin.file) ?? 0) > position);
            const added = fresh[key].get(id) ?? [];
            const list = at < 0 ? [...kept, ...added] : [...kept.slice(0, at), ...added, ...kept.slice(at)];
            if (list.length > 0) lists.set(id, list);
            else lists.delete(id);
          }
        }
      }
    }
    const relations: Relations = {
      ...this.scenarioUsers,
      useCasesByTouchpoint: new Map(),
      variablesBySource: new Map(),
      touchpointCountByChannel: new Map(),
    };
    for (const useCase of model.useCases) {
      for (const id of useCase.touchpoints) {
        const list = relations.useCasesByTouchpoint.get(id);
        if (!list) relations.useCasesByTouchpoint.set(id, [useCase]);
        else if (list[list.length - 1] !== useCase) list.push(useCase);
      }
    }
    for (const variable of model.variables) {
      for (const id of variable.sources) {
        const list = relations.variablesBySource.get(id);
        if (!list) relations.variablesBySource.set(id, [variable]);
        else if (list[list.length - 1] !== variable) list.push(variable);
      }
    }
    for (const touchpoint of model.touchpoints)
      relations.touchpointCountByChannel.set(touchpoint.channel, (relations.touchpointCountByChannel.get(touchpoint.channel) ?? 0) + 1);
    seedRelations(model, relations);
  }

  /** Runs one rule, keeping its findings per file (only those in `only`, when given). */
  private collect(rule: Rule, model: Model, byFile: Map<string, RuleReport[]>, only: ReadonlySet<string> | undefined): void {
    rule.check({
      model,
      options: rule.options ? { ...defaultOptions(rule), ...this.settings.ruleOptions?.[rule.id] } : {},
      locale: this.locale,
      report: (report) => {
        const file = report.location.file;
        if (only && !only.has(file)) return;
        let list = byFile.get(file);
        if (!list) byFile.set(file, (list = []));
        list.push(report);
      },
    });
  }

  /** The text of a workspace file: its open buffer, else the disk. */
  textOf(file: string): string | undefined {
    const overlay = this.overlays.get(file);
    if (overlay !== undefined) return overlay;
    const kept = this.states.get(file)?.text ?? this.texts.get(file);
    if (kept !== undefined) return kept;
    try {
      const content = this.disk.readFile(file);
      if (!(content instanceof Uint8Array)) return undefined;
      const decoded = decodeUtf8(content);
      if (!decoded.ok) return undefined;
      this.texts.set(file, decoded.text);
      return decoded.text;
    } catch {
      return undefined;
    }
  }

  /** Line:col of JSON paths in one file, kept until that file changes. */
  positions(file: string): Promise<PositionResolver> {
    let resolver = this.resolvers.get(file);
    if (!resolver) {
      resolver = createPositionResolver(this.textOf(file) ?? '');
      this.resolvers.set(file, resolver);
    }
    return resolver;
  }

  /** Drops cached positions of files that are not open and had no problem at the last check (memory). */
  forgetPositions(keep: ReadonlySet<string>): void {
    for (const file of this.resolvers.keys()) if (!keep.has(file) && !this.overlays.has(file)) this.resolvers.delete(file);
    for (const file of this.texts.keys()) if (!keep.has(file)) this.texts.delete(file);
  }

  private listFiles(): void {
    this.files = this.hasConfig ? [CONFIG_FILE, ...this.modelFiles] : [...this.modelFiles];
  }

  private read(file: string): FileContent {
    const overlay = this.overlays.get(file);
    if (overlay !== undefined) return Buffer.from(overlay, 'utf8');
    try {
      return this.disk.readFile(file);
    } catch {
      return new Uint8Array(0);
    }
  }

  /** Decode → parse → validate one file, and keep only what it adds to the model. */
  private readFile(file: string): void {
    const outcome = readModelFile(file, this.read(file), this.maxFileBytes, this.validator);
    const state: FileState = { sections: {}, invalidIds: {}, diagnostics: outcome.diagnostics, signature: '' };
    if (outcome.text?.includes('omni-disable')) state.directives = parseDirectives(outcome.text, yamlCommentTest(outcome.text, outcome.simple));
    if (outcome.diagnostics.length > 0 && outcome.text !== undefined && !this.overlays.has(file)) state.text = outcome.text;
    if (outcome.data !== undefined) {
      const builder = new ModelBuilder();
      builder.add({ file, data: outcome.data, invalidPaths: outcome.invalidPaths });
      const part = builder.contents();
      for (const kind of SECTION_KINDS) {
        if (part.sections[kind].length > 0) (state.sections as Record<string, unknown>)[kind] = part.sections[kind];
        if (part.invalidIds[kind].size > 0) state.invalidIds[kind] = [...part.invalidIds[kind]];
      }
    }
    state.signature = declarationSignature(state.sections, state.invalidIds);
    this.states.set(file, state);
  }

  /** What ModelBuilder.finish gives for the whole workspace, from the per-file parts. */
  private mergeModel(): Model {
    const sections = Object.fromEntries(SECTION_KINDS.map((kind) => [kind, [] as EntityBase[]])) as unknown as Record<SectionKind, EntityBase[]>;
    const invalidIds = Object.fromEntries(SECTION_KINDS.map((kind) => [kind, new Set<string>()])) as Model['invalidIds'];
    for (const file of this.modelFiles) {
      const state = this.states.get(file)!;
      for (const kind of SECTION_KINDS) {
        const part = state.sections[kind] as EntityBase[] | undefined;
        if (part) for (const entity of part) sections[kind].push(entity);
        const invalid = state.invalidIds[kind];
        if (invalid) for (const id of invalid) invalidIds[kind].add(id);
      }
    }
    const usesDefaultLifecycle = sections.lifecycle.length === 0 && invalidIds.lifecycle.size === 0;
    if (usesDefaultLifecycle) sections.lifecycle = defaultLifecycle(this.settings.locale);
    const index = {} as Record<SectionKind, Map<string, EntityBase>>;
    for (const kind of SECTION_KINDS) {
      const map = new Map<string, EntityBase>();
      for (const entity of sections[kind]) if (!map.has(entity.id)) map.set(entity.id, entity);
      index[kind] = map;
    }
    return {
      ...(sections as unknown as Sections),
      settings: this.settings,
      defaultLifecycle: usesDefaultLifecycle,
      index: index as unknown as Model['index'],
      invalidIds,
    };
  }
}

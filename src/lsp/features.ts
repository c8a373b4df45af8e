import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  MarkupKind,
  SymbolKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type Range as LspRange,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { YAMLSeq } from 'yaml';
import type { Diagnostic, JsonPath, Range } from '../diagnostics/types.js';
import { analyzeTemplate } from '../model/templates.js';
import { forEachMention, forEachReference, forEachSettingsMention, forEachStepMention, referencePath } from '../model/references.js';
import { assumableBranches, forEachMessage, stepsById } from '../model/steps.js';
import { CONFIG_FILE } from '../loader/discover.js';
import {
  SECTION_KINDS,
  type Channel,
  type EntityBase,
  type FlowStep,
  type Model,
  type SectionKind,
  type Source,
  type Touchpoint,
  type Variable,
} from '../model/types.js';
import type { WorkspaceSession } from '../pipeline/session.js';
import { TEMPLATE_FIELDS } from '../rules/undeclared-template-variable.js';
import { loadSchema } from '../schema/schemas.js';
import { fillTemplate, matchRuleMessage, vocabularyFor, type LspTextId, type MessageData } from '../i18n/index.js';
import { cursorContext, idTarget, itemValue, referenceKind, scenarioStepIdsAt, scenarioVariablesAt, splitLines, type CursorContext, type IdTarget } from './cursor.js';

export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/** omni's 1-based range (end column exclusive) as an LSP range. */
export function toLspRange(range: Range): LspRange {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

/** A lint diagnostic as the editor shows it: same message and range, rule id as code, its doc page. */
export function toLspDiagnostic(diagnostic: Diagnostic): LspDiagnostic {
  const converted: LspDiagnostic = {
    range: toLspRange(diagnostic.range),
    severity: diagnostic.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.ruleId,
    codeDescription: { href: diagnostic.docsUrl },
    source: 'omni',
    message: diagnostic.message,
  };
  const data: Record<string, unknown> = {};
  if (diagnostic.suggestion !== undefined) data.suggestion = diagnostic.suggestion;
  if (diagnostic.entity) data.entity = diagnostic.entity;
  if (Object.keys(data).length > 0) converted.data = data;
  return converted;
}

const ENTITY_SYMBOL: Record<SectionKind, SymbolKind> = {
  stages: SymbolKind.EnumMember,
  channels: SymbolKind.Interface,
  touchpoints: SymbolKind.Event,
  lifecycle: SymbolKind.EnumMember,
  targets: SymbolKind.Class,
  programs: SymbolKind.Module,
  useCases: SymbolKind.Object,
  scenarios: SymbolKind.Function,
  sources: SymbolKind.Package,
  variables: SymbolKind.Variable,
  events: SymbolKind.Event,
  personas: SymbolKind.Struct,
};

const SCHEMA_DEFINITIONS: Record<string, string> = {
  stages: 'stage',
  channels: 'channel',
  touchpoints: 'touchpoint',
  lifecycle: 'lifecycleStage',
  targets: 'target',
  programs: 'program',
  useCases: 'useCase',
  scenarios: 'scenario',
  sources: 'source',
  variables: 'variable',
  events: 'event',
  personas: 'persona',
  steps: 'step',
  trigger: 'trigger',
  scores: 'scores',
};

/** Features over one workspace session; `file` is workspace-relative, `text` the buffer as the editor has it. */
export class Features {
  constructor(private readonly session: WorkspaceSession) {}

  /** A text of the language server in the workspace's language (read after the session has loaded). */
  private readonly text = (id: LspTextId, data?: MessageData): string => {
    const locale = this.session.locale;
    return fillTemplate(vocabularyFor(locale).cli.lsp[id], data, locale);
  };

  async completion(file: string, text: string, line: number, character: number): Promise<CompletionItem[]> {
    const lines = splitLines(text);
    const context = cursorContext(lines, line, character);
    const model = await this.session.model();
    if (context.template && file !== CONFIG_FILE) {
      const { variables } = scenarioVariablesAt(lines, line);
      const range = { start: { line, character: context.template.start }, end: { line, character } };
      return variables.map((id) => {
        const variable = model.index.variables.get(id);
        return { label: id, kind: CompletionItemKind.Variable, detail: variable?.name, textEdit: { range, newText: id } };
      });
    }
    if (context.atKey) return file === CONFIG_FILE ? [] : this.fieldCompletion(lines, context);
    const inConfig = file === CONFIG_FILE;
    const branches = !inConfig ? this.branchesCompleted(model, lines, context) : undefined;
    if (branches) {
      const range = { start: { line, character: context.word.start }, end: { line, character: context.word.end } };
      return branches.map((name) => ({ label: name, kind: CompletionItemKind.EnumMember, textEdit: { range, newText: name } }));
    }
    const steps = !inConfig ? this.stepsCompleted(model, lines, context) : undefined;
    if (steps) {
      const range = { start: { line, character: context.word.start }, end: { line, character: context.word.end } };
      return steps.map(({ id, step }) => ({ label: id, kind: CompletionItemKind.Reference, detail: step && stepSummary(step), textEdit: { range, newText: id } }));
    }
    // A rule option that names ids, whatever its key (a plugin's): under rules: or an override.
    const target =
      referenceKind(context, inConfig) ??
      (inConfig && context.key !== undefined && (context.section === 'rules' || context.section === 'overrides') ? this.session.namingOption(context.key) : undefined);
    if (!target) return [];
    const range = { start: { line, character: context.word.start }, end: { line, character: context.word.end } };
    const items: CompletionItem[] = [...model.index[target].values()].map((entity) => ({
      label: entity.id,
      kind: CompletionItemKind.Reference,
      detail: entity.name,
      documentation: entity.description,
      textEdit: { range, newText: entity.id },
    }));
    // Declaring events is optional: the events the plan names (triggers, exits, waits, stories) are offered too.
    if (target === 'events') {
      const named = new Map<string, Array<{ file: string }>>();
      forEachMention(model, (kind, id, file) => {
        if (kind === 'events' && !model.index.events.has(id)) (named.get(id) ?? named.set(id, []).get(id)!).push({ file });
      });
      for (const [id, uses] of named) items.push({ label: id, kind: CompletionItemKind.Reference, detail: this.usedIn(uses), textEdit: { range, newText: id } });
    }
    return items;
  }

  /**
   * The steps that may be written where the cursor is: a `goto:` names a step of its own
   * scenario, a persona's `assume:` a split or decision of the scenario the entry names.
   */
  private stepsCompleted(model: Model, lines: readonly string[], context: CursorContext): Array<{ id: string; step?: FlowStep }> | undefined {
    if (context.section === 'scenarios' && context.key === 'goto') {
      // From the buffer: while the goto is half-written the scenario does not load.
      const id = scenarioVariablesAt(lines, context.line).id;
      const known = id === undefined ? undefined : model.index.scenarios.get(id);
      const steps = known ? stepsById(known) : undefined;
      return scenarioStepIdsAt(lines, context.line)
        .map((stepId) => ({ id: stepId, step: steps?.get(stepId) }))
        .filter(({ step }) => step?.kind !== 'goto' && step?.kind !== 'end');
    }
    if (context.section === 'personas' && context.key === 'step') {
      const id = itemValue(lines, context.line, 'scenario');
      const scenario = id === undefined ? undefined : model.index.scenarios.get(id);
      return scenario
        ? [...stepsById(scenario)].filter(([, step]) => step.kind === 'split' || step.kind === 'decision').map(([stepId, step]) => ({ id: stepId, step }))
        : [];
    }
    return undefined;
  }

  /** After an assumption's `branch:`, the branches it may name: those of the step of the scenario its entry names. */
  private branchesCompleted(model: Model, lines: readonly string[], context: CursorContext): string[] | undefined {
    if (context.section !== 'personas' || context.key !== 'branch') return undefined;
    const scenarioId = itemValue(lines, context.line, 'scenario');
    const stepName = itemValue(lines, context.line, 'step');
    const scenario = scenarioId === undefined ? undefined : model.index.scenarios.get(scenarioId);
    const step = scenario && stepName !== undefined ? stepsById(scenario).get(stepName) : undefined;
    return (step && assumableBranches(step)) ?? [];
  }

  /** Section names at the top level, else the fields the JSON Schema allows where the key is written. */
  private fieldCompletion(lines: readonly string[], context: CursorContext): CompletionItem[] {
    const range = { start: { line: context.line, character: context.word.start }, end: { line: context.line, character: context.word.end } };
    const item = (label: string, detail?: string): CompletionItem => ({ label, kind: CompletionItemKind.Field, detail, textEdit: { range, newText: label } });
    if (context.keyIndent === 0) {
      const kinds = vocabularyFor(this.session.locale).lint.kinds;
      return SECTION_KINDS.map((kind) => item(kind, kinds[kind]));
    }
    const owner = owningKey(lines, context.line, context.keyIndent ?? 0) ?? context.section;
    const definition = owner ? SCHEMA_DEFINITIONS[owner] : undefined;
    if (!definition) return [];
    const schema = loadSchema('model') as { definitions: Record<string, { properties?: Record<string, { description?: string }> }> };
    const properties = schema.definitions[definition]?.properties ?? {};
    return Object.entries(properties).map(([name, property]) => item(name, property.description));
  }

  /** The declaration(s) of the id under the cursor. */
  async definition(file: string, text: string, line: number, character: number): Promise<Location[]> {
    const { target, step } = await this.targetAt(file, text, line, character);
    if (step) return this.stepLocations(step, true);
    if (!target) return [];
    const model = await this.session.model();
    return this.declarations(model, target.kind, target.id);
  }

  async references(file: string, text: string, line: number, character: number, includeDeclaration: boolean): Promise<Location[]> {
    const { target, step } = await this.targetAt(file, text, line, character);
    if (step) return [...(includeDeclaration ? await this.stepLocations(step, true) : []), ...(await this.stepLocations(step, false))];
    if (!target) return [];
    const model = await this.session.model();
    const uses = await this.uses(model, target.kind, target.id);
    return includeDeclaration ? [...(await this.declarations(model, target.kind, target.id)), ...uses] : uses;
  }

  async hover(file: string, text: string, line: number, character: number): Promise<Hover | null> {
    const { context, target, step } = await this.targetAt(file, text, line, character);
    const range = { start: { line, character: context.word.start }, end: { line, character: context.word.end } };
    if (step) return { range, contents: { kind: MarkupKind.Markdown, value: await this.stepHover(step) } };
    if (!target) return null;
    const model = await this.session.model();
    const words = this.text;
    const entity = model.index[target.kind].get(target.id) as EntityBase | undefined;
    const noun = vocabularyFor(this.session.locale).lint.kinds[target.kind];
    // Declaring events is optional: an event named but not declared is no unknown id.
    const uses = this.usesOf(model, target.kind, target.id);
    if (!entity && target.kind === 'events' && uses.length > 0)
      return { range, contents: { kind: MarkupKind.Markdown, value: [`**${noun}** \`${target.id}\``, words('undeclaredEvent'), this.usedIn(uses)].join('\n\n') } };
    if (!entity) return { range, contents: { kind: MarkupKind.Markdown, value: words('unknownEntity', { kind: target.kind, id: target.id }) } };
    const facts: string[] = [`**${noun}** \`${entity.id}\` — ${entity.name}`];
    if (target.kind === 'touchpoints') {
      const touchpoint = entity as Touchpoint;
      facts.push(words('status', { status: touchpoint.status, stage: touchpoint.stage, channel: touchpoint.channel }));
    }
    if (target.kind === 'channels') {
      const channel = entity as Channel;
      facts.push([channel.type && words('type', { type: channel.type }), channel.requiresConsent && words('requiresConsent')].filter(Boolean).join(' · '));
    }
    if (target.kind === 'sources' && (entity as Source).type) facts.push(words('type', { type: (entity as Source).type! }));
    if (target.kind === 'variables') {
      const variable = entity as Variable;
      facts.push(
        [
          words('sources', { sources: variable.sources.join(', ') || words('none') }),
          variable.pii && words('pii'),
          variable.consentFor && words('consentFor', { channels: variable.consentFor.join(', ') }),
        ]
          .filter(Boolean)
          .join(' · '),
      );
    }
    if (entity.description) facts.push(entity.description);
    facts.push(this.usedIn(uses));
    if (entity.origin.file) facts.push(words('declaredIn', { file: entity.origin.file }));
    return { range, contents: { kind: MarkupKind.Markdown, value: facts.filter(Boolean).join('\n\n') } };
  }

  /** "used 3 times in a.yaml, b.yaml", or "used nowhere". */
  private usedIn(uses: ReadonlyArray<{ file: string }>): string {
    const users = new Map<string, number>();
    for (const { file } of uses) users.set(file, (users.get(file) ?? 0) + 1);
    if (uses.length === 0) return this.text('usedNowhere');
    return this.text('used', { count: uses.length, files: `${[...users.keys()].slice(0, 10).join(', ')}${users.size > 10 ? ', …' : ''}` });
  }

  /** A step's hover: what it is, in which scenario, and who names it (gotos, assumptions). */
  private async stepHover(target: StepTarget): Promise<string> {
    const model = await this.session.model();
    const scenario = model.index.scenarios.get(target.scenario);
    const step = scenario ? stepsById(scenario).get(target.id) : undefined;
    if (!step) return this.text('unknownStep', { id: target.id, scenario: target.scenario });
    const uses: Array<{ file: string }> = [];
    forEachStepMention(model, (scenarioId, id, file, _path, declaration) => {
      if (!declaration && scenarioId === target.scenario && id === target.id) uses.push({ file });
    });
    const facts = [this.text('stepOf', { id: target.id, scenario: target.scenario }), stepSummary(step)];
    const description = step.kind === 'message' ? step.step.description : step.description;
    if (description) facts.push(description);
    facts.push(this.usedIn(uses));
    return facts.join('\n\n');
  }

  /** Where a step id is declared (its `id:`), or where it is named (gotos, assumptions). */
  private async stepLocations(target: StepTarget, declarations: boolean): Promise<Location[]> {
    const model = await this.session.model();
    const found: Array<{ file: string; path: JsonPath }> = [];
    forEachStepMention(model, (scenario, id, file, path, declaration) => {
      if (declaration === declarations && scenario === target.scenario && id === target.id) found.push({ file, path });
    });
    const locations: Location[] = [];
    for (const { file, path } of found) locations.push(await this.locate(file, path));
    return locations;
  }

  async prepareRename(file: string, text: string, line: number, character: number): Promise<LspRange | null> {
    const { context, target, step } = await this.targetAt(file, text, line, character);
    if (!target && !step) return null;
    return { start: { line, character: context.word.start }, end: { line, character: context.word.end } };
  }

  /** Every declaration and use of the id, renamed in place: only the id's own characters change. */
  async rename(file: string, text: string, line: number, character: number, newName: string): Promise<WorkspaceEdit | { refused: string }> {
    const { target, step } = await this.targetAt(file, text, line, character);
    const model = await this.session.model();
    if (!ID_PATTERN.test(newName) && (target || step)) return { refused: this.text('invalidId', { id: newName }) };
    let locations: Location[];
    if (step) {
      const scenario = model.index.scenarios.get(step.scenario);
      if (newName !== step.id && scenario && stepsById(scenario).has(newName)) return { refused: this.text('stepExists', { scenario: step.scenario, id: newName }) };
      locations = [...(await this.stepLocations(step, true)), ...(await this.stepLocations(step, false))];
    } else if (target) {
      if (newName !== target.id && (model.index[target.kind].has(newName) || model.invalidIds[target.kind].has(newName))) {
        return { refused: this.text('alreadyExists', { kind: target.kind, id: newName }) };
      }
      const declarations = await this.declarations(model, target.kind, target.id);
      // On an `id:` the model does not hold there (a buffer mid-edit), renaming would change
      // another entity of that id, or nothing: refused rather than guessed.
      const uri = this.session.uriOf(file);
      if (target.declaration && !declarations.some((location) => location.uri === uri && contains(location.range, line, character)))
        return { refused: this.text('noIdHere') };
      locations = [...declarations, ...(await this.uses(model, target.kind, target.id))];
    } else return { refused: this.text('noIdHere') };
    const changes: Record<string, TextEdit[]> = {};
    const seen = new Set<string>();
    for (const location of locations) {
      const key = `${location.uri}:${location.range.start.line}:${location.range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      (changes[location.uri] ??= []).push({ range: location.range, newText: newName });
    }
    return { changes };
  }

  /** Sections and their entities, from a tolerant parse of the buffer. */
  async documentSymbols(text: string): Promise<DocumentSymbol[]> {
    const yaml = await import('yaml');
    const { parseDocument, LineCounter, isMap, isSeq, isScalar } = yaml;
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, uniqueKeys: false });
    const toRange = (start: number, end: number): LspRange => {
      const from = lineCounter.linePos(start);
      const to = lineCounter.linePos(Math.max(start, end));
      return { start: { line: from.line - 1, character: from.col - 1 }, end: { line: to.line - 1, character: to.col - 1 } };
    };
    const symbols: DocumentSymbol[] = [];
    if (!isMap(document.contents)) return symbols;
    for (const pair of document.contents.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const section = String(pair.key.value);
      const end = (pair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? pair.key.range[1];
      const sectionSymbol: DocumentSymbol = {
        name: section,
        kind: SymbolKind.Namespace,
        range: toRange(pair.key.range[0], end),
        selectionRange: toRange(pair.key.range[0], pair.key.range[1]),
        children: [],
      };
      if (isSeq(pair.value)) {
        for (const item of pair.value.items) {
          if (!isMap(item) || !item.range) continue;
          const id = item.get('id', true);
          if (!isScalar(id) || !id.range) continue;
          const name = item.get('name');
          const steps = section === 'scenarios' ? item.get('steps', true) : undefined;
          sectionSymbol.children!.push({
            name: String(id.value),
            detail: typeof name === 'string' ? name : undefined,
            kind: (SECTION_KINDS as readonly string[]).includes(section) ? ENTITY_SYMBOL[section as SectionKind] : SymbolKind.Object,
            range: toRange(item.range[0], item.range[1]),
            selectionRange: toRange(id.range[0], id.range[1]),
            ...(isSeq(steps) ? { children: stepSymbols(steps, yaml, toRange) } : {}),
          });
        }
      }
      symbols.push(sectionSymbol);
    }
    return symbols;
  }

  /** Quick fixes for the fixes lint suggests, on the diagnostics the editor asks about. */
  async codeActions(file: string, diagnostics: readonly LspDiagnostic[]): Promise<CodeAction[]> {
    const actions: CodeAction[] = [];
    const model = await this.session.model();
    const uri = this.session.uriOf(file);
    for (const diagnostic of diagnostics) {
      const data = (diagnostic.data ?? {}) as { suggestion?: string; entity?: { kind: string; id: string } };
      const suggestion = data.suggestion ?? '';
      const ruleId = typeof diagnostic.code === 'string' ? diagnostic.code : '';
      // Findings are recognised by their message ids, read back from the text in any locale
      // (the templates of src/i18n), never by English wording.
      const didYouMean = matchRuleMessage(ruleId, 'didYouMean', suggestion);
      if (didYouMean?.closest !== undefined) {
        actions.push({
          title: this.text('replaceWith', { text: didYouMean.closest }),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: true,
          edit: { changes: { [uri]: [{ range: diagnostic.range, newText: didYouMean.closest }] } },
        });
      }
      // `{{first name}}` (the helper `first` given `name`): join the two words into the variable meant.
      const join = ruleId === 'undeclared-template-variable' ? matchRuleMessage(ruleId, 'joinName', suggestion) : undefined;
      const text = join?.helper !== undefined && join.joined !== undefined ? this.session.textOf(file) : undefined;
      if (join && text !== undefined) {
        // The helper word and the spaces just before the variable the finding points at.
        const before = lineAt(text, diagnostic.range.start.line).slice(0, diagnostic.range.start.character);
        const word = before.trimEnd();
        if (word.length < before.length && word.endsWith(join.helper!)) {
          const range = { start: { line: diagnostic.range.start.line, character: word.length - join.helper!.length }, end: diagnostic.range.end };
          actions.push({
            title: this.text('replaceWith', { text: join.joined! }),
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: true,
            edit: { changes: { [uri]: [{ range, newText: join.joined! }] } },
          });
        }
      }
      const add =
        ruleId === 'missing-consent'
          ? matchRuleMessage(ruleId, 'addVariable', suggestion)
          : ruleId === 'undeclared-template-variable'
            ? matchRuleMessage(ruleId, 'declare', suggestion)
            : undefined;
      if (add?.variable !== undefined && data.entity?.kind === 'scenario') {
        const edit = await this.addScenarioVariable(model, data.entity.id, add.variable);
        if (edit) {
          const title = this.text(ruleId === 'missing-consent' ? 'addConsentVariable' : 'declareInScenario', { variable: add.variable, scenario: data.entity.id });
          actions.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
        }
      }
      if (ruleId === 'unknown-reference') {
        const missing = matchRuleMessage(ruleId, 'unknown', diagnostic.message);
        const declare = matchRuleMessage(ruleId, 'declare', suggestion);
        if (missing?.kind === 'variables' && missing.id !== undefined && declare?.kind === 'variables') {
          const edit = await this.declareVariable(model, missing.id);
          if (edit) actions.push({ title: this.text('declareVariable', { variable: missing.id }), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
        }
      }
    }
    return actions;
  }

  /** An edit declaring a variable after the last one of the workspace, in the same style (block or flow entry). */
  private async declareVariable(model: Model, id: string): Promise<WorkspaceEdit | undefined> {
    const last = model.variables[model.variables.length - 1];
    if (!last) return undefined;
    const { file, path } = last.origin;
    const text = this.session.textOf(file);
    if (text === undefined) return undefined;
    const range = toLspRange((await this.session.positions(file)).resolve({ file, path }));
    const line = lineAt(text, range.start.line);
    const dash = /^(\s*)-\s*/.exec(line);
    if (!dash) return undefined;
    const indent = dash[1]!;
    const flow = line.slice(dash[0].length).startsWith('{');
    const entry = flow ? `\n${indent}- { id: ${id}, name: ${id}, sources: [] }` : `\n${indent}- id: ${id}\n${indent}  name: ${id}\n${indent}  sources: []`;
    // The entity's range runs to the start of the next line: insert at the end of its last line instead.
    let end = offsetAt(text, range.end);
    while (end > 0 && /\s/.test(text[end - 1]!)) end--;
    const at = positionAt(text, end);
    return { changes: { [this.session.uriOf(file)]: [{ range: { start: at, end: at }, newText: entry }] } };
  }

  /** An edit adding `variable` to a scenario's `variables` (flow or block list, or a new key). */
  private async addScenarioVariable(model: Model, scenarioId: string, variable: string): Promise<WorkspaceEdit | undefined> {
    const scenario = model.index.scenarios.get(scenarioId);
    if (!scenario) return undefined;
    const text = this.session.textOf(scenario.origin.file);
    if (text === undefined) return undefined;
    const { parseDocument, LineCounter, isMap, isSeq, isNode } = await import('yaml');
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, uniqueKeys: false });
    const node = document.getIn(scenario.origin.path, true);
    if (!isMap(node) || !node.range) return undefined;
    const at = (offset: number) => {
      const { line, col } = lineCounter.linePos(offset);
      return { line: line - 1, character: col - 1 };
    };
    const insert = (offset: number, newText: string): WorkspaceEdit => ({
      changes: { [this.session.uriOf(scenario.origin.file)]: [{ range: { start: at(offset), end: at(offset) }, newText }] },
    });
    const pair = node.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === 'variables');
    const value = pair?.value;
    if (isSeq(value) && value.range) {
      if (value.flow) {
        const close = text.lastIndexOf(']', value.range[1]);
        return insert(close, value.items.length > 0 ? `, ${variable}` : variable);
      }
      const last = value.items[value.items.length - 1];
      if (!isNode(last) || !last.range) return undefined;
      const lineStart = text.lastIndexOf('\n', last.range[0] - 1) + 1;
      const dash = text.slice(lineStart, last.range[0]);
      return insert(last.range[1], `\n${dash.replace(/[^\s-]/g, ' ')}${variable}`);
    }
    if (pair) return undefined;
    const idPair = node.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === 'id');
    const idKey = idPair?.key as { range?: [number, number, number] } | undefined;
    const idValue = idPair?.value as { range?: [number, number, number] } | undefined;
    if (!idKey?.range || !idValue?.range) return undefined;
    if (node.flow) return insert(idValue.range[1], `, variables: [${variable}]`);
    const column = lineCounter.linePos(idKey.range[0]).col - 1;
    const lineEnd = text.indexOf('\n', idValue.range[1]);
    return insert(lineEnd < 0 ? text.length : lineEnd, `\n${' '.repeat(column)}variables: [${variable}]`);
  }

  /**
   * The id under the cursor and what it names. In omni.yaml, past the keys the cursor knows,
   * any id the settings name where it is written (a plugin's option marked `names:`, whatever
   * its key): found by locating each of them, which omni.yaml has few of.
   */
  private async targetAt(
    file: string,
    text: string,
    line: number,
    character: number,
  ): Promise<{ context: CursorContext; target: IdTarget | undefined; step?: StepTarget }> {
    const context = cursorContext(splitLines(text), line, character);
    const inConfig = file === CONFIG_FILE;
    const step = inConfig ? undefined : await this.stepAt(file, context, line, character);
    if (step) return { context, target: undefined, step };
    const target = idTarget(context, inConfig);
    if (target || !inConfig || !context.word.text) return { context, target };
    const model = await this.session.model();
    const mentions: Array<{ kind: SectionKind; id: string; path: JsonPath }> = [];
    if (model.settings.declared) forEachSettingsMention(model.settings, (kind, id, path) => id === context.word.text && mentions.push({ kind, id, path }));
    for (const mention of mentions) {
      const { range } = await this.locate(CONFIG_FILE, mention.path);
      if (range.start.line === line && range.start.character <= character && character <= range.end.character)
        return { context, target: { kind: mention.kind, id: mention.id, declaration: false } };
    }
    return { context, target: undefined };
  }

  /**
   * The step id under the cursor: a step's own `id:`, a `goto:`, or an assumption's `step:`,
   * found among the step ids the model has in this file (step ids live within a scenario,
   * which the text around the cursor cannot always tell).
   */
  private async stepAt(file: string, context: CursorContext, line: number, character: number): Promise<StepTarget | undefined> {
    if (!context.word.text || !(context.key === 'id' || context.key === 'goto' || context.key === 'step')) return undefined;
    if (context.section !== 'scenarios' && context.section !== 'personas') return undefined;
    const model = await this.session.model();
    const candidates: Array<{ scenario: string; id: string; path: JsonPath; declaration: boolean }> = [];
    forEachStepMention(model, (scenario, id, mentionFile, path, declaration) => {
      if (mentionFile === file && id === context.word.text) candidates.push({ scenario, id, path, declaration });
    });
    for (const candidate of candidates) {
      const { range } = await this.locate(file, candidate.path);
      if (contains(range, line, character)) return { scenario: candidate.scenario, id: candidate.id, declaration: candidate.declaration };
    }
    return undefined;
  }

  private async declarations(model: Model, kind: SectionKind, id: string): Promise<Location[]> {
    const locations: Location[] = [];
    for (const entity of model[kind] as EntityBase[]) {
      if (entity.id !== id || !entity.origin.file) continue;
      locations.push(await this.locate(entity.origin.file, [...entity.origin.path, 'id']));
    }
    return locations;
  }

  /**
   * Where the id is written outside its declaration, in model order: references, mentions
   * (events, assumptions' scenarios) and omni.yaml's pressure and quiet-hours channels.
   */
  private usesOf(model: Model, kind: SectionKind, id: string): Array<{ file: string; path: JsonPath }> {
    const found: Array<{ file: string; path: JsonPath }> = [];
    forEachReference(model, (referenceKind, referenceId, origin, _from, key, index) => {
      if (referenceKind === kind && referenceId === id) found.push({ file: origin.file, path: referencePath(origin, key, index) });
    });
    forEachMention(model, (mentionKind, mentionId, file, path) => {
      if (mentionKind === kind && mentionId === id) found.push({ file, path });
    });
    if (model.settings.declared) {
      forEachSettingsMention(model.settings, (mentionKind, mentionId, path) => {
        if (mentionKind === kind && mentionId === id) found.push({ file: CONFIG_FILE, path });
      });
    }
    return found;
  }

  /** Every place the id is used (usesOf), and for variables their `{{…}}` in every message of the scenarios that declare them. */
  private async uses(model: Model, kind: SectionKind, id: string): Promise<Location[]> {
    const locations: Location[] = [];
    for (const { file, path } of this.usesOf(model, kind, id)) locations.push(await this.locate(file, path));
    if (kind === 'variables') {
      const templates: Array<{ file: string; path: JsonPath }> = [];
      for (const scenario of model.scenarios) {
        if (!scenario.variables.includes(id)) continue;
        // Branch steps and fallbacks too: a renamed variable must not leave a `{{…}}` behind.
        forEachMessage(scenario, (message) => {
          for (const field of TEMPLATE_FIELDS) {
            const template = (message as Partial<Record<(typeof TEMPLATE_FIELDS)[number], string>>)[field];
            if (template === undefined) continue;
            const analysis = analyzeTemplate(template);
            if (analysis.ok && analysis.variables.some((variable) => variable.name === id))
              templates.push({ file: message.origin.file, path: [...message.origin.path, field] });
          }
        });
      }
      for (const { file, path } of templates) locations.push(...(await this.templateUses(file, path, id)));
    }
    return locations;
  }

  /** The exact range of an id at a JSON path (quotes excluded). */
  private async locate(file: string, path: JsonPath): Promise<Location> {
    const resolver = await this.session.positions(file);
    const range = toLspRange(resolver.resolve({ file, path }));
    const text = this.session.textOf(file);
    if (text !== undefined && range.start.line === range.end.line) {
      const line = lineAt(text, range.start.line);
      const first = line[range.start.character];
      if ((first === '"' || first === "'") && line[range.end.character - 1] === first && range.end.character - range.start.character >= 2) {
        range.start.character++;
        range.end.character--;
      }
    }
    return { uri: this.session.uriOf(file), range };
  }

  /** Each `{{id…}}` mention of a variable inside one template's source. */
  private async templateUses(file: string, path: JsonPath, id: string): Promise<Location[]> {
    const resolver = await this.session.positions(file);
    const range = resolver.resolve({ file, path });
    const text = this.session.textOf(file);
    if (text === undefined) return [];
    const lines = splitLines(text);
    const locations: Location[] = [];
    const isNameChar = (char: string | undefined) => char !== undefined && /[\w@/-]/.test(char);
    for (let line = range.start.line - 1; line <= range.end.line - 1 && line < lines.length; line++) {
      const source = lines[line]!;
      const from = line === range.start.line - 1 ? range.start.column - 1 : 0;
      const to = line === range.end.line - 1 ? range.end.column - 1 : source.length;
      for (let index = source.indexOf(id, from); index >= 0 && index + id.length <= to; index = source.indexOf(id, index + 1)) {
        const inMustache = source.lastIndexOf('{{', index) > source.lastIndexOf('}}', index);
        const after = source[index + id.length];
        if (inMustache && !isNameChar(source[index - 1]) && source[index - 1] !== '.' && !isNameChar(after)) {
          locations.push({ uri: this.session.uriOf(file), range: { start: { line, character: index }, end: { line, character: index + id.length } } });
        }
      }
    }
    return locations;
  }
}

/** The step kinds other than a message, in the order a step is checked for them. */
const CONTROL_KINDS = ['wait', 'decision', 'split', 'goto', 'end'] as const;

/**
 * A scenario's steps in the outline: `1 · email`, `reminder · email`, `test-offer · split`, and
 * under a branching step its branches (by name, `otherwise` included) holding their own steps,
 * so that a long branching scenario can be walked from the editor's outline and breadcrumbs.
 */
function stepSymbols(steps: YAMLSeq, yaml: typeof import('yaml'), toRange: (start: number, end: number) => LspRange): DocumentSymbol[] {
  const { isMap, isSeq, isScalar } = yaml;
  const symbols: DocumentSymbol[] = [];
  steps.items.forEach((item, index) => {
    if (!isMap(item) || !item.range) return;
    const id = item.get('id', true);
    const kind = CONTROL_KINDS.find((candidate) => item.has(candidate));
    const channel = item.get('channel');
    const target = kind === 'goto' ? item.get('goto') : undefined;
    const what = kind === 'goto' && typeof target === 'string' ? `goto ${target}` : (kind ?? (typeof channel === 'string' ? channel : undefined));
    const label = isScalar(id) ? String(id.value) : String(index + 1);
    const selection = isScalar(id) && id.range ? id.range : item.range;
    const branches: DocumentSymbol[] = [];
    const body = kind === 'wait' || kind === 'decision' || kind === 'split' ? item.get(kind, true) : undefined;
    if (isMap(body)) {
      const branchList = body.get(kind === 'wait' ? 'until' : 'branches', true);
      const named: Array<{ name: string; steps: unknown; range: readonly number[]; selection: readonly number[] }> = [];
      if (isSeq(branchList)) {
        for (const branch of branchList.items) {
          if (!isMap(branch) || !branch.range) continue;
          // A wait's branch is named by its event unless it says otherwise.
          const name = branch.get('name', true) ?? (kind === 'wait' ? branch.get('event', true) : undefined);
          const title = isScalar(name) ? String(name.value) : '?';
          named.push({ name: title, steps: branch.get('steps', true), range: branch.range, selection: isScalar(name) && name.range ? name.range : branch.range });
        }
      }
      const otherwise = body.get('otherwise', true);
      if (isSeq(otherwise) && otherwise.range) named.push({ name: 'otherwise', steps: otherwise, range: otherwise.range, selection: otherwise.range });
      for (const branch of named) {
        branches.push({
          name: branch.name,
          kind: SymbolKind.Enum,
          range: toRange(branch.range[0]!, branch.range[1]!),
          selectionRange: toRange(branch.selection[0]!, branch.selection[1]!),
          children: isSeq(branch.steps) ? stepSymbols(branch.steps, yaml, toRange) : [],
        });
      }
    }
    symbols.push({
      name: what ? `${label} · ${what}` : label,
      kind: kind ? SymbolKind.Operator : SymbolKind.Method,
      range: toRange(item.range[0], item.range[1]),
      selectionRange: toRange(selection[0], selection[1]),
      ...(branches.length > 0 ? { children: branches } : {}),
    });
  });
  return symbols;
}

/** A step id under the cursor: step ids are unique within their scenario, not across the plan. */
interface StepTarget {
  scenario: string;
  id: string;
  declaration: boolean;
}

/** What a step is, in a word or two: `email`, `wait`, `split`… */
function stepSummary(step: FlowStep): string {
  return step.kind === 'message' ? `\`${step.step.channel}\`` : `\`${step.kind}\``;
}

/** Whether (line, character) is within a one-line range, its ends included (the cursor after the last character still names it). */
function contains(range: LspRange, line: number, character: number): boolean {
  return range.start.line === line && range.end.line === line && range.start.character <= character && character <= range.end.character;
}

/** The key owning a mapping whose keys sit at `indent` (e.g. `steps` for a step's fields). */
function owningKey(lines: readonly string[], line: number, indent: number): string | undefined {
  for (let index = line - 1; index >= 0; index--) {
    const text = lines[index]!;
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    const own = text.length - text.trimStart().length;
    if (own >= indent) continue; // a key of the same mapping, or deeper
    const dash = /^(\s*)-\s+/.exec(text);
    if (dash && dash[0].length === indent) continue; // the first key of the same mapping, or of a sibling item
    return /^\s*(?:-\s+)?([A-Za-z_]\w*)\s*:/.exec(text)?.[1];
  }
  return undefined;
}

function lineAt(text: string, line: number): string {
  let start = 0;
  for (let index = 0; index < line; index++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

function offsetAt(text: string, position: { line: number; character: number }): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

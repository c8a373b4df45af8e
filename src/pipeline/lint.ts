import { compareDiagnostics } from '../diagnostics/sort.js';
import { effectiveSeverity, type SeverityOverrides } from '../diagnostics/severity.js';
import type { Diagnostic, LintResult, PendingDiagnostic, Severity } from '../diagnostics/types.js';
import { ruleMessage, type Locale } from '../i18n/index.js';
import { createPositionResolver, type PositionResolver } from '../loader/positions.js';
import type { Rule, RuleContext } from '../rules/create-rule.js';
import { RULES, RULES_BY_ID } from '../rules/index.js';
import type { LoadedWorkspace } from './load.js';

export interface LintOptions {
  /** Severities from the command line (--rule), over omni.yaml's. */
  ruleOverrides?: SeverityOverrides;
  /** Report only these files (workspace-relative); references still resolve across all. */
  onlyFiles?: ReadonlySet<string>;
  /** Where positions of a file come from (e.g. a cache kept by a long-lived session); default: built once per run. */
  positionResolver?: (file: string) => Promise<PositionResolver>;
  /** Runs one rule in place of `rule.check(context)` (e.g. a session replaying what an edit did not change). */
  checkRule?: (rule: Rule, context: RuleContext) => void;
  /** Language of messages and suggestions (--locale); default: the locale omni.yaml declares, else English. */
  locale?: Locale;
}

/** Runs every enabled rule over a loaded workspace and locates each finding at line:col. */
export async function lintWorkspace(workspace: LoadedWorkspace, options: LintOptions = {}): Promise<LintResult> {
  const severities = new Map<string, Severity>();
  for (const rule of RULES) {
    const severity = effectiveSeverity(rule, workspace.settings.rules, options.ruleOverrides);
    if (severity !== 'off') severities.set(rule.id, severity);
  }
  const locale = options.locale ?? workspace.declaredLocale ?? 'en';
  const pending: PendingDiagnostic[] = workspace.diagnostics
    .filter((diagnostic) => severities.has(diagnostic.ruleId))
    .map((diagnostic) => (locale === 'en' || diagnostic.messageId === undefined ? diagnostic : inLocale(diagnostic, locale)));
  for (const rule of RULES) {
    if (!severities.has(rule.id)) continue;
    const context: RuleContext = {
      model: workspace.model,
      report: (report) => {
        if (!('messageId' in report)) return void pending.push({ ruleId: rule.id, ...report });
        // Templates are filled only for what is reported: a clean workspace formats nothing.
        const { messageId, suggestionId, data, ...where } = report;
        const message = ruleMessage(rule.id, messageId, data, locale);
        const suggestion = suggestionId === undefined ? undefined : ruleMessage(rule.id, suggestionId, data, locale);
        pending.push({ ruleId: rule.id, message, ...where, ...(suggestion !== undefined ? { suggestion } : {}) });
      },
    };
    if (options.checkRule) options.checkRule(rule, context);
    else rule.check(context);
  }
  const reported = options.onlyFiles ? pending.filter((diagnostic) => options.onlyFiles!.has(diagnostic.location.file)) : pending;
  const diagnostics = await locate(capPerFile(reported), workspace, severities, options.positionResolver);
  diagnostics.sort(compareDiagnostics);
  const sources = new Map<string, string>();
  for (const diagnostic of diagnostics) {
    const text = workspace.textOf(diagnostic.file);
    if (text !== undefined) sources.set(diagnostic.file, text);
  }
  const files = options.onlyFiles ? workspace.files.filter((file) => options.onlyFiles!.has(file)) : workspace.files;
  return { root: workspace.root, files, diagnostics, sources, locale };
}

/** Beyond this many findings in one file, the rest are summed up: output stays bounded on any input. */
export const MAX_FINDINGS_PER_FILE = 1000;

/**
 * Keeps the first MAX_FINDINGS_PER_FILE findings of each file, in the order they were
 * reported (the loader's, then each rule's, in document order), and replaces the rest by
 * one finding per rule saying how many were left out, placed at the first of them. Done
 * before positions are computed, so a file with 100,000 problems costs no more to locate
 * than one with 1,000.
 */
export function capPerFile(pending: readonly PendingDiagnostic[], limit = MAX_FINDINGS_PER_FILE): PendingDiagnostic[] {
  const perFile = new Map<string, number>();
  const kept: PendingDiagnostic[] = [];
  const omitted = new Map<string, { first: PendingDiagnostic; count: number }>();
  for (const diagnostic of pending) {
    const file = diagnostic.location.file;
    const seen = perFile.get(file) ?? 0;
    perFile.set(file, seen + 1);
    if (seen < limit) {
      kept.push(diagnostic);
      continue;
    }
    const key = `${file}\u0000${diagnostic.ruleId}`;
    const group = omitted.get(key);
    if (group) group.count++;
    else omitted.set(key, { first: diagnostic, count: 1 });
  }
  for (const { first, count } of omitted.values()) {
    kept.push({
      ruleId: first.ruleId,
      message: `${count.toLocaleString('en')} more ${first.ruleId} ${count === 1 ? 'finding' : 'findings'} in this file not shown, from here on`,
      suggestion: `omni reports at most ${limit.toLocaleString('en')} findings per file: fix these and lint again`,
      location: first.location,
    });
  }
  return kept;
}

/** Longest message or suggestion kept: one quoting a 10 MB value from the file must not print it. */
export const MAX_MESSAGE_LENGTH = 1000;

function bounded(text: string): string {
  if (text.length <= MAX_MESSAGE_LENGTH) return text;
  let end = MAX_MESSAGE_LENGTH - 1;
  // Do not split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end--;
  return `${text.slice(0, end)}\u2026`;
}

/** A loader finding written again in another language, from the template ids it carries. */
function inLocale(diagnostic: PendingDiagnostic, locale: Locale): PendingDiagnostic {
  const { messageId, suggestionId, data, ...rest } = diagnostic;
  const message = ruleMessage(rest.ruleId, messageId!, data, locale);
  return { ...rest, message, ...(suggestionId !== undefined ? { suggestion: ruleMessage(rest.ruleId, suggestionId, data, locale) } : {}) };
}

/** Positions are computed here, once per file that has findings, never for clean files. */
async function locate(pending: readonly PendingDiagnostic[], workspace: LoadedWorkspace, severities: ReadonlyMap<string, Severity>, positionResolver?: LintOptions['positionResolver']): Promise<Diagnostic[]> {
  const resolvers = new Map<string, PositionResolver>();
  const diagnostics: Diagnostic[] = [];
  for (const { location, messageId: _messageId, suggestionId: _suggestionId, data: _data, ...rest } of pending) {
    let resolver = resolvers.get(location.file);
    if (!resolver && !location.range) {
      resolver = await (positionResolver?.(location.file) ?? createPositionResolver(workspace.textOf(location.file) ?? ''));
      resolvers.set(location.file, resolver);
    }
    const range = location.range ?? resolver!.resolve(location);
    diagnostics.push({
      ...rest,
      message: bounded(rest.message),
      ...(rest.suggestion !== undefined ? { suggestion: bounded(rest.suggestion) } : {}),
      severity: severities.get(rest.ruleId)!,
      file: location.file,
      range,
      docsUrl: RULES_BY_ID.get(rest.ruleId)!.docsUrl,
    });
  }
  return diagnostics;
}

import { compareDiagnostics } from '../diagnostics/sort.js';
import { effectiveSeverity, type SeverityOverrides } from '../diagnostics/severity.js';
import type { Diagnostic, LintResult, PendingDiagnostic, Severity } from '../diagnostics/types.js';
import { ruleMessage, type Locale } from '../i18n/index.js';
import { createPositionResolver, type PositionResolver } from '../loader/positions.js';
import { RULES, RULES_BY_ID } from '../rules/index.js';
import type { LoadedWorkspace } from './load.js';

export interface LintOptions {
  /** Severities from the command line (--rule), over omni.yaml's. */
  ruleOverrides?: SeverityOverrides;
  /** Report only these files (workspace-relative); references still resolve across all. */
  onlyFiles?: ReadonlySet<string>;
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
    rule.check({
      model: workspace.model,
      report: (report) => {
        if (!('messageId' in report)) return void pending.push({ ruleId: rule.id, ...report });
        // Templates are filled only for what is reported: a clean workspace formats nothing.
        const { messageId, suggestionId, data, ...where } = report;
        const message = ruleMessage(rule.id, messageId, data, locale);
        const suggestion = suggestionId === undefined ? undefined : ruleMessage(rule.id, suggestionId, data, locale);
        pending.push({ ruleId: rule.id, message, ...where, ...(suggestion !== undefined ? { suggestion } : {}) });
      },
    });
  }
  const reported = options.onlyFiles ? pending.filter((diagnostic) => options.onlyFiles!.has(diagnostic.location.file)) : pending;
  const diagnostics = await locate(reported, workspace, severities);
  diagnostics.sort(compareDiagnostics);
  const sources = new Map<string, string>();
  for (const diagnostic of diagnostics) {
    const text = workspace.textOf(diagnostic.file);
    if (text !== undefined) sources.set(diagnostic.file, text);
  }
  const files = options.onlyFiles ? workspace.files.filter((file) => options.onlyFiles!.has(file)) : workspace.files;
  return { root: workspace.root, files, diagnostics, sources, locale };
}

/** A loader finding written again in another language, from the template ids it carries. */
function inLocale(diagnostic: PendingDiagnostic, locale: Locale): PendingDiagnostic {
  const { messageId, suggestionId, data, ...rest } = diagnostic;
  const message = ruleMessage(rest.ruleId, messageId!, data, locale);
  return { ...rest, message, ...(suggestionId !== undefined ? { suggestion: ruleMessage(rest.ruleId, suggestionId, data, locale) } : {}) };
}

/** Positions are computed here, once per file that has findings, never for clean files. */
async function locate(pending: readonly PendingDiagnostic[], workspace: LoadedWorkspace, severities: ReadonlyMap<string, Severity>): Promise<Diagnostic[]> {
  const resolvers = new Map<string, PositionResolver>();
  const diagnostics: Diagnostic[] = [];
  for (const { location, messageId: _messageId, suggestionId: _suggestionId, data: _data, ...rest } of pending) {
    let resolver = resolvers.get(location.file);
    if (!resolver && !location.range) {
      resolver = await createPositionResolver(workspace.textOf(location.file) ?? '');
      resolvers.set(location.file, resolver);
    }
    const range = location.range ?? resolver!.resolve(location);
    diagnostics.push({
      ...rest,
      severity: severities.get(rest.ruleId)!,
      file: location.file,
      range,
      docsUrl: RULES_BY_ID.get(rest.ruleId)!.docsUrl,
    });
  }
  return diagnostics;
}

import { baselineCounts, fingerprintOf, type BaselineFile } from '../baseline/baseline.js';
import { compareDiagnostics } from '../diagnostics/sort.js';
import { effectiveSeverity, type SeverityOverrides } from '../diagnostics/severity.js';
import type { Diagnostic, LintResult, Location, PendingDiagnostic, Severity, SeverityOrOff } from '../diagnostics/types.js';
import { fillTemplate, ruleMessage, vocabularyFor, type Locale } from '../i18n/index.js';
import { createPositionResolver, type PositionResolver } from '../loader/positions.js';
import { defaultOptions, type Rule, type RuleContext } from '../rules/create-rule.js';
import { RULES } from '../rules/index.js';
import { suppressionDirectiveMessage } from '../rules/suppression-directive.js';
import { unusedSuppressionMessage } from '../rules/unused-suppression.js';
import { applySuppressions } from '../suppressions/apply.js';
import type { Directive } from '../suppressions/directives.js';
import type { LoadedWorkspace } from './load.js';
import { CONFIG_FILE } from '../util/workspace-files.js';

export interface LintOptions {
  /** Severities from the command line (--rule), over omni.yaml's. */
  ruleOverrides?: SeverityOverrides;
  /** Report only these files (workspace-relative); references still resolve across all. */
  onlyFiles?: ReadonlySet<string>;
  /** Leave out the findings this baseline records (result.baseline says how many). */
  baseline?: BaselineFile;
  /** Where positions of a file come from (e.g. a cache kept by a long-lived session); default: built once per run. */
  positionResolver?: (file: string) => Promise<PositionResolver>;
  /** Runs one rule in place of `rule.check(context)` (e.g. a session replaying what an edit did not change). */
  checkRule?: (rule: Rule, context: RuleContext) => void;
  /** Language of messages and suggestions (--locale); default: the locale omni.yaml declares, else English. */
  locale?: Locale;
}

type SeverityFor = (ruleId: string, file: string) => SeverityOrOff;

/** Runs every enabled rule over a loaded workspace and locates each finding at line:col. */
export async function lintWorkspace(workspace: LoadedWorkspace, options: LintOptions = {}): Promise<LintResult> {
  const rules: readonly Rule[] = workspace.rules ?? RULES;
  const rulesById = new Map(rules.map((rule) => [rule.id, rule]));
  const settingsFor = await settingsResolver(workspace, rules, options.ruleOverrides);
  const runs = new Set<string>();
  for (const rule of rules) if (settingsFor.mayReport(rule.id)) runs.add(rule.id);

  const locale = options.locale ?? workspace.declaredLocale ?? 'en';
  const pending: PendingDiagnostic[] = workspace.diagnostics
    .filter((diagnostic) => runs.has(diagnostic.ruleId))
    .map((diagnostic) => (locale === 'en' || diagnostic.messageId === undefined ? diagnostic : inLocale(diagnostic, locale)));
  for (const rule of rules) {
    if (!runs.has(rule.id)) continue;
    const report: RuleContext['report'] = (report) => {
      if (!('messageId' in report)) return void pending.push({ ruleId: rule.id, ...report });
      // Templates are filled only for what is reported: a clean workspace formats nothing.
      const { messageId, suggestionId, data, ...where } = report;
      const message = ruleMessage(rule.id, messageId, data, locale);
      const suggestion = suggestionId === undefined ? undefined : ruleMessage(rule.id, suggestionId, data, locale);
      pending.push({ ruleId: rule.id, message, ...where, ...(suggestion !== undefined ? { suggestion } : {}) });
    };
    const ruleOptions = rule.options ? { ...defaultOptions(rule), ...workspace.settings.ruleOptions?.[rule.id] } : {};
    const variants = rule.options ? settingsFor.optionVariants(rule.id) : [];
    try {
      if (variants.length === 0) {
        const context: RuleContext = { model: workspace.model, options: ruleOptions, locale, report };
        if (options.checkRule) options.checkRule(rule, context);
        else rule.check(context);
      } else {
        // Overrides give this rule other options in some files: one run per set of options,
        // each keeping the findings of the files it applies to. Not through checkRule, whose
        // replays hold one run per rule.
        for (const variant of [-1, ...variants]) {
          const given = variant < 0 ? ruleOptions : { ...defaultOptions(rule), ...workspace.settings.overrides![variant]!.options![rule.id] };
          rule.check({
            model: workspace.model,
            options: given,
            locale,
            report: (found) => {
              if (settingsFor.optionsFrom(rule.id, found.location.file) === variant) report(found);
            },
          });
        }
      }
    } catch (error) {
      // Only a plugin's rule can throw here; say which, at omni.yaml, instead of a stack trace.
      pending.push({
        ruleId: rule.id,
        message: fillTemplate(
          vocabularyFor(locale).cli.pipeline.ruleFailed,
          { rule: rule.id, reason: String((error as Error)?.message ?? error).split('\n')[0]! },
          locale,
        ),
        suggestion: vocabularyFor(locale).cli.pipeline.ruleFailedHint,
        location: { file: CONFIG_FILE, path: ['plugins'] },
      });
    }
  }
  const reported = options.onlyFiles ? pending.filter((diagnostic) => options.onlyFiles!.has(diagnostic.location.file)) : pending;
  const directives = workspace.directives ?? new Map();
  // The baseline is matched by fingerprint first, so baselined findings cost no position.
  let candidates: PendingDiagnostic[] = reported;
  let baseline: LintResult['baseline'];
  const baselinedRules = new Map<string, Set<string>>();
  if (options.baseline) {
    const remaining = baselineCounts(options.baseline);
    let matched = 0;
    candidates = reported.filter((finding) => {
      if (settingsFor.at(finding.ruleId, finding.location.file) === 'off') return false;
      const fingerprint = fingerprintOf(finding);
      const left = remaining.get(fingerprint);
      if (!left) return true;
      remaining.set(fingerprint, left - 1);
      matched++;
      let rules = baselinedRules.get(finding.location.file);
      if (!rules) baselinedRules.set(finding.location.file, (rules = new Set()));
      rules.add(finding.ruleId);
      return false;
    });
    let prunable = 0;
    for (const left of remaining.values()) prunable += left;
    baseline = { matched, prunable };
  }
  // Bounded output on any input: past the cap, one summary finding per file and rule.
  candidates = capPerFile(candidates, MAX_FINDINGS_PER_FILE, locale);
  // Suppressions are matched by line: only findings a directive of their file names are
  // located before the others.
  let rest = candidates;
  let early: Diagnostic[] = [];
  let suppressed: LintResult['suppressed'];
  if (directives.size > 0) {
    const named = new Map<string, Set<string>>();
    for (const [file, list] of directives) named.set(file, new Set(list.flatMap((directive: Directive) => directive.ruleIds)));
    const suppressible = (finding: PendingDiagnostic) => named.get(finding.location.file)?.has(finding.ruleId) === true;
    rest = candidates.filter((finding) => !suppressible(finding));
    const located = await locate(candidates.filter(suppressible), workspace, settingsFor.at, rulesById, options.positionResolver);
    const outcome = applySuppressions(located, directives, new Set(rulesById.keys()), baselinedRules);
    early = outcome.kept;
    suppressed = outcome.suppressed.sort(compareDiagnostics);
    for (const finding of outcome.findings) {
      const severity = settingsFor.at(finding.ruleId, finding.file);
      if (severity === 'off' || (options.onlyFiles && !options.onlyFiles.has(finding.file))) continue;
      const { ruleId, problem, file, range } = finding;
      const { messageId, suggestionId, data } = problem.kind === 'unused' ? unusedSuppressionMessage(problem) : suppressionDirectiveMessage(problem);
      // The fingerprint keeps the English message, so it is the same in every locale.
      const fingerprint = `${finding.ruleId}|file:${finding.file}|${ruleMessage(finding.ruleId, messageId, data, 'en')}`;
      const message = ruleMessage(finding.ruleId, messageId, data, locale);
      const suggestion = ruleMessage(finding.ruleId, suggestionId, data, locale);
      early.push({ ruleId, message, suggestion, file, range, severity, docsUrl: rulesById.get(ruleId)?.docsUrl ?? '', fingerprint });
    }
  }
  const diagnostics = [...early, ...(await locate(rest, workspace, settingsFor.at, rulesById, options.positionResolver))];
  diagnostics.sort(compareDiagnostics);
  const sources = new Map<string, string>();
  for (const diagnostic of diagnostics) {
    const text = workspace.textOf(diagnostic.file);
    if (text !== undefined) sources.set(diagnostic.file, text);
  }
  const files = options.onlyFiles ? workspace.files.filter((file) => options.onlyFiles!.has(file)) : workspace.files;
  const result: LintResult = { root: workspace.root, files, diagnostics, sources, locale };
  if (suppressed) result.suppressed = suppressed;
  if (baseline) result.baseline = baseline;
  return result;
}

interface SettingsResolver {
  at: SeverityFor;
  mayReport(ruleId: string): boolean;
  /** The overrides that give the rule options, by index: each is one more run of the rule (none: one run). */
  optionVariants(ruleId: string): number[];
  /** Which options apply to the rule's findings in a file: the last matching override that gives some, else -1 (`rules:`'). */
  optionsFrom(ruleId: string, file: string): number;
}

/**
 * Severity and options of a rule for one file: default, omni.yaml's `rules:`, then each
 * matching `overrides:` entry, then --rule (severities only). Without overrides they are
 * the same for every file.
 */
async function settingsResolver(workspace: LoadedWorkspace, rules: readonly Rule[], cli: SeverityOverrides | undefined): Promise<SettingsResolver> {
  const base = new Map<string, SeverityOrOff>();
  for (const rule of rules) base.set(rule.id, effectiveSeverity(rule, workspace.settings.rules));
  const cliSeverity = (ruleId: string) => cli?.[ruleId];
  const overrides = workspace.settings.overrides ?? [];
  if (overrides.length === 0) {
    const at: SeverityFor = (ruleId) => cliSeverity(ruleId) ?? base.get(ruleId) ?? 'off';
    return { at, mayReport: (ruleId) => at(ruleId, '') !== 'off', optionVariants: () => [], optionsFrom: () => -1 };
  }
  const { default: picomatch } = await import('picomatch');
  const compiled = overrides.map((override, index) => ({ index, matches: picomatch(override.files, { dot: true }), ...override }));
  const cache = new Map<string, (typeof compiled)[number][]>();
  const matching = (file: string) => {
    let found = cache.get(file);
    if (!found) cache.set(file, (found = compiled.filter((override) => override.matches(file))));
    return found;
  };
  const at: SeverityFor = (ruleId, file) => {
    const fromCli = cliSeverity(ruleId);
    if (fromCli) return fromCli;
    let severity = base.get(ruleId) ?? 'off';
    for (const override of matching(file)) severity = override.severities[ruleId] ?? severity;
    return severity;
  };
  const mayReport = (ruleId: string) => {
    const fromCli = cliSeverity(ruleId);
    if (fromCli) return fromCli !== 'off';
    return base.get(ruleId) !== 'off' || compiled.some((override) => (override.severities[ruleId] ?? 'off') !== 'off');
  };
  const optionVariants = (ruleId: string) => compiled.filter((override) => override.options?.[ruleId] !== undefined).map((override) => override.index);
  const optionsFrom = (ruleId: string, file: string) => {
    let from = -1;
    for (const override of matching(file)) if (override.options?.[ruleId] !== undefined) from = override.index;
    return from;
  };
  return { at, mayReport, optionVariants, optionsFrom };
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
export function capPerFile(pending: readonly PendingDiagnostic[], limit = MAX_FINDINGS_PER_FILE, locale: Locale = 'en'): PendingDiagnostic[] {
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
  const words = vocabularyFor(locale).cli.pipeline;
  for (const { first, count } of omitted.values()) {
    kept.push({
      ruleId: first.ruleId,
      message: fillTemplate(words.moreFindings, { count, number: count.toLocaleString(locale), rule: first.ruleId }, locale),
      suggestion: fillTemplate(words.moreFindingsHint, { limit: limit.toLocaleString(locale) }, locale),
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
async function locate(
  pending: readonly PendingDiagnostic[],
  workspace: LoadedWorkspace,
  severityFor: SeverityFor,
  rules: ReadonlyMap<string, Rule>,
  positionResolver?: LintOptions['positionResolver'],
): Promise<Diagnostic[]> {
  const resolvers = new Map<string, PositionResolver>();
  const diagnostics: Diagnostic[] = [];
  // The locations to find in each file, known before its resolver is built: a file the fast
  // reader read is then located entry by entry (positions.ts) instead of read whole again.
  let wanted: Map<string, Location[]> | undefined;
  if (!positionResolver && workspace.simpleFiles && workspace.simpleFiles.size > 0) {
    wanted = new Map();
    for (const { location } of pending) {
      if (location.range || !workspace.simpleFiles.has(location.file)) continue;
      const list = wanted.get(location.file);
      if (list) list.push(location);
      else wanted.set(location.file, [location]);
    }
  }
  for (const finding of pending) {
    const { location, messageId: _messageId, suggestionId: _suggestionId, data: _data, ...rest } = finding;
    const severity = severityFor(rest.ruleId, location.file);
    if (severity === 'off') continue;
    let resolver = resolvers.get(location.file);
    if (!resolver && !location.range) {
      const locations = wanted?.get(location.file);
      resolver = await (positionResolver?.(location.file) ?? createPositionResolver(workspace.textOf(location.file) ?? '', locations ? { simple: { locations } } : {}));
      resolvers.set(location.file, resolver);
    }
    const range = location.range ?? resolver!.resolve(location);
    diagnostics.push({
      ...rest,
      message: bounded(rest.message),
      ...(rest.suggestion !== undefined ? { suggestion: bounded(rest.suggestion) } : {}),
      severity: severity as Severity,
      file: location.file,
      range,
      docsUrl: rules.get(rest.ruleId)?.docsUrl ?? '',
      fingerprint: fingerprintOf(finding),
    });
  }
  return diagnostics;
}

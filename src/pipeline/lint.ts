import { baselineCounts, fingerprintOf, type BaselineFile } from '../baseline/baseline.js';
import { compareDiagnostics } from '../diagnostics/sort.js';
import { effectiveSeverity, type SeverityOverrides } from '../diagnostics/severity.js';
import type { Diagnostic, LintResult, PendingDiagnostic, Severity, SeverityOrOff } from '../diagnostics/types.js';
import { createPositionResolver, type PositionResolver } from '../loader/positions.js';
import { defaultOptions, type Rule } from '../rules/create-rule.js';
import { RULES } from '../rules/index.js';
import { applySuppressions } from '../suppressions/apply.js';
import type { Directive } from '../suppressions/directives.js';
import type { LoadedWorkspace } from './load.js';

export interface LintOptions {
  /** Severities from the command line (--rule), over omni.yaml's. */
  ruleOverrides?: SeverityOverrides;
  /** Report only these files (workspace-relative); references still resolve across all. */
  onlyFiles?: ReadonlySet<string>;
  /** Leave out the findings this baseline records (result.baseline says how many). */
  baseline?: BaselineFile;
}

type SeverityFor = (ruleId: string, file: string) => SeverityOrOff;

/** Runs every enabled rule over a loaded workspace and locates each finding at line:col. */
export async function lintWorkspace(workspace: LoadedWorkspace, options: LintOptions = {}): Promise<LintResult> {
  const rules: readonly Rule[] = workspace.rules ?? RULES;
  const rulesById = new Map(rules.map((rule) => [rule.id, rule]));
  const severityFor = await severityResolver(workspace, rules, options.ruleOverrides);
  const runs = new Set<string>();
  for (const rule of rules) if (severityFor.mayReport(rule.id)) runs.add(rule.id);

  const pending: PendingDiagnostic[] = workspace.diagnostics.filter((diagnostic) => runs.has(diagnostic.ruleId));
  for (const rule of rules) {
    if (!runs.has(rule.id)) continue;
    const report = (found: Omit<PendingDiagnostic, 'ruleId'>) => pending.push({ ruleId: rule.id, ...found });
    const ruleOptions = rule.options ? { ...defaultOptions(rule), ...workspace.settings.ruleOptions?.[rule.id] } : {};
    try {
      rule.check({ model: workspace.model, options: ruleOptions, report });
    } catch (error) {
      // Only a plugin's rule can throw here; say which, at omni.yaml, instead of a stack trace.
      pending.push({
        ruleId: rule.id,
        message: `rule "${rule.id}" failed: ${String((error as Error)?.message ?? error).split('\n')[0]}`,
        suggestion: 'fix the plugin that provides it, or turn the rule off',
        location: { file: 'omni.yaml', path: ['plugins'] },
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
      if (severityFor.at(finding.ruleId, finding.location.file) === 'off') return false;
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
    const located = await locate(candidates.filter(suppressible), workspace, severityFor.at, rulesById);
    const outcome = applySuppressions(located, directives, new Set(rulesById.keys()), baselinedRules);
    early = outcome.kept;
    suppressed = outcome.suppressed.sort(compareDiagnostics);
    for (const finding of outcome.findings) {
      const severity = severityFor.at(finding.ruleId, finding.file);
      if (severity === 'off' || (options.onlyFiles && !options.onlyFiles.has(finding.file))) continue;
      const fingerprint = `${finding.ruleId}|file:${finding.file}|${finding.message}`;
      early.push({ ...finding, severity, docsUrl: rulesById.get(finding.ruleId)?.docsUrl ?? '', fingerprint });
    }
  }
  const diagnostics = [...early, ...(await locate(rest, workspace, severityFor.at, rulesById))];
  diagnostics.sort(compareDiagnostics);
  const sources = new Map<string, string>();
  for (const diagnostic of diagnostics) {
    const text = workspace.textOf(diagnostic.file);
    if (text !== undefined) sources.set(diagnostic.file, text);
  }
  const files = options.onlyFiles ? workspace.files.filter((file) => options.onlyFiles!.has(file)) : workspace.files;
  const result: LintResult = { root: workspace.root, files, diagnostics, sources };
  if (suppressed) result.suppressed = suppressed;
  if (baseline) result.baseline = baseline;
  return result;
}

/**
 * Severity of a rule for one file: default, omni.yaml's `rules:`, then each matching
 * `overrides:` entry, then --rule. Without overrides it is the same for every file.
 */
async function severityResolver(workspace: LoadedWorkspace, rules: readonly Rule[], cli: SeverityOverrides | undefined): Promise<{ at: SeverityFor; mayReport(ruleId: string): boolean }> {
  const base = new Map<string, SeverityOrOff>();
  for (const rule of rules) base.set(rule.id, effectiveSeverity(rule, workspace.settings.rules));
  const cliSeverity = (ruleId: string) => cli?.[ruleId];
  const overrides = workspace.settings.overrides ?? [];
  if (overrides.length === 0) {
    const at: SeverityFor = (ruleId) => cliSeverity(ruleId) ?? base.get(ruleId) ?? 'off';
    return { at, mayReport: (ruleId) => at(ruleId, '') !== 'off' };
  }
  const { default: picomatch } = await import('picomatch');
  const compiled = overrides.map((override) => ({ matches: picomatch(override.files, { dot: true }), severities: override.severities }));
  const cache = new Map<string, (typeof compiled)[number][]>();
  const at: SeverityFor = (ruleId, file) => {
    const fromCli = cliSeverity(ruleId);
    if (fromCli) return fromCli;
    let matching = cache.get(file);
    if (!matching) cache.set(file, (matching = compiled.filter((override) => override.matches(file))));
    let severity = base.get(ruleId) ?? 'off';
    for (const override of matching) severity = override.severities[ruleId] ?? severity;
    return severity;
  };
  const mayReport = (ruleId: string) => {
    const fromCli = cliSeverity(ruleId);
    if (fromCli) return fromCli !== 'off';
    return base.get(ruleId) !== 'off' || compiled.some((override) => (override.severities[ruleId] ?? 'off') !== 'off');
  };
  return { at, mayReport };
}

/** Positions are computed here, once per file that has findings, never for clean files. */
async function locate(pending: readonly PendingDiagnostic[], workspace: LoadedWorkspace, severityFor: SeverityFor, rules: ReadonlyMap<string, Rule>): Promise<Diagnostic[]> {
  const resolvers = new Map<string, PositionResolver>();
  const diagnostics: Diagnostic[] = [];
  for (const finding of pending) {
    const { location, ...rest } = finding;
    const severity = severityFor(rest.ruleId, location.file);
    if (severity === 'off') continue;
    let resolver = resolvers.get(location.file);
    if (!resolver && !location.range) {
      resolver = await createPositionResolver(workspace.textOf(location.file) ?? '');
      resolvers.set(location.file, resolver);
    }
    const range = location.range ?? resolver!.resolve(location);
    diagnostics.push({
      ...rest,
      severity: severity as Severity,
      file: location.file,
      range,
      docsUrl: rules.get(rest.ruleId)?.docsUrl ?? '',
      fingerprint: fingerprintOf(finding),
    });
  }
  return diagnostics;
}

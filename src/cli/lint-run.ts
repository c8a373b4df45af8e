import { appendFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { countBySeverity } from '../diagnostics/sort.js';
import { SEVERITIES } from '../diagnostics/severity.js';
import type { LintResult, SeverityOrOff } from '../diagnostics/types.js';
import { loadFormatter, type FormatContext } from '../formatters/index.js';
import { CONFIG_FILE, findWorkspaceRoot } from '../loader/discover.js';
import { loadWorkspace, type LoadedWorkspace } from '../pipeline/load.js';
import { lintWorkspace } from '../pipeline/lint.js';
import { ruleDescription } from '../i18n/index.js';
import { RULES } from '../rules/index.js';
import { closestMatch } from '../util/closest-match.js';
import { findRepositoryRoot } from '../util/repository-root.js';
import type { Rule } from '../rules/create-rule.js';
import { BaselineFormatError, createBaseline, parseBaseline, type BaselineFile } from '../baseline/baseline.js';
import { emit, useColor } from './context.js';
import { CliError, EXIT } from './errors.js';
import type { LintCommandOptions } from './lint.js';
import { checkOutputFile, currentIo, say, writeMessage, writeOutputFile, type OutputKind } from './output.js';
import { peekWorkspaceLocale, requireModelFiles, writeNotices } from './workspace.js';

/** What each format writes, for the extension --output-file must have. */
const OUTPUT_KIND: Record<LintCommandOptions['format'], OutputKind> = { stylish: 'text', json: 'json', sarif: 'sarif', junit: 'junit', github: 'text' };
import { readRuleDocs } from './rule-docs.js';
import { RuleTiming, timingLimit } from './rule-timing.js';

interface Target {
  root: string;
  /** Workspace-relative files, or folders ending in `/`, to report on; empty: the whole workspace. */
  only: Set<string>;
  whole: boolean;
  /** Other workspaces (folders with their own omni.yaml) were found under the folder given. */
  holdsWorkspaces?: true;
}

const toPosix = (relative: string) => relative.split(path.sep).join('/');

/** Groups the given paths by the workspace each belongs to; no path is the workspace around the current folder. */
export function resolveTargets(paths: readonly string[], cwd: string): Target[] {
  if (paths.length === 0) return [{ root: findWorkspaceRoot(cwd), only: new Set(), whole: true }];
  const targets = new Map<string, Target>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    if (!existsSync(absolute)) throw new CliError(say('pathNotFound', { path: given }), say('pathNotFoundHint'));
    const isFolder = statSync(absolute).isDirectory();
    const root = findWorkspaceRoot(isFolder ? absolute : path.dirname(absolute));
    const target = targets.get(root) ?? { root, only: new Set<string>(), whole: false };
    targets.set(root, target);
    if (absolute === root) target.whole = true;
    else target.only.add(isFolder ? `${toPosix(path.relative(root, absolute))}/` : toPosix(path.relative(root, absolute)));
  }
  return [...targets.values()];
}

/**
 * Loads each target's workspace. A folder given (or the whole workspace) also brings every
 * workspace its discovery found under it (a folder with an omni.yaml of its own, named in a
 * notice), and theirs in turn: each is linted with its own settings, as ESLint lints each
 * file with its nearest config. Not with `nested: false` (a baseline belongs to one
 * workspace: the nested ones keep their notice and are not linted). The notice is dropped
 * when the nested workspace is linted too, or when only some files of this one are. A folder
 * without omni.yaml and without model files of its own, given only for the workspaces it
 * holds, is left out (linting it would stop the run on "no model file").
 */
async function loadTargets(targets: Target[], options: { maxFileBytes: number | undefined; nested: boolean }): Promise<{ target: Target; workspace: LoadedWorkspace }[]> {
  const loaded: { target: Target; workspace: LoadedWorkspace }[] = [];
  const roots = new Set(targets.map((target) => target.root));
  // `targets` grows while it is walked: a nested workspace is loaded, and looked into, in its turn.
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index]!;
    const workspace = await loadWorkspace(target.root, { maxFileBytes: options.maxFileBytes });
    const folders = [...target.only].filter((entry) => entry.endsWith('/'));
    const notices = (workspace.notices ?? []).filter((notice) => {
      if (notice.reason !== 'nestedWorkspace') return true;
      if (!options.nested || !(target.whole || folders.some((folder) => notice.file.startsWith(folder)))) return target.whole;
      target.holdsWorkspaces = true;
      const root = path.join(workspace.root, notice.file.slice(0, -1));
      if (!roots.has(root)) {
        roots.add(root);
        targets.push({ root, only: new Set(), whole: true });
      }
      return false;
    });
    loaded.push({ target, workspace: { ...workspace, notices } });
  }
  return loaded.filter(({ target, workspace }) => !(target.holdsWorkspaces && !workspace.settings.declared && !workspace.files.some((file) => file !== CONFIG_FILE)));
}

/** The files a target reports on: all, or those under its folders and equal to its files. */
function reportedFiles(target: Target, files: readonly string[]): Set<string> | undefined {
  if (target.whole) return undefined;
  const prefixes = [...target.only];
  return new Set(files.filter((file) => prefixes.some((prefix) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix))));
}

export async function runLint(paths: string[], options: LintCommandOptions, version: string): Promise<number> {
  const cwd = currentIo().cwd;
  const targets = resolveTargets(paths, cwd);
  peekWorkspaceLocale(targets[0]!.root);
  const maxFileBytes = options.maxFileSize !== undefined ? options.maxFileSize * 1024 * 1024 : undefined;
  // Before any work: the report must never replace what lint reads (see output.ts).
  const roots = targets.map((target) => target.root);
  const outputFile =
    options.outputFile === undefined
      ? undefined
      : checkOutputFile(options.outputFile, { flag: '--output-file', kind: OUTPUT_KIND[options.format], workspaces: roots, force: options.force });
  const baselineOutput =
    options.updateBaseline === undefined
      ? undefined
      : checkOutputFile(options.updateBaseline, { flag: '--update-baseline', kind: 'json', workspaces: roots, force: options.force });
  // Workspaces are loaded first: --rule may name their house and plugin rules.
  const linted = await loadTargets(targets, { maxFileBytes, nested: options.baseline === undefined && options.updateBaseline === undefined });
  const workspaces = linted.map(({ workspace }) => workspace);
  for (const workspace of workspaces) writeNotices(workspace);
  const knownRules = new Map<string, Rule>(RULES.map((rule) => [rule.id, rule]));
  for (const workspace of workspaces) for (const rule of workspace.rules ?? []) if (!knownRules.has(rule.id)) knownRules.set(rule.id, rule);
  const ruleOverrides: Record<string, SeverityOrOff> = {};
  for (const text of options.rule ?? []) {
    const [id, severity] = parseRuleOption(text, [...knownRules.keys()]);
    ruleOverrides[id] = severity;
  }
  if (options.reportUnusedDisableDirectives) ruleOverrides['unused-suppression'] = options.reportUnusedDisableDirectives;
  const baseline = options.baseline !== undefined ? readBaseline(options.baseline) : undefined;
  if ((baseline || options.updateBaseline !== undefined) && linted.length > 1) {
    throw new CliError(say('baselineOneWorkspace'), say('baselineOneWorkspaceHint'));
  }

  const results: LintResult[] = [];
  const limit = timingLimit(currentIo().env.TIMING);
  const timing = limit === undefined ? undefined : new RuleTiming();
  for (const { target, workspace } of linted) {
    // An empty workspace is most likely a wrong path (e.g. in CI): passing silently would hide it.
    requireModelFiles(workspace);
    const onlyFiles = reportedFiles(target, workspace.files);
    if (onlyFiles?.size === 0) {
      throw new CliError(say('noModelFile', { where: [...target.only].join(', ') }), say('noModelFileHint'));
    }
    results.push(
      await lintWorkspace(workspace, {
        ruleOverrides,
        onlyFiles,
        ...(options.locale ? { locale: options.locale } : {}),
        ...(baseline && options.updateBaseline === undefined ? { baseline: baseline.file } : {}),
        ...(timing && { checkRule: timing.checkRule }),
      }),
    );
  }
  let result = results.length === 1 ? results[0]! : mergeResults(results, cwd);
  if (options.updateBaseline !== undefined) {
    writeOutputFile(baselineOutput!, createBaseline(result.diagnostics), { workspaces: roots });
    const count = result.diagnostics.length;
    writeMessage(say('baselineRecorded', { count, file: options.updateBaseline }));
    result = { ...result, diagnostics: [], baseline: { matched: count, prunable: 0 } };
  } else if (baseline && result.baseline) {
    const { matched, prunable } = result.baseline;
    const fixed = prunable > 0 ? say('baselinePrunable', { count: prunable, file: baseline.name }) : '';
    writeMessage(`${say('baselineMatched', { count: matched, file: baseline.name })}${fixed}`);
  }
  if (options.quiet) result = { ...result, diagnostics: result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error') };

  // Rule descriptions (SARIF, JUnit, summaries) in the language of the messages.
  const locale = options.locale ?? (results.every((each) => each.locale === results[0]?.locale) ? results[0]?.locale : undefined) ?? 'en';
  const context: FormatContext = {
    rules:
      locale === 'en'
        ? [...knownRules.values()]
        : [...knownRules.values()].map((rule) => ({ ...rule, description: ruleDescription(rule.id, locale) ?? rule.description })),
    color: outputFile ? false : useColor(currentIo().stdout, options.color),
    cwd,
    toolVersion: version,
    repositoryRoot: findRepositoryRoot(result.root),
    ...(options.format === 'sarif' && { ruleDocs: readRuleDocs(RULES) }),
  };
  const format = await loadFormatter(options.format);
  emit(format(result, context), outputFile, { workspaces: roots });
  const stepSummary = currentIo().env.GITHUB_STEP_SUMMARY;
  if (options.format === 'github' && stepSummary) {
    const { formatMarkdownSummary } = await import('../formatters/markdown.js');
    appendFileSync(stepSummary, formatMarkdownSummary(result, { ...context, color: false }));
  }

  timing?.write(limit!);

  const { errors, warnings } = countBySeverity(result.diagnostics);
  if (errors > 0) return EXIT.problems;
  if (options.failSeverity === 'warn' && warnings > 0) return EXIT.problems;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    writeMessage(say('tooManyWarnings', { count: warnings, max: options.maxWarnings }));
    return EXIT.problems;
  }
  return EXIT.ok;
}

/** Reads --baseline FILE; a missing or malformed file is a usage error, not an empty baseline. */
function readBaseline(name: string): { name: string; file: BaselineFile } {
  let text: string;
  try {
    text = readFileSync(name, 'utf8');
  } catch {
    throw new CliError(say('baselineNotFound', { file: name }), say('baselineCreate', { file: name }));
  }
  try {
    return { name, file: parseBaseline(text) };
  } catch (error) {
    if (!(error instanceof BaselineFormatError)) throw error;
    const { problem } = error;
    const why =
      problem.kind === 'notJson'
        ? say('baselineNotJson', { file: name, reason: problem.reason })
        : problem.kind === 'notBaseline'
          ? say('baselineNotBaseline', { file: name })
          : say('baselineBadEntry', { file: name, entry: problem.entry });
    throw new CliError(why, say('baselineRecreate', { file: name }));
  }
}

/** Several workspaces in one run: report every file relative to the current folder. */
function mergeResults(results: readonly LintResult[], cwd: string): LintResult {
  const rebase = (root: string, file: string) => path.relative(cwd, path.join(root, file)).split(path.sep).join('/');
  const merged: LintResult = { root: cwd, files: [], diagnostics: [], sources: new Map() };
  for (const result of results) {
    merged.files.push(...result.files.map((file) => rebase(result.root, file)));
    merged.diagnostics.push(...result.diagnostics.map((diagnostic) => ({ ...diagnostic, file: rebase(result.root, diagnostic.file) })));
    if (result.suppressed) (merged.suppressed ??= []).push(...result.suppressed.map((diagnostic) => ({ ...diagnostic, file: rebase(result.root, diagnostic.file) })));
    for (const [file, text] of result.sources) merged.sources.set(rebase(result.root, file), text);
  }
  return merged;
}

/** Severities as other linters write them (ESLint's 0, 1, 2), and common slips: what --rule means by them. */
const SEVERITY_SYNONYMS: Readonly<Record<string, SeverityOrOff>> = {
  warning: 'warn',
  warnings: 'warn',
  err: 'error',
  errors: 'error',
  disable: 'off',
  disabled: 'off',
  none: 'off',
  '0': 'off',
  '1': 'warn',
  '2': 'error',
};

/** For `--rule sms-length=warning` (or `:warn`, `= 1`): the way to write what was meant. */
function severityHint(text: string): string | undefined {
  const written = /^([a-z][a-z0-9-]*)\s*[=:]\s*([A-Za-z0-9]+)$/.exec(text);
  if (!written) return undefined;
  const [, id, value] = written;
  const lowered = value!.toLowerCase();
  const severity = SEVERITIES.find((candidate) => candidate === lowered) ?? SEVERITY_SYNONYMS[lowered] ?? closestMatch(lowered, SEVERITIES);
  return severity ? say('ruleOptionWrite', { value: `${id}=${severity}` }) : undefined;
}

/** `id=severity` as given to --rule, for a rule the workspace has. */
function parseRuleOption(text: string, knownIds: readonly string[]): [string, SeverityOrOff] {
  const match = /^([a-z][a-z0-9-]*)=(error|warn|off)$/.exec(text.trim());
  if (!match) throw new CliError(say('ruleOptionSyntax', { value: text }), severityHint(text.trim()));
  const [, id, severity] = match;
  if (!knownIds.includes(id!)) {
    const closest = closestMatch(id!, knownIds);
    throw new CliError(closest ? say('ruleOptionUnknownDidYouMean', { id: id!, closest }) : say('ruleOptionUnknown', { id: id! }));
  }
  return [id!, severity as SeverityOrOff];
}

import { appendFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseRuleOption } from '../diagnostics/severity.js';
import { countBySeverity } from '../diagnostics/sort.js';
import type { LintResult, SeverityOrOff } from '../diagnostics/types.js';
import { loadFormatter, type FormatContext } from '../formatters/index.js';
import { findWorkspaceRoot } from '../loader/discover.js';
import { loadWorkspace } from '../pipeline/load.js';
import { lintWorkspace } from '../pipeline/lint.js';
import { ruleDescription } from '../i18n/index.js';
import { RULES, RULES_BY_ID } from '../rules/index.js';
import { findRepositoryRoot } from '../util/repository-root.js';
import { emit, useColor } from './context.js';
import { CliError, EXIT } from './errors.js';
import type { LintCommandOptions } from './lint.js';
import { checkOutputFile, currentIo, writeMessage, type OutputKind } from './output.js';
import { requireModelFiles, writeNotices } from './workspace.js';

/** What each format writes, for the extension --output-file must have. */
const OUTPUT_KIND: Record<LintCommandOptions['format'], OutputKind> = { stylish: 'text', json: 'json', sarif: 'sarif', junit: 'junit', github: 'text' };
import { readRuleDocs } from './rule-docs.js';

interface Target {
  root: string;
  /** Workspace-relative files, or folders ending in `/`, to report on; empty: the whole workspace. */
  only: Set<string>;
  whole: boolean;
}

const toPosix = (relative: string) => relative.split(path.sep).join('/');

/** Groups the given paths by the workspace each belongs to. */
export function resolveTargets(paths: readonly string[], cwd: string): Target[] {
  if (paths.length === 0) return [{ root: findWorkspaceRoot(cwd), only: new Set(), whole: true }];
  const targets = new Map<string, Target>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    if (!existsSync(absolute)) throw new CliError(`path not found: ${given}`, 'pass workspace folders or model files that exist');
    const isFolder = statSync(absolute).isDirectory();
    const root = findWorkspaceRoot(isFolder ? absolute : path.dirname(absolute));
    const target = targets.get(root) ?? { root, only: new Set<string>(), whole: false };
    targets.set(root, target);
    if (absolute === root) target.whole = true;
    else target.only.add(isFolder ? `${toPosix(path.relative(root, absolute))}/` : toPosix(path.relative(root, absolute)));
  }
  return [...targets.values()];
}

/** The files a target reports on: all, or those under its folders and equal to its files. */
function reportedFiles(target: Target, files: readonly string[]): Set<string> | undefined {
  if (target.whole) return undefined;
  const prefixes = [...target.only];
  return new Set(files.filter((file) => prefixes.some((prefix) => (prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix))));
}

export async function runLint(paths: string[], options: LintCommandOptions, version: string): Promise<number> {
  const cwd = currentIo().cwd;
  const ruleOverrides: Record<string, SeverityOrOff> = {};
  for (const text of options.rule ?? []) {
    try {
      const [id, severity] = parseRuleOption(text, new Set(RULES_BY_ID.keys()));
      ruleOverrides[id] = severity;
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  }
  const maxFileBytes = options.maxFileSize !== undefined ? options.maxFileSize * 1024 * 1024 : undefined;

  const targets = resolveTargets(paths, cwd);
  // Before any work: the report must never replace what lint reads (see output.ts).
  const workspaces = targets.map((target) => target.root);
  const outputFile = options.outputFile === undefined ? undefined : checkOutputFile(options.outputFile, { flag: '--output-file', kind: OUTPUT_KIND[options.format], workspaces, force: options.force });
  const results: LintResult[] = [];
  for (const target of targets) {
    const workspace = await loadWorkspace(target.root, { maxFileBytes });
    writeNotices(workspace);
    // An empty workspace is most likely a wrong path (e.g. in CI): passing silently would hide it.
    requireModelFiles(workspace);
    const onlyFiles = reportedFiles(target, workspace.files);
    if (onlyFiles?.size === 0) {
      throw new CliError(`no model file in ${[...target.only].join(', ')}`, 'model files are the .yaml/.yml files the workspace includes (see include/exclude in omni.yaml)');
    }
    results.push(await lintWorkspace(workspace, { ruleOverrides, onlyFiles, ...(options.locale ? { locale: options.locale } : {}) }));
  }
  let result = results.length === 1 ? results[0]! : mergeResults(results, cwd);
  if (options.quiet) result = { ...result, diagnostics: result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error') };

  // Rule descriptions (SARIF, JUnit, summaries) in the language of the messages.
  const locale = options.locale ?? (results.every((each) => each.locale === results[0]?.locale) ? results[0]?.locale : undefined) ?? 'en';
  const context: FormatContext = {
    rules: locale === 'en' ? RULES : RULES.map((rule) => ({ ...rule, description: ruleDescription(rule.id, locale) ?? rule.description })),
    color: outputFile ? false : useColor(currentIo().stdout, options.color),
    cwd,
    toolVersion: version,
    repositoryRoot: findRepositoryRoot(result.root),
    ...(options.format === 'sarif' && { ruleDocs: readRuleDocs(RULES) }),
  };
  const format = await loadFormatter(options.format);
  emit(format(result, context), outputFile, { workspaces });
  const stepSummary = currentIo().env.GITHUB_STEP_SUMMARY;
  if (options.format === 'github' && stepSummary) {
    const { formatMarkdownSummary } = await import('../formatters/markdown.js');
    appendFileSync(stepSummary, formatMarkdownSummary(result, { ...context, color: false }));
  }

  const { errors, warnings } = countBySeverity(result.diagnostics);
  if (errors > 0) return EXIT.problems;
  if (options.failSeverity === 'warn' && warnings > 0) return EXIT.problems;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    writeMessage(`${warnings} warnings, more than --max-warnings ${options.maxWarnings}`);
    return EXIT.problems;
  }
  return EXIT.ok;
}

/** Several workspaces in one run: report every file relative to the current folder. */
function mergeResults(results: readonly LintResult[], cwd: string): LintResult {
  const rebase = (root: string, file: string) => path.relative(cwd, path.join(root, file)).split(path.sep).join('/');
  const merged: LintResult = { root: cwd, files: [], diagnostics: [], sources: new Map() };
  for (const result of results) {
    merged.files.push(...result.files.map((file) => rebase(result.root, file)));
    merged.diagnostics.push(...result.diagnostics.map((diagnostic) => ({ ...diagnostic, file: rebase(result.root, diagnostic.file) })));
    for (const [file, text] of result.sources) merged.sources.set(rebase(result.root, file), text);
  }
  return merged;
}

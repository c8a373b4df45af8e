import type { Diagnostic, Range, SuppressedDiagnostic } from '../diagnostics/types.js';
import { closestMatch } from '../util/closest-match.js';
import type { Directive } from './directives.js';

export const DIRECTIVE_RULE = 'suppression-directive';
export const UNUSED_RULE = 'unused-suppression';

/**
 * What is wrong with one directive; `directive` is its keyword. The words are the rules'
 * (src/rules/suppression-directive.ts, unused-suppression.ts, then src/i18n).
 */
export type DirectiveProblem =
  | { kind: 'misplaced'; directive: string }
  | { kind: 'noRule'; directive: string }
  | { kind: 'unknownRule'; directive: string; rule: string; closest?: string }
  | { kind: 'noReason'; directive: string; ruleIds: readonly string[] }
  | { kind: 'unused'; directive: string; rule: string };

/** A finding about a directive itself, not yet given severity and docs. */
export interface DirectiveFinding {
  ruleId: typeof DIRECTIVE_RULE | typeof UNUSED_RULE;
  problem: DirectiveProblem;
  file: string;
  range: Range;
}

const describe = (directive: Directive) => (directive.kind === 'file' ? 'omni-disable' : `omni-disable-${directive.kind}`);

/**
 * Splits findings into kept and suppressed, and finds what is wrong with the directives:
 * unknown rule ids, a missing reason, a file directive below the top (suppression-directive),
 * and rule ids that silenced nothing (unused-suppression). Directive findings are never
 * themselves suppressible.
 */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  directivesByFile: ReadonlyMap<string, readonly Directive[]>,
  knownRuleIds: ReadonlySet<string>,
  /** Rules with findings the baseline matched, per file: a directive naming them is not unused. */
  baselined: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
): { kept: Diagnostic[]; suppressed: SuppressedDiagnostic[]; findings: DirectiveFinding[] } {
  const kept: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  const used = new Map<Directive, Set<string>>();
  for (const diagnostic of diagnostics) {
    const directives = directivesByFile.get(diagnostic.file);
    const line = diagnostic.range.start.line;
    const match = directives?.find(
      (directive) => !directive.misplaced && directive.ruleIds.includes(diagnostic.ruleId) && (directive.kind === 'file' || directive.targetLine === line),
    );
    if (!match) {
      kept.push(diagnostic);
      continue;
    }
    let ids = used.get(match);
    if (!ids) used.set(match, (ids = new Set()));
    ids.add(diagnostic.ruleId);
    suppressed.push({ ...diagnostic, suppression: { kind: 'inSource', justification: match.reason } });
  }

  const findings: DirectiveFinding[] = [];
  for (const [file, directives] of directivesByFile) {
    for (const directive of directives) {
      const at = { file, range: directive.range };
      const name = describe(directive);
      if (directive.misplaced) {
        findings.push({ ruleId: DIRECTIVE_RULE, problem: { kind: 'misplaced', directive: name }, ...at });
        continue;
      }
      if (directive.ruleIds.length === 0) {
        findings.push({ ruleId: DIRECTIVE_RULE, problem: { kind: 'noRule', directive: name }, ...at });
        continue;
      }
      for (const id of directive.ruleIds) {
        if (knownRuleIds.has(id)) continue;
        const closest = closestMatch(id, knownRuleIds);
        findings.push({ ruleId: DIRECTIVE_RULE, problem: { kind: 'unknownRule', directive: name, rule: id, ...(closest ? { closest } : {}) }, ...at });
      }
      if (directive.reason === '') {
        findings.push({ ruleId: DIRECTIVE_RULE, problem: { kind: 'noReason', directive: name, ruleIds: directive.ruleIds }, ...at });
      }
      const silenced = used.get(directive);
      for (const id of directive.ruleIds) {
        if (silenced?.has(id) || !knownRuleIds.has(id) || baselined.get(file)?.has(id)) continue;
        findings.push({ ruleId: UNUSED_RULE, problem: { kind: 'unused', directive: name, rule: id }, ...at });
      }
    }
  }
  return { kept, suppressed, findings };
}

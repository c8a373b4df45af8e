import type { Diagnostic, Range, SuppressedDiagnostic } from '../diagnostics/types.js';
import { closestMatch } from '../util/closest-match.js';
import type { Directive } from './directives.js';

export const DIRECTIVE_RULE = 'suppression-directive';
export const UNUSED_RULE = 'unused-suppression';

/** A finding about a directive itself, not yet given severity and docs. */
export interface DirectiveFinding {
  ruleId: typeof DIRECTIVE_RULE | typeof UNUSED_RULE;
  message: string;
  suggestion?: string;
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
        findings.push({ ruleId: DIRECTIVE_RULE, message: `${name} applies to the whole file only in the comments at its top`, suggestion: 'move it above the first YAML line, or use omni-disable-next-line', ...at });
        continue;
      }
      if (directive.ruleIds.length === 0) {
        findings.push({ ruleId: DIRECTIVE_RULE, message: `${name} names no rule`, suggestion: `name the rules it silences: # ${name} rule-id -- reason`, ...at });
        continue;
      }
      for (const id of directive.ruleIds) {
        if (knownRuleIds.has(id)) continue;
        const closest = closestMatch(id, knownRuleIds);
        findings.push({ ruleId: DIRECTIVE_RULE, message: `${name} names an unknown rule "${id}"`, suggestion: closest ? `did you mean "${closest}"?` : 'see `omni rules` for the list', ...at });
      }
      if (directive.reason === '') {
        findings.push({ ruleId: DIRECTIVE_RULE, message: `${name} gives no reason`, suggestion: `say why after " -- ": # ${name} ${directive.ruleIds.join(', ')} -- why this is accepted`, ...at });
      }
      const silenced = used.get(directive);
      for (const id of directive.ruleIds) {
        if (silenced?.has(id) || !knownRuleIds.has(id) || baselined.get(file)?.has(id)) continue;
        findings.push({ ruleId: UNUSED_RULE, message: `${name} ${id}: no ${id} finding to silence here`, suggestion: 'remove the rule id (or the whole comment): the problem is gone', ...at });
      }
    }
  }
  return { kept, suppressed, findings };
}

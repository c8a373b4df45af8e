import type { Diagnostic, LintResult } from '../diagnostics/types.js';
import { countSeverities, severityLabel, type FormatContext } from './shared.js';

/**
 * Output of `omni lint --format json`: a stable shape for scripts and editors.
 * Version 1; a breaking change bumps `version`, new optional fields may be added.
 *
 * ```jsonc
 * {
 *   "version": 1,
 *   "root": "/abs/path/to/workspace",   // absolute workspace root
 *   "summary": {
 *     "errors": 2,                      // diagnostics with severity "error"
 *     "warnings": 1,                    // diagnostics with severity "warning"
 *     "files": 5,                       // files linted (with or without problems)
 *     "suppressed": 1                   // only when some findings were suppressed in source
 *   },
 *   "diagnostics": [                    // in omni's sort order: file, line, column, rule
 *     {
 *       "ruleId": "unknown-reference",
 *       "severity": "error",            // "error" | "warning"
 *       "message": "Unknown channel \"sms\"",
 *       "suggestion": "Did you mean \"SMS\"?",      // only when there is one
 *       "file": "journeys/onboarding.yaml",        // relative to root, forward slashes
 *       "line": 12, "column": 14,                  // 1-based start
 *       "endLine": 12, "endColumn": 17,            // 1-based, end column exclusive
 *       "entity": { "kind": "scenario", "id": "S-01" },  // only when there is one
 *       "docsUrl": "https://.../docs/rules/unknown-reference.md"
 *     }
 *   ],
 *   "suppressed": [                     // only when omni-disable comments silenced findings
 *     { ...same fields as a diagnostic, "justification": "the reason after --" }
 *   ],
 *   "baseline": { "matched": 12, "prunable": 3 }  // only with --baseline / --update-baseline
 * }
 * ```
 * Columns count UTF-16 code units. Printed with 2-space indentation and a final newline.
 */
export interface JsonReport {
  version: 1;
  root: string;
  summary: { errors: number; warnings: number; files: number; suppressed?: number };
  diagnostics: JsonDiagnostic[];
  suppressed?: Array<JsonDiagnostic & { justification: string }>;
  baseline?: { matched: number; prunable: number };
}

export interface JsonDiagnostic {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  suggestion?: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  entity?: { kind: string; id: string };
  docsUrl: string;
}

/** Builds the report object; exported for callers that want the data rather than text. */
export function toJsonReport(result: LintResult): JsonReport {
  const counts = countSeverities(result.diagnostics);
  const report: JsonReport = {
    version: 1,
    root: result.root,
    summary: { errors: counts.errors, warnings: counts.warnings, files: result.files.length },
    diagnostics: result.diagnostics.map(toJsonDiagnostic),
  };
  if (result.suppressed && result.suppressed.length > 0) {
    report.summary.suppressed = result.suppressed.length;
    report.suppressed = result.suppressed.map((diagnostic) => ({ ...toJsonDiagnostic(diagnostic), justification: diagnostic.suppression.justification }));
  }
  if (result.baseline) report.baseline = { matched: result.baseline.matched, prunable: result.baseline.prunable };
  return report;
}

function toJsonDiagnostic(diagnostic: Diagnostic): JsonDiagnostic {
  // Built key by key so the property order of the output is fixed.
  const entry: JsonDiagnostic = {
    ruleId: diagnostic.ruleId,
    severity: severityLabel(diagnostic.severity),
    message: diagnostic.message,
  } as JsonDiagnostic;
  if (diagnostic.suggestion !== undefined) entry.suggestion = diagnostic.suggestion;
  entry.file = diagnostic.file;
  entry.line = diagnostic.range.start.line;
  entry.column = diagnostic.range.start.column;
  entry.endLine = diagnostic.range.end.line;
  entry.endColumn = diagnostic.range.end.column;
  if (diagnostic.entity) entry.entity = { kind: diagnostic.entity.kind, id: diagnostic.entity.id };
  entry.docsUrl = diagnostic.docsUrl;
  return entry;
}

export function formatJson(result: LintResult, _context: FormatContext): string {
  return `${JSON.stringify(toJsonReport(result), null, 2)}\n`;
}

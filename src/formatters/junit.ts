import type { Diagnostic, LintResult } from '../diagnostics/types.js';
import { formatMessage } from '../i18n/index.js';
import { counted, displayPath, messageWithSuggestion, outputWords, severityWord, type FormatContext } from './shared.js';
import { escapeXml, escapeXmlAttribute } from './xml.js';

/** Name of the passing testcase a clean file gets, so every file shows up in CI reports. */
export const CLEAN_TESTCASE_NAME = 'omni lint';

/**
 * JUnit XML for CI test reports (GitLab, Jenkins, Azure…): one <testsuite> per linted
 * file, one <testcase> per rule that fired in it, holding a single <failure> that lists
 * every diagnostic of that rule (type "error" if any is an error, else "warning").
 * A clean file gets one passing testcase. Warnings count as failures, like ESLint's junit.
 */
export function formatJunit(result: LintResult, context: FormatContext): string {
  const byFile = new Map<string, Map<string, Diagnostic[]>>();
  for (const file of result.files) byFile.set(file, new Map());
  for (const diagnostic of result.diagnostics) {
    let byRule = byFile.get(diagnostic.file);
    if (!byRule) {
      // A diagnostic on a file not listed (should not happen) must still be reported.
      byRule = new Map();
      byFile.set(diagnostic.file, byRule);
    }
    const group = byRule.get(diagnostic.ruleId);
    if (group) group.push(diagnostic);
    else byRule.set(diagnostic.ruleId, [diagnostic]);
  }

  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  for (const [file, byRule] of byFile) {
    const name = escapeXmlAttribute(displayPath(result, context, file));
    const tests = Math.max(1, byRule.size);
    const failures = byRule.size;
    totalTests += tests;
    totalFailures += failures;
    const cases: string[] = [];
    if (byRule.size === 0) {
      cases.push(`    <testcase classname="${name}" name="${escapeXmlAttribute(CLEAN_TESTCASE_NAME)}"/>`);
    }
    for (const [ruleId, diagnostics] of byRule) {
      const type = diagnostics.some((d) => d.severity === 'error') ? 'error' : 'warning';
      const first = diagnostics[0]!;
      const summary =
        diagnostics.length === 1
          ? messageWithSuggestion(first)
          : formatMessage(
              outputWords(result).several,
              { problems: counted(diagnostics.length, outputWords(result).problem), first: messageWithSuggestion(first) },
              result.locale ?? 'en',
            );
      const body = diagnostics.map((d) => failureLine(d, displayPath(result, context, file), result)).join('\n');
      cases.push(
        `    <testcase classname="${name}" name="${escapeXmlAttribute(ruleId)}">\n` +
          `      <failure type="${type}" message="${escapeXmlAttribute(summary)}">${escapeXml(body)}</failure>\n` +
          `    </testcase>`,
      );
    }
    suites.push(`  <testsuite name="${name}" tests="${tests}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
  }

  const header = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="omni lint" tests="${totalTests}" failures="${totalFailures}" errors="0">`;
  return `${[header, ...suites, '</testsuites>'].join('\n')}\n`;
}

/** `path:12:5: error: message (suggestion) [rule-id] docs-url`, one per diagnostic. */
function failureLine(diagnostic: Diagnostic, file: string, result: LintResult): string {
  const { line, column } = diagnostic.range.start;
  return `${file}:${line}:${column}: ${severityWord(diagnostic.severity, result)}: ${messageWithSuggestion(diagnostic)} [${diagnostic.ruleId}] ${diagnostic.docsUrl}`;
}

import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, LintResult } from '../diagnostics/types.js';
import { DOCS_BASE_URL, type RuleMeta } from '../rules/create-rule.js';
import { messageWithSuggestion, type FormatContext } from './shared.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The project home, derived from the docs base so a fork repoints both at once. */
export const INFORMATION_URI = DOCS_BASE_URL.replace(/\/blob\/.*$/, '');
/** Versioned key of our fingerprint: bump the suffix if the hashed input ever changes. */
export const FINGERPRINT_KEY = 'omniEntity/v1';
const SRCROOT = '%SRCROOT%';

type SarifLevel = 'error' | 'warning' | 'none';

/**
 * SARIF 2.1.0 log for GitHub code scanning (`github/codeql-action/upload-sarif`).
 * Every known rule is listed so alerts can show their description and docs link;
 * paths are relative to `context.cwd` (run omni from the repository root) under
 * `%SRCROOT%`; `partialFingerprints` hash rule + file + entity (or message when
 * there is no entity) so an alert keeps its identity when lines move.
 */
export function formatSarif(result: LintResult, context: FormatContext): string {
  const rules: RuleMeta[] = [...context.rules];
  const ruleIndexes = new Map<string, number>();
  rules.forEach((rule, index) => ruleIndexes.set(rule.id, index));
  // A diagnostic from a rule missing in context.rules still needs a valid ruleIndex.
  for (const diagnostic of result.diagnostics) {
    if (!ruleIndexes.has(diagnostic.ruleId)) {
      ruleIndexes.set(diagnostic.ruleId, rules.length);
      rules.push({ id: diagnostic.ruleId, description: diagnostic.ruleId, defaultSeverity: diagnostic.severity, docsUrl: diagnostic.docsUrl });
    }
  }

  const occurrences = new Map<string, number>();
  const results = [...result.diagnostics, ...(result.suppressed ?? [])].map((diagnostic: Diagnostic & { suppression?: { justification: string } }) => {
    const base = fingerprintHash(diagnostic);
    // Two findings with the same identity in one file (e.g. two bad references in one
    // message) are told apart by their order, as CodeQL does with its line hashes.
    const occurrence = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, occurrence);
    return {
      ruleId: diagnostic.ruleId,
      ruleIndex: ruleIndexes.get(diagnostic.ruleId)!,
      level: level(diagnostic.severity),
      message: { text: messageWithSuggestion(diagnostic) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(result, context, diagnostic.file),
            region: {
              startLine: diagnostic.range.start.line,
              startColumn: diagnostic.range.start.column,
              endLine: diagnostic.range.end.line,
              endColumn: diagnostic.range.end.column,
            },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: `${base}:${occurrence}` },
      // Silenced by an omni-disable comment: code scanning shows it as dismissed.
      ...(diagnostic.suppression ? { suppressions: [{ kind: 'inSource', justification: diagnostic.suppression.justification }] } : {}),
    };
  });

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'omni',
            informationUri: INFORMATION_URI,
            version: context.toolVersion,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: rule.docsUrl,
              defaultConfiguration: { level: level(rule.defaultSeverity) },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(context.cwd) } },
        // Columns are JavaScript string offsets; saying so keeps viewers from guessing.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function level(severity: Diagnostic['severity'] | 'off'): SarifLevel {
  // A rule off by default (missing-owner) is listed with level none.
  return severity === 'error' ? 'error' : severity === 'off' ? 'none' : 'warning';
}

/** Stable identity of a finding, independent of its line: sha256 of rule, file and entity. */
function fingerprintHash(diagnostic: Diagnostic): string {
  const identity = diagnostic.entity
    ? ['entity', diagnostic.entity.kind, diagnostic.entity.id]
    : ['message', diagnostic.message];
  // NUL cannot occur in ids or paths, so joined parts cannot collide by shifting text.
  return createHash('sha256').update([diagnostic.ruleId, diagnostic.file, ...identity].join('\0')).digest('hex');
}

function artifactLocation(result: LintResult, context: FormatContext, file: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(result.root, file);
  const relative = path.relative(context.cwd, absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) {
    // Outside the source root a relative URI would climb out of %SRCROOT%: use an absolute one.
    return { uri: pathToFileURL(absolute).href };
  }
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

/** file:// URI of a directory; SARIF requires the trailing slash on base URIs. */
function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

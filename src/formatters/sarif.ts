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

/** Tags beyond the ones every rule gets, for code scanning's filters. */
const EXTRA_TAGS: Readonly<Record<string, readonly string[]>> = {
  'yaml-syntax': ['syntax'],
  schema: ['syntax'],
  'template-syntax': ['syntax'],
  'missing-consent': ['privacy'],
};

/**
 * SARIF 2.1.0 log for GitHub code scanning (`github/codeql-action/upload-sarif`).
 * Every known rule is listed with its descriptions and doc page (as `help`) so alerts can
 * explain themselves. Paths are relative to `%SRCROOT%`: the git repository root when the
 * workspace is in one (whatever the current folder), else the current folder.
 * `partialFingerprints` hash rule + file + entity (or message when there is no entity) so
 * an alert keeps its identity when lines move.
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
  const sourceRoot = context.repositoryRoot ?? context.cwd;

  const occurrences = new Map<string, number>();
  const results = [...result.diagnostics, ...(result.suppressed ?? [])].map((diagnostic: Diagnostic & { suppression?: { justification: string } }) => {
    const base = fingerprintHash(diagnostic);
    // Two findings with the same identity in one file (e.g. two bad references in one
    // message) are told apart by their order, as CodeQL does with its line hashes.
    const occurrence = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, occurrence);
    return sarifResult(diagnostic, {
      ruleIndex: ruleIndexes.get(diagnostic.ruleId)!,
      artifactLocation: artifactLocation(path.resolve(result.root, diagnostic.file), sourceRoot),
      fingerprint: `${base}:${occurrence}`,
    });
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
            rules: rules.map((rule) => ruleDescriptor(rule, context.ruleDocs?.get(rule.id))),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(sourceRoot) } },
        // Columns are JavaScript string offsets; saying so keeps viewers from guessing.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

interface ResultPlacement {
  ruleIndex: number;
  artifactLocation: ArtifactLocation;
  fingerprint: string;
}

/** One `result` object; everything it says about a finding is decided here. */
function sarifResult(diagnostic: Diagnostic & { suppression?: { justification: string } }, placement: ResultPlacement) {
  return {
    ruleId: diagnostic.ruleId,
    ruleIndex: placement.ruleIndex,
    level: level(diagnostic.severity),
    message: { text: messageWithSuggestion(diagnostic) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: placement.artifactLocation,
          region: {
            startLine: diagnostic.range.start.line,
            startColumn: diagnostic.range.start.column,
            endLine: diagnostic.range.end.line,
            endColumn: diagnostic.range.end.column,
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: placement.fingerprint },
    // Silenced by an omni-disable comment: code scanning shows it as dismissed.
    ...(diagnostic.suppression ? { suppressions: [{ kind: 'inSource', justification: diagnostic.suppression.justification }] } : {}),
  };
}

/** A rule as code scanning shows it: short and full description, help from its doc page, tags. */
function ruleDescriptor(rule: RuleMeta, page: string | undefined) {
  const markdown = page === undefined ? `${rule.description}\n\nSee ${rule.docsUrl}.` : absoluteLinks(page, rule.docsUrl).trimEnd();
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: (page && firstParagraph(markdown)) || rule.description },
    helpUri: rule.docsUrl,
    help: { text: plainText(markdown), markdown },
    defaultConfiguration: { level: level(rule.defaultSeverity) },
    properties: { tags: ['omni', rule.defaultSeverity === 'error' ? 'correctness' : 'completeness', ...(EXTRA_TAGS[rule.id] ?? [])] },
  };
}

/** The page's first paragraph of prose (after the title and the severity line), as plain text. */
function firstParagraph(page: string): string | undefined {
  const paragraph = page
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .find((block) => block !== '' && !block.startsWith('#') && !block.startsWith('**Default severity') && !block.startsWith('```'));
  return paragraph && plainText(paragraph).replace(/\s*\n\s*/g, ' ');
}

/** Relative links of a doc page made absolute, so they work inside code scanning. */
function absoluteLinks(markdown: string, pageUrl: string): string {
  return markdown.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return whole;
    return `](${new URL(target, pageUrl).href})`;
  });
}

/** Markdown read as text: no heading marks, emphasis, code ticks; links as "text (url)". */
function plainText(markdown: string): string {
  return (
    markdown
      .replace(/^#{1,6}\s+/gm, '')
      .replace(/\*\*([^*]+)\*\*/g, '$1')
      // A link to a heading of the same page means nothing out of it: keep its text only.
      .replace(/\[([^\]]*)\]\((#[^)\s]*)\)/g, '$1')
      .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, '$1 ($2)')
      .replace(/`([^`\n]+)`/g, '$1')
  );
}

function level(severity: Diagnostic['severity'] | 'off'): SarifLevel {
  // A rule off by default (missing-owner) is listed with level none.
  return severity === 'error' ? 'error' : severity === 'off' ? 'none' : 'warning';
}

/** Stable identity of a finding, independent of its line: sha256 of rule, file and entity. */
function fingerprintHash(diagnostic: Diagnostic): string {
  const identity = diagnostic.entity ? ['entity', diagnostic.entity.kind, diagnostic.entity.id] : ['message', diagnostic.message];
  // NUL cannot occur in ids or paths, so joined parts cannot collide by shifting text.
  return createHash('sha256')
    .update([diagnostic.ruleId, diagnostic.file, ...identity].join('\0'))
    .digest('hex');
}

type ArtifactLocation = { uri: string; uriBaseId?: string };

function artifactLocation(absolute: string, sourceRoot: string): ArtifactLocation {
  const relative = path.relative(sourceRoot, absolute);
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

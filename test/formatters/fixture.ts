import type { LintResult } from '../../src/diagnostics/types.js';
import { createRule } from '../../src/rules/create-rule.js';
import type { FormatContext } from '../../src/formatters/index.js';

const noCheck = () => undefined;
export const rules = [
  createRule({ id: 'duplicate-id', description: 'Ids are unique within their kind.', defaultSeverity: 'error', check: noCheck }),
  createRule({ id: 'label-style', description: 'Labels are plain text.', defaultSeverity: 'warn', check: noCheck }),
  createRule({ id: 'no-description', description: 'Every file has a description.', defaultSeverity: 'warn', check: noCheck }),
  createRule({ id: 'unknown-reference', description: 'References point at declared entities.', defaultSeverity: 'error', check: noCheck }),
];
const docs = (id: string) => rules.find((rule) => rule.id === id)!.docsUrl;

/** A message carrying every character some format must escape: %, LF, comma, colon, <&>, quote, emoji. */
export const HOSTILE_MESSAGE = 'Label "SMS <&> 🚀" is 100% markup,\nsee: style guide';

const channels = ['channels:', '  - id: email', '    label: E-mail', '  - id: sms', '    label: "SMS <&> 🚀"', ''].join('\n');
const onboarding = ['scenarios:', '  - id: S-01', '    channel: fax', '    message: "Hello {{name}}"', ''].join('\n');

/**
 * Workspace at /repo/workspace linted from /repo, so displayed paths gain a `workspace/`
 * prefix while diagnostics stay root-relative. Three files, one clean.
 */
export function makeResult(): LintResult {
  return {
    root: '/repo/workspace',
    files: ['channels.yaml', 'journeys/onboarding.yaml', 'use-cases.yaml'],
    diagnostics: [
      {
        ruleId: 'label-style',
        severity: 'warn',
        message: HOSTILE_MESSAGE,
        file: 'channels.yaml',
        // The quoted value `"SMS <&> 🚀"`: 12 UTF-16 units (the emoji is a surrogate pair).
        range: { start: { line: 5, column: 12 }, end: { line: 5, column: 24 } },
        entity: { kind: 'channel', id: 'sms' },
        docsUrl: docs('label-style'),
      },
      {
        ruleId: 'no-description',
        severity: 'warn',
        message: 'File has no description',
        file: 'journeys/onboarding.yaml',
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 11 } },
        docsUrl: docs('no-description'),
      },
      {
        ruleId: 'unknown-reference',
        severity: 'error',
        message: 'Unknown channel "fax"',
        suggestion: 'Did you mean "sms"?',
        file: 'journeys/onboarding.yaml',
        range: { start: { line: 3, column: 14 }, end: { line: 3, column: 17 } },
        entity: { kind: 'scenario', id: 'S-01' },
        docsUrl: docs('unknown-reference'),
      },
      {
        ruleId: 'unknown-reference',
        severity: 'error',
        message: 'Unknown variable "{{name}}"',
        file: 'journeys/onboarding.yaml',
        range: { start: { line: 4, column: 21 }, end: { line: 4, column: 29 } },
        entity: { kind: 'scenario', id: 'S-01' },
        docsUrl: docs('unknown-reference'),
      },
    ],
    sources: new Map([
      ['channels.yaml', channels],
      ['journeys/onboarding.yaml', onboarding],
    ]),
  };
}

export function makeContext(overrides: Partial<FormatContext> = {}): FormatContext {
  return { rules, color: false, cwd: '/repo', toolVersion: '1.2.3', ...overrides };
}

export function cleanResult(): LintResult {
  return { root: '/repo/workspace', files: ['channels.yaml'], diagnostics: [], sources: new Map() };
}

// Matches any ANSI escape sequence (CSI), the way colour codes are written.
export const ANSI = /\u001b\[/;

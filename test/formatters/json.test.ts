import { describe, expect, test } from 'vitest';
import { formatJson } from '../../src/formatters/json.js';
import { cleanResult, HOSTILE_MESSAGE, makeContext, makeResult } from './fixture.js';

describe('json', () => {
  const output = formatJson(makeResult(), makeContext());

  test('has the documented shape, 1-based positions and root-relative files', () => {
    expect(JSON.parse(output)).toEqual({
      version: 1,
      root: '/repo/workspace',
      summary: { errors: 2, warnings: 2, files: 3 },
      diagnostics: [
        {
          ruleId: 'label-style',
          severity: 'warning',
          message: HOSTILE_MESSAGE,
          file: 'channels.yaml',
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 24,
          entity: { kind: 'channel', id: 'sms' },
          docsUrl: 'https://github.com/omni-journey/omni/blob/main/docs/rules/label-style.md',
        },
        {
          ruleId: 'no-description',
          severity: 'warning',
          message: 'File has no description',
          file: 'journeys/onboarding.yaml',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 11,
          docsUrl: 'https://github.com/omni-journey/omni/blob/main/docs/rules/no-description.md',
        },
        {
          ruleId: 'unknown-reference',
          severity: 'error',
          message: 'Unknown channel "fax"',
          suggestion: 'Did you mean "sms"?',
          file: 'journeys/onboarding.yaml',
          line: 3,
          column: 14,
          endLine: 3,
          endColumn: 17,
          entity: { kind: 'scenario', id: 'S-01' },
          docsUrl: 'https://github.com/omni-journey/omni/blob/main/docs/rules/unknown-reference.md',
        },
        {
          ruleId: 'unknown-reference',
          severity: 'error',
          message: 'Unknown variable "{{name}}"',
          file: 'journeys/onboarding.yaml',
          line: 4,
          column: 21,
          endLine: 4,
          endColumn: 29,
          entity: { kind: 'scenario', id: 'S-01' },
          docsUrl: 'https://github.com/omni-journey/omni/blob/main/docs/rules/unknown-reference.md',
        },
      ],
    });
  });

  test('uses 2-space indentation, a fixed key order and a trailing newline', () => {
    expect(output.endsWith('}\n')).toBe(true);
    expect(output.startsWith('{\n  "version": 1,\n  "root": "/repo/workspace",\n  "summary": {\n    "errors": 2,')).toBe(true);
    const third = JSON.parse(output).diagnostics[2];
    expect(Object.keys(third)).toEqual(['ruleId', 'severity', 'message', 'suggestion', 'file', 'line', 'column', 'endLine', 'endColumn', 'entity', 'docsUrl']);
  });

  test('a clean result still reports its files', () => {
    expect(formatJson(cleanResult(), makeContext())).toBe(
      '{\n  "version": 1,\n  "root": "/repo/workspace",\n  "summary": {\n    "errors": 0,\n    "warnings": 0,\n    "files": 1\n  },\n  "diagnostics": []\n}\n',
    );
  });
});

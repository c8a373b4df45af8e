import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { LintResult, SuppressedDiagnostic } from '../../src/diagnostics/types.js';
import { formatJson } from '../../src/formatters/json.js';
import { formatSarif } from '../../src/formatters/sarif.js';
import { formatJunit } from '../../src/formatters/junit.js';
import { formatGithub } from '../../src/formatters/github.js';
import { makeContext, makeResult } from '../formatters/fixture.js';

const schema = JSON.parse(readFileSync(new URL('../formatters/fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/') && !/\s/.test(value));
ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const validate = ajv.compile(schema);

/** The fixture's result with its first finding suppressed in source. */
function withSuppressed(): LintResult {
  const result = makeResult();
  const [first, ...rest] = result.diagnostics;
  const suppressed: SuppressedDiagnostic = { ...first!, suppression: { kind: 'inSource', justification: 'accepted: legacy label' } };
  return { ...result, diagnostics: rest, suppressed: [suppressed], baseline: { matched: 2, prunable: 1 } };
}

describe('suppressed findings in the formats', () => {
  it('SARIF lists them with suppressions [{ kind: inSource, justification }], and stays valid', () => {
    const log = JSON.parse(formatSarif(withSuppressed(), makeContext()));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const results = log.runs[0].results as Array<{ ruleId: string; suppressions?: unknown }>;
    expect(results.filter((result) => result.suppressions).map((result) => [result.ruleId, result.suppressions])).toEqual([
      ['label-style', [{ kind: 'inSource', justification: 'accepted: legacy label' }]],
    ]);
    expect(results.filter((result) => !result.suppressions)).toHaveLength(withSuppressed().diagnostics.length);
  });

  it('JSON lists them apart, with the justification, counts them, and gives the baseline figures', () => {
    const report = JSON.parse(formatJson(withSuppressed(), makeContext()));
    expect(report.summary.suppressed).toBe(1);
    expect(report.suppressed).toHaveLength(1);
    expect(report.suppressed[0]).toMatchObject({ ruleId: 'label-style', justification: 'accepted: legacy label', line: expect.any(Number) });
    expect(report.diagnostics.some((d: { ruleId: string; line: number }) => d.line === report.suppressed[0].line && d.ruleId === 'label-style')).toBe(false);
    expect(report.baseline).toEqual({ matched: 2, prunable: 1 });
  });

  it('JUnit and GitHub annotations leave them out: they are not problems', () => {
    const result = withSuppressed();
    const without = { ...result, suppressed: undefined };
    for (const format of [formatJunit, formatGithub]) {
      expect(format(result, makeContext())).toBe(format(without, makeContext()));
      expect(format(result, makeContext())).not.toBe(format(makeResult(), makeContext()));
    }
  });
});

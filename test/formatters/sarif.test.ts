import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { formatSarif } from '../../src/formatters/sarif.js';
import { FINGERPRINT_KEY } from '../../src/formatters/sarif.js';
import { cleanResult, HOSTILE_MESSAGE, makeContext, makeResult, rules } from './fixture.js';

// The published schema (see fixtures/README.md); ajv-formats is not a dependency, so the
// three formats the schema uses on strings we emit get small checks of our own.
const schema = JSON.parse(readFileSync(new URL('./fixtures/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020.default({ allErrors: true, strict: false });
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'file:///base/') && !/\s/.test(value));
ajv.addFormat('date-time', (value: string) => !Number.isNaN(Date.parse(value)));
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
const validate = ajv.compile(schema);

/** The fields of a SARIF result these tests read. */
interface SarifResult {
  partialFingerprints: Record<string, string>;
  locations: [{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }];
}

function sarif(result = makeResult(), context = makeContext()) {
  const text = formatSarif(result, context);
  return { text, log: JSON.parse(text) };
}

describe('sarif', () => {
  test('validates against the SARIF 2.1.0 schema, with and without results', () => {
    for (const result of [makeResult(), cleanResult()]) {
      const { log } = sarif(result);
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  test('the schema check is real: a wrong level is rejected', () => {
    const { log } = sarif();
    log.runs[0].results[0].level = 'warn';
    expect(validate(log)).toBe(false);
  });

  test('describes the tool and every rule, used or not', () => {
    const { log, text } = sarif();
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const run = log.runs[0];
    expect(run.tool.driver).toMatchObject({ name: 'omni', informationUri: 'https://github.com/omni-journey/omni', version: '1.2.3' });
    // Without doc pages (none in this context), help falls back to the description and link.
    expect(run.tool.driver.rules).toEqual(
      rules.map((rule) => ({
        id: rule.id,
        shortDescription: { text: rule.description },
        fullDescription: { text: rule.description },
        helpUri: rule.docsUrl,
        help: { text: `${rule.description}\n\nSee ${rule.docsUrl}.`, markdown: `${rule.description}\n\nSee ${rule.docsUrl}.` },
        defaultConfiguration: { level: rule.defaultSeverity === 'error' ? 'error' : 'warning' },
        properties: { tags: ['omni', rule.defaultSeverity === 'error' ? 'correctness' : 'completeness'] },
      })),
    );
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('results carry rule index, level, message, repo-relative location and region', () => {
    const [first, second, third] = sarif().log.runs[0].results;
    expect(first).toMatchObject({
      ruleId: 'label-style',
      ruleIndex: 1,
      level: 'warning',
      message: { text: HOSTILE_MESSAGE },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'workspace/channels.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 5, startColumn: 12, endLine: 5, endColumn: 24 },
          },
        },
      ],
    });
    expect(second).toMatchObject({ ruleId: 'no-description', ruleIndex: 2, level: 'warning' });
    expect(third).toMatchObject({
      ruleId: 'unknown-reference',
      ruleIndex: 3,
      level: 'error',
      message: { text: 'Unknown channel "fax" (Did you mean "sms"?)' },
    });
  });

  test('fingerprints survive lines moving but differ between findings', () => {
    const before = sarif().log.runs[0].results.map((r: SarifResult) => r.partialFingerprints[FINGERPRINT_KEY]);
    const moved = makeResult();
    for (const d of moved.diagnostics) {
      d.range = { start: { line: d.range.start.line + 7, column: 2 }, end: { line: d.range.end.line + 7, column: 9 } };
    }
    const after = sarif(moved).log.runs[0].results.map((r: SarifResult) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(4);
    // Same rule and entity twice in one file: same hash, told apart by occurrence.
    expect(before[2]).toMatch(/^[0-9a-f]{64}:1$/);
    expect(before[3]).toBe(before[2]!.replace(/:1$/, ':2'));
    // Without an entity the message is the identity: a changed message is a new alert.
    const reworded = makeResult();
    reworded.diagnostics[1]!.message = 'File lacks a description';
    expect(sarif(reworded).log.runs[0].results[1].partialFingerprints[FINGERPRINT_KEY]).not.toBe(before[1]);
  });

  test('unknown rules get an entry; files outside cwd get an absolute URI; odd names are encoded', () => {
    const result = makeResult();
    result.diagnostics = [
      { ...result.diagnostics[0]!, ruleId: 'yaml-syntax', file: 'my file#1.yaml' },
      { ...result.diagnostics[1]!, file: '../../elsewhere.yaml' },
    ];
    const { log } = sarif(result);
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.at(-1).id).toBe('yaml-syntax');
    expect(run.results[0].ruleIndex).toBe(rules.length);
    expect(run.results[0].locations[0].physicalLocation.artifactLocation).toEqual({
      uri: 'workspace/my%20file%231.yaml',
      uriBaseId: '%SRCROOT%',
    });
    expect(run.results[1].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'file:///elsewhere.yaml' });
  });

  test("help and full description come from the rule's doc page, its relative links made absolute", () => {
    const page = [
      '# unknown-reference: a reference names nothing',
      '',
      '**Default severity:** error',
      '',
      'Fires when an id used as a reference is declared nowhere,',
      'see [`schemas/model.schema.json`](../../schemas/model.schema.json) and [why](#why).',
      '',
      '## Why',
      '',
      '```yaml',
      'channel: emal',
      '```',
      '',
    ].join('\n');
    const { log } = sarif(makeResult(), makeContext({ ruleDocs: new Map([['unknown-reference', page]]) }));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const rule = log.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'unknown-reference');
    const schemaUrl = 'https://github.com/omni-journey/omni/blob/main/schemas/model.schema.json';
    expect(rule.fullDescription.text).toBe(`Fires when an id used as a reference is declared nowhere, see schemas/model.schema.json (${schemaUrl}) and why.`);
    expect(rule.help.markdown).toBe(page.trimEnd().replace('../../schemas/model.schema.json', schemaUrl));
    expect(rule.help.text).toBe(
      [
        'unknown-reference: a reference names nothing',
        '',
        'Default severity: error',
        '',
        'Fires when an id used as a reference is declared nowhere,',
        `see schemas/model.schema.json (${schemaUrl}) and why.`,
        '',
        'Why',
        '',
        '```yaml',
        'channel: emal',
        '```',
      ].join('\n'),
    );
  });

  test('paths are relative to the repository root, not the current folder, when there is one', () => {
    // Linted from /repo/workspace/journeys (e.g. `working-directory:` in a workflow).
    const { log } = sarif(makeResult(), makeContext({ cwd: '/repo/workspace/journeys', repositoryRoot: '/repo' }));
    const run = log.runs[0];
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(run.results.map((r: SarifResult) => r.locations[0].physicalLocation.artifactLocation)).toEqual([
      { uri: 'workspace/channels.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'workspace/journeys/onboarding.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'workspace/journeys/onboarding.yaml', uriBaseId: '%SRCROOT%' },
      { uri: 'workspace/journeys/onboarding.yaml', uriBaseId: '%SRCROOT%' },
    ]);
    // Outside a repository the current folder stays the base, as before.
    const outside = sarif(makeResult(), makeContext({ cwd: '/repo/workspace' })).log.runs[0];
    expect(outside.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///repo/workspace/');
    expect(outside.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('channels.yaml');
  });
});

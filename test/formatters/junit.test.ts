import { describe, expect, test } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatJunit } from '../../src/formatters/junit.js';
import { escapeXml, escapeXmlAttribute } from '../../src/formatters/xml.js';
import { cleanResult, HOSTILE_MESSAGE, makeContext, makeResult } from './fixture.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['testsuite', 'testcase'].includes(name),
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // Decode numeric references such as &#10; (newlines kept in attributes).
  htmlEntities: true,
});

/** The attributes of the parsed JUnit report these tests read. */
interface JunitCase {
  name: string;
  failure?: { type: string };
}
interface JunitSuite {
  name: string;
  tests: string;
  failures: string;
  testcase: JunitCase[];
}

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml).testsuites;
}

describe('junit', () => {
  test('one suite per file, one case per rule, counts adding up', () => {
    const suites = parse(formatJunit(makeResult(), makeContext()));
    expect(suites).toMatchObject({ name: 'omni lint', tests: '4', failures: '3', errors: '0' });
    const summary = suites.testsuite.map((s: JunitSuite) => ({
      name: s.name,
      tests: s.tests,
      failures: s.failures,
      cases: s.testcase.map((c: JunitCase) => [c.name, c.failure?.type ?? 'pass']),
    }));
    expect(summary).toEqual([
      { name: 'workspace/channels.yaml', tests: '1', failures: '1', cases: [['label-style', 'warning']] },
      {
        name: 'workspace/journeys/onboarding.yaml',
        tests: '2',
        failures: '2',
        cases: [
          ['no-description', 'warning'],
          ['unknown-reference', 'error'],
        ],
      },
      { name: 'workspace/use-cases.yaml', tests: '1', failures: '0', cases: [['omni lint', 'pass']] },
    ]);
    for (const suite of suites.testsuite) {
      expect(Number(suite.tests)).toBe(suite.testcase.length);
      expect(Number(suite.failures)).toBe(suite.testcase.filter((c: JunitCase) => c.failure).length);
    }
  });

  test('hostile text round-trips through a real XML parser', () => {
    const suites = parse(formatJunit(makeResult(), makeContext()));
    const failure = suites.testsuite[0].testcase[0].failure;
    expect(failure.message).toBe(HOSTILE_MESSAGE);
    expect(failure['#text']).toBe(
      `workspace/channels.yaml:5:12: warning: ${HOSTILE_MESSAGE} [label-style] https://github.com/omni-journey/omni/blob/main/docs/rules/label-style.md`,
    );
    const grouped = suites.testsuite[1].testcase[1].failure;
    expect(grouped.message).toBe('2 problems (first: Unknown channel "fax" (Did you mean "sms"?))');
    expect(grouped['#text'].split('\n')).toHaveLength(2);
  });

  test('exact XML of a single failing case', () => {
    const result = makeResult();
    result.files = ['journeys/onboarding.yaml'];
    result.diagnostics = [result.diagnostics[2]!];
    expect(formatJunit(result, makeContext())).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="omni lint" tests="1" failures="1" errors="0">',
        '  <testsuite name="workspace/journeys/onboarding.yaml" tests="1" failures="1" errors="0" skipped="0">',
        '    <testcase classname="workspace/journeys/onboarding.yaml" name="unknown-reference">',
        '      <failure type="error" message="Unknown channel &quot;fax&quot; (Did you mean &quot;sms&quot;?)">workspace/journeys/onboarding.yaml:3:14: error: Unknown channel &quot;fax&quot; (Did you mean &quot;sms&quot;?) [unknown-reference] https://github.com/omni-journey/omni/blob/main/docs/rules/unknown-reference.md</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  test('a clean run is one passing case per file', () => {
    const suites = parse(formatJunit(cleanResult(), makeContext()));
    expect(suites).toMatchObject({ tests: '1', failures: '0' });
    expect(suites.testsuite[0].testcase).toEqual([{ classname: 'workspace/channels.yaml', name: 'omni lint' }]);
  });

  test('escapes the five XML characters and strips characters illegal in XML 1.0', () => {
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
    expect(escapeXml('x\u0000\u0001\u000b\u001f\ufffe\uffff\ud800y\tz\n🚀')).toBe('xy\tz\n🚀');
    expect(escapeXmlAttribute('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    const result = makeResult();
    result.diagnostics = [{ ...result.diagnostics[0]!, message: 'bell\u0007 and \u001b[31m' }];
    const suites = parse(formatJunit(result, makeContext()));
    expect(suites.testsuite[0].testcase[0].failure.message).toBe('bell and [31m');
  });
});

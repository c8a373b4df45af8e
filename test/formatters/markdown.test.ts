import { describe, expect, test } from 'vitest';
import { formatMarkdownSummary } from '../../src/formatters/markdown.js';
import { escapeCell } from '../../src/formatters/markdown.js';
import { cleanResult, makeContext, makeResult } from './fixture.js';

const DOCS = 'https://github.com/omni-journey/omni/blob/main/docs/rules/';

describe('markdown summary', () => {
  test('rule table then every diagnostic, escaped and linked to docs', () => {
    expect(formatMarkdownSummary(makeResult(), makeContext())).toBe(
      [
        '## omni lint',
        '',
        '✖ 4 problems (2 errors, 2 warnings) in 2 of 3 files.',
        '',
        '| Rule | Description | Errors | Warnings |',
        '| --- | --- | ---: | ---: |',
        `| [label-style](${DOCS}label-style.md) | Labels are plain text. | 0 | 1 |`,
        `| [no-description](${DOCS}no-description.md) | Every file has a description. | 0 | 1 |`,
        `| [unknown-reference](${DOCS}unknown-reference.md) | References point at declared entities. | 2 | 0 |`,
        '',
        '### Problems',
        '',
        '| Location | Severity | Message | Rule |',
        '| --- | --- | --- | --- |',
        `| workspace/channels.yaml:5:12 | warning | Label "SMS &lt;&amp;&gt; 🚀" is 100% markup,<br>see: style guide | [label-style](${DOCS}label-style.md) |`,
        `| workspace/journeys/onboarding.yaml:1:1 | warning | File has no description | [no-description](${DOCS}no-description.md) |`,
        `| workspace/journeys/onboarding.yaml:3:14 | error | Unknown channel "fax"<br>Did you mean "sms"? | [unknown-reference](${DOCS}unknown-reference.md) |`,
        `| workspace/journeys/onboarding.yaml:4:21 | error | Unknown variable "{{name}}" | [unknown-reference](${DOCS}unknown-reference.md) |`,
        '',
      ].join('\n'),
    );
  });

  test('a clean run says so', () => {
    expect(formatMarkdownSummary(cleanResult(), makeContext())).toBe('## omni lint\n\n✔ No problems in 1 file.\n');
  });

  test('cell text cannot break the table or inject markup', () => {
    expect(escapeCell('a|b *c* _d_ `e` [f](g) ~h~ \\ <img src=x> &amp;\r\nnext')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\~h\\~ \\\\ &lt;img src=x&gt; &amp;amp;<br>next',
    );
  });

  test('stays under the byte budget and says how many rows were left out', () => {
    const result = makeResult();
    const many = Array.from({ length: 500 }, (_, i) => ({ ...result.diagnostics[2]!, message: `Problem number ${i}` }));
    result.diagnostics = many;
    const full = formatMarkdownSummary(result, makeContext());
    expect(full).toContain('Problem number 499');
    const maxBytes = 10_000;
    const cut = formatMarkdownSummary(result, makeContext(), { maxBytes });
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(maxBytes);
    const shown = cut.split('\n').filter((line) => line.includes('Problem number')).length;
    expect(shown).toBeGreaterThan(10);
    expect(cut).toContain(`\n${500 - shown} more problems not shown: GitHub limits a step summary to 1 MiB.`);
  });
});

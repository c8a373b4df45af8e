import { describe, expect, test } from 'vitest';
import { formatStylish } from '../../src/formatters/stylish.js';
import { ANSI, cleanResult, makeContext, makeResult } from './fixture.js';

describe('stylish', () => {
  test('groups by file with aligned rows, code frames and a summary', () => {
    expect(formatStylish(makeResult(), makeContext())).toBe(
      [
        '',
        'workspace/channels.yaml',
        '  5:12  warning  Label "SMS <&> 🚀" is 100% markup,  label-style',
        // The continuation of a multi-line message sits under the message column.
        '                 see: style guide',
        '    5 |     label: "SMS <&> 🚀"',
        // The emoji is 2 UTF-16 units and 2 terminal columns: 12 carets.
        '      |            ^^^^^^^^^^^^',
        '',
        'workspace/journeys/onboarding.yaml',
        '  1:1   warning  File has no description                      no-description',
        '    1 | scenarios:',
        '      | ^^^^^^^^^^',
        '  3:14  error    Unknown channel "fax" (Did you mean "sms"?)  unknown-reference',
        '    3 |     channel: fax',
        '      |              ^^^',
        '  4:21  error    Unknown variable "{{name}}"                  unknown-reference',
        '    4 |     message: "Hello {{name}}"',
        '      |                     ^^^^^^^^',
        '',
        '✖ 4 problems (2 errors, 2 warnings)',
        '',
      ].join('\n'),
    );
  });

  test('prints nothing for a clean result', () => {
    expect(formatStylish(cleanResult(), makeContext())).toBe('');
  });

  test('colour off has no ANSI codes, colour on has them', () => {
    expect(formatStylish(makeResult(), makeContext({ color: false }))).not.toMatch(ANSI);
    const coloured = formatStylish(makeResult(), makeContext({ color: true }));
    expect(coloured).toContain('\u001b[4mworkspace/channels.yaml\u001b[24m');
    expect(coloured).toContain('\u001b[31m\u001b[1m✖ 4 problems (2 errors, 2 warnings)\u001b[22m\u001b[39m');
    // Same text once the codes are removed: colour never changes the layout.
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatStylish(makeResult(), makeContext()));
  });

  test('singular words and yellow summary when there are only warnings', () => {
    const result = makeResult();
    result.diagnostics = result.diagnostics.slice(0, 1);
    const output = formatStylish(result, makeContext({ color: true }));
    expect(output).toContain('\u001b[33m\u001b[1m✖ 1 problem (0 errors, 1 warning)\u001b[22m\u001b[39m');
  });

  test('escapes control characters from the workspace so they cannot drive the terminal', () => {
    const result = makeResult();
    result.diagnostics = [{ ...result.diagnostics[0]!, message: 'bad \u001b[2J label' }];
    result.sources.set('channels.yaml', 'a\n\n\n\n    label: "\u001b[31mred"\n');
    const output = formatStylish(result, makeContext());
    expect(output).not.toMatch(ANSI);
    expect(output).toContain('bad \\x1B[2J label');
    expect(output).toContain('    5 |     label: "\\x1B[31mred"\n');
  });

  test('multi-line range is underlined to the end of its first line; empty range gets one caret; tabs kept', () => {
    const result = makeResult();
    const base = result.diagnostics[1]!;
    result.diagnostics = [
      { ...base, range: { start: { line: 3, column: 5 }, end: { line: 4, column: 3 } } },
      { ...base, range: { start: { line: 2, column: 3 }, end: { line: 2, column: 3 } } },
    ];
    result.sources.set('journeys/onboarding.yaml', 'x\n\t- id\n    channel: fax\n');
    const output = formatStylish(result, makeContext());
    expect(output).toContain('    3 |     channel: fax\n      |     ^^^^^^^^^^^^\n');
    expect(output).toContain('    2 | \t- id\n      | \t ^\n');
  });

  test('no code frame when the source is missing or the line does not exist', () => {
    const result = makeResult();
    result.sources.delete('channels.yaml');
    result.diagnostics[1]!.range = { start: { line: 99, column: 1 }, end: { line: 99, column: 2 } };
    const output = formatStylish(result, makeContext());
    expect(output).not.toContain('    5 |');
    expect(output).not.toContain('   99 |');
    expect(output).toContain('  99:1   warning  File has no description');
  });

  test('is the stylish entry of the formatter record', async () => {
    const { loadFormatter } = await import('../../src/formatters/index.js');
    expect(await loadFormatter('stylish')).toBe(formatStylish);
  });
});

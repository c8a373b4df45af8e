import { describe, expect, it } from 'vitest';
import { yamlCommentTest } from '../../src/loader/yaml-comments.js';
import { parseDirectives } from '../../src/suppressions/directives.js';
import { BASE, lines, lintFiles } from './helpers.js';

const data = (body: string) => ({ ...BASE, 'data.yaml': body });

describe('parseDirectives', () => {
  it('reads the three forms, their rule lists and reasons, and where each applies', () => {
    const text = [
      '# omni-disable unused-source -- the ERP is wired next quarter',
      'variables:',
      '  # omni-disable-next-line unused-variable, variable-without-source -- kept for spring',
      '',
      '  # another comment',
      '  - { id: a, name: A } # omni-disable-line unused-variable',
      '# omni-disable unused-variable -- too late',
    ].join('\n');
    expect(parseDirectives(text)).toEqual([
      {
        kind: 'file',
        ruleIds: ['unused-source'],
        reason: 'the ERP is wired next quarter',
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 62 } },
        targetLine: 0,
      },
      {
        kind: 'next-line',
        ruleIds: ['unused-variable', 'variable-without-source'],
        reason: 'kept for spring',
        range: { start: { line: 3, column: 3 }, end: { line: 3, column: 87 } },
        targetLine: 6,
      },
      { kind: 'line', ruleIds: ['unused-variable'], reason: '', range: { start: { line: 6, column: 24 }, end: { line: 6, column: 59 } }, targetLine: 6 },
      {
        kind: 'file',
        ruleIds: ['unused-variable'],
        reason: 'too late',
        range: { start: { line: 7, column: 1 }, end: { line: 7, column: 43 } },
        targetLine: 0,
        misplaced: true,
      },
    ]);
  });

  it('ignores the words inside text that is not a comment', () => {
    expect(parseDirectives('name: omni-disable-next-line\n')).toEqual([]);
  });

  // Found by reading the parser: a `#` after a space inside a quoted string or a block
  // scalar was taken for a comment, so a message's text could silence a rule.
  const directivesIn = (text: string) => parseDirectives(text, yamlCommentTest(text)).map((d) => `${d.kind} ${d.range.start.line}:${d.range.start.column}`);
  it('reads only YAML comments: not a quoted string, not a block scalar, in plain or any other YAML', () => {
    const plain = [
      'variables:',
      '  - { id: a, name: "A # omni-disable-line unused-variable" }',
      "  - { id: b, name: 'B # omni-disable-line unused-variable' } # omni-disable-line unused-variable",
      '  - id: c',
      '    name: "C # omni-disable-next-line unused-variable"',
      '    # omni-disable-next-line unused-variable',
      '    sources: [crm]',
    ].join('\n');
    expect(directivesIn(plain)).toEqual(['line 3:62', 'next-line 6:5']);
    // The same answers when the file is known to be plain YAML (a comment first on its line needs no reading then).
    expect(parseDirectives(plain, yamlCommentTest(plain, true)).map((d) => `${d.kind} ${d.range.start.line}:${d.range.start.column}`)).toEqual([
      'line 3:62',
      'next-line 6:5',
    ]);
    const blocks = [
      'variables:',
      '  - id: a',
      '    name: A',
      '    description: |',
      '      To silence the rule, write:',
      '      # omni-disable-next-line unused-variable',
      '    sources: [crm] # omni-disable-line unused-variable',
    ].join('\n');
    expect(directivesIn(blocks)).toEqual(['line 7:20']);
    // A plain file's block scalars are found by their lines: the directive right after one counts, those inside do not.
    const afterBlock = [
      'variables:',
      '  - id: a',
      '    description: >-',
      '      # omni-disable-next-line unused-variable',
      '',
      '      more text',
      '    # omni-disable-next-line unused-variable',
      '    name: A',
    ].join('\n');
    expect(parseDirectives(afterBlock, yamlCommentTest(afterBlock, true)).map((d) => `${d.kind} ${d.range.start.line}:${d.range.start.column}`)).toEqual([
      'next-line 7:5',
    ]);
    // CRLF line ends and a byte-order mark: the other reader, the same answers.
    expect(directivesIn(`\ufeff${plain.replaceAll('\n', '\r\n')}`)).toEqual(['line 3:62', 'next-line 6:5']);
  });
});

describe('suppressions in a lint run', () => {
  it('without a directive, the finding is reported', async () => {
    const result = await lintFiles(data('variables:\n  - { id: spare, name: Spare, sources: [crm] }\n'));
    expect(lines(result.diagnostics)).toEqual(['unused-variable data.yaml:2:11 warn variable "spare" is used by no scenario']);
  });

  it('next-line silences the finding below, lists it with its justification, and the run is clean', async () => {
    const result = await lintFiles(data('variables:\n  # omni-disable-next-line unused-variable -- kept for spring\n  - { id: spare, name: Spare, sources: [crm] }\n'));
    expect(result.diagnostics).toEqual([]);
    expect(result.suppressed!.map((d) => [d.ruleId, d.range.start.line, d.suppression])).toEqual([
      ['unused-variable', 3, { kind: 'inSource', justification: 'kept for spring' }],
    ]);
  });

  it('a block scalar that reads like a directive silences nothing', async () => {
    const result = await lintFiles(
      data(
        'variables:\n  - id: first\n    name: First\n    sources: [crm]\n    description: |\n      # omni-disable-next-line unused-variable\n' +
          '  - id: spare\n    name: Spare\n    sources: [crm]\n',
      ),
    );
    expect(lines(result.diagnostics)).toEqual([
      'unused-variable data.yaml:2:9 warn variable "first" is used by no scenario',
      'unused-variable data.yaml:7:9 warn variable "spare" is used by no scenario',
    ]);
    expect(result.suppressed).toEqual([]);
  });

  it('line silences a finding on its own line', async () => {
    const result = await lintFiles(data('variables:\n  - { id: spare, name: Spare, sources: [crm] } # omni-disable-line unused-variable -- spring\n'));
    expect(result.diagnostics).toEqual([]);
    expect(result.suppressed).toHaveLength(1);
  });

  it('a file directive at the top silences the rule in the whole file, and only that rule', async () => {
    const result = await lintFiles(
      data(
        '# omni-disable unused-variable -- spring\nsources:\n  - { id: erp, name: ERP }\nvariables:\n  - { id: a, name: A, sources: [crm] }\n  - { id: b, name: B, sources: [crm] }\n',
      ),
    );
    expect(lines(result.diagnostics)).toEqual(['unused-source data.yaml:3:11 warn source "erp" feeds no variable']);
    expect(result.suppressed!.map((d) => d.range.start.line)).toEqual([5, 6]);
  });

  it('a directive for another rule, or on another line, silences nothing', async () => {
    const result = await lintFiles(
      data(
        'variables:\n  # omni-disable-next-line unused-source -- wrong rule\n  - { id: spare, name: Spare, sources: [crm] }\n  # omni-disable-next-line unused-variable -- wrong line\n\n',
      ),
    );
    expect(lines(result.diagnostics)).toEqual(['unused-variable data.yaml:3:11 warn variable "spare" is used by no scenario']);
  });

  it('a missing reason, an unknown rule and a misplaced file directive are suppression-directive warnings', async () => {
    const result = await lintFiles(
      data(
        'variables:\n  # omni-disable-next-line unused-variabel, unused-variable\n  - { id: spare, name: Spare, sources: [crm] }\n# omni-disable unused-source -- late\n',
      ),
    );
    expect(lines(result.diagnostics)).toEqual([
      'suppression-directive data.yaml:2:3 warn omni-disable-next-line gives no reason',
      'suppression-directive data.yaml:2:3 warn omni-disable-next-line names an unknown rule "unused-variabel"',
      'suppression-directive data.yaml:4:1 warn omni-disable applies to the whole file only in the comments at its top',
    ]);
    expect(result.diagnostics[1]!.suggestion).toBe('did you mean "unused-variable"?');
    expect(result.suppressed).toHaveLength(1);
  });

  it('a missing reason is configurable: off in omni.yaml', async () => {
    const result = await lintFiles({
      ...data('variables:\n  # omni-disable-next-line unused-variable\n  - { id: spare, name: Spare, sources: [crm] }\n'),
      'omni.yaml': 'rules:\n  suppression-directive: off\n',
    });
    expect(result.diagnostics).toEqual([]);
  });

  it('unused directives are reported only when asked (unused-suppression), per rule id', async () => {
    const files = data('variables:\n  # omni-disable-next-line unused-variable, unused-source -- spring\n  - { id: spare, name: Spare, sources: [crm] }\n');
    expect((await lintFiles(files)).diagnostics).toEqual([]);
    const asked = await lintFiles(files, { 'unused-suppression': 'error' });
    expect(lines(asked.diagnostics)).toEqual(['unused-suppression data.yaml:2:3 error omni-disable-next-line unused-source: no unused-source finding to silence here']);
  });

  it('directive findings cannot be suppressed, and errors silenced do not fail the run', async () => {
    const result = await lintFiles(
      data('variables:\n  # omni-disable-next-line unused-variable, suppression-directive\n  - { id: spare, name: Spare, sources: [crm] }\n'),
      { 'unused-variable': 'error' },
    );
    expect(lines(result.diagnostics)).toEqual(['suppression-directive data.yaml:2:3 warn omni-disable-next-line gives no reason']);
    expect(result.suppressed!.map((d) => d.severity)).toEqual(['error']);
  });
});

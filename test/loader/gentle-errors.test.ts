import { describe, expect, it } from 'vitest';
import { lintMemory, summarize } from './lint-memory.js';

const SCENARIO = (step: string) =>
  `channels:\n  - { id: email, name: Email, type: online }\nscenarios:\n  - id: s\n    name: S\n    program: p\n    lifecycle: welcome\n    target: t\n    trigger: { type: behavior, event: e }\n    steps:\n${step}`;

const schemaAndSyntax = (lines: string[]) => lines.filter((line) => / (schema|yaml-syntax) /.test(line));

describe('gentler YAML errors (docs/format.md, YAML pitfalls)', () => {
  it('a comma inside { … } ends the value: the finding says which value to quote', async () => {
    const lines = summarize(await lintMemory({ 'x.yaml': 'stages:\n  - { id: a, name: Je compare, puis je choisis }\n' }));
    expect(lines).toEqual(['x.yaml:2:32 schema unknown property "puis je choisis" (a comma inside { … } ends a value: quote it, name: "Je compare, puis je choisis")']);
  });

  it('after: 0 is a number: the finding says to write "0"', async () => {
    const lines = schemaAndSyntax(summarize(await lintMemory({ 'x.yaml': SCENARIO('      - after: 0\n        channel: email\n        subject: Hi\n') })));
    expect(lines).toEqual(['x.yaml:11:16 schema after must be a string, not a number (YAML reads it as a number: quote it, after: "0")']);
  });

  it('an unquoted value starting with {{ followed by more text: the syntax error says to quote it', async () => {
    const lines = summarize(await lintMemory({ 'x.yaml': SCENARIO('      - after: J+1\n        channel: email\n        subject: {{first_name}}, bienvenue\n') }));
    expect(lines).toEqual([
      'x.yaml:13:32 yaml-syntax bad indentation of a mapping entry (a value starting with {{ is read as a YAML flow mapping: quote it, subject: "{{first_name}}, bienvenue")',
    ]);
  });

  it('an unquoted {{variable}} alone parses as a mapping: the schema finding says to quote it', async () => {
    const lines = schemaAndSyntax(summarize(await lintMemory({ 'x.yaml': SCENARIO('      - after: J+1\n        channel: email\n        subject: {{first_name}}\n') })));
    expect(lines).toEqual([
      'x.yaml:13:18 schema subject must be a string, not a mapping (an unquoted value starting with { (such as {{first_name}}) is a YAML mapping: put the whole value in quotes)',
    ]);
  });

  it('a misspelled section gives one "did you mean" finding, not one unknown reference per use', async () => {
    const lines = summarize(
      await lintMemory({
        'programs.yaml': 'programs:\n  - { id: p, name: P }\ntarget:\n  - { id: t, name: T }\n  - { id: u, name: U }\n',
        'a.yaml': SCENARIO('      - after: J+1\n        channel: email\n        subject: Hi\n'),
        'b.yaml':
          'scenarios:\n  - id: s2\n    name: S2\n    program: p\n    lifecycle: welcome\n    target: u\n    trigger: { type: behavior, event: e }\n    steps:\n      - { after: J+1, channel: email, subject: Hi }\n',
      }),
    );
    expect(lines.filter((line) => !/ (unused-|channel-without|use-case-without)/.test(line))).toEqual([
      'programs.yaml:3:1 schema unknown section "target" (did you mean "targets"?)',
    ]);
  });

  it('a target that is really unknown is still reported', async () => {
    const lines = summarize(
      await lintMemory({
        'programs.yaml': 'programs:\n  - { id: p, name: P }\ntarget:\n  - { id: u, name: U }\n',
        'a.yaml': SCENARIO('      - { after: J+1, channel: email, subject: Hi }\n'),
      }),
    );
    expect(lines).toContain('a.yaml:8:13 unknown-reference unknown target "t" (declare it under targets:)');
  });
});

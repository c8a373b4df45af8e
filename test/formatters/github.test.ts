import { describe, expect, test } from 'vitest';
import { formatGithub } from '../../src/formatters/github.js';
import { escapeData, escapeProperty } from '../../src/formatters/github.js';
import { cleanResult, makeContext, makeResult } from './fixture.js';

describe('github', () => {
  test('one workflow command per diagnostic, paths relative to cwd', () => {
    expect(formatGithub(makeResult(), makeContext())).toBe(
      [
        '::warning file=workspace/channels.yaml,line=5,col=12,endLine=5,endColumn=24,title=label-style::Label "SMS <&> 🚀" is 100%25 markup,%0Asee: style guide',
        '::warning file=workspace/journeys/onboarding.yaml,line=1,col=1,endLine=1,endColumn=11,title=no-description::File has no description',
        '::error file=workspace/journeys/onboarding.yaml,line=3,col=14,endLine=3,endColumn=17,title=unknown-reference::Unknown channel "fax" (Did you mean "sms"?)',
        '::error file=workspace/journeys/onboarding.yaml,line=4,col=21,endLine=4,endColumn=29,title=unknown-reference::Unknown variable "{{name}}"',
        '',
      ].join('\n'),
    );
  });

  test('escapes data and properties like @actions/core', () => {
    expect(escapeData('100%\r\nok: a,b')).toBe('100%25%0D%0Aok: a,b');
    // % first, so an escape sequence already in the text is not decoded by GitHub.
    expect(escapeData('%0A')).toBe('%250A');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  test('escapes commas and colons in file names so they cannot add properties', () => {
    const result = makeResult();
    result.diagnostics = [{ ...result.diagnostics[0]!, file: 'odd,name:x.yaml' }];
    expect(formatGithub(result, makeContext({ cwd: '/repo/workspace' }))).toMatch(/^::warning file=odd%2Cname%3Ax\.yaml,line=5,/);
  });

  test('prints nothing for a clean result', () => {
    expect(formatGithub(cleanResult(), makeContext())).toBe('');
  });

  test('file= is relative to the repository root whatever the current folder', () => {
    const lines = formatGithub(makeResult(), makeContext({ cwd: '/repo/workspace/journeys', repositoryRoot: '/repo' })).split('\n');
    expect(lines.map((line) => line.match(/file=([^,]*)/)?.[1])).toEqual([
      'workspace/channels.yaml',
      'workspace/journeys/onboarding.yaml',
      'workspace/journeys/onboarding.yaml',
      'workspace/journeys/onboarding.yaml',
      undefined,
    ]);
    // Outside a repository: relative to the current folder, as before.
    expect(formatGithub(makeResult(), makeContext({ cwd: '/repo/workspace/journeys' }))).toMatch(/^::warning file=\.\.\/channels\.yaml,/);
  });
});

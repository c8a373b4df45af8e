import { describe, expect, it } from 'vitest';
import { describeChanges, gapSubject } from '../../src/diff/describe.js';
import { fieldChanges } from '../../src/diff/diff.js';

const plain = { before: (text: string) => text, after: (text: string) => text };

describe('describeChanges', () => {
  it('words step additions, removals and edits, with the step number from 1', () => {
    const before = {
      steps: [
        { after: 'J+1', channel: 'email' },
        { after: 'J+5', channel: 'sms', message: 'Hi' },
        { after: 'J+9', channel: 'store', name: 'Call' },
      ],
    };
    const after = {
      steps: [
        { after: 'J+1', channel: 'email' },
        { after: 'J+3', channel: 'email', message: 'Hi' },
      ],
    };
    const changes = fieldChanges(before, after);
    expect(changes).toEqual([
      { path: ['steps', 1, 'after'], before: 'J+5', after: 'J+3' },
      { path: ['steps', 1, 'channel'], before: 'sms', after: 'email' },
      { path: ['steps', 2], before: { after: 'J+9', channel: 'store', name: 'Call' }, after: null },
    ]);
    expect(describeChanges(changes, plain)).toBe('step 2 after J+5 → J+3, channel sms → email; step 3 removed (J+9 store Call)');
    expect(describeChanges(fieldChanges(after, before), plain)).toBe('step 2 after J+3 → J+5, channel email → sms; step 3 added (J+9 store Call)');
  });

  it('shows absent fields as (none), cuts long texts, and lists long lists as additions and removals', () => {
    const long = `${'a'.repeat(70)}`;
    const changes = fieldChanges(
      { sources: [], description: 'Line one\nline two', variables: ['a', 'b', 'c', 'd'] },
      { sources: ['pos'], owner: 'CRM', description: long, variables: ['a', 'c', 'd', 'e'] },
    );
    expect(describeChanges(changes, plain)).toBe(`sources [] → [pos]; description Line one … → ${'a'.repeat(59)}…; variables +e −b; owner (none) → CRM`);
  });
});

describe('gapSubject', () => {
  const gap = { ruleId: 'yaml-syntax', severity: 'error' as const, message: 'duplicated mapping key', file: 'scenarios/birthday.yaml', line: 59 };
  it('names a finding by its entity, or by file and line when it has none (a YAML or schema problem)', () => {
    expect(gapSubject({ ...gap, entity: { kind: 'use case', id: 'birthday' } })).toBe('use case birthday');
    expect(gapSubject({ ...gap, entity: { kind: 'use case', id: 'birthday' } }, 'fr')).toBe('cas d’usage birthday');
    expect(gapSubject({ ...gap, entity: null })).toBe('scenarios/birthday.yaml:59');
    expect(gapSubject({ ...gap, entity: null, line: 0 })).toBe('scenarios/birthday.yaml');
  });
});

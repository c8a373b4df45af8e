import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/util/closest-match.js';

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['email', 'email', 0],
    ['emal', 'email', 1],
    ['emails', 'email', 1],
    // Two adjacent letters swapped is one edit.
    ['emial', 'email', 1],
    ['ab', 'ba', 1],
    ['ca', 'abc', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s = %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
  });

  it('stops early above the bound, returning bound + 1', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('closestMatch', () => {
  const channels = ['email', 'sms', 'push', 'web', 'store'];

  it('suggests a candidate within a third of the input length', () => {
    expect(closestMatch('emal', channels)).toBe('email');
    expect(closestMatch('emial', channels)).toBe('email');
    expect(closestMatch('scenarioss', ['stages', 'scenarios', 'sources'])).toBe('scenarios');
    expect(closestMatch('conversoin', ['conversion', 'retention'])).toBe('conversion');
  });

  it('allows at least one edit for short ids', () => {
    expect(closestMatch('sm', channels)).toBe('sms');
  });

  it('suggests nothing when nothing is close', () => {
    expect(closestMatch('fax', channels)).toBeUndefined();
    expect(closestMatch('everyone', ['all', 'vip'])).toBeUndefined();
    expect(closestMatch('x', [])).toBeUndefined();
  });

  it('ignores case when comparing but returns the candidate as declared', () => {
    expect(closestMatch('EMAIL', channels)).toBe('email');
    expect(closestMatch('useCase', ['useCases', 'scenarios'])).toBe('useCases');
  });

  it('on a tie, the earlier candidate wins', () => {
    expect(closestMatch('sma', ['smb', 'smc'])).toBe('smb');
  });
});

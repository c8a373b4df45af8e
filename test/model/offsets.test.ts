import { describe, expect, it } from 'vitest';
import { offsetMinutes } from '../../src/model/offsets.js';

describe('offsetMinutes', () => {
  it.each([
    ['0', 0],
    ['J+1', 1440],
    ['D+1', 1440],
    ['J1', 1440],
    ['J+0', 0],
    ['J-7', -7 * 1440],
    ['D-1', -1440],
    ['30m', 30],
    ['12h', 720],
    ['1d', 1440],
    ['2w', 2 * 7 * 1440],
    ['J+10', 10 * 1440],
  ])('%s is %i minutes from the trigger', (offset, minutes) => {
    expect(offsetMinutes(offset)).toBe(minutes);
  });

  it.each(['', 'tomorrow', 'J+', '1', '1y', 'j+1', '+1d', '1.5d', 'J+1d', ' 1d'])('%j is not an offset', (offset) => {
    expect(offsetMinutes(offset)).toBeUndefined();
  });

  it('agrees with the schema pattern on what an offset is', async () => {
    const schema = (await import('../../schemas/model.schema.json', { with: { type: 'json' } })).default as {
      definitions: { step: { properties: { after: { pattern: string } } } };
    };
    const pattern = new RegExp(schema.definitions.step.properties.after.pattern);
    for (const offset of ['0', 'J+1', 'D-7', 'J3', '30m', '12h', '1d', '2w', 'tomorrow', '1y', 'J+', '1.5d']) {
      expect(offsetMinutes(offset) !== undefined, offset).toBe(pattern.test(offset));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { forEachWhereMention, REFERENCE_KEYS, REFERENCE_KEYS_ANYWHERE } from '../../src/model/references.js';
import type { SectionKind } from '../../src/model/types.js';

describe('reference keys', () => {
  it('name the same kind of entity in every section (what reading omni.yaml by key alone relies on)', () => {
    const kinds = new Map<string, Set<SectionKind>>();
    for (const keys of Object.values(REFERENCE_KEYS)) for (const [key, kind] of Object.entries(keys)) (kinds.get(key) ?? kinds.set(key, new Set()).get(key)!).add(kind);
    expect([...kinds].filter(([, found]) => found.size > 1)).toEqual([]);
    expect(Object.keys(REFERENCE_KEYS_ANYWHERE).sort()).toEqual([...kinds.keys()].sort());
  });

  it("read a custom rule's where: filter by the selected section and the field's last segment", () => {
    const seen: string[] = [];
    const visit = (kind: SectionKind, id: string, path: readonly (string | number)[]) => void seen.push(`${kind}:${id}@${path.join('.')}`);
    forEachWhereMention('scenarios.steps', { channel: ['sms', 'email'], kind: 'wait', 'trigger.event': 'cart' }, visit);
    forEachWhereMention('touchpoints', { stage: 'buy', status: 'friction' }, visit);
    forEachWhereMention('programs', { target: 'vip' }, visit);
    forEachWhereMention('scenarios', { target: 3, useCases: [1, 'cart'] }, visit);
    // Object.prototype's members are no reference keys (a filter's keys are the user's text).
    forEachWhereMention('scenarios', { hasOwnProperty: 'y', constructor: 'z', __proto__: 'w' }, visit);
    forEachWhereMention('__proto__', { toString: 'y' }, visit);
    forEachWhereMention('constructor.steps', { name: 'y' }, visit);
    expect(seen).toEqual([
      'channels:sms@where.channel.0',
      'channels:email@where.channel.1',
      'events:cart@where.trigger.event',
      'stages:buy@where.stage',
      'useCases:cart@where.useCases.1',
    ]);
  });
});

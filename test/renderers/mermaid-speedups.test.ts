import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mermaidBundlePath } from '../../src/renderers/browser.js';
import { FRESH_COPY_SOURCE, MERMAID_SPEEDUPS, withMermaidSpeedups } from '../../src/renderers/mermaid-speedups.js';

// The faster configuration copy against Mermaid's own assignWithDepth, taken from the installed bundle's text.
const bundle = readFileSync(mermaidBundlePath(), 'utf8');
type Copy = (target: object, source: object, options?: { depth: number }) => object;
const ORIGINAL_AT = /vD=s\(((?:\(e,t,\{depth:r=2\}=\{\}\)=>\{)[\s\S]*?),"assignWithDepth"\)/.exec(bundle);

function originalAssignWithDepth(): Copy {
  if (!ORIGINAL_AT) throw new Error('assignWithDepth not found in mermaid.min.js: the pinned version changed, see src/renderers/mermaid-speedups.ts');
  return new Function('s', `let vD;vD=s(${ORIGINAL_AT[1]});return vD;`)((f: unknown) => f) as Copy;
}
const assignWithDepth = originalAssignWithDepth();
const fresh = (new Function(`return ${FRESH_COPY_SOURCE}`)() as (m: Copy) => (source: object, depth: number) => object)(assignWithDepth);

/** Every object reachable from `value`, to tell copies from shared references. */
function reachable(value: unknown, into = new Set<object>()): Set<object> {
  if (value !== null && (typeof value === 'object' || typeof value === 'function') && !into.has(value)) {
    into.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
      if ('value' in descriptor) reachable(descriptor.value, into);
    }
  }
  return into;
}

/** `a` and `b` are the same tree: same prototypes, keys in order, descriptors, values; a shared input object in one is the same object in the other. */
function expectSameTree(a: unknown, b: unknown, inputs: Set<object>, where = '$'): void {
  if (a === null || typeof a !== 'object' || inputs.has(a)) {
    expect(Object.is(a, b), where).toBe(true);
    return;
  }
  expect(b !== null && typeof b === 'object' && !inputs.has(b), `${where}: a copy on both sides`).toBe(true);
  expect(Object.getPrototypeOf(b), where).toBe(Object.getPrototypeOf(a));
  expect(Array.isArray(b), where).toBe(Array.isArray(a));
  expect(Reflect.ownKeys(b as object), where).toEqual(Reflect.ownKeys(a));
  for (const key of Reflect.ownKeys(a)) {
    const da = Object.getOwnPropertyDescriptor(a, key)!;
    const db = Object.getOwnPropertyDescriptor(b as object, key)!;
    expect([db.writable, db.enumerable, db.configurable, 'get' in db], `${where}.${String(key)}`).toEqual([da.writable, da.enumerable, da.configurable, 'get' in da]);
    expectSameTree(da.value, db.value, inputs, `${where}.${String(key)}`);
  }
}

const shared = { deep: { deeper: 1 } };
const constant = () => 1;
class Settings {
  size = 3;
  nested = { a: [1, 1] };
}
const withGetter = Object.defineProperty({ plain: 1 }, 'computed', { get: () => ({ made: 'fresh' }), enumerable: true });
const hidden = Object.defineProperty({ shown: 1 }, 'hidden', { value: { no: 1 }, enumerable: false });
const symbolic = { [Symbol('s')]: { a: 1 }, b: { c: 2 } };

const CASES: [string, () => object][] = [
  [
    'a configuration: sections, theme variables, arrays with repeats, levels below depth 2',
    () => ({
      theme: 'default',
      maxTextSize: 50000,
      flowchart: { htmlLabels: true, curve: 'basis', padding: 8, nested: { level3: shared, list: [1, 2, 2] } },
      themeVariables: { primaryColor: '#fff', fontFamily: 'trebuchet ms', pie1: '#f00', fn: constant },
      secure: ['secure', 'securityLevel', 'securityLevel'],
      gantt: { sectionFills: ['#a', '#b', '#a'], tickInterval: undefined },
    }),
  ],
  ['null values, undefined values, functions', () => ({ a: null, b: undefined, c: constant, d: { e: null, f: { g: null } }, h: [null, null, undefined] })],
  ['keys Object.prototype also has, and integer-like keys', () => ({ constructor: 'x', toString: { a: 1 }, hasOwnProperty: 3, 10: 'ten', 2: { two: 2 }, z: 1 })],
  ["an own __proto__ key (falls back to Mermaid's own function)", () => JSON.parse('{"a":1,"__proto__":{"polluted":true},"b":{"__proto__":{"x":1},"c":2}}') as object],
  ['symbol keys (fall back too)', () => symbolic],
  [
    'class instances, dates, arrays of objects, getters and hidden keys',
    () => ({ settings: new Settings(), when: new Date(0), list: [shared, shared, { a: 1 }], withGetter, hidden, top: withGetter }),
  ],
  ['an empty object, and sections that are empty', () => ({ empty: {}, list: [] })],
];

describe('the configuration copy Mermaid is given (src/renderers/mermaid-speedups.ts)', () => {
  it('applies to the pinned Mermaid: every anchor once', () => {
    for (const { anchor } of MERMAID_SPEEDUPS) expect(bundle.split(anchor).length - 1, anchor).toBe(1);
    const { source, applied } = withMermaidSpeedups(bundle);
    expect(applied).toBe(true);
    for (const { anchor, replacement } of MERMAID_SPEEDUPS) {
      expect(source.includes(anchor), anchor).toBe(false);
      expect(source.split(replacement).length - 1).toBe(1);
    }
    expect(source.length).toBe(bundle.length + MERMAID_SPEEDUPS.reduce((sum, { anchor, replacement }) => sum + replacement.length - anchor.length, 0));
  });

  it('leaves a bundle without the anchors (another Mermaid) as it is', () => {
    expect(withMermaidSpeedups('mermaid=1')).toEqual({ source: 'mermaid=1', applied: false });
    const twice = bundle + MERMAID_SPEEDUPS[0]!.anchor;
    expect(withMermaidSpeedups(twice)).toEqual({ source: twice, applied: false });
  });

  it.each(CASES)("gives what Mermaid's assignWithDepth({}, source) gives: %s", (_, make) => {
    for (const depth of [2, 1, 3]) {
      const source = make();
      const inputs = reachable(source);
      const expected = assignWithDepth({}, source, { depth });
      const actual = fresh(source, depth);
      expectSameTree(expected, actual, inputs);
      // And nothing of the source was touched.
      expectSameTree(make(), source, new Set([shared, constant, withGetter, hidden, symbolic]));
    }
  });

  it('is a copy: changing it, down to depth 2, leaves the source as it was', () => {
    const source = { flowchart: { padding: 8, nested: { a: 1 } }, list: [1] };
    const copy = fresh(source, 2) as typeof source;
    copy.flowchart.padding = 99;
    copy.flowchart.nested.a = 2;
    copy.list.push(2);
    expect(source).toEqual({ flowchart: { padding: 8, nested: { a: 1 } }, list: [1] });
  });
});

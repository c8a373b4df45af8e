/**
 * Faster configuration copies for Mermaid's browser bundle, applied to its text before the
 * page loads it.
 *
 * Mermaid 11 answers every `getConfig()` with a fresh copy of its whole configuration
 * (`assignWithDepth({}, config)`: ~900 keys, every diagram type's defaults and 271 theme
 * variables), key by key through `Object.entries` and `Object.defineProperty`, and makes
 * another whenever it updates it. A scenario flow asks for ~60 copies: in a CPU profile of the
 * page they were ~45% of the time to draw a diagram (74 → 36 ms of CPU per scenario flow).
 * The copy below returns the same object (same keys in the same order, same values, same
 * sharing below depth 2, arrays de-duplicated, `null` values left out) through
 * `Object.assign`, which V8 copies in one step, and falls back to Mermaid's own function for
 * an object it does not handle the same way (an own `__proto__` key or symbol keys).
 * `test/renderers/mermaid-speedups.test.ts` compares it with the bundle's own function on
 * tricky objects; `test/renderers/chromium.e2e.test.ts` draws the same SVG bytes with and
 * without it.
 *
 * The anchors are the minified text of the pinned Mermaid version (package.json's peer
 * dependency). Another version that does not contain each exactly once is loaded as it is:
 * slower, never different.
 */

/**
 * `(assignWithDepth) => (source, depth) => copy`, equal to `assignWithDepth({}, source, { depth })`
 * for a plain object `source`. Its own text, so that the unit test can evaluate it in Node.
 */
export const FRESH_COPY_SOURCE =
  '(m=>{const u=o=>{const v=[];o.forEach(y=>{v.includes(y)||v.push(y)});return v},' +
  'c=(t,r)=>{if(Object.hasOwn(t,"__proto__")||Object.getOwnPropertySymbols(t).length>0)return m({},t,{depth:r});' +
  'const e=Object.assign({},t);for(const a of Object.keys(e)){const o=e[a];' +
  'typeof o=="object"&&(o===null?delete e[a]:e[a]=Array.isArray(o)?u(o):r-1<=0?Object.assign({},o):c(o,r-1))}return e};return c})';

/** The copy of `value` at depth 2, through one copier kept on assignWithDepth (`ii` in the bundle) itself. */
const freshCopy = (value: string) => `(ii.omniFreshCopy??=${FRESH_COPY_SOURCE}(ii))(${value},2)`;

/**
 * The two places that copy the whole configuration, in mermaid.min.js 11.17.2 (`ii` is
 * assignWithDepth, `$x` the current configuration): `getConfig`, and the first line of
 * `updateCurrentConfig`, which every diagram runs through (a directive, the flowchart's
 * own settings) — about 60 copies per scenario flow.
 */
export const MERMAID_SPEEDUPS: readonly { anchor: string; replacement: string }[] = [
  { anchor: 'Lt=s(()=>ii({},$x),"getConfig")', replacement: `Lt=s(()=>${freshCopy('$x')},"getConfig")` },
  { anchor: 'Fx=s((e,t)=>{let r=ii({},e),n={};', replacement: `Fx=s((e,t)=>{let r=${freshCopy('e')},n={};` },
];

const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** The bundle with the faster copies, when every anchor is there exactly once; else the bundle as it is. */
export function withMermaidSpeedups(bundle: string): { source: string; applied: boolean } {
  if (!MERMAID_SPEEDUPS.every(({ anchor }) => occurrences(bundle, anchor) === 1)) return { source: bundle, applied: false };
  let source = bundle;
  for (const { anchor, replacement } of MERMAID_SPEEDUPS) source = source.replace(anchor, () => replacement);
  return { source, applied: true };
}

import jsYaml from 'js-yaml';
import type { Range } from '../diagnostics/types.js';
import { readSimpleYaml, UNSUPPORTED } from './fast-yaml.js';

/**
 * YAML is parsed with js-yaml for speed (lint must cost little more than reading the
 * files), or by fast-yaml.ts when the file is plain block YAML; node positions are computed later, with the `yaml` package, and only for
 * files that have something to report (see positions.ts).
 *
 * Core schema plus merge keys: no timestamps (dates stay strings, as the JSON Schema
 * expects), no custom tags.
 */
// `types` is exported by js-yaml but missing from its type definitions.
const { merge } = (jsYaml as unknown as { types: { merge: jsYaml.Type } }).types;
const SCHEMA = jsYaml.CORE_SCHEMA.extend({ implicit: [merge] });

/** Beyond this many nodes once aliases are expanded, a document is an alias bomb. */
const MAX_EXPANDED_NODES = 1_000_000;

export type ParseResult =
  | { ok: true; data: unknown }
  | { ok: false; message: string; range: Range };

export function parseYaml(text: string, fileName: string): ParseResult {
  // Plain block YAML (nearly every model file) is read by a faster reader that returns
  // what js-yaml would; anything else, and every error, goes through js-yaml itself.
  const simple = readSimpleYaml(text);
  if (simple !== UNSUPPORTED) return { ok: true, data: simple };
  let data: unknown;
  try {
    data = jsYaml.load(text, { filename: fileName, schema: SCHEMA, json: false });
  } catch (error) {
    if (error instanceof jsYaml.YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      const line = (mark?.line ?? 0) + 1;
      const column = (mark?.column ?? 0) + 1;
      const position = { line, column };
      return { ok: false, message: error.reason || 'invalid YAML', range: { start: position, end: position } };
    }
    if (error instanceof RangeError) {
      // Deeply nested flow collections exhaust the parser's stack.
      const position = { line: 1, column: 1 };
      return { ok: false, message: 'the document nests too deeply to be read', range: { start: position, end: position } };
    }
    throw error;
  }
  // Without a `*`, the document has no alias to expand.
  if (text.includes('*') && countExpandedNodes(data, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES) {
    const position = firstAliasPosition(text);
    return {
      ok: false,
      message: `aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} nodes (an alias bomb?)`,
      range: { start: position, end: position },
    };
  }
  return { ok: true, data };
}

/**
 * Counts nodes as if every alias were expanded, in time linear in the number of
 * distinct nodes: js-yaml shares one object per anchor, so sizes are memoised by identity.
 */
function countExpandedNodes(root: unknown, limit: number): number {
  const sizes = new Map<object, number>();
  const sizeOf = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    const children = Array.isArray(node) ? node : Object.values(node as Record<string, unknown>);
    for (const child of children) {
      total += sizeOf(child);
      if (total > limit) break;
    }
    sizes.set(node, total);
    return total;
  };
  return sizeOf(root);
}

/** Where the first alias (`*name`) stands, to point an alias-bomb error at something useful. */
function firstAliasPosition(text: string): { line: number; column: number } {
  const match = /(^|[\s[{,:-])\*[^\s,\]}]+/m.exec(text);
  if (!match) return { line: 1, column: 1 };
  const offset = match.index + match[1]!.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

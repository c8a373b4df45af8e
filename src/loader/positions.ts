import type { JsonPath, Location, Range } from '../diagnostics/types.js';

type YamlModule = typeof import('yaml');
type YamlNode = import('yaml').Node;

/**
 * Maps JSON paths to line:col in one file's source. Built on demand, only for files
 * that have diagnostics, with the `yaml` package's concrete syntax tree.
 */
export interface PositionResolver {
  resolve(location: Location): Range;
}

let yamlModule: YamlModule | undefined;

export async function createPositionResolver(text: string): Promise<PositionResolver> {
  yamlModule ??= await import('yaml');
  const { parseDocument, LineCounter } = yamlModule;
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false });
  const toPosition = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const toRange = (start: number, end: number): Range => ({ start: toPosition(start), end: toPosition(Math.max(start, end)) });

  return {
    resolve(location) {
      if (location.range) return location.range;
      const found = findNode(yamlModule!, document, location.path, location.target === 'key');
      if (!found?.range) return toRange(0, 0);
      const [start, valueEnd] = found.range;
      if (location.needle) {
        const index = findNeedle(text.slice(start, valueEnd), location.needle);
        if (index >= 0) return toRange(start + index, start + index + location.needle.length);
      }
      return toRange(start, valueEnd);
    },
  };
}

/** Walks the path as far as it goes; the deepest node reached stands for the rest. */
function findNode(yaml: YamlModule, doc: import('yaml').Document, path: JsonPath, wantKey: boolean): YamlNode | null {
  let node = doc.contents as YamlNode | null;
  for (let depth = 0; depth < path.length && node; depth++) {
    const segment = path[depth]!;
    const isLast = depth === path.length - 1;
    if (yaml.isAlias(node)) node = (node.resolve(doc) as YamlNode | undefined) ?? node;
    if (yaml.isMap(node)) {
      const pair = node.items.find((item) => scalarKey(yaml, item.key) === String(segment));
      if (!pair) return node;
      if (isLast && wantKey && yaml.isNode(pair.key)) return pair.key;
      // A key with no value (`name:`) has no value node, or an empty null scalar after
      // the colon: point at the key.
      const value = yaml.isNode(pair.value) && !isEmptyScalar(yaml, pair.value) ? pair.value : undefined;
      node = (value ?? (yaml.isNode(pair.key) ? pair.key : node)) as YamlNode;
    } else if (yaml.isSeq(node)) {
      const item = typeof segment === 'number' ? node.items[segment] : undefined;
      if (!yaml.isNode(item)) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

function scalarKey(yaml: YamlModule, key: unknown): string | undefined {
  if (yaml.isScalar(key)) return String(key.value);
  return undefined;
}

function isEmptyScalar(yaml: YamlModule, node: YamlNode): boolean {
  return yaml.isScalar(node) && node.value === null && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
}

/**
 * The needle's first occurrence inside a `{{…}}` and not part of a longer name, so that
 * `{{cart}}` in "Your cart: {{cart}}" is found at the mustache, not in the prose; else its
 * first occurrence anywhere.
 */
function findNeedle(source: string, needle: string): number {
  const isNameChar = (char: string | undefined) => char !== undefined && /[\w.@/-]/.test(char);
  for (let index = source.indexOf(needle); index >= 0; index = source.indexOf(needle, index + 1)) {
    const inMustache = source.lastIndexOf('{{', index) > source.lastIndexOf('}}', index);
    if (inMustache && !isNameChar(source[index - 1]) && !isNameChar(source[index + needle.length])) return index;
  }
  return source.indexOf(needle);
}

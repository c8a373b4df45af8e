import type { JsonPath, Location, Range } from '../diagnostics/types.js';

type YamlModule = typeof import('yaml');
type YamlNode = import('yaml').Node;
type YamlMap = import('yaml').YAMLMap;
type YamlPair = import('yaml').Pair;
type YamlAlias = import('yaml').Alias;

/**
 * Maps JSON paths to line:col in one file's source. Built on demand, only for files
 * that have diagnostics, with the `yaml` package's syntax tree.
 *
 * Cost: one parse of the file, then O(path length) per diagnostic. Each mapping's keys
 * are indexed the first time a path goes through it, and aliases are resolved through
 * one index of anchors built on first use, so a file with 100,000 findings is not
 * scanned once per finding.
 */
export interface PositionResolver {
  resolve(location: Location): Range;
}

let yamlModule: YamlModule | undefined;

const FILE_START: Range = { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };

export async function createPositionResolver(text: string): Promise<PositionResolver> {
  yamlModule ??= await import('yaml');
  const yaml = yamlModule;
  const lineCounter = new yaml.LineCounter();
  let document: import('yaml').Document;
  try {
    document = yaml.parseDocument(text, { lineCounter, merge: true, uniqueKeys: false, prettyErrors: false });
  } catch {
    // Input deep enough to exhaust the parser's stack: the loader has already reported it;
    // every finding then points at the start of the file.
    return { resolve: (location) => location.range ?? FILE_START };
  }
  const toPosition = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const toRange = (start: number, end: number): Range => ({ start: toPosition(start), end: toPosition(Math.max(start, end)) });
  const index = new DocumentIndex(yaml, document);

  return {
    resolve(location) {
      if (location.range) return location.range;
      const found = index.find(location.path, location.target === 'key');
      if (!found?.range) return toRange(0, 0);
      const [start, valueEnd] = found.range;
      if (location.needle) {
        const at = findNeedle(text, start, valueEnd, location.needle);
        if (at >= 0) return toRange(at, at + location.needle.length);
      }
      return toRange(start, valueEnd);
    },
  };
}

/** Lazily built lookups over one parsed document. */
class DocumentIndex {
  private readonly keysOfMap = new WeakMap<YamlMap, Map<string, YamlPair>>();
  private aliasTargets: Map<YamlAlias, YamlNode | undefined> | undefined;

  constructor(
    private readonly yaml: YamlModule,
    private readonly document: import('yaml').Document,
  ) {}

  /** Walks the path as far as it goes; the deepest node reached stands for the rest. */
  find(path: JsonPath, wantKey: boolean): YamlNode | null {
    const yaml = this.yaml;
    let node = this.document.contents as YamlNode | null;
    for (let depth = 0; depth < path.length && node; depth++) {
      const segment = path[depth]!;
      const isLast = depth === path.length - 1;
      if (yaml.isAlias(node)) node = this.resolveAlias(node) ?? node;
      if (yaml.isMap(node)) {
        const pair = this.pairOf(node, String(segment));
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

  /** The first pair with this key; each mapping's keys are indexed once, on first lookup. */
  private pairOf(map: YamlMap, key: string): YamlPair | undefined {
    let keys = this.keysOfMap.get(map);
    if (!keys) {
      keys = new Map();
      for (const item of map.items as YamlPair[]) {
        const name = this.yaml.isScalar(item.key) ? String(item.key.value) : undefined;
        if (name !== undefined && !keys.has(name)) keys.set(name, item);
      }
      this.keysOfMap.set(map, keys);
    }
    return keys.get(key);
  }

  /**
   * The node an alias names: the last node anchored with its name before it, in document
   * order (what `Alias.resolve` computes, but that walks the whole document on each call).
   */
  private resolveAlias(alias: YamlAlias): YamlNode | undefined {
    if (!this.aliasTargets) {
      const targets = new Map<YamlAlias, YamlNode | undefined>();
      const anchors = new Map<string, YamlNode>();
      const yaml = this.yaml;
      yaml.visit(this.document, {
        Node: (_key, node) => {
          if (yaml.isAlias(node)) targets.set(node, anchors.get(node.source));
          else if (node.anchor) anchors.set(node.anchor, node);
        },
      });
      this.aliasTargets = targets;
    }
    return this.aliasTargets.get(alias);
  }
}

function isEmptyScalar(yaml: YamlModule, node: YamlNode): boolean {
  return yaml.isScalar(node) && node.value === null && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
}

const isNameChar = (char: string | undefined) => char !== undefined && /[\w.@/-]/.test(char);

/**
 * Offset in `text` of the needle's first occurrence between `start` and `end` inside a
 * `{{…}}` and not part of a longer name, so that `{{cart}}` in "Your cart: {{cart}}" is
 * found at the mustache, not in the prose; else its first occurrence there; else -1.
 * One forward pass: the last `{{` and `}}` before each occurrence are tracked, not searched
 * backwards, so a huge message with many occurrences stays linear.
 */
function findNeedle(text: string, start: number, end: number, needle: string): number {
  let first = -1;
  let lastOpen = -1;
  let lastClose = -1;
  let nextOpen = text.indexOf('{{', start);
  let nextClose = text.indexOf('}}', start);
  for (let index = text.indexOf(needle, start); index >= 0 && index + needle.length <= end; index = text.indexOf(needle, index + 1)) {
    if (first < 0) first = index;
    while (nextOpen >= 0 && nextOpen <= index) {
      lastOpen = nextOpen;
      nextOpen = text.indexOf('{{', nextOpen + 1);
    }
    while (nextClose >= 0 && nextClose <= index) {
      lastClose = nextClose;
      nextClose = text.indexOf('}}', nextClose + 1);
    }
    if (lastOpen > lastClose && !isNameChar(text[index - 1]) && !isNameChar(text[index + needle.length])) return index;
  }
  return first;
}

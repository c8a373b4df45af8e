import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, Scalar, visit, type Document, type Node } from 'yaml';
import type { Files } from './workspace-files.js';

/**
 * Seeded edits of a workspace's files for the differential campaigns, each of one kind:
 * presentation only (keys of a mapping swapped, block and flow styles swapped, a comment
 * added, a string quoted or written as a block scalar), or one value changed away from ids
 * and references (`changed` says where); or, separately, two entities of a section swapped
 * or one moved to a file of its own. test/diff/diff-fuzz.test.ts and
 * test/teams/baseline-fuzz.test.ts draw from it.
 */
export type Path = (string | number)[];

/** Every node of the document with its path from the root. */
export function nodesOf(document: Document): { node: Node; path: Path }[] {
  const found: { node: Node; path: Path }[] = [];
  const walk = (node: unknown, at: Path) => {
    if (isMap(node)) {
      found.push({ node, path: at });
      for (const pair of node.items) if (isScalar(pair.key)) walk(pair.value, [...at, String(pair.key.value)]);
    } else if (isSeq(node)) {
      found.push({ node, path: at });
      node.items.forEach((item, index) => walk(item, [...at, index]));
    } else if (isScalar(node)) found.push({ node, path: at });
  };
  walk(document.contents, []);
  return found;
}

export interface Edit {
  file: string;
  text: string;
  describe: string;
  /** For a changed value: the file's path to it. */
  changed?: Path;
  /** For entities swapped or moved: their section. */
  entities?: string;
  /** A file the edit adds (an entity moved to a file of its own). */
  added?: { file: string; text: string };
}

/** Keys whose values are ids or references: changing one is a rename or a broken reference, not a field change. */
export const REFERENCE_KEYS = new Set([
  'id',
  'stage',
  'channel',
  'program',
  'lifecycle',
  'target',
  'useCases',
  'variables',
  'sources',
  'event',
  'exit',
  'goal',
  'goto',
  'scenario',
  'extends',
  'include',
  'exclude',
  'locale',
  'rules',
  'overrides',
  'plugins',
  'customRules',
  'channels',
  'touchpoints',
  'stages',
  'targets',
  'events',
  'assume',
]);

export function editOf(files: Files, random: () => number): Edit | undefined {
  const names = Object.keys(files).sort();
  const file = names[Math.floor(random() * names.length)]!;
  const document = parseDocument(files[file]!);
  const nodes = nodesOf(document);
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(random() * list.length)];
  const kind = Math.floor(random() * 6);
  if (kind === 0) {
    const map = pick(nodes.filter(({ node }) => isMap(node) && node.items.length > 1));
    if (!map || !isMap(map.node)) return undefined;
    const items = map.node.items;
    const a = Math.floor(random() * items.length);
    const b = (a + 1 + Math.floor(random() * (items.length - 1))) % items.length;
    [items[a], items[b]] = [items[b]!, items[a]!];
    return { file, text: document.toString(), describe: `keys ${a} and ${b} of ${JSON.stringify(map.path)} swapped` };
  }
  if (kind === 1) {
    const collection = pick(nodes.filter(({ node }) => (isMap(node) || isSeq(node)) && node.items.length > 0));
    if (!collection || !(isMap(collection.node) || isSeq(collection.node))) return undefined;
    const flow = !collection.node.flow;
    // A flow collection holds flow collections only.
    visit(collection.node, { Map: (_, map) => void (map.flow = flow), Seq: (_, seq) => void (seq.flow = flow) });
    return { file, text: document.toString(), describe: `${JSON.stringify(collection.path)} in ${flow ? 'flow' : 'block'} style` };
  }
  if (kind === 2) {
    const node = pick(nodes.filter(({ path: at }) => at.length > 0));
    if (!node) return undefined;
    node.node.commentBefore = ' a comment from the diff campaign';
    return { file, text: document.toString(), describe: `a comment before ${JSON.stringify(node.path)}` };
  }
  const strings = nodes.filter(({ node, path: at }) => isScalar(node) && typeof node.value === 'string' && at.length > 0);
  if (kind === 3) {
    const scalar = pick(strings);
    if (!scalar || !isScalar(scalar.node)) return undefined;
    const styles = [Scalar.QUOTE_DOUBLE, Scalar.QUOTE_SINGLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED, Scalar.PLAIN] as const;
    const style = pick([...styles])!;
    scalar.node.type = style;
    return { file, text: document.toString(), describe: `${JSON.stringify(scalar.path)} written ${style}` };
  }
  // A value changed, away from ids and references.
  const values = nodes.filter(
    ({ node, path: at }) => isScalar(node) && at.length >= 3 && !at.some((segment) => typeof segment === 'string' && REFERENCE_KEYS.has(segment) && segment !== at[0]),
  );
  const scalar = pick(values);
  if (!scalar || !isScalar(scalar.node)) return undefined;
  const value = scalar.node.value;
  if (typeof value === 'string') scalar.node.value = `${value} (edited)`;
  else if (typeof value === 'number') scalar.node.value = value + 1;
  else if (typeof value === 'boolean') scalar.node.value = !value;
  else return undefined;
  return { file, text: document.toString(), describe: `${JSON.stringify(scalar.path)} changed`, changed: scalar.path };
}

/** A model file and, in it, the list of one of these sections that has more than one entity. */
function sectionListOf(files: Files, random: () => number, sections: readonly string[]) {
  const names = Object.keys(files)
    .filter((name) => name !== 'omni.yaml')
    .sort();
  const file = names[Math.floor(random() * names.length)]!;
  const document = parseDocument(files[file]!);
  if (!isMap(document.contents)) return undefined;
  const lists = document.contents.items.filter(
    (pair) => isScalar(pair.key) && sections.includes(String(pair.key.value)) && isSeq(pair.value) && pair.value.items.length > 1,
  );
  const pair = lists[Math.floor(random() * lists.length)];
  if (!pair || !isScalar(pair.key) || !isSeq(pair.value)) return undefined;
  return { file, document, section: String(pair.key.value), items: pair.value.items };
}

/** Two entities of one of these sections swapped in their list. */
export function swapEntities(files: Files, random: () => number, sections: readonly string[]): Edit | undefined {
  const list = sectionListOf(files, random, sections);
  if (!list) return undefined;
  const { file, document, section, items } = list;
  const a = Math.floor(random() * items.length);
  const b = (a + 1 + Math.floor(random() * (items.length - 1))) % items.length;
  [items[a], items[b]] = [items[b]!, items[a]!];
  return { file, text: document.toString(), describe: `${section} ${a} and ${b} swapped`, entities: section };
}

/** One entity of one of these sections moved out of its file into a new one (`added`). */
export function moveEntity(files: Files, random: () => number, sections: readonly string[]): Edit | undefined {
  const list = sectionListOf(files, random, sections);
  if (!list) return undefined;
  const { file, document, section, items } = list;
  const index = Math.floor(random() * items.length);
  const [moved] = items.splice(index, 1);
  const added = parseDocument(`${section}: []\n`);
  added.setIn([section], added.createNode([moved]));
  // Beside the file it came from, so a folder's overrides still apply to it.
  const target = path.posix.join(path.posix.dirname(file), `moved-${section}.yaml`);
  if (files[target] !== undefined) return undefined;
  return { file, text: document.toString(), describe: `${section} ${index} moved to ${target}`, entities: section, added: { file: target, text: added.toString() } };
}

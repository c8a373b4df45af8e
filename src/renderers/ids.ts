/**
 * Mermaid node ids from workspace ids. A node id is a prefix naming the kind (so a
 * stage and a channel with the same id stay distinct, and no id can be a keyword such as
 * `end`, `click` or `style`) plus the workspace id reduced to letters, digits and `_`.
 * Two ids that reduce to the same text (`a-b`, `a_b`) get `_2`, `_3`… in the order
 * they are first asked for, which is declaration order: diagrams stay stable as long
 * as the ids do.
 */
export class NodeIds {
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  get(prefix: string, id: string): string {
    const key = `${prefix}\u0000${id}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const base = `${prefix}_${id.replace(/[^A-Za-z0-9]+/g, '_')}`;
    let candidate = base;
    for (let counter = 2; this.taken.has(candidate); counter++) candidate = `${base}_${counter}`;
    this.byKey.set(key, candidate);
    this.taken.add(candidate);
    return candidate;
  }
}

/** File names for per-entity diagrams (`scenarios/<id>.mmd`): ids are already file-safe, this keeps it so under --force. */
export function fileNames(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map((id) => {
    const base = /^[a-z0-9][a-z0-9_-]*$/.test(id) ? id : id.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[_-]*/, '') || 'scenario';
    let candidate = base;
    for (let counter = 2; taken.has(candidate); counter++) candidate = `${base}-${counter}`;
    taken.add(candidate);
    return candidate;
  });
}

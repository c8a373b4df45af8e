/**
 * `table[key]` when the table has that key of its own, else undefined. Keys that come from
 * the user's text (`toString:` in a buffer, an option or a filter named `hasOwnProperty`)
 * must not find Object.prototype's members in a plain object.
 */
export function ownValue<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

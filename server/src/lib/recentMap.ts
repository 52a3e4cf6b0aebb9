/**
 * A Map that keeps at most `limit` entries, for the caches and memories a long-running app must bound:
 * `set` puts an entry in the newest place and drops the oldest beyond the limit; `touch` reads one and
 * moves it to the newest place, so what is used keeps its place (least recently used goes first).
 */
export class RecentMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value, where it is. */
  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** The value, moved to the newest place. */
  touch(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  /** Stores the value in the newest place; the oldest entries beyond the limit go. */
  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    // a Map iterates in insertion order: its first key is the oldest
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }
}

/**
 * A bounded cache that keeps what is used often. Entries live in two generations: a
 * hit in the old one is moved to the young one, and when the young one is full it
 * becomes the old one and the old one is dropped. So a value used by every document
 * (a template paragraph) survives any number of values used once (a paragraph with a
 * patient's name), at the cost of one extra look-up. Holds at most `2 * size` entries.
 *
 * Only for values that can be recomputed from the key: dropping one changes nothing
 * but speed.
 */
export class RecentCache<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();

  constructor(private readonly size: number) {}

  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) {
      this.#old.delete(key);
      this.set(key, old);
    }
    return old;
  }

  set(key: K, value: V): void {
    if (this.#young.size >= this.size) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }

  /** The cached value, or `make(key)` kept for next time. */
  getOrMake(key: K, make: (key: K) => V): V {
    let value = this.get(key);
    if (value === undefined) {
      value = make(key);
      this.set(key, value);
    }
    return value;
  }

  get entries(): number {
    return this.#young.size + this.#old.size;
  }
}

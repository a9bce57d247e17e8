/** Two generations of a bounded map (see RecentCache). */
class Generations<K, V> {
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

  get entries(): number {
    return this.#young.size + this.#old.size;
  }
}

export interface RecentCacheOptions {
  /**
   * Keep a value only when its key is asked for a second time (the first time only the
   * key is noted). A value used once, such as a paragraph with a patient's name in it,
   * then never takes the place, or the memory, of one that every document uses.
   */
  readonly secondUse?: boolean;
}

/**
 * A bounded cache that keeps what is used often. Entries live in two generations: a
 * hit in the old one is moved to the young one, and when the young one is full it
 * becomes the old one and the old one is dropped. So a value used by every document
 * (a template paragraph) survives any number of values used once, at the cost of one
 * extra look-up. Holds at most `2 * size` values.
 *
 * Only for values that can be recomputed from the key: dropping one changes nothing
 * but speed.
 */
export class RecentCache<K, V> {
  readonly #values: Generations<K, V>;
  readonly #seen: Generations<K, true> | null;

  constructor(size: number, options: RecentCacheOptions = {}) {
    this.#values = new Generations(size);
    this.#seen = options.secondUse ? new Generations(size) : null;
  }

  get(key: K): V | undefined {
    return this.#values.get(key);
  }

  /** The cached value, or `make(key)`, kept for next time (with `secondUse`, kept when the key was asked for before). */
  getOrMake(key: K, make: (key: K) => V): V {
    let value = this.#values.get(key);
    if (value === undefined) {
      value = make(key);
      if (this.#seen === null || this.#seen.get(key)) this.#values.set(key, value);
      else this.#seen.set(key, true);
    }
    return value;
  }

  /** Values held. */
  get entries(): number {
    return this.#values.entries;
  }
}

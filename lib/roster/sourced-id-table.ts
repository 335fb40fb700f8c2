// A compact map from sourcedId to a 32-bit value, for 2.3M ids within the memory budget: a
// Map<string, …> costs ~120 bytes an entry, this ~24 (two 32-bit hashes and a value per slot,
// at most three quarters full). Two ids colliding on all 64 bits is ~1e-7 likely for 2.3M ids; that
// risk is accepted for duplicate detection and the roles join.

// The two hashes of the last hashPair call: no array per lookup (millions per import).
let hashA = 0;
let hashB = 0;

function hashPair(text: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  // 0/0 marks an empty slot.
  hashA = a >>> 0;
  hashB = (b >>> 0) || 1;
}

export class SourcedIdTable {
  private keys: Uint32Array;
  private values: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1024) {
    let size = 16;
    while (size * 3 < initialCapacity * 4) size *= 2;
    this.keys = new Uint32Array(size * 2);
    this.values = new Uint32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  private slotOf(a: number, b: number): number {
    let slot = a & this.mask;
    for (;;) {
      const ka = this.keys[slot * 2];
      const kb = this.keys[slot * 2 + 1];
      if (kb === 0 || (ka === a && kb === b)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  get(id: string): number | undefined {
    hashPair(id);
    const slot = this.slotOf(hashA, hashB);
    return this.keys[slot * 2 + 1] === 0 ? undefined : this.values[slot];
  }

  /** Adds `id` with `value` unless present; true when it was added (one lookup, not has + set). */
  add(id: string, value: number): boolean {
    hashPair(id);
    const slot = this.slotOf(hashA, hashB);
    if (this.keys[slot * 2 + 1] !== 0) return false;
    this.put(hashA, hashB, value);
    return true;
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Whether an id with these two hashes is present (for DeferredIdChecks, which keeps no strings). */
  hasHashes(a: number, b: number): boolean {
    return this.keys[this.slotOf(a, b) * 2 + 1] !== 0;
  }

  set(id: string, value: number): void {
    hashPair(id);
    this.put(hashA, hashB, value);
  }

  private put(a: number, b: number, value: number): void {
    const slot = this.slotOf(a, b);
    if (this.keys[slot * 2 + 1] === 0) {
      this.keys[slot * 2] = a;
      this.keys[slot * 2 + 1] = b;
      this.count += 1;
    }
    this.values[slot] = value;
    if (this.count * 4 > this.values.length * 3) this.grow();
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.values = new Uint32Array(oldValues.length * 2);
    this.mask = this.values.length - 1;
    this.count = 0;
    for (let slot = 0; slot < oldValues.length; slot += 1) {
      const b = oldKeys[slot * 2 + 1] ?? 0;
      if (b !== 0) this.put(oldKeys[slot * 2] ?? 0, b, oldValues[slot] ?? 0);
    }
  }
}

/**
 * Ids to look up once a table is complete (a row may name a user further down the file), kept as
 * their two hashes and a 32-bit tag (12 bytes each, not a string): two million for a district
 * whose students come before their parents.
 */
export class DeferredIdChecks {
  private entries = new Uint32Array(3 * 1024);
  private length = 0;

  /** Defers `id` unless `table` holds it already (hashing it once for both). */
  addUnlessIn(table: SourcedIdTable, id: string, tag: number): void {
    hashPair(id);
    if (!table.hasHashes(hashA, hashB)) this.push(tag);
  }

  /** Appends the last hashed id's hashes with `tag`. */
  private push(tag: number): void {
    if (this.length + 3 > this.entries.length) {
      const grown = new Uint32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.entries[this.length] = hashA;
    this.entries[this.length + 1] = hashB;
    this.entries[this.length + 2] = tag;
    this.length += 3;
  }

  /** The tags of the ids `table` does not hold, in the order added, each once in a row. */
  tagsMissingFrom(table: SourcedIdTable): number[] {
    const tags: number[] = [];
    for (let at = 0; at < this.length; at += 3) {
      const tag = this.entries[at + 2]!;
      if (!table.hasHashes(this.entries[at]!, this.entries[at + 1]!) && tags[tags.length - 1] !== tag) tags.push(tag);
    }
    return tags;
  }
}

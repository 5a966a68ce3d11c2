import { RandomSource } from './random-source.js';
import { hashSeed } from './random-stream.js';

/**
 * Random numbers per entity (a user index): each entity has its own sequence, so what one user
 * draws never shifts what another draws. Two worlds that differ for some users, such as the arms
 * of a paired experiment, then keep every other user's draws identical, and a user's own draws
 * stay aligned until their trajectories part: common random numbers, the classic variance
 * reduction for comparing simulated systems (Law, Simulation Modeling and Analysis, ch. 11).
 *
 * `of(u)` continues entity u's own sequence (a counter per entity). `at(u, key)` starts the
 * sequence keyed by (u, key) afresh, e.g. a user's plan for one day: the same in every world,
 * whatever the user drew before. Each output is a hash of (seed, entity, key, counter): no state
 * but the counters.
 *
 * A counter keeps its low 16 bits per entity (2 bytes: 20 MB at 10M users, where 4 bytes took 40)
 * and its higher bits, which few entities ever reach (65,536 draws), in a map: the counts, and so
 * the draws, are those of a 32-bit counter.
 */
/** A KeyedRandom's whole state (for checkpoints): the per-entity counters and the current sequence. */
export interface KeyedRandomState {
  /** Each entity's whole count (its low 16 bits and its high ones). */
  counters: Uint32Array;
  entity: number;
  key: number;
  count: number;
  persistent: boolean;
  spareNormal: number;
}

export class KeyedRandom extends RandomSource {
  private readonly s0: number;
  private readonly s1: number;
  /** Each entity's count, its low 16 bits. */
  private counters = new Uint16Array(1024);
  /** The higher bits of the counts that passed 65,535, as multiples of 65,536 (by entity). */
  private readonly highs = new Map<number, number>();
  private entity = 0;
  private key = 0;
  private count = 0;
  private persistent = false;

  constructor(seed: string) {
    super();
    const [a, b] = hashSeed(seed);
    this.s0 = a;
    this.s1 = b;
  }

  /** Entity `entity`'s own sequence, continued where it stopped. */
  of(entity: number): this {
    if (entity >= this.counters.length) {
      const grown = new Uint16Array(Math.max(entity + 1, this.counters.length * 2));
      grown.set(this.counters);
      this.counters = grown;
    }
    this.entity = entity;
    this.key = 0x9e3779b9;
    this.persistent = true;
    this.spareNormal = NaN;
    return this;
  }

  /** The sequence keyed by (entity, key), from its start. */
  at(entity: number, key: number): this {
    this.entity = entity;
    this.key = key;
    this.count = 0;
    this.persistent = false;
    this.spareNormal = NaN;
    return this;
  }

  /**
   * The state to continue from (a checkpoint): every entity's counter (4 bytes each, up to the
   * highest entity that drew) and where the current sequence stands.
   */
  snapshot(): KeyedRandomState {
    let used = this.counters.length;
    while (used > 0 && this.counters[used - 1] === 0 && !this.highs.has(used - 1)) used--;
    const counters = Uint32Array.from(this.counters.subarray(0, used));
    for (const [entity, high] of this.highs) counters[entity] += high;
    return {
      counters,
      entity: this.entity,
      key: this.key,
      count: this.count,
      persistent: this.persistent,
      spareNormal: this.spareNormal,
    };
  }

  /** Continues from a state `snapshot` returned. */
  restore(state: KeyedRandomState): void {
    this.counters = new Uint16Array(Math.max(1024, state.counters.length));
    this.highs.clear();
    state.counters.forEach((count, entity) => {
      this.counters[entity] = count & 0xffff;
      if (count > 0xffff) this.highs.set(entity, count - (count & 0xffff));
    });
    this.entity = state.entity;
    this.key = state.key;
    this.count = state.count;
    this.persistent = state.persistent;
    this.spareNormal = state.spareNormal;
  }

  nextUint32(): number {
    let n: number;
    if (this.persistent) {
      const entity = this.entity;
      const low = this.counters[entity];
      // A Uint16Array: 65,535 + 1 is stored as 0, and the 65,536 moves to the high bits.
      this.counters[entity] = low + 1;
      n = this.highs.size === 0 ? low : low + (this.highs.get(entity) ?? 0);
      if (low === 0xffff) this.highs.set(entity, (this.highs.get(entity) ?? 0) + 0x10000);
    } else n = this.count++;
    return mix(mix(mix(n ^ this.s0) ^ this.entity) ^ this.key ^ this.s1);
  }
}

/** A 32-bit integer hash with good avalanche (Wellons' lowbias32). */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

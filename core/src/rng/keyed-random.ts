import { RandomSource } from './random-source.js';
import { hashSeed } from './random-stream.js';

/**
 * Random numbers per entity (a user index): each entity has its own sequence, so what one user
 * draws never shifts what another draws. Two worlds that differ for some users, such as the arms
 * of a paired experiment, then keep every other user's draws identical, and a user's own draws
 * stay aligned until their trajectories part: common random numbers, the classic variance
 * reduction for comparing simulated systems (Law, Simulation Modeling and Analysis, ch. 11).
 *
 * `of(u)` continues entity u's own sequence (a counter per entity, 4 bytes each). `at(u, key)`
 * starts the sequence keyed by (u, key) afresh, e.g. a user's plan for one day: the same in every
 * world, whatever the user drew before. Each output is a hash of (seed, entity, key, counter):
 * no state but the counters.
 */
/** A KeyedRandom's whole state (for checkpoints): the per-entity counters and the current sequence. */
export interface KeyedRandomState {
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
  private counters = new Uint32Array(1024);
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
      const grown = new Uint32Array(Math.max(entity + 1, this.counters.length * 2));
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
    while (used > 0 && this.counters[used - 1] === 0) used--;
    return {
      counters: this.counters.slice(0, used),
      entity: this.entity,
      key: this.key,
      count: this.count,
      persistent: this.persistent,
      spareNormal: this.spareNormal,
    };
  }

  /** Continues from a state `snapshot` returned. */
  restore(state: KeyedRandomState): void {
    this.counters = new Uint32Array(Math.max(1024, state.counters.length));
    this.counters.set(state.counters);
    this.entity = state.entity;
    this.key = state.key;
    this.count = state.count;
    this.persistent = state.persistent;
    this.spareNormal = state.spareNormal;
  }

  nextUint32(): number {
    const n = this.persistent ? this.counters[this.entity]++ : this.count++;
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

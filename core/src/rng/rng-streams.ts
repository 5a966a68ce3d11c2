import { KeyedRandom, type KeyedRandomState } from './keyed-random.js';
import { RandomStream, type RandomStreamState } from './random-stream.js';

/** Every named stream's state (for checkpoints), in the order the streams were first asked for. */
export interface RngStreamsState {
  seed: string;
  streams: [string, RandomStreamState][];
  keyed: [string, KeyedRandomState][];
}

/**
 * Named, independent random streams derived from one run seed. Each concern (population,
 * behaviour, noise, ...) draws from its own stream, so adding draws to one concern never shifts
 * the numbers another concern sees.
 */
export class RngStreams {
  readonly seed: string;
  private readonly streams = new Map<string, RandomStream>();
  private readonly keyedStreams = new Map<string, KeyedRandom>();

  constructor(seed: string) {
    this.seed = seed;
  }

  /** The stream for a concern; the same name returns the same (stateful) stream. */
  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new RandomStream(`${this.seed}\u0000${name}`);
      this.streams.set(name, s);
    }
    return s;
  }

  /**
   * Per-entity random numbers for a concern (KeyedRandom): one user's draws never shift another's,
   * so worlds that differ for a few users keep the rest identical. The same name returns the same one.
   */
  keyed(name: string): KeyedRandom {
    let k = this.keyedStreams.get(name);
    if (!k) {
      k = new KeyedRandom(`${this.seed}\u0000keyed\u0000${name}`);
      this.keyedStreams.set(name, k);
    }
    return k;
  }

  /** The state of every named stream made so far (derived streams keep none). */
  snapshot(): RngStreamsState {
    return {
      seed: this.seed,
      streams: [...this.streams].map(([name, s]) => [name, s.snapshot()]),
      keyed: [...this.keyedStreams].map(([name, k]) => [name, k.snapshot()]),
    };
  }

  /**
   * Continues every stream from a snapshot of streams of the same seed. Streams are restored in
   * place, so whoever holds one (a world's behaviour module) continues from the restored state;
   * streams the snapshot does not name start afresh when first asked for, as they would have.
   */
  restore(state: RngStreamsState): void {
    if (state.seed !== this.seed) throw new Error(`random streams of seed ${JSON.stringify(state.seed)} cannot continue seed ${JSON.stringify(this.seed)}`);
    for (const [name, s] of state.streams) this.stream(name).restore(s);
    for (const [name, k] of state.keyed) this.keyed(name).restore(k);
  }

  /** A fresh stream for a sub-concern (e.g. one user), not cached: same name, same sequence. */
  derive(name: string, index: number | string): RandomStream {
    return new RandomStream(`${this.seed}\u0000${name}\u0000${index}`);
  }

  /** Child streams under a prefix (e.g. one team in course mode). */
  child(name: string): RngStreams {
    return new RngStreams(`${this.seed}/${name}`);
  }
}

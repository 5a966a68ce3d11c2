import type { RandomStream, RandomStreamState } from '../rng/random-stream.js';
import type { EventOutput } from '../transport/transport.js';

/** Rates in [0, 1] of data-quality faults injected into the stream (course staff's exercises). */
export interface StreamFaultRates {
  /** Value replaced by a damaged copy (truncated, garbled bytes, a field dropped). */
  corrupt: number;
  /** Event published twice. */
  duplicate: number;
  /** Event held back and published `lateBy` events later. */
  late: number;
  /** Event swapped with the next one. */
  reorder: number;
}

export const NO_FAULTS: StreamFaultRates = { corrupt: 0, duplicate: 0, late: 0, reorder: 0 };

interface Held {
  topic: string;
  key: string | null;
  value: string;
  due: number;
}

/** The injector's state (for checkpoints): rates, what it holds back, its counts and its random stream. */
export interface StreamFaultsState {
  rates: StreamFaultRates;
  lateBy: number;
  counts: StreamFaults['counts'];
  held: Held[];
  swap: Held | undefined;
  seen: number;
  rng: RandomStreamState;
}

/**
 * An output decorator that damages the stream at configured rates, drawing from its own seeded
 * stream so that the same seed damages the same events: "1% corrupt lines" gives the same 1%
 * every run. Counts what it did, for the run summary and for tests.
 */
export class StreamFaults implements EventOutput {
  rates: StreamFaultRates = { ...NO_FAULTS };
  lateBy = 50;
  readonly counts = { passed: 0, corrupted: 0, duplicated: 0, delayed: 0, reordered: 0 };
  private held: Held[] = [];
  private swap: Held | undefined;
  private seen = 0;

  constructor(
    private readonly inner: EventOutput,
    private readonly rng: RandomStream,
  ) {}

  /** The simulated time of the latest event, for what the final flush lets out. */
  private lastTime: number | undefined;

  declareTopic(topic: string): void {
    this.inner.declareTopic?.(topic);
  }

  /** Damage needs the value, and so does a held-back or swapped line still to go out. */
  reads(topic: string): boolean {
    return this.damaging || this.held.length > 0 || this.swap !== undefined || (this.inner.reads?.(topic) ?? true);
  }

  /** Counted as seen and passed, as publishing it would have (nothing is held back: see `reads`). */
  discard(topic: string, time?: number, count = 1): void {
    this.seen += count;
    this.lastTime = time;
    this.counts.passed += count;
    this.inner.discard?.(topic, time, count);
  }

  private get damaging(): boolean {
    const r = this.rates;
    return r.corrupt !== 0 || r.duplicate !== 0 || r.late !== 0 || r.reorder !== 0;
  }

  /** A held-back or swapped line goes out stamped with the time it is sent at (it arrives late). */
  publish(topic: string, key: string | null, value: string, time?: number): void | Promise<void> {
    this.seen++;
    this.lastTime = time;
    // No faults configured and none pending: pass straight through (no draws, so no cost).
    if (!this.damaging && this.held.length === 0 && this.swap === undefined) {
      this.counts.passed++;
      return this.inner.publish(topic, key, value, time);
    }
    const waits: Promise<void>[] = [];
    const send = (t: string, k: string | null, v: string) => {
      const w = this.inner.publish(t, k, v, time);
      if (w) waits.push(w);
    };
    // Draw every rate for every event so that changing one rate does not shift the others' picks.
    const rCorrupt = this.rng.next();
    const rDuplicate = this.rng.next();
    const rLate = this.rng.next();
    const rReorder = this.rng.next();
    let v = value;
    if (rCorrupt < this.rates.corrupt) {
      v = this.corrupt(value);
      this.counts.corrupted++;
    }
    if (rLate < this.rates.late) {
      this.held.push({ topic, key, value: v, due: this.seen + this.lateBy });
      this.counts.delayed++;
    } else if (this.swap === undefined && rReorder < this.rates.reorder) {
      this.swap = { topic, key, value: v, due: 0 };
      this.counts.reordered++;
    } else {
      send(topic, key, v);
      this.counts.passed++;
      if (rDuplicate < this.rates.duplicate) {
        send(topic, key, v);
        this.counts.duplicated++;
      }
      if (this.swap) {
        send(this.swap.topic, this.swap.key, this.swap.value);
        this.swap = undefined;
      }
    }
    while (this.held.length > 0 && this.held[0].due <= this.seen) {
      const h = this.held.shift()!;
      send(h.topic, h.key, h.value);
    }
    if (waits.length > 0) return Promise.all(waits).then(() => undefined);
  }

  async flush(): Promise<void> {
    // Nothing is lost at the end: held-back and swapped events go out before the flush.
    if (this.swap) {
      await this.inner.publish(this.swap.topic, this.swap.key, this.swap.value, this.lastTime);
      this.swap = undefined;
    }
    for (const h of this.held) await this.inner.publish(h.topic, h.key, h.value, this.lastTime);
    this.held = [];
    await this.inner.flush();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Events held back or waiting to be swapped, not yet published (what a crash would lose). */
  get holding(): number {
    return this.held.length + (this.swap ? 1 : 0);
  }

  /**
   * The state between two events (a checkpoint). Held-back events stay held: flushing them would
   * put them earlier in the stream than an uninterrupted run does.
   */
  snapshot(): StreamFaultsState {
    return {
      rates: { ...this.rates },
      lateBy: this.lateBy,
      counts: { ...this.counts },
      held: this.held.map((h) => ({ ...h })),
      swap: this.swap ? { ...this.swap } : undefined,
      seen: this.seen,
      rng: this.rng.snapshot(),
    };
  }

  restore(state: StreamFaultsState): void {
    this.rates = { ...state.rates };
    this.lateBy = state.lateBy;
    Object.assign(this.counts, state.counts);
    this.held = state.held.map((h) => ({ ...h }));
    this.swap = state.swap ? { ...state.swap } : undefined;
    this.seen = state.seen;
    this.rng.restore(state.rng);
  }

  private corrupt(value: string): string {
    switch (this.rng.int(3)) {
      case 0:
        return value.slice(0, Math.max(1, this.rng.int(value.length)));
      case 1: {
        const i = this.rng.int(Math.max(1, value.length));
        return `${value.slice(0, i)}\u0000\ufffd#${value.slice(i + 1)}`;
      }
      default: {
        const parts = value.split(',');
        if (parts.length < 2) return `${value}??`;
        parts.splice(this.rng.int(parts.length), 1);
        return parts.join(',');
      }
    }
  }
}

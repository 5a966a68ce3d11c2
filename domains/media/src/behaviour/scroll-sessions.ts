import type { HandlerId, RandomStream, Scheduler } from '@prodsim/core';
import type { PositionBias } from './position-bias.js';

export interface ScrollHandler {
  /**
   * The user reaches `position` of the feed at `time` (an impression): decide how they react, and
   * return how long they stay on the item in ms, or -1 if the session ends here.
   */
  view(time: number, user: number, item: number, position: number): number;
  /**
   * The user moves off the item at `time` (view time + dwell): the moment to emit what they did
   * with it (like, skip, ...). Return false if the session ends here (e.g. they left the app).
   */
  depart(time: number, user: number, item: number, position: number): boolean;
  /** The session is over: `viewed` items were reached. */
  end?(time: number, user: number, viewed: number): void;
}

/**
 * Users scrolling through feeds: two scheduler events per item reached, when the user gets there
 * and when they move on (after the dwell), so every impression and reaction is emitted at the
 * time it happens and the stream stays in time order. Sessions live in reusable slots (typed
 * arrays), not objects.
 */
export class ScrollSessions {
  private readonly ARRIVE: HandlerId;
  private readonly DEPART: HandlerId;
  private users = new Int32Array(64);
  private positions = new Int32Array(64);
  private lengths = new Int32Array(64);
  private items: Int32Array;
  private readonly free: number[] = [];
  private slots = 0;
  private open = 0;

  constructor(
    private readonly scheduler: Scheduler,
    name: string,
    private readonly maxItems: number,
    private readonly bias: PositionBias,
    private readonly rng: RandomStream,
    private readonly handler: ScrollHandler,
    /** Time between leaving one item and seeing the next, ms. */
    private readonly scrollGapMs = 400,
  ) {
    this.items = new Int32Array(64 * maxItems);
    this.ARRIVE = scheduler.register(`${name}-arrive`, (time, slot) => this.arrive(time, slot));
    this.DEPART = scheduler.register(`${name}-depart`, (time, slot) => this.depart(time, slot));
  }

  /** Sessions in progress. */
  get active(): number {
    return this.open;
  }

  /** Starts a session at `time` over `items` (the feed as shown, top first). */
  start(time: number, user: number, items: readonly number[]): void {
    const n = Math.min(items.length, this.maxItems);
    if (n === 0) {
      this.handler.end?.(time, user, 0);
      return;
    }
    const slot = this.allocate();
    this.users[slot] = user;
    this.positions[slot] = 0;
    this.lengths[slot] = n;
    const base = slot * this.maxItems;
    for (let i = 0; i < n; i++) this.items[base + i] = items[i];
    this.open++;
    this.scheduler.at(time, this.ARRIVE, slot);
  }

  private arrive(time: number, slot: number): void {
    const position = this.positions[slot];
    const dwell = this.handler.view(time, this.users[slot], this.items[slot * this.maxItems + position], position);
    if (dwell < 0) {
      this.finish(time, slot, position + 1);
      return;
    }
    this.scheduler.at(time + Math.round(dwell), this.DEPART, slot);
  }

  private depart(time: number, slot: number): void {
    const position = this.positions[slot];
    const goOn = this.handler.depart(time, this.users[slot], this.items[slot * this.maxItems + position], position);
    const next = position + 1;
    if (!goOn || next >= this.lengths[slot] || !this.bias.continues(this.rng)) {
      this.finish(time, slot, next);
      return;
    }
    this.positions[slot] = next;
    this.scheduler.at(time + this.scrollGapMs, this.ARRIVE, slot);
  }

  private finish(time: number, slot: number, viewed: number): void {
    const user = this.users[slot];
    this.release(slot);
    this.handler.end?.(time, user, viewed);
  }

  private allocate(): number {
    if (this.free.length > 0) return this.free.pop()!;
    if (this.slots === this.users.length) {
      const size = this.slots * 2;
      this.users = grow(this.users, size);
      this.positions = grow(this.positions, size);
      this.lengths = grow(this.lengths, size);
      this.items = grow(this.items, size * this.maxItems);
    }
    return this.slots++;
  }

  private release(slot: number): void {
    this.open--;
    this.free.push(slot);
  }
}

function grow(a: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

import { ErrorCodes, ProdsimError } from '../errors.js';
import type { ReceivedMessage, SubscribeOptions, Subscription, Transport } from './transport.js';

export interface MemoryTransportOptions {
  /** A subscriber may fall this many messages behind before publishers are made to wait. */
  capacity?: number;
  /** Messages kept per topic for subscribers that start `from: 'beginning'` (0 = none). */
  retain?: number;
}

/**
 * The embedded default transport: in-process topics, one bounded queue per subscriber. A slow
 * subscriber makes `publish` return a promise (backpressure) instead of growing without bound.
 * With no subscriber a message is counted and discarded, as core NATS does.
 */
export class MemoryTransport implements Transport {
  readonly name = 'memory';
  private readonly capacity: number;
  private readonly retain: number;
  private readonly topics = new Map<string, TopicState>();
  private closed = false;
  private published = 0;
  private unrouted = 0;

  constructor(options: MemoryTransportOptions = {}) {
    this.capacity = Math.max(1, options.capacity ?? 65_536);
    this.retain = Math.max(0, options.retain ?? 0);
  }

  async connect(): Promise<void> {}

  publish(topic: string, key: string | null, value: string): void | Promise<void> {
    if (this.closed) throw new ProdsimError(ErrorCodes.TRANSPORT_CLOSED, `memory transport is closed; cannot publish to ${topic}`);
    this.published++;
    // Without retention, a topic nobody subscribed to needs no state at all.
    const state = this.retain > 0 ? this.topic(topic) : this.topics.get(topic);
    if (state === undefined) {
      this.unrouted++;
      return;
    }
    return state.deliver({ topic, key, value }, this.retain, this.capacity, () => this.unrouted++);
  }

  /** Only a subscriber or retention reads a topic: otherwise a message is counted and discarded. */
  reads(topic: string): boolean {
    if (this.retain > 0) return true;
    const state = this.topics.get(topic);
    return state !== undefined && state.subscribers.size > 0;
  }

  discard(topic: string, _time?: number, count = 1): void {
    if (this.closed) throw new ProdsimError(ErrorCodes.TRANSPORT_CLOSED, `memory transport is closed; cannot publish to ${topic}`);
    this.published += count;
    this.unrouted += count;
  }

  async flush(): Promise<void> {
    // Delivery into subscriber queues is synchronous: nothing is buffered on the way.
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const state of this.topics.values()) for (const sub of state.subscribers) sub.end();
  }

  subscribe(topic: string, options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw new ProdsimError(ErrorCodes.TRANSPORT_CLOSED, `memory transport is closed; cannot subscribe to ${topic}`);
    if (options.from === 'beginning' && this.retain === 0) {
      throw new ProdsimError(
        ErrorCodes.TRANSPORT_UNSUPPORTED,
        'memory transport keeps no history: create it with { retain: N } to subscribe from the beginning',
      );
    }
    const state = this.topic(topic);
    const sub = new MemorySubscriber(() => state.subscribers.delete(sub), this.capacity);
    if (options.from === 'beginning') for (const m of state.history) sub.push(m);
    state.subscribers.add(sub);
    return sub;
  }

  stats(): Record<string, number> {
    return { published: this.published, unrouted: this.unrouted };
  }

  private topic(name: string): TopicState {
    let state = this.topics.get(name);
    if (!state) {
      state = new TopicState();
      this.topics.set(name, state);
    }
    return state;
  }
}

class TopicState {
  readonly subscribers = new Set<MemorySubscriber>();
  readonly history: ReceivedMessage[] = [];

  deliver(message: ReceivedMessage, retain: number, capacity: number, onUnrouted: () => void): void | Promise<void> {
    if (retain > 0) {
      this.history.push(message);
      if (this.history.length > retain) this.history.splice(0, this.history.length - retain);
    }
    if (this.subscribers.size === 0) {
      onUnrouted();
      return;
    }
    let wait: Promise<void>[] | undefined;
    for (const sub of this.subscribers) {
      sub.push(message);
      if (sub.length >= capacity) (wait ??= []).push(sub.drained());
    }
    if (wait) return wait.length === 1 ? wait[0] : Promise.all(wait).then(() => undefined);
  }
}

class MemorySubscriber implements Subscription {
  readonly ready = Promise.resolve();
  private items: ReceivedMessage[] = [];
  private head = 0;
  private ended = false;
  private wake: (() => void) | undefined;
  private drainWaiters: (() => void)[] = [];

  constructor(
    private readonly detach: () => void,
    private readonly capacity: number,
  ) {}

  get length(): number {
    return this.items.length - this.head;
  }

  push(message: ReceivedMessage): void {
    if (this.ended) return;
    this.items.push(message);
    this.wake?.();
  }

  /** Resolves when the queue has drained to half its capacity (or the subscriber is gone). */
  drained(): Promise<void> {
    if (this.ended || this.length < this.capacity) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.releaseDrainWaiters();
    this.wake?.();
  }

  async close(): Promise<void> {
    this.detach();
    this.end();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ReceivedMessage> {
    try {
      for (;;) {
        if (this.head < this.items.length) {
          const message = this.items[this.head++];
          if (this.head > 4096 && this.head * 2 > this.items.length) {
            this.items = this.items.slice(this.head);
            this.head = 0;
          }
          if (this.drainWaiters.length > 0 && this.length <= this.capacity / 2) this.releaseDrainWaiters();
          yield message;
          continue;
        }
        if (this.ended) return;
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
      }
    } finally {
      this.detach();
      this.ended = true;
      this.releaseDrainWaiters();
    }
  }

  private releaseDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }
}

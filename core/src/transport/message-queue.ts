import type { ReceivedMessage } from './transport.js';

/**
 * The queue behind a subscription: the consumer pushes, the reader iterates. Bounded: once it
 * holds `capacity` messages, `drained()` makes the consumer wait (so a slow reader pauses fetching
 * instead of growing memory). Ends cleanly on `end()`, or with the error it was ended with.
 */
export class MessageQueue implements AsyncIterable<ReceivedMessage> {
  private items: ReceivedMessage[] = [];
  private head = 0;
  private ended = false;
  private error: unknown;
  private wake: (() => void) | undefined;
  private drainWaiters: (() => void)[] = [];

  constructor(private readonly capacity: number) {}

  get length(): number {
    return this.items.length - this.head;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  push(message: ReceivedMessage): void {
    if (this.ended) return;
    this.items.push(message);
    if (this.wake) {
      const wake = this.wake;
      this.wake = undefined;
      wake();
    }
  }

  /** Resolves once the reader has taken the queue down to half its capacity (at once if below capacity). */
  drained(): Promise<void> {
    if (this.ended || this.length < this.capacity) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** No more messages; a reader sees the ones already queued, then the end (or `error`). */
  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.error = error;
    this.releaseDrainWaiters();
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ReceivedMessage> {
    try {
      for (;;) {
        if (this.head < this.items.length) {
          const message = this.items[this.head++];
          if (this.head >= 4096 && this.head * 2 >= this.items.length) {
            this.items = this.items.slice(this.head);
            this.head = 0;
          }
          if (this.drainWaiters.length > 0 && this.length <= this.capacity / 2) this.releaseDrainWaiters();
          yield message;
          continue;
        }
        if (this.ended) {
          if (this.error !== undefined) throw this.error;
          return;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      // The reader left (break, return or throw): nothing will read what comes next.
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

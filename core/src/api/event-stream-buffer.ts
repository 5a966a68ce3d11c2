/** What a world's stream keeps for HTTP clients by default: about a day of the default movies world. */
export const DEFAULT_STREAM_BYTES = 32 * 1024 * 1024;
export const DEFAULT_STREAM_EVENTS = 1_000_000;

export interface EventStreamBufferOptions {
  /** Most characters of event values kept (default 32 Mi); the oldest events go first. */
  maxBytes?: number;
  /** Most events kept (default 1,000,000). */
  maxEvents?: number;
}

/**
 * The recent events of one world, numbered 1, 2, 3, ... in the order the transport got them, for
 * the entity API's /stream: clients read from any id still kept and wait for more. Bounded by
 * events and by characters, so a run's memory does not grow with its length; a client that falls
 * further behind than what is kept is told where the stream goes on. Publishing never waits for
 * HTTP clients: a slow client is the client's problem, as with a broker that expires old data.
 */
export class EventStreamBuffer {
  /** Event values by slot, id 1 in slot 0; grows to `capacity`, then wraps around. */
  private readonly values: (string | undefined)[] = [];
  private readonly capacity: number;
  private readonly maxBytes: number;
  private first = 1;
  private next = 1;
  private bytes = 0;
  private done = false;
  private wake: (() => void) | undefined;
  private woken: Promise<void> | undefined;

  constructor(options: EventStreamBufferOptions = {}) {
    this.capacity = Math.max(1, options.maxEvents ?? DEFAULT_STREAM_EVENTS);
    this.maxBytes = Math.max(1, options.maxBytes ?? DEFAULT_STREAM_BYTES);
  }

  /** The oldest id kept (equal to `nextId` when nothing is kept). */
  get firstId(): number {
    return this.first;
  }

  /** The id the next event will get. */
  get nextId(): number {
    return this.next;
  }

  /** True once the world's run is over: no event will follow. */
  get ended(): boolean {
    return this.done;
  }

  add(value: string): void {
    if (this.done) return;
    while (this.next - this.first >= this.capacity || (this.bytes + value.length > this.maxBytes && this.next > this.first)) this.dropOldest();
    const slot = this.slotOf(this.next);
    if (slot === this.values.length) this.values.push(value);
    else this.values[slot] = value;
    this.bytes += value.length;
    this.next++;
    this.notify();
  }

  /** Up to `max` values from id `from` on (from the oldest kept if `from` is older). */
  read(from: number, max: number): string[] {
    const out: string[] = [];
    for (let id = Math.max(from, this.first); id < this.next && out.length < max; id++) out.push(this.values[this.slotOf(id)]!);
    return out;
  }

  /** Resolves once there is an event with id `from` or later, or the stream has ended. */
  waitFor(from: number): Promise<void> {
    if (this.next > from || this.done) return Promise.resolve();
    this.woken ??= new Promise<void>((resolve) => {
      this.wake = resolve;
    });
    return this.woken;
  }

  /** No more events: clients are told the run is over once they have read everything. */
  end(): void {
    this.done = true;
    this.notify();
  }

  private dropOldest(): void {
    const slot = this.slotOf(this.first);
    this.bytes -= this.values[slot]!.length;
    this.values[slot] = undefined;
    this.first++;
  }

  private slotOf(id: number): number {
    return (id - 1) % this.capacity;
  }

  private notify(): void {
    const wake = this.wake;
    if (wake === undefined) return;
    this.wake = undefined;
    this.woken = undefined;
    wake();
  }
}

import { JetStreamApiError } from '@nats-io/jetstream';
import { StreamRefusal, type AckChannel } from './ack-channel.js';
import { NatsErrorCodes, NatsTransportError } from './errors.js';
import { gate, type Gate } from '@prodsim/core/internal';
import type { Publisher } from './publisher.js';

interface Pending {
  subject: string;
  key: string | null;
  value: string;
  id: number;
}

export interface JetStreamPublisherOptions {
  /** Carry keys in a header (false: only the message id header). */
  keys: boolean;
  maxInFlight: number;
  maxBufferedMessages: number;
  ackTimeout: number;
  deliveryTimeout: number;
  /** Unique per run: message ids are `<runId>-<n>`, so the stream drops re-sent copies. */
  runId: string;
  /** The first message's `n` (a resumed run continues the numbering of the run it continues). */
  firstId?: number;
  where: string;
}

// Not unref'd: during an outage this timer may be all that keeps the process (and the run) alive.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Pipelined JetStream publishes: up to `maxInFlight` awaiting their acknowledgement, the rest
 * queued in order. Every message carries a message id, so when a publish fails (timeout, server
 * restart) it is re-sent with the same id and the stream drops the copy if it already had it.
 * On the first failure sending pauses; once every outstanding publish has settled, the failed ones
 * are re-sent first, in their original order, then the queue carries on.
 */
export class JetStreamPublisher implements Publisher {
  private queue: Pending[] = [];
  private head = 0;
  private inFlight = 0;
  private unacked = 0;
  private nextId = 0;
  private failed: Pending[] = [];
  private paused = false;
  private outageStart = 0;
  private attempts = 0;
  private room: Gate | undefined;
  private idle: Gate | undefined;
  private fatal: Error | undefined;
  private readonly high: number;
  private readonly resume: number;
  private readonly counters = { published: 0, acked: 0, resent: 0, deduplicated: 0, outages: 0, waits: 0, maxUnacked: 0 };

  constructor(
    private readonly channel: AckChannel,
    private readonly options: JetStreamPublisherOptions,
    private readonly log: (line: string) => void,
    /** Called once when publishing has failed for good (the transport lets go of its connection). */
    private readonly onFatal: (error: Error) => void = () => {},
  ) {
    this.nextId = options.firstId ?? 0;
    this.high = options.maxBufferedMessages;
    this.resume = Math.max(0, this.high - Math.max(1, Math.floor(options.maxInFlight / 2)));
  }

  get failure(): Error | undefined {
    return this.fatal;
  }

  publish(subject: string, key: string | null, value: string): void | Promise<void> {
    if (this.fatal) throw this.fatal;
    const message: Pending = { subject, key, value, id: this.nextId++ };
    this.counters.published++;
    const unacked = ++this.unacked;
    if (!this.paused && this.inFlight < this.options.maxInFlight && this.head === this.queue.length) this.send(message);
    else this.queue.push(message);
    if (unacked > this.counters.maxUnacked) this.counters.maxUnacked = unacked;
    if (unacked >= this.high) {
      if (!this.room) {
        this.room = gate();
        this.counters.waits++;
      }
      return this.room.promise;
    }
  }

  private send(m: Pending): void {
    this.inFlight++;
    this.channel.send(m.subject, m.value, `${this.options.runId}-${m.id}`, this.options.keys ? m.key : null, (error, duplicate) => {
      if (error === undefined) this.onAck(duplicate === true);
      else this.onFailure(m, error);
    });
  }

  private onAck(duplicate: boolean): void {
    this.inFlight--;
    this.unacked--;
    this.counters.acked++;
    if (duplicate) this.counters.deduplicated++;
    this.pump();
  }

  private onFailure(m: Pending, error: unknown): void {
    this.inFlight--;
    if (this.fatal) return;
    const refused =
      (error instanceof StreamRefusal && error.code !== 503) ||
      error instanceof JetStreamApiError ||
      /max(imum)?[ _]payload/i.test(String((error as Error)?.message));
    if (refused) {
      // The stream itself refused the message (too large, no stream for the subject, ...): a retry cannot help.
      this.abort(
        new NatsTransportError(NatsErrorCodes.DELIVERY, `JetStream at ${this.options.where} refused a message on ${m.subject}: ${(error as Error).message}`, {
          cause: error,
        }),
      );
      return;
    }
    this.failed.push(m);
    if (!this.paused) {
      this.paused = true;
      if (this.attempts === 0) {
        this.outageStart = Date.now();
        this.counters.outages++;
        this.log(
          `nats: cannot publish to JetStream at ${this.options.where} (${(error as Error)?.message ?? error}); re-sending for up to ${this.options.deliveryTimeout / 1000} s with ${this.unacked} events held`,
        );
      }
    }
    if (this.inFlight === 0) void this.resend(error);
  }

  /** Every outstanding publish has settled: put the failed ones back at the front, in order, and go on. */
  private async resend(error: unknown): Promise<void> {
    const elapsed = Date.now() - this.outageStart;
    if (elapsed >= this.options.deliveryTimeout) {
      this.abort(
        new NatsTransportError(
          NatsErrorCodes.DELIVERY,
          `could not deliver ${this.unacked} events to JetStream at ${this.options.where} for ${Math.round(elapsed / 1000)} s: ${(error as Error)?.message ?? error}`,
          { cause: error },
        ),
      );
      return;
    }
    this.attempts++;
    const failed = this.failed.sort((a, b) => a.id - b.id);
    this.failed = [];
    this.counters.resent += failed.length;
    this.queue = failed.concat(this.queue.slice(this.head));
    this.head = 0;
    await sleep(Math.min(2000, 50 * 2 ** Math.min(this.attempts, 6)));
    if (this.fatal) return;
    this.paused = false;
    // Probe with one message; the rest follow once it is acknowledged (see onAck → pump).
    if (this.head < this.queue.length) this.send(this.queue[this.head++]);
  }

  private pump(): void {
    if (this.paused) {
      if (this.inFlight === 0 && this.failed.length > 0) void this.resend(new Error('publish failed'));
      return;
    }
    if (this.attempts > 0 && this.failed.length === 0) {
      this.log(
        `nats: JetStream at ${this.options.where} acknowledges again after ${((Date.now() - this.outageStart) / 1000).toFixed(1)} s; re-sending ${this.counters.resent} events (the stream drops copies it already has)`,
      );
      this.attempts = 0;
    }
    const max = this.options.maxInFlight;
    while (this.inFlight < max && this.head < this.queue.length) this.send(this.queue[this.head++]);
    if (this.head === this.queue.length) {
      if (this.head > 0) {
        this.queue = [];
        this.head = 0;
      }
    } else if (this.head > 65_536 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    // Let a waiting publisher go once half a window has room: its next synchronous burst stays
    // short, so acknowledgements (same thread) are not held up while the server runs dry.
    if (this.room && this.unacked <= this.resume) {
      const room = this.room;
      this.room = undefined;
      room.resolve();
    }
    if (this.unacked === 0 && this.idle) {
      const idle = this.idle;
      this.idle = undefined;
      idle.resolve();
    }
  }

  async flush(): Promise<void> {
    if (this.fatal) throw this.fatal;
    if (this.unacked === 0) return;
    this.idle ??= gate();
    await this.idle.promise;
    if (this.fatal) throw this.fatal;
  }

  abort(error: unknown, quiet = false): void {
    if (this.fatal) return;
    this.fatal = error instanceof Error ? error : new Error(String(error));
    if (!quiet) this.log(`nats: ${this.fatal.message}`);
    this.room?.reject(this.fatal);
    this.idle?.reject(this.fatal);
    this.room = this.idle = undefined;
    if (!quiet) this.onFatal(this.fatal);
  }

  stats(): Record<string, number> {
    return { ...this.counters, unacked: this.unacked };
  }
}

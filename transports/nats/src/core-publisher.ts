import type { NatsConnection } from '@nats-io/transport-node';
import { NatsErrorCodes, NatsTransportError } from './errors.js';
import { gate, type Gate } from '@prodsim/core/internal';
import { WireHeaders } from './key-header.js';
import type { Publisher } from './publisher.js';

export interface CorePublisherOptions {
  /** Carry keys in a header (false: publish the bare value, the fastest path). */
  keys: boolean;
  flushEvery: number;
  maxBufferedMessages: number;
  deliveryTimeout: number;
  where: string;
}

interface Checkpoint {
  /** Messages published up to this round trip. */
  upTo: number;
  done: boolean;
}

/**
 * Core NATS: no acknowledgement and no persistence (a message with no subscriber is gone), for
 * speed. What is bounded is what the server has not yet seen: every `flushEvery` messages a round
 * trip (PING/PONG) is started, and once more than `maxBufferedMessages` are unconfirmed the
 * publisher waits for the oldest round trips to come back.
 */
export class CorePublisher implements Publisher {
  private published = 0;
  private confirmed = 0;
  private sinceCheckpoint = 0;
  private readonly checkpoints: Checkpoint[] = [];
  private room: Gate | undefined;
  private roomTimer: NodeJS.Timeout | undefined;
  private fatal: Error | undefined;
  private waits = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: CorePublisherOptions,
    private readonly log: (line: string) => void,
    /** Called once when publishing has failed for good (the transport lets go of its connection). */
    private readonly onFatal: (error: Error) => void = () => {},
  ) {}

  get failure(): Error | undefined {
    return this.fatal;
  }

  publish(subject: string, key: string | null, value: string): void | Promise<void> {
    if (this.fatal) throw this.fatal;
    try {
      if (key === null || !this.options.keys) this.nc.publish(subject, value);
      else this.nc.publish(subject, value, { headers: WireHeaders.of(undefined, key) });
    } catch (cause) {
      throw new NatsTransportError(NatsErrorCodes.DELIVERY, `NATS at ${this.options.where} refused a message on ${subject}: ${(cause as Error).message}`, {
        cause,
      });
    }
    this.published++;
    if (++this.sinceCheckpoint >= this.options.flushEvery) {
      this.sinceCheckpoint = 0;
      this.checkpoint();
    }
    if (this.published - this.confirmed >= this.options.maxBufferedMessages) return this.waitForRoom();
  }

  private checkpoint(): Promise<void> {
    const cp: Checkpoint = { upTo: this.published, done: false };
    this.checkpoints.push(cp);
    return this.nc.flush().then(
      () => {
        cp.done = true;
        // PONGs come back in order; confirm the prefix that is done.
        while (this.checkpoints.length > 0 && this.checkpoints[0].done) this.confirmed = this.checkpoints.shift()!.upTo;
        // Resume as soon as the server confirms progress: what it has not seen stays near the bound,
        // so its socket never runs dry while the publisher waits.
        if (this.room && this.published - this.confirmed < this.options.maxBufferedMessages) this.releaseRoom();
      },
      (cause: unknown) => {
        this.abort(
          new NatsTransportError(
            NatsErrorCodes.DELIVERY,
            `NATS at ${this.options.where} did not confirm published messages: ${(cause as Error)?.message ?? cause}`,
            { cause },
          ),
        );
      },
    );
  }

  private waitForRoom(): Promise<void> {
    if (!this.room) {
      this.waits++;
      this.room = gate();
      if (this.sinceCheckpoint > 0) {
        this.sinceCheckpoint = 0;
        void this.checkpoint();
      }
      this.roomTimer = setTimeout(() => {
        this.abort(
          new NatsTransportError(
            NatsErrorCodes.DELIVERY,
            `NATS at ${this.options.where} confirmed nothing for ${this.options.deliveryTimeout / 1000} s with ${this.published - this.confirmed} messages unconfirmed`,
          ),
        );
      }, this.options.deliveryTimeout);
    }
    return this.room.promise;
  }

  private releaseRoom(): void {
    clearTimeout(this.roomTimer);
    const room = this.room;
    this.room = undefined;
    room?.resolve();
  }

  async flush(): Promise<void> {
    if (this.fatal) throw this.fatal;
    if (this.published === this.confirmed) return;
    this.sinceCheckpoint = 0;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new NatsTransportError(
              NatsErrorCodes.DELIVERY,
              `NATS at ${this.options.where} did not confirm a flush within ${this.options.deliveryTimeout / 1000} s`,
            ),
          ),
        this.options.deliveryTimeout,
      );
    });
    try {
      await Promise.race([this.checkpoint(), timeout]);
    } finally {
      clearTimeout(timer);
    }
    if (this.fatal) throw this.fatal;
  }

  abort(error: unknown, quiet = false): void {
    if (this.fatal) return;
    this.fatal = error instanceof Error ? error : new Error(String(error));
    if (!quiet) this.log(`nats: ${this.fatal.message}`);
    clearTimeout(this.roomTimer);
    this.room?.reject(this.fatal);
    this.room = undefined;
    if (!quiet) this.onFatal(this.fatal);
  }

  stats(): Record<string, number> {
    return { published: this.published, confirmed: this.confirmed, waits: this.waits };
  }
}

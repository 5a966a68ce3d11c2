import type { AckCallback, AckChannel } from '../src/ack-channel.js';
import { MsgHdrsImpl, type NatsConnection } from '@nats-io/transport-node';
import { readKey } from '../src/key-header.js';

export interface Published {
  subject: string;
  value: string;
  msgID: string;
  key: string | undefined;
}

/** A stand-in for the JetStream acknowledgement channel: stores (or fails) publishes when told to. */
export class FakeJetStream implements AckChannel {
  /** Every publish attempt, in order. */
  readonly attempts: Published[] = [];
  /** What the "stream" stored: first copy of each message id. */
  readonly stored: Published[] = [];
  private readonly ids = new Set<string>();
  private pending: { p: Published; done: AckCallback }[] = [];
  /** auto: settle at once (on a microtask); manual: wait for settle(). */
  mode: 'auto' | 'manual' = 'auto';
  /** Decides per attempt: undefined = store and acknowledge; an error = fail it (after storing it, if storeThenFail). */
  failWith: ((p: Published, n: number) => unknown) | undefined;
  storeThenFail = false;

  get channel(): AckChannel {
    return this;
  }

  get inFlight(): number {
    return this.pending.length;
  }

  send(subject: string, value: string, msgID: string, key: string | null, done: AckCallback): void {
    const p: Published = { subject, value, msgID, key: key ?? undefined };
    this.attempts.push(p);
    this.pending.push({ p, done });
    if (this.mode === 'auto') queueMicrotask(() => this.settle(1));
  }

  close(): void {}

  settle(n = Infinity): void {
    const batch = this.pending.splice(0, n);
    for (const { p, done } of batch) {
      const failure = this.failWith?.(p, this.attempts.indexOf(p));
      const duplicate = this.ids.has(p.msgID);
      if (failure === undefined || this.storeThenFail) this.store(p);
      if (failure !== undefined) done(failure);
      else done(undefined, duplicate);
    }
  }

  private store(p: Published): void {
    if (this.ids.has(p.msgID)) return;
    this.ids.add(p.msgID);
    this.stored.push(p);
  }
}

/** A stand-in for a core NATS connection: publishes are recorded, flushes resolve when released. */
export class FakeNatsConnection {
  readonly published: { subject: string; value: string; key: string | undefined }[] = [];
  private flushes: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  autoFlush = true;

  get connection(): NatsConnection {
    return this as unknown as NatsConnection;
  }

  get pendingFlushes(): number {
    return this.flushes.length;
  }

  publish(subject: string, value: string, opts?: { headers: { encode(): Uint8Array } }): void {
    // Parse the headers as a subscriber would receive them.
    const key = opts ? (readKey(MsgHdrsImpl.decode(opts.headers.encode())) ?? undefined) : undefined;
    this.published.push({ subject, value, key });
  }

  flush(): Promise<void> {
    if (this.autoFlush) return Promise.resolve();
    return new Promise((resolve, reject) => this.flushes.push({ resolve, reject }));
  }

  releaseFlushes(): void {
    const f = this.flushes;
    this.flushes = [];
    for (const x of f) x.resolve();
  }
}

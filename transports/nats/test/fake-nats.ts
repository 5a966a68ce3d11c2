import type { JetStreamClient, PubAck } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

export interface Published {
  subject: string;
  value: string;
  msgID: string;
  key: string | undefined;
}

/** A stand-in for a JetStream client: acknowledges (or fails) publishes when told to. */
export class FakeJetStream {
  /** Every publish attempt, in order. */
  readonly attempts: Published[] = [];
  /** What the "stream" stored: first copy of each message id. */
  readonly stored: Published[] = [];
  private readonly ids = new Set<string>();
  private pending: { p: Published; resolve: (a: PubAck) => void; reject: (e: unknown) => void }[] = [];
  /** auto: settle at once (on a microtask); manual: wait for settle(). */
  mode: 'auto' | 'manual' = 'auto';
  /** Decides per attempt: undefined = store and acknowledge; an error = fail it (after storing it, if storeThenFail). */
  failWith: ((p: Published, n: number) => unknown) | undefined;
  storeThenFail = false;

  get client(): JetStreamClient {
    return this as unknown as JetStreamClient;
  }

  get inFlight(): number {
    return this.pending.length;
  }

  publish(subject: string, value: string, opts: { msgID: string; headers: { get(k: string): string; has(k: string): boolean } }): Promise<PubAck> {
    const p: Published = { subject, value, msgID: opts.msgID, key: opts.headers.has('Prodsim-Key') ? opts.headers.get('Prodsim-Key') : undefined };
    this.attempts.push(p);
    return new Promise<PubAck>((resolve, reject) => {
      this.pending.push({ p, resolve, reject });
      if (this.mode === 'auto') queueMicrotask(() => this.settle(1));
    });
  }

  settle(n = Infinity): void {
    const batch = this.pending.splice(0, n);
    for (const { p, resolve, reject } of batch) {
      const failure = this.failWith?.(p, this.attempts.indexOf(p));
      if (failure === undefined || this.storeThenFail) this.store(p);
      if (failure !== undefined) reject(failure);
      else resolve({ stream: 'S', seq: this.stored.length, duplicate: this.ids.has(p.msgID) && this.stored.at(-1)?.msgID !== p.msgID, domain: '' } as PubAck);
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

  publish(subject: string, value: string, opts?: { headers: { get(k: string): string } }): void {
    this.published.push({ subject, value, key: opts?.headers.get('Prodsim-Key') });
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

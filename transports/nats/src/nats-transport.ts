import { ErrorCodes, ProdsimError, type SubscribeOptions, type Subscription, type Transport } from '@prodsim/core';
import { jetstream, jetstreamManager, StorageType, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AsyncAckChannel } from './async-ack-channel.js';
import { CorePublisher } from './core-publisher.js';
import { NatsErrorCodes, NatsTransportError } from './errors.js';
import { JetStreamPublisher } from './jetstream-publisher.js';
import { isValidTopic, subjectFor, type NatsTransportOptions } from './nats-options.js';
import { CoreSubscription, JetStreamSubscription } from './nats-subscription.js';
import type { Publisher } from './publisher.js';

export interface NatsTransportDeps {
  /** Where the transport reports outages and recoveries (default: stderr). */
  log?: (line: string) => void;
}

let instanceCounter = 0;

/**
 * Publishes to NATS: by default to JetStream (one stream per team, subjects
 * `<subjectPrefix>.<team>.<topic>`, acknowledged, de-duplicated by message id, pipelined), or with
 * `mode: core` to plain core NATS for speed (no persistence, nothing acknowledged).
 */
export class NatsTransport implements Transport {
  readonly name = 'nats';
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private jsm: JetStreamManager | undefined;
  private publisher: Publisher | undefined;
  private readonly subjects = new Map<string, string>();
  private readonly subscriptions = new Set<Subscription>();
  private readonly log: (line: string) => void;
  private runId: string;
  /** Where message numbering starts: 0, or where a checkpointed run had got to (`continueRun`). */
  private firstId = 0;
  /** Wall ms between a paced run's checkpoints: the stream's duplicate window should outlast it. */
  private checkpointWallMs: number | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  private releasing: Promise<void> | undefined;
  private channel: AsyncAckChannel | undefined;
  private reconnects = 0;
  private disconnects = 0;

  constructor(
    readonly options: NatsTransportOptions,
    deps: NatsTransportDeps = {},
  ) {
    this.log = deps.log ?? ((line) => process.stderr.write(`${line}\n`));
    this.runId = `${options.clientId}-${process.pid}-${Date.now().toString(36)}-${instanceCounter++}`;
  }

  private get where(): string {
    return this.options.servers.join(',');
  }

  connect(): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError('connect'));
    this.connecting ??= this.connectOnce().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  private async connectOnce(): Promise<void> {
    const o = this.options;
    let nc: NatsConnection;
    try {
      nc = await connect({
        servers: o.servers,
        name: o.clientId,
        timeout: o.connectTimeout,
        // Once connected, never give up on the server: an outage is bounded by deliveryTimeout instead.
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
        pingInterval: 10_000,
      });
    } catch (cause) {
      throw new NatsTransportError(
        NatsErrorCodes.CONNECT,
        `cannot connect to NATS server ${this.where} within ${o.connectTimeout} ms: ${(cause as Error)?.message ?? cause}. Is a server running there? (transports/nats/dev-server/start.sh starts one on 127.0.0.1:4222)`,
        { cause },
      );
    }
    this.nc = nc;
    void this.watchStatus(nc);
    if (o.mode === 'jetstream') {
      try {
        this.jsm = await jetstreamManager(nc, { timeout: o.connectTimeout });
        this.js = jetstream(nc, { timeout: o.ackTimeout });
        await this.ensureStream(this.jsm);
      } catch (cause) {
        await nc.close().catch(() => {});
        this.nc = undefined;
        if (cause instanceof ProdsimError) throw cause;
        const message = (cause as Error)?.message ?? String(cause);
        throw new NatsTransportError(
          NatsErrorCodes.STREAM,
          /not enabled|no responders/i.test(message)
            ? `JetStream is not enabled on the NATS server at ${this.where}: start nats-server with -js, or set transport.options.mode to "core"`
            : `cannot set up JetStream stream ${o.stream} at ${this.where}: ${message}`,
          { cause },
        );
      }
      this.channel = new AsyncAckChannel(nc, o.ackTimeout);
      this.publisher = new JetStreamPublisher(
        this.channel,
        {
          keys: o.keys,
          maxInFlight: o.maxInFlight,
          maxBufferedMessages: o.maxBufferedMessages,
          ackTimeout: o.ackTimeout,
          deliveryTimeout: o.deliveryTimeout,
          runId: this.runId,
          firstId: this.firstId,
          where: this.where,
        },
        this.log,
        () => void this.release(),
      );
    } else {
      this.publisher = new CorePublisher(
        nc,
        { keys: o.keys, flushEvery: o.flushEvery, maxBufferedMessages: o.maxBufferedMessages, deliveryTimeout: o.deliveryTimeout, where: this.where },
        this.log,
        () => void this.release(),
      );
    }
  }

  /** The team's stream: created if missing; its subjects widened if it exists without ours. */
  private async ensureStream(jsm: JetStreamManager): Promise<void> {
    const o = this.options;
    const subjects = `${o.subjectPrefix}.${o.team}.>`;
    let info;
    try {
      info = await jsm.streams.info(o.stream);
    } catch (error) {
      if (!/stream not found/i.test((error as Error)?.message ?? '')) throw error;
      await jsm.streams.add({
        name: o.stream,
        subjects: [subjects],
        storage: o.storage === 'memory' ? StorageType.Memory : StorageType.File,
        num_replicas: o.replicas,
        duplicate_window: o.duplicateWindow * 1_000_000,
      });
      this.checkDuplicateWindow(o.duplicateWindow);
      return;
    }
    if (!info.config.subjects?.includes(subjects)) {
      await jsm.streams.update(o.stream, { subjects: [...(info.config.subjects ?? []), subjects] });
    }
    this.checkDuplicateWindow((info.config.duplicate_window ?? 0) / 1_000_000);
  }

  /**
   * A resumed run sends again what its crashed run sent after the last checkpoint, up to one
   * checkpoint interval earlier: the stream drops those copies only while it remembers their ids.
   */
  private checkDuplicateWindow(windowMs: number): void {
    const every = this.checkpointWallMs;
    if (every === undefined || windowMs >= every) return;
    const human = (ms: number) =>
      ms >= 3_600_000 ? `${(ms / 3_600_000).toFixed(1)} h` : ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`;
    this.log(
      `nats: stream ${this.options.stream} remembers message ids for ${human(windowMs)}, less than the ${human(every)} between checkpoints at this speed: ` +
        'a run resumed after a crash may store again what it sent after its last checkpoint; raise transport.options.duplicateWindow (up to 24 h; it applies to a new stream)',
    );
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect') {
        this.disconnects++;
        if (!this.closed) this.log(`nats: disconnected from ${this.where}; reconnecting`);
      } else if (s.type === 'reconnect') {
        this.reconnects++;
        this.log(`nats: reconnected to ${this.where}`);
      }
    }
  }

  private subject(topic: string): string {
    let subject = this.subjects.get(topic);
    if (subject === undefined) {
      if (!isValidTopic(topic))
        throw new NatsTransportError(
          NatsErrorCodes.TOPIC,
          `topic ${JSON.stringify(topic)} cannot be part of a NATS subject (no whitespace, "*", ">" or empty tokens)`,
        );
      subject = subjectFor(this.options, topic);
      this.subjects.set(topic, subject);
    }
    return subject;
  }

  publish(topic: string, key: string | null, value: string): void | Promise<void> {
    if (this.closed) throw this.closedError(`publish to ${topic}`);
    const publisher = this.publisher;
    if (publisher === undefined) throw new ProdsimError(ErrorCodes.TRANSPORT_CONNECT, 'nats transport: publish before connect() finished');
    return publisher.publish(this.subject(topic), key, value);
  }

  async flush(): Promise<void> {
    await this.publisher?.flush();
  }

  /**
   * A checkpointed run's identity and how many events it had published at the checkpoint it
   * continues from: message ids become `<runId>-<n>` with n counted on from there, so the events a
   * crashed run had sent after its checkpoint carry, when the resumed run sends them again, the
   * ids they had, and JetStream drops the copies (within its duplicate window, `duplicateWindow`).
   */
  continueRun(runId: string, published: number, checkpointWallMs?: number): void {
    if (this.publisher) throw new ProdsimError(ErrorCodes.TRANSPORT_INVALID, 'nats transport: continueRun() after connect()');
    this.runId = runId;
    this.firstId = published;
    this.checkpointWallMs = checkpointWallMs;
  }

  get deliveryTimeoutMs(): number {
    return this.options.deliveryTimeout;
  }

  /** Drops the events not acknowledged (or confirmed) yet and lets go of the server (a second Ctrl-C); returns how many. */
  abandon(): number {
    const s = this.publisher?.stats() ?? {};
    const dropped = s.unacked ?? Math.max(0, (s.published ?? 0) - (s.confirmed ?? 0));
    this.publisher?.abort(new NatsTransportError(NatsErrorCodes.DELIVERY, `stopped waiting for NATS server ${this.where}: ${dropped} events dropped`));
    void this.release();
    return dropped;
  }

  subscribe(topic: string, options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw this.closedError(`subscribe to ${topic}`);
    const from = options.from ?? 'now';
    const nc = this.nc;
    if (!nc) throw new ProdsimError(ErrorCodes.TRANSPORT_CONNECT, 'nats transport: subscribe before connect() finished');
    const common = { topic, subject: this.subject(topic), onClose: (s: Subscription) => this.subscriptions.delete(s) };
    let sub: Subscription;
    if (this.options.mode === 'core') {
      if (from === 'beginning')
        throw new NatsTransportError(
          NatsErrorCodes.UNSUPPORTED,
          'core NATS keeps no history: subscribe from "now", or use mode "jetstream" to read from the beginning',
        );
      sub = new CoreSubscription(nc, common);
    } else {
      sub = new JetStreamSubscription(this.js!, this.jsm!, this.options.stream, from, common);
    }
    this.subscriptions.add(sub);
    return sub;
  }

  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    this.closed = true;
    try {
      await this.publisher?.flush();
    } finally {
      this.publisher?.abort(this.closedError('publish'), true);
      await this.release();
    }
  }

  /**
   * Lets go of subscriptions and the connection (which would otherwise reconnect forever), so that
   * nothing keeps the process alive: on close, and when publishing failed for good.
   */
  private release(): Promise<void> {
    this.releasing ??= (async () => {
      this.channel?.close();
      await Promise.allSettled([...this.subscriptions].map((s) => s.close()));
      await this.nc?.close().catch(() => {});
    })();
    return this.releasing;
  }

  private closedError(what: string): ProdsimError {
    return new ProdsimError(ErrorCodes.TRANSPORT_CLOSED, `nats transport is closed; cannot ${what}`);
  }

  stats(): Record<string, number> {
    return { ...(this.publisher?.stats() ?? {}), disconnects: this.disconnects, reconnects: this.reconnects };
  }
}
